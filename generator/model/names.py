"""Stage 2 (model): turning names from a spec into valid, deterministic Python identifiers: the
case conventions, unique names in a namespace, and the names the model gives what the spec leaves
unnamed (arguments, resource classes, schemas outside components, untagged operations)."""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections.abc import Callable

from .. import pointer as pointer_module
from .runtime_names import CLASS_RESERVED, PARAM_RESERVED

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def _ascii(text: str) -> str:
    """ASCII letters and digits for any text, so that no name is lost.

    NFKD splits accented letters so "café" becomes "cafe" rather than "caf"; other letters
    are spelled by their Unicode name (`Ω` -> `Omega`, `ж` -> `zhe`), and what has no such
    name (`宠`) becomes its code point as a word (`u23456`).
    """
    if text.isascii():
        return text  # the loop below would give it back unchanged, slowly
    out = []
    for char in text:
        plain = (
            unicodedata.normalize("NFKD", char.replace("ß", "ss")).encode("ascii", "ignore").decode("ascii")
        )
        if plain or not char.isalnum():
            out.append(plain)
            continue
        name = unicodedata.name(char, "")
        spelled = name.partition(" LETTER ")[2].split(" ")[0] if " LETTER " in name else ""
        if spelled.isalpha() and spelled.isascii():
            out.append(" " + (spelled.title() if "CAPITAL" in name else spelled.lower()))
        else:
            out.append(f" u{ord(char)} ")
    return "".join(out)


def words(text: str) -> list[str]:
    """Split camelCase, PascalCase, snake_case, kebab-case and free text into words."""
    return _WORD.findall(_ascii(text))


def snake(text: str, reserved: frozenset[str] = frozenset()) -> str:
    """`GetContactImport` -> `get_contact_import`; always a valid identifier.

    Attributes and arguments may shadow builtins (`id`, `type`) as users expect;
    only keywords and the caller's own `reserved` names get a trailing `_`.
    """
    name = "_".join(w.lower() for w in words(text)) or "value"
    if name[0].isdigit():
        name = "n" + name
    return name + "_" if keyword.iskeyword(name) or name in reserved else name


def pascal(text: str) -> str:
    """`projects/brands` -> `ProjectsBrands`; always a valid identifier."""
    name = "".join(w[0].upper() + w[1:] for w in words(text)) or "Model"
    if name[0].isdigit():
        name = "N" + name
    # Class names live at module level beside the generated code's own imports, so they must
    # shadow neither builtins nor the names those modules import.
    return name + "_" if name in CLASS_RESERVED else name


def constant(text: str) -> str:
    """Enum member names: `non-subscribed` -> `NON_SUBSCRIBED`."""
    name = "_".join(w.upper() for w in words(text)) or "EMPTY"
    if name[0].isdigit():
        name = "V" + name
    return name + "_" if keyword.iskeyword(name) else name


class NameSet:
    """Hands out unique names in one namespace, in the order asked for.

    The first claimant keeps a clean name and later ones get a numeric suffix, so
    the result depends only on the (sorted) order of the spec, never on hashing.
    """

    def __init__(self, taken: set[str] | None = None, key: Callable[[str], str] | None = None) -> None:
        # `key` makes names clash when they would clash after a further conversion
        # (class `ABTest` and `AbTest` would both get a `decode_ab_test` function).
        self._key = key or (lambda name: name)
        self._taken: set[str] = {self._key(name) for name in taken or ()}

    def is_taken(self, name: str) -> bool:
        return self._key(name) in self._taken

    def claim(self, name: str) -> str:
        unique, n = name, 2
        while self.is_taken(unique):
            unique, n = f"{name}{n}", n + 1
        self._taken.add(self._key(unique))
        return unique


def param_name(wire: str) -> str:
    """A method argument: never a helper the body calls (`query`, `decode_<union>`)."""
    name = snake(wire, PARAM_RESERVED)
    return name + "_" if name.startswith("decode_") else name


def resource_class(attr: str, taken: NameSet, reserved: frozenset[str]) -> str:
    """`Contacts` (and `AsyncContacts`), unless a model or the client module has that name."""
    base = pascal(attr)
    clash = CLASS_RESERVED | reserved
    while taken.is_taken(base) or taken.is_taken("Async" + base) or {base, "Async" + base} & clash:
        base += "Resource"
    taken.claim(base)
    taken.claim("Async" + base)
    return base


def pointer_name(ptr: str, hint: str) -> str:
    """A class name for a schema outside components: its pointer's last meaningful parts
    (`/components/schemas/Account/definitions/accountRef` -> `AccountRef`)."""
    generic = {"schema", "items", "additionalProperties", "properties", "content", "allOf", "oneOf", "anyOf"}
    generic |= {"definitions", "$defs", "components", "schemas", "parameters", "responses", "requestBodies"}
    parts = [p for p in pointer_module.split(ptr) if p]
    meaningful = [p for p in parts if p not in generic and not p.isdigit()]
    if not meaningful:
        return hint
    last = meaningful[-1]
    if len(meaningful) > 1 and snake(meaningful[-2]) not in snake(last):
        return pascal(meaningful[-2] + "_" + last)
    return pascal(last)


_VERSION_SEGMENT = re.compile(r"(v\d+([._]\d+)*|api|rest|latest)", re.IGNORECASE)


def path_group(path: str) -> str:
    """The resource of an operation without tags: its path's first meaningful segment
    (`/v1/customers/{id}/sources` -> `customers`); `default` when there is none."""
    for segment in path.split("/"):
        if segment and not segment.startswith("{") and not _VERSION_SEGMENT.fullmatch(segment):
            return segment
    return "default"
