"""Shared by every stage: JSON pointers (RFC 6901); build, escape, split and resolve them in one place."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote


def escape(key: object) -> str:
    """One reference token: `~` -> `~0`, `/` -> `~1`."""
    return str(key).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def build(*parts: object) -> str:
    """`build("paths", "/a/{id}")` -> `/paths/~1a~1{id}`."""
    return "".join("/" + escape(p) for p in parts)


def join(base: str, *parts: object) -> str:
    """`base` extended by more tokens."""
    return base + build(*parts)


def split(ptr: str) -> list[str]:
    """The unescaped tokens of a pointer (a `$ref` fragment may be percent-encoded too)."""
    return [unescape(unquote(p)) for p in ptr.lstrip("/").split("/")] if ptr else []


def last(ptr: str) -> str:
    """The last token, unescaped: a component's name."""
    return unescape(ptr.rsplit("/", 1)[-1])


def resolve(document: Any, fragment: str) -> Any:
    """Follow a pointer (`/components/schemas/A`) through `document`; KeyError if absent."""
    node = document
    for part in split(fragment):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise KeyError(fragment)
    return node


def deref(document: Any, node: Any, ptr: str) -> tuple[Any, str]:
    """Follow a chain of internal `$ref`s from `node` (found at `ptr`); return the target and its
    pointer. The chain ends at a remote ref or one seen before (the loader reports both, and
    refuses dangling ones)."""
    seen = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith("#") or ref in seen:
            break
        seen.add(ref)
        ptr = ref[1:]
        node = resolve(document, ptr)
    return node, ptr
