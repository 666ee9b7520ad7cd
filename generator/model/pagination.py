"""Stage 2 (model), a pass: recognise list operations that page, and describe how (ir.Pagination).

Works on the IR only: an operation pages when one of its query parameters selects the page
(a page number, an offset or a cursor) and its decoded result holds a list of items. The
stop condition comes from the fields next to that list: a `hasMore` flag, a `total` count, a
`nextCursor`; without any of them the walk ends at the first empty (or short) page.
Operations the rules cannot recognise can be declared in the configuration instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from ..diagnostics import Diagnostics
from . import ir

# Wire names (compared case- and separator-insensitively) that give a parameter or field its role.
_PAGE_PARAMS = ("page", "pagenumber", "pageno", "pagenum")
_OFFSET_PARAMS = ("offset", "skip", "start", "startat", "startindex")
_CURSOR_PARAMS = ("cursor", "after", "pagetoken", "startingafter", "continuationtoken", "nextcursor")
_LIMIT_PARAMS = ("limit", "pagesize", "perpage", "size", "take", "maxresults", "count")
_HAS_MORE = ("hasmore", "hasnext", "hasnextpage", "more")
_TOTAL = ("total", "count", "totalcount", "totalitems", "totalresults")
_NEXT_CURSOR = ("nextcursor", "cursor", "nextpagetoken", "endcursor", "next")
_ITEMS = ("items", "data", "results", "records", "entries")
_DEPTH = 2  # how deep below the result the items and the paging fields may sit

_AFTER_PARAMS = ("startingafter", "after")  # cursors that are the last item's id
_CONFIG_KEYS = frozenset(
    {"style", "param", "limit", "items", "has_more", "total", "next_cursor", "item_cursor", "start"}
)

Path = tuple[ir.FieldStep, ...]


def annotate(api: ir.Api, diags: Diagnostics, config: Mapping[str, Any] | None = None) -> None:
    """Set `Operation.pagination` on every operation that pages.

    `config` maps an operationId to a declaration, for operations the rules miss or get
    wrong; `False` instead of a declaration turns paging off for that operation::

        {
            "ListThings": {
                "style": "page",            # "page", "offset" or "cursor"
                "param": "pageNo",          # wire name of the query parameter selecting the page
                "limit": "size",            # optional: wire name of the page-size parameter
                "items": "data.things",     # path from the result to the item list ("" = the result)
                "has_more": "data.more",    # optional: path to a boolean "more pages follow"
                "total": "data.total",      # optional: path to the total number of items
                "next_cursor": "data.next", # for "cursor": path to the next page's cursor, or
                "item_cursor": "id",        # for "cursor": path in the last item to it (`after=<id>`)
                "start": 0,                 # optional: first page number / offset (default 1 / 0)
            },
            "SearchThings": False,
        }

    Paths are dot-separated JSON names, read from the operation's decoded result (the
    envelope's `data`, or the model holding `data` and the envelope's extra fields).
    A declaration that does not fit the spec is reported as a warning and ignored.
    """
    config = config or {}
    models = {m.name: m for m in api.models}
    for resource in api.resources:
        taken = {op.name for op in resource.operations} | {"with_raw_response"}
        for op in resource.operations:
            declared = config.get(op.operation_id)
            if declared is False:
                op.pagination = None
            elif declared is not None:
                op.pagination = _declared(op, declared, models, diags)
            else:
                op.pagination = _detect(op, models)
            if op.pagination is not None:
                name = op.pagination.method
                while name in taken:
                    name += "_"
                taken.add(name)
                op.pagination = dataclasses.replace(op.pagination, method=name)
                diags.note(op.pointer, f"{name} walks every page of {op.name}. {describe(op.pagination)}")


def result_type(op: ir.Operation) -> ir.TypeExpr | None:
    """The type an operation's method returns, as the paging paths see it."""
    success = op.success
    return success.result_type if success is not None and success.kind == "json" else None


# -- detection ----------------------------------------------------------------------


def _key(name: str) -> str:
    return name.lower().replace("_", "").replace("-", "")


def _strip(t: ir.TypeExpr) -> tuple[ir.TypeExpr, bool]:
    if isinstance(t, ir.Nullable):
        return t.inner, True
    return t, False


def _is_int(t: ir.TypeExpr) -> bool:
    return _strip(t)[0] == ir.Primitive("int")


def _is_str(t: ir.TypeExpr) -> bool:
    return _strip(t)[0] == ir.Primitive("str")


def _param(op: ir.Operation, names: tuple[str, ...], check: Any) -> ir.Parameter | None:
    by_key = {_key(p.wire_name): p for p in op.params_in("query") if check(p.type)}
    return next((by_key[n] for n in names if n in by_key), None)


def _walk(
    t: ir.TypeExpr, models: Mapping[str, ir.Model], prefix: Path = ()
) -> Iterator[tuple[Path, ir.Field]]:
    """Every field below a model, breadth first, down to `_DEPTH` levels; lists are not entered."""
    inner, _ = _strip(t)
    if not isinstance(inner, ir.ModelRef) or inner.name not in models or len(prefix) >= _DEPTH:
        return
    fields = models[inner.name].fields
    for f in fields:
        yield (*prefix, _step(f)), f
    for f in fields:
        yield from _walk(f.type, models, (*prefix, _step(f)))


def _step(f: ir.Field) -> ir.FieldStep:
    inner = _strip(f.type)[0]
    return ir.FieldStep(
        f.name, not f.required or f.nullable, inner.name if isinstance(inner, ir.ModelRef) else None
    )


def _find(t: ir.TypeExpr, models: Mapping[str, ir.Model], names: tuple[str, ...], check: Any) -> Path | None:
    found = [(path, f) for path, f in _walk(t, models) if _key(f.wire_name) in names and check(f.type)]
    found.sort(key=lambda pf: (len(pf[0]), names.index(_key(pf[1].wire_name))))
    return found[0][0] if found else None


def _items(t: ir.TypeExpr, models: Mapping[str, ir.Model]) -> tuple[Path, ir.TypeExpr] | None:
    """The list the pages are made of: the result itself, or its (preferably well-named) list field."""
    inner, _ = _strip(t)
    if isinstance(inner, ir.ListOf):
        return (), inner.item
    lists = [(path, f) for path, f in _walk(t, models) if isinstance(_strip(f.type)[0], ir.ListOf)]
    if not lists:
        return None
    shallowest = min(len(path) for path, _ in lists)
    candidates = [(path, f) for path, f in lists if len(path) == shallowest]
    named = [(path, f) for path, f in candidates if _key(f.wire_name) in _ITEMS]
    if len(named) == 1:
        candidates = named
    elif len(candidates) != 1:
        return None  # ambiguous: leave it to the configuration
    path, f = candidates[0]
    list_type = _strip(f.type)[0]
    assert isinstance(list_type, ir.ListOf)
    return path, list_type.item


def _detect(op: ir.Operation, models: Mapping[str, ir.Model]) -> ir.Pagination | None:
    if op.method != "GET":
        return None
    result = result_type(op)
    if result is None:
        return None
    found = _items(result, models)
    if found is None:
        return None
    items, item_type = found
    limit = _param(op, _LIMIT_PARAMS, _is_int)
    has_more = _find(result, models, _HAS_MORE, lambda t: _strip(t)[0] == ir.Primitive("bool"))
    total = _find(result, models, _TOTAL, _is_int)
    cursor = _param(op, _CURSOR_PARAMS, _is_str)
    next_cursor = _find(result, models, _NEXT_CURSOR, _is_str)
    base = ir.Pagination(
        style="cursor",
        method="iter_" + op.name,
        param="",
        items=items,
        item_type=item_type,
        limit_param=limit.name if limit else None,
        has_more=has_more,
    )
    if cursor is not None and next_cursor is not None:
        return dataclasses.replace(base, param=cursor.name, next_cursor=next_cursor)
    after = _param(op, _AFTER_PARAMS, _is_str)
    if after is not None and has_more is not None:
        item_id = next((path for path, f in _walk(item_type, models, ()) if f.wire_name == "id"), None)
        if item_id is not None and len(item_id) == 1 and _is_str(_field_type(item_type, "id", models)):
            return dataclasses.replace(base, param=after.name, item_cursor=item_id)
    styles: tuple[tuple[ir.PaginationStyle, tuple[str, ...]], ...] = (
        ("page", _PAGE_PARAMS),
        ("offset", _OFFSET_PARAMS),
    )
    for style, names in styles:
        param = _param(op, names, _is_int)
        if param is not None and param is not limit:
            start = _start(style, param.default)
            return dataclasses.replace(base, style=style, param=param.name, start=start, total=total)
    return None


def _field_type(t: ir.TypeExpr, wire: str, models: Mapping[str, ir.Model]) -> ir.TypeExpr:
    return _resolve(t, wire, models)[1]


def _start(style: ir.PaginationStyle, default: object) -> int:
    if isinstance(default, int) and not isinstance(default, bool):
        return default
    return 1 if style == "page" else 0


# -- declarations -----------------------------------------------------------------------


class _Invalid(Exception):
    pass


def _declared(
    op: ir.Operation, declared: object, models: Mapping[str, ir.Model], diags: Diagnostics
) -> ir.Pagination | None:
    try:
        return _from_config(op, declared, models)
    except _Invalid as exc:
        diags.warn(op.pointer, f"pagination declared for {op.operation_id} ignored: {exc}")
        return None


def _from_config(op: ir.Operation, declared: object, models: Mapping[str, ir.Model]) -> ir.Pagination:
    if not isinstance(declared, Mapping):
        raise _Invalid("expected a table of settings or false")
    unknown = set(declared) - _CONFIG_KEYS
    if unknown:
        raise _Invalid(f"unknown keys {sorted(unknown)}")
    style = declared.get("style")
    if style not in ("page", "offset", "cursor"):
        raise _Invalid("`style` must be page, offset or cursor")
    result = result_type(op)
    if result is None:
        raise _Invalid("the operation returns no JSON result")
    by_wire = {p.wire_name: p for p in op.params_in("query")}
    param = by_wire.get(str(declared.get("param")))
    if param is None:
        raise _Invalid(f"no query parameter {declared.get('param')!r}")
    limit = None
    if declared.get("limit") is not None:
        limit = by_wire.get(str(declared["limit"]))
        if limit is None:
            raise _Invalid(f"no query parameter {declared['limit']!r}")
    items, items_type = _resolve(result, str(declared.get("items", "")), models)
    if items:
        items_type = _strip(items_type)[0]
    if not isinstance(items_type, ir.ListOf):
        raise _Invalid(f"`items` {declared.get('items', '')!r} is not a list")
    paths: dict[str, Path | None] = {}
    for key in ("has_more", "total", "next_cursor"):
        value = declared.get(key)
        paths[key] = _resolve(result, str(value), models)[0] if value else None
    item_cursor = (
        _resolve(items_type.item, str(declared["item_cursor"]), models)[0]
        if declared.get("item_cursor")
        else None
    )
    if style == "cursor" and paths["next_cursor"] is None and item_cursor is None:
        raise _Invalid("a cursor style needs `next_cursor` or `item_cursor`")
    start = declared.get("start")
    if start is not None and (not isinstance(start, int) or isinstance(start, bool)):
        raise _Invalid("`start` must be an integer")
    return ir.Pagination(
        style=style,
        method="iter_" + op.name,
        param=param.name,
        items=items,
        item_type=items_type.item,
        start=None if style == "cursor" else _start(style, start if start is not None else param.default),
        limit_param=limit.name if limit else None,
        has_more=paths["has_more"],
        total=paths["total"] if style != "cursor" else None,
        next_cursor=paths["next_cursor"] if style == "cursor" else None,
        item_cursor=item_cursor if style == "cursor" and paths["next_cursor"] is None else None,
    )


def _resolve(t: ir.TypeExpr, dotted: str, models: Mapping[str, ir.Model]) -> tuple[Path, ir.TypeExpr]:
    """Follow a dotted wire-name path through the models."""
    path: list[ir.FieldStep] = []
    for part in [p for p in dotted.split(".") if p]:
        inner = _strip(t)[0]
        model = models.get(inner.name) if isinstance(inner, ir.ModelRef) else None
        f = next((f for f in model.fields if f.wire_name == part), None) if model else None
        if f is None:
            raise _Invalid(f"no field {part!r} on the way to {dotted!r}")
        path.append(_step(f))
        t = f.type
    return tuple(path), t


def describe(pg: ir.Pagination) -> str:
    """How the walk ends, in words, naming the fields it relies on (for docstrings and --report)."""

    def name(path: tuple[ir.FieldStep, ...]) -> str:
        return "`" + ".".join(step.name for step in path) + "`"

    if pg.style == "cursor" and pg.next_cursor:
        return (
            f"It follows {name(pg.next_cursor)} and stops when that is empty or repeats, or at an empty page."
        )
    if pg.style == "cursor" and pg.item_cursor:
        return f"It pages after the last item's {name(pg.item_cursor)} and stops at an empty page."
    if pg.has_more:
        return f"It stops when {name(pg.has_more)} is false, or at an empty page."
    short = f"a page shorter than `{pg.limit_param}`" if pg.limit_param else "an empty page"
    if pg.total:
        return (
            f"It stops once {name(pg.total)} items were seen, read as the total; should that field only "
            f"ever equal the page's length, it is not trusted and the walk stops at {short}."
        )
    return f"Without a total or a next-page signal, it stops at {short}."
