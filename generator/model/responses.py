"""Stage 2 (model): an operation's responses by status: success or error, the media type a call
takes (JSON first), the body's type (an envelope's payload, each event's data for a stream)."""

from __future__ import annotations

from typing import Any

from .. import pointer as pointer_module
from ..load import skeleton
from . import envelope, ir
from .media import body_kind, response_kind
from .schemas import Schemas


def response(
    schemas: Schemas, status: str, is_success: bool, spec: skeleton.Response, stem: str, unwrap: bool
) -> ir.Response:
    """The response of `status` (normalised: `2XX`); `stem` names its inline types, `unwrap`
    recognises envelopes."""
    if not spec.content:
        return ir.Response(status, spec.description, None, "empty", None, success=is_success)
    media = next((m for m in spec.content if body_kind(m.media_type) == "json"), spec.content[0])
    if len(spec.content) > 1 and is_success:
        others = ", ".join(m.media_type for m in spec.content if m is not media)
        schemas.diags.note(
            pointer_module.join(spec.pointer, "content"),
            f"decoded as {media.media_type}; not offered: {others}",
        )
    kind = response_kind(media.media_type)
    schema, mptr = media.schema, media.schema_pointer
    rtype: ir.TypeExpr | None = None
    wrapped = None
    if not is_success:
        if kind == "json" and schema is not None:  # the error's body, typed
            rtype = schemas.type_of(
                schema, stem + ("Error" if status == "default" else f"Error{status}"), mptr
            )
    elif kind == "json":
        wrapped = envelope.recognise(schemas, schema, mptr, stem) if unwrap else None
        rtype = None if wrapped else schemas.type_of(schema, stem + "Response", mptr)
    elif kind == "stream":
        rtype = _event_type(schemas, schema, mptr, stem)
    elif kind == "text":
        rtype = ir.Primitive("str")
    return ir.Response(status, spec.description, media.media_type, kind, rtype, wrapped, success=is_success)


def _event_type(schemas: Schemas, schema: Any, ptr: str, stem: str) -> ir.TypeExpr | None:
    """The type of each event's JSON data, when the schema describes one (an object, array or
    union of them); plain text or no schema: the events arrive as they are sent."""
    target, _ = schemas.deref(schema, ptr)
    if not isinstance(target, dict) or not target:
        return None
    if target.get("type") in ("string", None) and not any(
        k in target for k in ("properties", "oneOf", "anyOf", "allOf", "items", "$ref")
    ):
        return None
    return schemas.type_of(schema, stem + "Event", ptr)
