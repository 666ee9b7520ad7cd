"""Stage 2 (model): operations from the skeleton view: their names, tags and servers, their
parameters (the path item's and their own, merged) and request bodies; responses are typed by
model/responses.py."""

from __future__ import annotations

import re

from .. import pointer as pointer_module
from ..diagnostics import Diagnostics
from ..load import skeleton
from . import idempotency, ir, responses, runtime_names
from .media import body_kind, media_suffix
from .names import NameSet, param_name, pascal, path_group, snake
from .schemas import Schemas
from .servers import server_url

# Keyword arguments every generated method takes besides the spec's, and the modules and
# runtime helpers its body reads (a parameter `query` must not hide the `query()` helper).
PARAM_RESERVED = runtime_names.PARAM_RESERVED
_HTTP_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_CLIENT_HEADERS = ("authorization", "content-type", "accept", "content-length")
pointer_join = pointer_module.join


class Operations:
    def __init__(self, schemas: Schemas, diags: Diagnostics, unwrap: bool) -> None:
        self.schemas = schemas
        self.diags = diags
        self.unwrap = unwrap  # recognise `{success, data, error}` envelopes and return their data

    def operation(self, spec: skeleton.Operation) -> ir.Operation:
        ptr = spec.pointer
        op_id = spec.operation_id
        if op_id is None:
            op_id = f"{spec.method} {spec.path}"
            self.diags.note(ptr, f"no operationId; method named from `{op_id}`")
        op = ir.Operation(
            name=snake(op_id, PARAM_RESERVED),
            operation_id=op_id,
            method=spec.method.upper(),
            path=spec.path,
            tag=spec.tags[0] if spec.tags else path_group(spec.path),
            pointer=ptr,
            summary=spec.summary,
            description=spec.description,
            deprecated=spec.deprecated,
        )
        stem = pascal(op_id)
        if spec.callbacks:
            self.diags.note(
                pointer_join(ptr, "callbacks"), "`callbacks` ignored: callbacks are not generated"
            )
        if spec.servers:
            url = server_url(spec.servers[0])
            if url.startswith(("http://", "https://")):
                op.base_url = url
            else:
                self.diags.note(
                    pointer_join(ptr, "servers"), "relative operation server ignored: the client's is used"
                )
        self._parameters(op, spec.parameters, stem)
        if spec.request_body is not None:
            self._request_bodies(op, spec.request_body, stem)
            if len(op.bodies) > 1 and op.body is not None:
                others = ", ".join(b.media_type for b in op.bodies if b is not op.body)
                self.diags.note(
                    pointer_join(ptr, "requestBody"), f"sent as {op.body.media_type}; not offered: {others}"
                )
        # `default` is the success response of an operation that declares no 2xx one.
        has_2xx = any(response.status.startswith("2") for response in spec.responses)
        for response in spec.responses:
            code = response.status.upper() if "x" in response.status.lower() else response.status
            success = code.startswith("2") or (code == "default" and not has_2xx)
            op.responses.append(responses.response(self.schemas, code, success, response, stem, self.unwrap))
        return op

    def _parameters(self, op: ir.Operation, params: tuple[skeleton.Parameter, ...], stem: str) -> None:
        # An operation's parameter replaces its path item's of the same name and location.
        merged = {(param.name, param.location): param for param in params}
        names = NameSet(set(PARAM_RESERVED))
        for (wire, location), param in merged.items():
            pptr = param.pointer
            if idempotency.is_idempotency_header(param):
                op.idempotency_header = wire
                continue
            if location == "header" and wire.lower() in _CLIENT_HEADERS:
                self.diags.note(pptr, f"header parameter {wire!r} is set by the client itself")
                continue
            if location not in ("path", "query", "header", "cookie"):
                self.diags.warn(pointer_join(pptr, "in"), f"unknown parameter location {location!r}; skipped")
                continue
            if location == "header" and not _HTTP_TOKEN.fullmatch(wire):
                self.diags.warn(
                    pointer_join(pptr, "name"),
                    f"header name {wire!r} is not a valid HTTP header name; the client refuses to send it",
                )
            target, _ = self.schemas.deref(param.schema, pptr)
            target = target if isinstance(target, dict) else {}
            ptype = self.schemas.type_of(param.schema, stem + pascal(wire), pointer_join(pptr, "schema"))
            default, has_default = self.schemas.default(param.schema, target, ptype, pptr, containers=False)
            style = param.style or ("form" if location in ("query", "cookie") else "simple")
            explode = param.explode if param.explode is not None else style == "form"
            is_object = isinstance(ptype, (ir.ModelRef, ir.MapOf))
            sent_as_text = location != "query" or (style != "deepObject" and not explode)
            if is_object and sent_as_text:
                self.diags.note(
                    pointer_join(pptr, "style"), f"object parameter ({style}) is sent as its string form"
                )
            op.parameters.append(
                ir.Parameter(
                    name=names.claim(param_name(wire)),
                    wire_name=wire,
                    location=location,  # type: ignore[arg-type]
                    type=ptype,
                    required=param.required or location == "path",
                    description=param.description,
                    default=default,
                    has_default=has_default,
                    deprecated=param.deprecated,
                    style=style,
                    explode=explode,
                    pattern=target.get("pattern") if isinstance(target.get("pattern"), str) else None,
                )
            )
        # Required arguments first (they are positional for path parameters), spec order otherwise.
        op.parameters.sort(key=lambda p: (not p.required, p.location != "path"))

    def _request_bodies(self, op: ir.Operation, body: skeleton.RequestBody, stem: str) -> None:
        for media in body.content:
            media_type, schema, mptr = media.media_type, media.schema, media.schema_pointer
            kind = body_kind(media_type)
            if kind == "binary" and media_type.split(";")[0].strip() in ("*/*", "application/*"):
                target, _ = self.schemas.deref(schema, mptr)
                if isinstance(target, dict) and target.get("type") in ("object", "array"):
                    kind = "json"  # any media type, a structured schema: JSON is what it can be
            if kind == "binary":
                btype: ir.TypeExpr = ir.Primitive("file")
            elif kind == "text":
                btype = ir.Primitive("str")
            else:
                hint = (
                    stem + "Request" if not op.bodies else stem + "Request" + pascal(media_suffix(media_type))
                )
                btype = self.schemas.type_of(schema, hint, mptr)
            model = self.schemas.models.get(btype.name) if isinstance(btype, ir.ModelRef) else None
            args: tuple[tuple[str, ir.Field], ...] = ()
            if model is not None and kind in ("json", "form", "multipart"):
                taken = NameSet({p.name for p in op.parameters} | PARAM_RESERVED)
                args = tuple((taken.claim(f.name), f) for f in model.fields if not f.read_only)
            op.bodies.append(
                ir.RequestBody(
                    media_type,
                    kind,
                    btype,
                    body.required,
                    model.name if model is not None and (args or kind != "binary") else None,
                    args,
                    body.description,
                )
            )
