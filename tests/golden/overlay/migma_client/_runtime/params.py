"""Turning method arguments into the parts of an HTTP request: path, query, headers, forms, files."""

from __future__ import annotations

import datetime
import enum
import functools
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from .codec import ApiModel, Unset, to_jsonable
from .errors import ArgumentError

__all__ = [
    "FileInput",
    "check_headers",
    "file_part",
    "form_fields",
    "header_params",
    "multipart_fields",
    "object_params",
    "path_param",
    "query",
]

FileInput = str | bytes | os.PathLike[str] | IO[bytes] | tuple[str, bytes | IO[bytes], str]
"""A file to upload: a path, its bytes, an open binary file, or (filename, content, content type).
Decoded from JSON (a `format: binary` string inside a JSON body) it is the string."""


def path_param(value: object, name: str, pattern: str | None = None) -> str:
    """Check a path parameter against the spec's pattern, then percent-encode it.

    `.` and `..` are encoded too: left as they are, URL normalisation would remove them and
    the request would go to another endpoint.
    """
    text = query_value(value)
    if pattern is not None and _ecma(pattern).search(text) is None:
        raise ArgumentError(f"{name}={text!r} does not match the pattern {pattern!r}")
    if text == "":
        raise ArgumentError(f"{name} must not be empty")
    encoded = quote(text, safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


@functools.lru_cache(maxsize=256)
def _ecma(pattern: str) -> re.Pattern[str]:
    """The spec's (ECMAScript) pattern for Python: there `$` ends the text, while Python's `$`
    also matches before a trailing newline, so an unescaped `$` outside a class becomes `\\Z`."""
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out))


def query_value(value: object) -> str:
    """A scalar as the text of a query, header or form value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return str(value)


def object_params(name: str, value: Any, deep: bool) -> dict[str, Any]:
    """Query entries of an object parameter: `name[key]` (deepObject) or its bare keys (form)."""
    if value is None or isinstance(value, Unset):
        return {}
    data = to_jsonable(value)
    if not isinstance(data, dict):
        return {name: data}
    entries: dict[str, Any] = {}
    for key, item in data.items():
        entries.update(object_params(f"{name}[{key}]" if deep else str(key), item, deep))
    return entries


def query(
    params: Mapping[str, Any], delimited: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """Query pairs without unset values; lists repeat the key unless `delimited` names them,
    objects (models, dicts) are spread into their own keys (the spec's default, form/explode)."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if value is None or isinstance(value, Unset):
            continue
        if isinstance(value, (ApiModel, dict)):
            pairs += query(object_params(key, value, deep=False))
        elif isinstance(value, (list, tuple)):
            items = [query_value(v) for v in value if v is not None]
            if delimited and key in delimited:
                pairs.append((key, delimited[key].join(items)))
            else:
                pairs.extend((key, item) for item in items)
        else:
            pairs.append((key, query_value(value)))
    return pairs


def header_params(
    values: Mapping[str, Any], cookies: Mapping[str, Any] | None = None
) -> dict[str, str]:
    """Header parameters without unset values; cookie parameters joined into `Cookie`."""
    headers = dict(query(values, {key: "," for key in values}))
    jar = query(cookies or {}, {key: "," for key in cookies or {}})
    if jar:
        headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in jar)
    return headers


_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def check_headers(headers: Mapping[str, str]) -> None:
    """Refuse header names that are not HTTP tokens and CR/LF anywhere: they would split
    the request or make the HTTP library fail with a less helpful error."""
    for name, value in headers.items():
        if any(c in name or c in str(value) for c in "\r\n"):
            raise ArgumentError(f"header {name!r} contains a line break")
        if not _TOKEN.fullmatch(name):
            raise ArgumentError(f"header name {name!r} is not a valid HTTP header name")


def form_fields(values: Mapping[str, Any]) -> dict[str, str | list[str]]:
    """urlencoded fields without unset values: lists repeat their key (the spec's default),
    objects are sent as JSON text."""
    fields: dict[str, str | list[str]] = {}
    for key, value in values.items():
        if value is None or isinstance(value, Unset):
            continue
        if isinstance(value, (list, tuple)):
            fields[key] = [form_value(v) for v in value if v is not None]
        else:
            fields[key] = form_value(value)
    return fields


def multipart_fields(values: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """multipart parts for the non-file fields: scalars as text, lists as repeated parts,
    objects as JSON parts labelled `application/json`."""
    parts: list[tuple[str, Any]] = []
    for key, value in values.items():
        if value is None or isinstance(value, Unset):
            continue
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, (dict, ApiModel)):
                parts.append(
                    (key, (None, json.dumps(to_jsonable(item)).encode(), "application/json"))
                )
            elif item is not None:
                parts.append((key, (None, query_value(item).encode())))
    return parts


def file_part(value: FileInput) -> tuple[str, bytes | IO[bytes], str]:
    """A multipart file tuple from bytes, a path, an open file, or a ready tuple."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, bytes):
        return ("upload", value, "application/octet-stream")
    if isinstance(value, (str, os.PathLike)):
        path = Path(value)
        return (path.name, path.read_bytes(), "application/octet-stream")
    name = os.path.basename(str(getattr(value, "name", "upload")))
    return (name, value, "application/octet-stream")


def form_value(value: object) -> str:
    """A form field: scalars as text, structures as JSON."""
    if isinstance(value, (dict, list, ApiModel)):
        return json.dumps(to_jsonable(value))
    return query_value(value)
