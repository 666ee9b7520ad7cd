"""Workflow (diff): `oagen diff OLD NEW`: what changed in the generated Python API between two spec versions.

Both documents go through the loader and the model stage; the two IRs are compared,
so the report speaks of what users of the client see (methods, arguments, models,
enums, return types), each change classed breaking or not and located by the JSON
pointer of the spec that has it (the old spec for removals, the new one otherwise).

Direction matters for types: a type that arguments or request models use may
widen (accept more) safely but not narrow; a type that responses use may narrow
safely but not widen, since callers then meet values they did not expect.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from .. import pipeline
from ..config import Target
from ..diagnostics import Problem, pointer
from ..load import document as load
from ..model import ir
from ..render import pycode

Relation = Literal["same", "wider", "narrower", "changed"]
Side = Literal["old", "new"]


@dataclass(frozen=True)
class Change:
    kind: str  # e.g. "method-removed", "parameter-added", "field-type", "enum-value-removed"
    breaking: bool
    subject: str  # the Python name affected: `client.contacts.create_contact(tags=...)`
    message: str
    pointer: str  # JSON pointer in the spec named by `spec`
    spec: Side


@dataclass
class Report:
    old: str
    new: str
    changes: list[Change] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.breaking]


def _helper_methods(api: ir.Api) -> dict[tuple[str, str], tuple[str, ir.Operation]]:
    found: dict[tuple[str, str], tuple[str, ir.Operation]] = {}
    for r in api.resources:
        for op in r.operations:
            if op.pagination is not None:
                found[(r.name, op.pagination.method)] = ("walks every page of", op)
            if op.job is not None:
                found[(r.name, op.job.method)] = ("polls", op)
    return found


def compare_files(
    old: Path, new: Path, target: Target, progress: Callable[[str], None] | None = None
) -> Report:
    """Build both specs' APIs as `generate` would with `target`'s settings (SpecError if either
    cannot be read), and compare them."""
    apis, docs, warnings = [], [], []
    for path in (old, new):
        api, loaded = pipeline.build_api(replace(target, spec=path), progress)
        apis.append(api)
        docs.append(loaded.document)
        warnings += loaded.diagnostics.warnings
    report = Report(str(old), str(new), compare(apis[0], apis[1], docs[0], docs[1]))
    report.warnings = warnings
    return report


def compare(
    old: ir.Api, new: ir.Api, old_doc: dict[str, Any] | None = None, new_doc: dict[str, Any] | None = None
) -> list[Change]:
    """Every change from `old` to `new`, breaking ones first, each group in a stable order."""
    differ = _Differ(old, new, old_doc or {}, new_doc or {})
    changes = [*differ.methods(), *differ.models(), *differ.enums(), *differ.unions()]
    return sorted(changes, key=lambda c: not c.breaking)


# -- type relations ------------------------------------------------------------------


def relation(old: ir.TypeExpr, new: ir.TypeExpr, unions: dict[str, ir.Union_]) -> Relation:
    """How the set of values `new` allows compares with the set `old` allows."""
    if old == new:
        return "same"
    if isinstance(new, ir.Primitive) and new.kind == "any":
        return "wider"
    if isinstance(old, ir.Primitive) and old.kind == "any":
        return "narrower"
    if isinstance(old, ir.Nullable) and isinstance(new, ir.Nullable):
        return relation(old.inner, new.inner, unions)
    if isinstance(new, ir.Nullable):
        inner = relation(old, new.inner, unions)
        return "wider" if inner in ("same", "wider") else "changed"
    if isinstance(old, ir.Nullable):
        inner = relation(old.inner, new, unions)
        return "narrower" if inner in ("same", "narrower") else "changed"
    if isinstance(old, ir.ListOf) and isinstance(new, ir.ListOf):
        return relation(old.item, new.item, unions)
    if isinstance(old, ir.MapOf) and isinstance(new, ir.MapOf):
        return relation(old.value, new.value, unions)
    if _within(old, new, unions):
        return "wider"
    if _within(new, old, unions):
        return "narrower"
    return "changed"


_SCALARS = {"str": "str", "int": "int", "float": "float", "bool": "bool"}


def _within(small: ir.TypeExpr, big: ir.TypeExpr, unions: dict[str, ir.Union_]) -> bool:
    """Whether every value of `small` is a value of `big` (for the cases that matter here)."""
    if isinstance(big, ir.Primitive):
        if isinstance(small, ir.Primitive):
            return small.kind == "int" and big.kind == "float"
        if isinstance(small, ir.Const):
            value = small.value
            kind = "bool" if isinstance(value, bool) else type(value).__name__
            return kind == big.kind or (kind == "int" and big.kind == "float")
        if isinstance(small, ir.EnumRef):
            return _SCALARS.get(small.kind) == big.kind
    if isinstance(big, ir.EnumRef) and isinstance(small, ir.Const):
        return False
    if isinstance(big, ir.UnionRef) and big.name in unions:
        return any(v.type == small for v in unions[big.name].variants)
    return False


def _show(t: ir.TypeExpr | None) -> str:
    return "nothing" if t is None else pycode.annotation(t)


# -- the comparison ------------------------------------------------------------------


class _Differ:
    def __init__(self, old: ir.Api, new: ir.Api, old_doc: dict[str, Any], new_doc: dict[str, Any]) -> None:
        self.old, self.new = old, new
        self.docs = {"old": old_doc, "new": new_doc}
        self.union_maps = {"old": {u.name: u for u in old.unions}, "new": {u.name: u for u in new.unions}}
        self.models_by_name = {"old": {m.name: m for m in old.models}, "new": {m.name: m for m in new.models}}
        # Named types reachable from arguments (inputs) and from results (outputs), in either version.
        self.inputs = _reachable(old, "in") | _reachable(new, "in")
        self.outputs = _reachable(old, "out") | _reachable(new, "out")

    def _unions(self) -> dict[str, ir.Union_]:
        return {**self.union_maps["old"], **self.union_maps["new"]}

    # methods ---------------------------------------------------------------

    def _helpers(self) -> Iterator[Change]:
        """`iter_...` and `wait_for_...` methods that appeared or went (a pass decides them)."""
        old, new = _helper_methods(self.old), _helper_methods(self.new)
        for key in sorted(old.keys() - new.keys()):
            what, op = old[key]
            text = f"`{_method(key)}` removed (it {what} `{op.name}`)"
            yield Change("method-removed", True, _method(key), text, op.pointer, "old")
        for key in sorted(new.keys() - old.keys()):
            what, op = new[key]
            text = f"`{_method(key)}` added (it {what} `{op.name}`)"
            yield Change("method-added", False, _method(key), text, op.pointer, "new")

    def methods(self) -> Iterator[Change]:
        old = {(r.name, op.name): op for r in self.old.resources for op in r.operations}
        new = {(r.name, op.name): op for r in self.new.resources for op in r.operations}
        # An operation that changed resource (its tag) keeps its operationId: a move, not a
        # removal and an addition.
        added_by_id = {new[key].operation_id: key for key in new.keys() - old.keys()}
        moves = {}
        for key in sorted(old.keys() - new.keys()):
            target = added_by_id.get(old[key].operation_id)
            if target is not None and target[1] == key[1]:
                moves[key] = added_by_id.pop(old[key].operation_id)
        for key, target in moves.items():
            op = new[target]
            yield Change(
                "method-moved",
                True,
                _method(key),
                f"`{_method(key)}` moved to `{_method(target)}` ({op.method} {op.path})",
                op.pointer,
                "new",
            )
        for key in sorted(old.keys() - new.keys() - moves.keys()):
            op = old[key]
            yield Change(
                "method-removed",
                True,
                _method(key),
                f"`{_method(key)}` removed ({op.method} {op.path})",
                op.pointer,
                "old",
            )
        for key in sorted(new.keys() - old.keys() - set(moves.values())):
            op = new[key]
            yield Change(
                "method-added",
                False,
                _method(key),
                f"`{_method(key)}` added ({op.method} {op.path})",
                op.pointer,
                "new",
            )
        yield from self._helpers()
        pairs = [(key, key) for key in sorted(old.keys() & new.keys())] + list(moves.items())
        for before, after in pairs:
            yield from self._arguments(_method(after), old[before], new[after])
            yield from self._result(_method(after), old[before], new[after])

    def _arguments(self, name: str, old: ir.Operation, new: ir.Operation) -> Iterator[Change]:
        before, after = (
            _arguments(old, self.models_by_name["old"]),
            _arguments(new, self.models_by_name["new"]),
        )
        for arg in sorted(before.keys() - after.keys()):
            where = self._argument_pointer(old, before[arg], "old")
            message = f"`{name}`: argument `{arg}` removed"
            yield Change("parameter-removed", True, f"{name}({arg}=...)", message, where, "old")
        for arg in sorted(after.keys() - before.keys()):
            a = after[arg]
            where = self._argument_pointer(new, a, "new")
            kind = "required" if a.required else "optional"
            message = f"`{name}`: {kind} argument `{arg}: {_show(a.type)}` added"
            yield Change("parameter-added", a.required, f"{name}({arg}=...)", message, where, "new")
        for arg in sorted(before.keys() & after.keys()):
            a, b = before[arg], after[arg]
            subject, where = f"{name}({arg}=...)", self._argument_pointer(new, b, "new")
            if b.required and not a.required:
                message = f"`{name}`: argument `{arg}` is now required"
                yield Change("parameter-required", True, subject, message, where, "new")
            elif a.required and not b.required:
                message = f"`{name}`: argument `{arg}` is now optional"
                yield Change("parameter-optional", False, subject, message, where, "new")
            rel = relation(a.type, b.type, self._unions())
            if rel != "same":
                change = f"{_verb(rel)} from `{_show(a.type)}` to `{_show(b.type)}`"
                message = f"`{name}`: argument `{arg}` type {change}"
                yield Change("parameter-type", rel != "wider", subject, message, where, "new")

    def _argument_pointer(self, op: ir.Operation, arg: _Argument, side: Side) -> str:
        if arg.field_pointer:
            return arg.field_pointer
        if arg.location is None:
            return op.pointer + ("/requestBody" if arg.name != "idempotency_key" else "/parameters")
        doc = self.docs[side]
        path_ptr = op.pointer.rsplit("/", 1)[0]
        for base in (op.pointer, path_ptr):
            try:
                params = load.resolve_pointer(doc, base + "/parameters")
            except KeyError:
                continue
            for index, raw in enumerate(params if isinstance(params, list) else []):
                param = raw
                if isinstance(raw, dict) and isinstance(raw.get("$ref"), str) and raw["$ref"].startswith("#"):
                    try:
                        param = load.resolve_pointer(doc, raw["$ref"][1:])
                    except KeyError:
                        continue
                if (
                    isinstance(param, dict)
                    and param.get("name") == arg.wire_name
                    and param.get("in") == arg.location
                ):
                    return f"{base}/parameters/{index}"
        return op.pointer + "/parameters"

    def _result(self, name: str, old: ir.Operation, new: ir.Operation) -> Iterator[Change]:
        a, b = _result_type(old), _result_type(new)
        if a == b:
            return
        rel = "changed" if a is None or b is None else relation(a, b, self._unions())
        if rel == "same":
            return
        success = new.success
        where = new.pointer + (pointer("responses", success.status) if success else "/responses")
        message = f"`{name}` return type {_verb(rel)} from `{_show(a)}` to `{_show(b)}`"
        yield Change("return-type", rel != "narrower", name, message, where, "new")

    # models ----------------------------------------------------------------

    def models(self) -> Iterator[Change]:
        old, new = self.models_by_name["old"], self.models_by_name["new"]
        for name in sorted(old.keys() - new.keys()):
            message = f"model `{name}` removed"
            yield Change("model-removed", True, name, message, old[name].pointer, "old")
        for name in sorted(new.keys() - old.keys()):
            yield Change("model-added", False, name, f"model `{name}` added", new[name].pointer, "new")
        for name in sorted(old.keys() & new.keys()):
            yield from self._fields(old[name], new[name])

    def _fields(self, old: ir.Model, new: ir.Model) -> Iterator[Change]:
        is_input, is_output = old.name in self.inputs, old.name in self.outputs
        before = {f.name: f for f in old.fields}
        after = {f.name: f for f in new.fields}
        for name in sorted(before.keys() - after.keys()):
            f = before[name]
            where = _property(old.pointer, f)
            yield Change(
                "field-removed", True, f"{old.name}.{name}", f"`{old.name}.{name}` removed", where, "old"
            )
        for name in sorted(after.keys() - before.keys()):
            f = after[name]
            kind = "required" if f.required else "optional"
            message = f"{kind} field `{new.name}.{name}: {_show(f.type)}` added"
            breaking = f.required and is_input and not f.read_only
            yield Change(
                "field-added", breaking, f"{new.name}.{name}", message, _property(new.pointer, f), "new"
            )
        for name in sorted(before.keys() & after.keys()):
            a, b = before[name], after[name]
            subject, where = f"{new.name}.{name}", _property(new.pointer, b)
            if b.required and not a.required:
                message = f"`{subject}` is now required"
                yield Change("field-required", is_input and not b.read_only, subject, message, where, "new")
            elif a.required and not b.required:
                message = f"`{subject}` is now optional"
                yield Change("field-optional", is_output, subject, message, where, "new")
            rel = relation(a.type, b.type, self._unions())
            if rel != "same":
                breaking = (
                    rel == "changed" or (rel == "narrower" and is_input) or (rel == "wider" and is_output)
                )
                message = f"`{subject}` type {_verb(rel)} from `{_show(a.type)}` to `{_show(b.type)}`"
                yield Change("field-type", breaking, subject, message, where, "new")

    # enums and unions ----------------------------------------------------------

    def enums(self) -> Iterator[Change]:
        old = {e.name: e for e in self.old.enums}
        new = {e.name: e for e in self.new.enums}
        for name in sorted(old.keys() - new.keys()):
            yield Change("enum-removed", True, name, f"enum `{name}` removed", old[name].pointer, "old")
        for name in sorted(new.keys() - old.keys()):
            yield Change("enum-added", False, name, f"enum `{name}` added", new[name].pointer, "new")
        for name in sorted(old.keys() & new.keys()):
            before = {m.value: m for m in old[name].members}
            after = {m.value: m for m in new[name].members}
            for value in _ordered(before.keys() - after.keys()):
                member = f"{name}.{before[value].name}"
                message = f"enum value {json.dumps(value)} (`{member}`) removed"
                yield Change("enum-value-removed", True, member, message, old[name].pointer + "/enum", "old")
            for value in _ordered(after.keys() - before.keys()):
                member = f"{name}.{after[value].name}"
                message = f"enum value {json.dumps(value)} (`{member}`) added"
                yield Change("enum-value-added", False, member, message, new[name].pointer + "/enum", "new")

    def unions(self) -> Iterator[Change]:
        old, new = self.union_maps["old"], self.union_maps["new"]
        for name in sorted(old.keys() - new.keys()):
            yield Change("union-removed", True, name, f"union `{name}` removed", old[name].pointer, "old")
        for name in sorted(new.keys() - old.keys()):
            yield Change("union-added", False, name, f"union `{name}` added", new[name].pointer, "new")
        for name in sorted(old.keys() & new.keys()):
            before = {_show(v.type) for v in old[name].variants}
            after = {_show(v.type) for v in new[name].variants}
            is_input, is_output = name in self.inputs, name in self.outputs
            for variant in sorted(before - after):
                message = f"union `{name}` no longer accepts `{variant}`"
                yield Change("union-variant-removed", is_input, name, message, new[name].pointer, "new")
            for variant in sorted(after - before):
                message = f"union `{name}` now also accepts `{variant}`"
                yield Change("union-variant-added", is_output, name, message, new[name].pointer, "new")


@dataclass(frozen=True)
class _Argument:
    name: str
    type: ir.TypeExpr
    required: bool
    location: ir.ParamLocation | None = None  # None: from the body
    wire_name: str = ""
    field_pointer: str = ""


def _arguments(op: ir.Operation, models: dict[str, ir.Model]) -> dict[str, _Argument]:
    """The keyword arguments of the generated method, by Python name."""
    args = {p.name: _Argument(p.name, p.type, p.required, p.location, p.wire_name) for p in op.parameters}
    body = op.body
    if body is not None and body.args:
        owner = models.get(body.model or "")
        for name, f in body.args:
            where = _property(owner.pointer, f) if owner else ""
            args[name] = _Argument(name, f.type, f.required, None, f.wire_name, where)
    elif body is not None:
        args["body"] = _Argument("body", body.type, body.required)
    if op.idempotency_header:
        args["idempotency_key"] = _Argument("idempotency_key", ir.Primitive("str"), False)
    return args


def _result_type(op: ir.Operation) -> ir.TypeExpr | None:
    success = op.success
    if success is None or success.kind == "empty":
        return ir.Primitive("none")
    if success.kind == "binary":
        return ir.Primitive("bytes")
    return success.result_type  # the envelope's payload, a text body's `str`, or the body


def _reachable(api: ir.Api, side: Literal["in", "out"]) -> set[str]:
    """Names of models, enums and unions reachable from arguments ("in") or results ("out")."""
    roots: list[ir.TypeExpr] = []
    for op in api.operations:
        if side == "in":
            roots += [p.type for p in op.parameters] + [b.type for b in op.bodies]
            roots += [f.type for b in op.bodies for _, f in b.args]
            roots += [ir.ModelRef(b.model) for b in op.bodies if b.model]
        else:
            roots += [r.type for r in op.responses if r.type is not None]
            result = _result_type(op)
            roots += [result] if result is not None else []
    models = {m.name: m for m in api.models}
    unions = {u.name: u for u in api.unions}
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        t = stack.pop()
        for name, children in _children(t, models, unions):
            if name not in seen:
                seen.add(name)
                stack += children
    return seen


def _children(
    t: ir.TypeExpr, models: dict[str, ir.Model], unions: dict[str, ir.Union_]
) -> Iterable[tuple[str, list[ir.TypeExpr]]]:
    if isinstance(t, ir.ListOf):
        yield "", [t.item]
    elif isinstance(t, ir.MapOf):
        yield "", [t.value]
    elif isinstance(t, ir.Nullable):
        yield "", [t.inner]
    elif isinstance(t, ir.ModelRef) and t.name in models:
        m = models[t.name]
        extra = [m.additional] if isinstance(m.additional, ir.TypeExpr) else []
        yield t.name, [f.type for f in m.fields] + extra
    elif isinstance(t, ir.UnionRef) and t.name in unions:
        yield t.name, [v.type for v in unions[t.name].variants]
    elif isinstance(t, ir.EnumRef):
        yield t.name, []


def _ordered(values: Iterable[Any]) -> list[Any]:
    return sorted(values, key=lambda v: (type(v).__name__, str(v)))


def _method(key: tuple[str, str]) -> str:
    return f"client.{key[0]}.{key[1]}()"


def _property(model_pointer: str, f: ir.Field) -> str:
    return model_pointer + pointer("properties", f.wire_name)


def _verb(rel: Relation) -> str:
    return {"wider": "widened", "narrower": "narrowed", "changed": "changed", "same": "kept"}[rel]


# -- output ----------------------------------------------------------------------


def to_markdown(report: Report) -> str:
    lines = [f"## API changes: `{report.old}` → `{report.new}`", ""]
    if not report.changes:
        return "\n".join([*lines, "No changes to the generated Python API.", ""])
    groups = (
        ("Breaking changes", [c for c in report.changes if c.breaking]),
        ("Other changes", [c for c in report.changes if not c.breaking]),
    )
    for title, changes in groups:
        if changes:
            lines += [f"### {title} ({len(changes)})", ""]
            files = {"old": report.old, "new": report.new}
            lines += [f"- {c.message} (`{files[c.spec]}#{c.pointer}`)" for c in changes]
            lines.append("")
    return "\n".join(lines)


def to_json(report: Report) -> str:
    body = {
        "old": report.old,
        "new": report.new,
        "breaking": bool(report.breaking),
        "changes": [asdict(c) for c in report.changes],
    }
    return json.dumps(body, indent=2) + "\n"
