"""Stage 3 (render): the import block of each generated module, computed from the IR.

The names a module reads follow from what it is made of: the types of its fields and
arguments, its operations' bodies, responses, paging and polling. This module mirrors the
templates and `pycode`'s filters name for name (tests/test_imports.py checks it against the
names rendered code reads), so rendering never parses what it rendered.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, NamedTuple

from ..model import ir, runtime_names
from . import layout, pycode

if TYPE_CHECKING:
    from .modelsplit import ModelModule

# The names `pycode.annotation` writes for a primitive (the rest are builtins).
_PRIMITIVE = {"datetime": "datetime", "date": "datetime", "uuid": "uuid", "file": "FileInput", "any": "Any"}
# The module a default's constructor (`pycode._CONSTRUCTORS`) comes from.
_CONSTRUCTOR = {"datetime": "datetime", "date": "datetime", "uuid": "uuid", "bytes": "base64"}
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")  # as `package.path_expr` splits a path


class ApiIndex(NamedTuple):
    """Lookups over a whole API that every module's render asks for."""

    classes: frozenset[str]  # the names of its models, enums and unions
    enums: dict[str, ir.Enum]  # by name


_last: tuple[ir.Api, tuple[int, int, int], ApiIndex] | None = None


def index(api: ir.Api) -> ApiIndex:
    """The API's index, built once per API rather than once per module (which made rendering
    a 20,000-operation spec quadratic); built again if the API gained or lost a class."""
    global _last
    sizes = (len(api.models), len(api.enums), len(api.unions))
    if _last is None or _last[0] is not api or _last[1] != sizes:
        classes = frozenset(c.name for group in (api.models, api.enums, api.unions) for c in group)
        _last = (api, sizes, ApiIndex(classes, {e.name: e for e in api.enums}))
    return _last[2]


def models_module(api: ir.Api | ModelModule, external: frozenset[str] = frozenset()) -> set[str]:
    """The names a models module reads: its enums, model classes and union aliases (`external`:
    the names it takes from other modules of a `models` package, which its aliases quote)."""
    used: set[str] = set()
    if api.enums:
        used.add("Enum")
    for m in api.models:
        if not m.base:
            used.add("ApiModel")
        for f in m.fields:
            _field(f, used)
            if f.name != f.wire_name:
                used |= {"Annotated", "Wire"}
        if m.additional is not False:
            used.add("field")
            if m.additional is None:
                used.add("Any")
            else:
                _type(m.additional, used)
    if api.unions:
        used.add("TypeAlias")
    for u, value in pycode.ordered_unions(api.unions, external):
        for v in u.variants:
            _type(v.type, used)
        if value.startswith("Union[") or value.startswith("Annotated[Union["):
            used.add("Union")
        if u.discriminator and any(v.tags for v in u.variants):
            used |= {"Annotated", "Discriminator"}
    return used


def resource_module(resource: ir.Resource, api: ir.Api) -> set[str]:
    """The names a resource module reads: its sync and async classes' methods."""
    used = {"SyncClient", "AsyncClient"}
    enums = index(api).enums.keys()
    for op in resource.operations:
        _operation(op, enums, used)
    return used


def block(used: set[str], level: int, api: ir.Api, width: int, models: bool = True) -> str:
    """The import lines for `used`: the standard library's, then the runtime's and, `level`
    folders down from the package (and with `models`), the models module's."""
    plain: set[str] = set()
    named: dict[str, set[str]] = {}
    for name, (module, member) in runtime_names.STDLIB.items():
        if name in used:
            if member is None:
                plain.add(module)
            else:
                named.setdefault(module, set()).add(member)
    stdlib = [f"import {m}" for m in sorted(plain)]
    stdlib += [from_import(m, sorted(names), width) for m, names in sorted(named.items())]
    dots = "." * level
    local = []
    runtime: dict[str, list[str]] = {}
    for name in sorted(used & runtime_names.EXPORTS.keys()):
        runtime.setdefault(runtime_names.EXPORTS[name], []).append(name)
    for module, names in sorted(runtime.items()):
        local.append(from_import(f"{dots}_runtime.{module}", names, width))
    if level > 1 and models:
        classes = sorted(index(api).classes & used)
        if classes:
            local.append(from_import(f"{dots}models", classes, width))
    return "\n\n".join("\n".join(group) for group in (stdlib, local) if group)


def from_import(module: str, names: list[str], width: int, indent: int = 0) -> str:
    """`from module import names` as black lays it out at column `indent`."""
    flat = f"from {module} import {', '.join(names)}"
    return layout.lay(
        layout.Brackets(f"from {module} import (", tuple(names), ")", flat, explode=True), indent, width
    )


# -- what each construct reads (mirrors pycode and the templates) ---------------------------


def _type(t: ir.TypeExpr, used: set[str]) -> None:
    """The names `pycode.annotation(t)` reads."""
    while isinstance(t, (ir.ListOf, ir.MapOf, ir.Nullable)):
        t = t.item if isinstance(t, ir.ListOf) else t.value if isinstance(t, ir.MapOf) else t.inner
    if isinstance(t, ir.Primitive):
        if t.kind in _PRIMITIVE:
            used.add(_PRIMITIVE[t.kind])
    elif isinstance(t, (ir.ModelRef, ir.EnumRef, ir.UnionRef)):
        used.add(t.name)
    elif isinstance(t, ir.Const) and not isinstance(t.value, float):
        used.add("Literal")


def _optional(f: ir.Field | ir.Parameter, used: set[str]) -> None:
    """What `pycode.field_annotation` adds to the type: `| Unset` for an optional nullable."""
    _type(f.type, used)
    if isinstance(f.type, ir.Nullable) and not f.required:
        used.add("Unset")


def _field(f: ir.Field, used: set[str]) -> None:
    """A model field: its annotation and `pycode.field_default`."""
    _optional(f, used)
    if f.has_default:
        if isinstance(f.default, (list, dict)):
            used.add("field")
        _default(f, used)
    elif not f.required and isinstance(f.type, ir.Nullable):
        used.add("UNSET")


def _default(f: ir.Field | ir.Parameter, used: set[str]) -> None:
    """The names of `pycode.default_expr(f)`."""
    t = f.type.inner if isinstance(f.type, ir.Nullable) and f.default is not None else f.type
    _value(t, f.default, used)


def _value(t: ir.TypeExpr, value: object, used: set[str]) -> None:
    if value is None or isinstance(t, (ir.Const, ir.EnumRef)):
        return
    if isinstance(t, ir.Primitive) and t.kind in _CONSTRUCTOR:
        used.add(_CONSTRUCTOR[t.kind])
    elif isinstance(t, ir.ListOf) and isinstance(value, list):
        for v in value:
            _value(t.item, v, used)
    elif isinstance(t, ir.MapOf) and isinstance(value, dict):
        for v in value.values():
            _value(t.value, v, used)
    elif isinstance(t, ir.ModelRef):
        used.add(t.name)
    elif isinstance(t, ir.UnionRef) and isinstance(value, (list, dict)):
        used |= {"decode", t.name}


def _mutable_default(f: ir.Field | ir.Parameter) -> bool:
    return f.has_default and isinstance(f.default, (list, dict))


def _argument(f: ir.Field | ir.Parameter, enums: Collection[str], used: set[str]) -> None:
    """A method argument: `pycode.arg_annotation` and, unless it is required (then the
    signature gives no default), `pycode.arg_default`."""
    _optional(f, used)
    inner = f.type.inner if isinstance(f.type, ir.Nullable) else f.type
    if isinstance(inner, ir.EnumRef) and inner.name in enums:
        used.add("Literal")
    if f.required or _mutable_default(f):
        return  # a mutable default is None in the signature, made afresh in the body
    if f.has_default:
        _default(f, used)
    elif not f.required and isinstance(f.type, ir.Nullable):
        used.add("UNSET")


def _operation(op: ir.Operation, enums: Collection[str], used: set[str]) -> None:
    """Both methods of an operation (sync and async), with their paging and polling twins."""
    used |= {"Request", "RequestOptions"}
    for p in op.parameters:
        _argument(p, enums, used)
    body = op.body
    if body is not None:
        _body(body, enums, used)
    _returns(op, used)
    if op.deprecated or any(p.deprecated for p in op.parameters):
        used.add("warnings")
    for p in op.parameters:
        if p.deprecated and not p.required:  # `pycode.given_check`
            if isinstance(p.type, ir.Nullable):
                used.add("Unset")
            elif p.has_default:
                _default(p, used)
    if op.params_in("query"):
        used.add("query")
        if any(_spread(p) for p in op.params_in("query")):
            used.add("object_params")
    if op.params_in("header") or op.params_in("cookie"):
        used.add("header_params")
    if _path_params(op):
        used.add("path_param")
    for r in op.errors:
        assert r.type is not None  # `Operation.errors` keeps typed bodies only
        _decoder(r.type, used)
    if op.pagination is not None:
        pg = op.pagination
        used |= {"paginate", "apaginate", "Iterator", "AsyncIterator"}
        _type(pg.item_type, used)
        for path in (pg.items, pg.has_more, pg.total, pg.next_cursor, pg.item_cursor):
            _guards(path or (), used)
    if op.job is not None:
        used |= {"wait_for_job", "await_job"}
        _guards(op.job.status, used)


def _spread(p: ir.Parameter) -> bool:
    """Whether `pycode.query_entry` spreads the parameter with `object_params`."""
    inner = p.type.inner if isinstance(p.type, ir.Nullable) else p.type
    return p.style == "deepObject" or (
        p.style == "form" and p.explode and isinstance(inner, (ir.ModelRef, ir.MapOf))
    )


def _path_params(op: ir.Operation) -> bool:
    """Whether `path_expr` checks a path parameter: one the path names in braces."""
    placeholders = set(_PLACEHOLDER.findall(op.path))
    return any(p.wire_name in placeholders for p in op.params_in("path"))


def _guards(path: Iterable[ir.FieldStep], used: set[str]) -> None:
    """The templates' `access` macro: `isinstance(..., Model)` for each optional step but the last."""
    steps = list(path)
    for step in steps[:-1]:
        if step.optional and step.model:
            used.add(step.model)


def _body(body: ir.RequestBody, enums: Collection[str], used: set[str]) -> None:
    """A request body's arguments and the expression that sends it."""
    for _, f in body.args:
        _argument(f, enums, used)
    if not body.args:
        _type(body.type, used)
    if body.kind == "form":
        used.add("form_fields")
    elif body.kind == "multipart":
        used.add("multipart_fields")
        if any(f.type == ir.Primitive("file") for _, f in body.args):
            used.add("file_part")
    if body.kind in ("json", "form"):  # `body_expr`
        if body.model and body.args:
            used.add(body.model)
            for _, f in body.args:
                if _mutable_default(f):
                    _default(f, used)  # `pycode.arg_value`
        elif not _plain(body.type) and not isinstance(body.type, ir.ModelRef):
            used.add("to_jsonable")
    elif body.kind == "binary":
        used.add("file_part")  # `content_expr`


def _plain(t: ir.TypeExpr) -> bool:
    return isinstance(t, ir.Primitive) and t.kind in ("str", "int", "float", "bool", "any")


def _returns(op: ir.Operation, used: set[str]) -> None:
    """`return_annotation` (sync and async) and the `response_decoder` of a call."""
    success = op.success
    if success is None:
        return
    if success.kind == "stream":
        used |= {"Stream", "AsyncStream"}
        if success.type is not None:
            _type(success.type, used)
            _decoder(success.type, used)
        else:
            used.add("ServerSentEvent")
        return
    if success.kind == "binary":
        used |= {"BinaryResponse", "AsyncBinaryResponse"}
        return
    responses = [r for r in op.successes if r.kind in ("json", "text", "empty")]
    for r in responses:
        if r.kind == "json" and r.result_type is None:
            used.add("Any")
        elif r.kind == "json" and r.result_type is not None:
            _type(r.result_type, used)
    # One decoder, or `ByStatus` when the responses' decoders differ (`package.response_decoder`).
    several = len({pycode.body_decoder(r) for r in responses}) > 1
    if several:
        used.add("ByStatus")
    for r in responses if several else [success]:
        if r.kind == "json" and r.result_type is None:
            used |= {"Decode", "Any"}
        elif r.kind == "json" and r.result_type is not None:
            _decoder(r.result_type, used)


def _decoder(t: ir.TypeExpr, used: set[str]) -> None:
    """`pycode.decoder(t)`: `Model.from_dict`, else `Decode[annotation]()`."""
    if isinstance(t, ir.ModelRef):
        used.add(t.name)
    else:
        used.add("Decode")
        _type(t, used)
