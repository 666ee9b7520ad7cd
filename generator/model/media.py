"""Stage 2 (model): what a media type means for a body: JSON, a form, multipart, text, bytes or a
stream of server-sent events."""

from __future__ import annotations

from . import ir


def body_kind(media_type: str) -> ir.BodyKind:
    mt = media_type.split(";")[0].strip().lower()
    if mt == "application/json" or mt.endswith("+json"):
        return "json"
    if mt == "multipart/form-data" or mt.startswith("multipart/"):
        return "multipart"
    if mt == "application/x-www-form-urlencoded":
        return "form"
    if mt.startswith("text/"):
        return "text"
    return "binary"


def response_kind(media_type: str) -> ir.ResponseKind:
    mt = media_type.split(";")[0].strip().lower()
    if mt == "text/event-stream":
        return "stream"
    kind = body_kind(mt)
    return "json" if kind == "json" else "text" if kind == "text" else "binary"


def media_suffix(media_type: str) -> str:
    """`application/vnd.api+json; q=1` -> `vnd.api+json`: what tells a second body's class apart."""
    return media_type.split(";")[0].rsplit("/", 1)[-1]
