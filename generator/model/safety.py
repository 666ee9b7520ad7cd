"""Model stage, last pass: a name check over the finished IR before anything is rendered.

Every name the templates will write must be a valid identifier that hides nothing the
generated modules rely on (builtins used in annotations, runtime helpers, imported modules)
and clashes with no other name in its namespace. The naming rules in `model` are meant to
guarantee this; a name that still fails is a generator bug, reported with its pointer
(exit 3) instead of being emitted as a silently broken client.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterable, Iterator

from . import ir, runtime_names


def problems(api: ir.Api) -> list[tuple[str, str]]:
    """(pointer, message) for every unsafe name; empty when all is well."""
    return list(_check(api))


def _check(api: ir.Api) -> Iterator[tuple[str, str]]:
    classes: dict[str, str] = {}
    for kind, items in (("model", api.models), ("enum", api.enums), ("union", api.unions)):
        for item in items:
            yield from _name(item.name, item.pointer, f"{kind} class", runtime_names.CLASS_RESERVED)
            if item.name in classes:
                yield item.pointer, f"{kind} class {item.name} clashes with the one at {classes[item.name]}"
            classes[item.name] = item.pointer
    for m in api.models:
        yield from _unique(
            ((f.name, m.pointer) for f in m.fields), f"field of {m.name}", runtime_names.FIELD_RESERVED
        )
    for e in api.enums:
        yield from _unique(((x.name, e.pointer) for x in e.members), f"member of {e.name}", frozenset())
    client = runtime_names.client_names(api.prefix)
    attributes = ((r.name, "/tags") for r in api.resources)
    yield from _unique(attributes, "client attribute", runtime_names.CLIENT_RESERVED)
    for r in api.resources:
        for cls in (r.class_name, "Async" + r.class_name):
            if cls in classes or cls in client:
                yield "/tags", f"resource class {cls} clashes with a model or the client"
            yield from _name(cls, "/tags", "resource class", runtime_names.CLASS_RESERVED)
        methods = [(op.name, op.pointer) for op in r.operations]
        methods += [(op.pagination.method, op.pointer) for op in r.operations if op.pagination]
        methods += [(op.job.method, op.pointer) for op in r.operations if op.job]
        yield from _unique(methods, f"method of {r.class_name}", runtime_names.METHOD_RESERVED)
        for op in r.operations:
            args = [(p.name, op.pointer) for p in op.parameters]
            if op.body is not None:
                args += [(name, op.pointer) for name, _ in op.body.args] or [("body", op.pointer)]
            # A body that is not an object is the argument `body`, the one reserved name it may use.
            plain_body = op.body is not None and not op.body.args
            reserved = runtime_names.PARAM_RESERVED - ({"body"} if plain_body else set())
            yield from _unique(args, f"argument of {op.name}", reserved)


def _unique(
    names: Iterable[tuple[str, str]], what: str, reserved: frozenset[str]
) -> Iterator[tuple[str, str]]:
    seen: set[str] = set()
    for name, ptr in names:
        yield from _name(name, ptr, what, reserved)
        if name in seen:
            yield ptr, f"{what} {name!r} appears twice"
        seen.add(name)


def _name(name: str, ptr: str, what: str, reserved: frozenset[str]) -> Iterator[tuple[str, str]]:
    if not name.isidentifier() or keyword.iskeyword(name):
        yield ptr, f"{what} {name!r} is not a valid Python name"
    elif name in reserved:
        yield ptr, f"{what} {name!r} would hide a name the generated code uses"
