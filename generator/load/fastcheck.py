"""openapi-spec-validator's per-schema checks made cheaper, with the same findings.

After the whole-document check (validate._SchemaCheck), what the validator spends its time on is
its schema keyword check, `SchemaValidator.__call__`: every schema a media type, a parameter or
`components/schemas` names is checked against the JSON Schema meta-schema by jsonschema (~0.5 s
of CPU on jira), then walked (allOf, anyOf, oneOf, not, items, properties; each schema once)
through jsonschema-path's SchemaPath, whose every step resolves the path from a cache (~0.7 s).
On a two-core machine that child competes with the main process (and ruff) to the end of a run.

Two shortcuts, neither of which decides a finding on its own:

- The meta-schema check asks jsonschema-rs first, against the same meta-schema, with
  jsonschema's own format checks called back for the formats it uses; only a schema it refuses
  is checked again by jsonschema, whose message is the finding.
- The walk finds nothing in a schema whose closure (every schema the walk would reach from it,
  refs followed) has no `default`, no value that is not a schema, only well-formed keywords
  and refs this module can follow; such a schema and its closure are marked visited, as the
  walk would have left them, and the walk goes on elsewhere. Whether a schema is visited only
  changes what the walk does later on that schema's closure, which holds nothing to find.

This depends on internals of openapi-spec-validator 0.9 (the version range is pinned in
pyproject.toml; tests/test_fastcheck.py fails when the source below changes): the walk's
keywords and findings in `SchemaValidator.__call__`, its `visited_schema_ids` and
`meta_checked_schema_ids` lists and the `_validate_schema_meta` method.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import FrameType
from typing import Any

# The keywords SchemaValidator.__call__ descends into, and those _collect_properties follows
# (without a visited set: a cycle through these is endless recursion, a finding of its own).
_LISTS = ("allOf", "anyOf", "oneOf")
_COLLECTED = (*_LISTS, "not", "items")
# A closure larger than this is walked one schema at a time (its parts are pruned): it
# bounds the recursion a skipped walk would have needed, see _Closures.prunable.
_MAX_CLOSURE = 200
_UNKNOWN = object()
# Frames jsonschema's meta-schema check takes per level of the schema it checks, with room to
# spare (measured: ~12 for the 3.1 dialect's, ~6 for draft 4's).
_FRAMES_PER_LEVEL = 20


class _Closures:
    """Which schemas of one document the walk can skip, and what it would visit in them."""

    def __init__(self, document: Any) -> None:
        self.document = document
        # `$id` changes what a ref means: any in the document and nothing is skipped.
        self.enabled = not _has_key(document, "$id")
        self._clean: dict[int, bool] = {}
        self._closure: dict[int, list[Any]] = {}

    def prunable(self, value: Any) -> list[Any] | None:
        """The closure of `value` (values, itself first) when the walk finds nothing in it."""
        if not self.enabled or not isinstance(value, dict):
            return None
        key = id(value)
        if key not in self._clean:
            self._analyse(value)
        return self._closure[key] if self._clean[key] else None

    def _resolve(self, node: Any) -> Any:
        """node with refs followed as jsonschema-path does, or _UNKNOWN."""
        seen: set[int] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            if id(node) in seen:
                return _UNKNOWN  # a ref cycle: the validator recurses without end
            seen.add(id(node))
            node = self._target(node["$ref"])
        return node

    def _target(self, ref: str) -> Any:
        # Only plain local pointers; anything else (another file, an anchor, escapes this
        # module does not decode) is left to the validator.
        if not ref.startswith("#/") or "%" in ref:
            return _UNKNOWN
        node = self.document
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return _UNKNOWN
        return node

    def _children(self, value: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        for keyword in _LISTS:
            for item in value.get(keyword, ()):
                yield keyword, item
        for keyword in ("not", "items"):
            if keyword in value:
                yield keyword, value[keyword]
        for item in value.get("properties", {}).values():
            yield "properties", item

    def _well_formed(self, value: Any) -> bool:
        """A schema the walk reads without a finding or an exception (children aside)."""
        if isinstance(value, bool):
            return True
        if not isinstance(value, dict) or "default" in value:
            return False
        if any(k in value and not isinstance(value[k], list) for k in _LISTS):
            return False
        properties = value.get("properties", {})
        if not isinstance(properties, dict) or not all(isinstance(k, str) for k in properties):
            return False
        required = value.get("required", [])
        return isinstance(required, list) and all(isinstance(k, str) for k in required)

    def _analyse(self, root: dict[str, Any]) -> None:
        """Tarjan's strongly connected components over the resolved schemas reachable from root:
        a component is clean when its members are well formed, it has no cycle through the
        keywords _collect_properties follows, and what it reaches is clean."""
        index: dict[int, int] = {}
        low: dict[int, int] = {}
        stack: list[Any] = []
        on_stack: set[int] = set()
        edges: dict[int, list[tuple[str, Any]]] = {}

        def successors(value: Any) -> list[tuple[str, Any]]:
            if id(value) not in edges:
                found = []
                if isinstance(value, dict) and self._well_formed(value):
                    found = [(kw, self._resolve(child)) for kw, child in self._children(value)]
                edges[id(value)] = found
            return edges[id(value)]

        work: list[tuple[Any, Iterator[tuple[str, Any]]]] = []

        def enter(value: Any) -> None:
            index[id(value)] = low[id(value)] = len(index)
            stack.append(value)
            on_stack.add(id(value))
            work.append((value, iter(successors(value))))

        enter(root)
        while work:
            value, pending = work[-1]
            advanced = False
            for _, child in pending:
                if child is _UNKNOWN or not isinstance(child, dict):
                    continue  # judged below, as a leaf
                if id(child) in self._clean:
                    continue
                if id(child) not in index:
                    enter(child)
                    advanced = True
                    break
                if id(child) in on_stack:
                    low[id(value)] = min(low[id(value)], index[id(child)])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[id(parent)] = min(low[id(parent)], low[id(value)])
            if low[id(value)] == index[id(value)]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(id(member))
                    members.append(member)
                    if member is value:
                        break
                self._settle(members, successors)

    def _settle(self, members: list[Any], successors: Any) -> None:
        ids = {id(m) for m in members}
        clean = all(self._well_formed(m) for m in members)
        closure: list[Any] = list(members)
        seen = set(ids)
        collected_inside = False
        for member in members:
            for keyword, child in successors(member):
                if child is _UNKNOWN:
                    clean = False
                elif isinstance(child, dict) and id(child) in ids:
                    collected_inside = collected_inside or keyword in _COLLECTED
                elif isinstance(child, dict):
                    clean = clean and self._clean[id(child)]
                    for reached in self._closure[id(child)]:
                        if id(reached) not in seen:
                            seen.add(id(reached))
                            closure.append(reached)
                elif isinstance(child, bool):
                    if id(child) not in seen:
                        seen.add(id(child))
                        closure.append(child)
                else:
                    clean = False
        clean = clean and len(closure) <= _MAX_CLOSURE
        if clean and collected_inside:
            clean = not _collect_cycle(members, successors)
        for member in members:
            self._clean[id(member)] = clean
            # Each member first, so `prunable` gives the value itself at [0].
            self._closure[id(member)] = [member, *(v for v in closure if v is not member)] if clean else []


def _collect_cycle(members: list[Any], successors: Any) -> bool:
    """Whether members (one strongly connected component) hold a cycle through _COLLECTED."""
    ids = {id(m) for m in members}
    graph = {
        id(m): [id(c) for kw, c in successors(m) if kw in _COLLECTED and isinstance(c, dict) and id(c) in ids]
        for m in members
    }
    state: dict[int, int] = {}  # 1: on the path, 2: done
    for start in graph:
        if start in state:
            continue
        path = [(start, iter(graph[start]))]
        state[start] = 1
        while path:
            node, rest = path[-1]
            for nxt in rest:
                if state.get(nxt) == 1:
                    return True
                if nxt not in state:
                    state[nxt] = 1
                    path.append((nxt, iter(graph[nxt])))
                    break
            else:
                state[node] = 2
                path.pop()
    return False


def _has_key(node: Any, key: str) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            if key in current:
                return True
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return False


def _room(frames: int) -> bool:
    """Whether the stack has `frames` more frames' room below the recursion limit."""
    try:
        sys._getframe(max(sys.getrecursionlimit() - frames, 0))
    except ValueError:
        return True
    return False


class _IdList(list[int]):
    """The validator's visited lists (it only asks `in` and appends), with a set for `in`."""

    def __init__(self) -> None:
        super().__init__()
        self.members: set[int] = set()

    def __contains__(self, item: object) -> bool:
        return item in self.members

    def append(self, item: int) -> None:
        if item not in self.members:
            self.members.add(item)
            super().append(item)


def prepare(registry: Any, document: Any) -> None:
    """Give the schema checks of a validator (its keyword registry) the document it validates."""
    registry.oagen_closures = _Closures(document)


def schema_check(base: type, meta: Any) -> type:
    """A subclass of the validator's schema keyword check (`base`) with both shortcuts;
    `meta(value)` is True when jsonschema-rs finds `value` valid against the meta-schema
    (False when it does not, or cannot say)."""

    class FastSchemaCheck(base):  # type: ignore[misc]
        def __init__(self, registry: Any) -> None:
            super().__init__(registry)
            self.visited_schema_ids = _IdList()
            self.meta_checked_schema_ids = _IdList()
            self.meta_passed: set[int] = set()
            self.closures: _Closures | None = getattr(registry, "oagen_closures", None)

        def _validate_schema_meta(self, schema: Any, schema_value: Any) -> Any:
            if id(schema_value) in self.meta_passed or meta(schema_value):
                return None
            return super()._validate_schema_meta(schema, schema_value)

        def __call__(self, schema: Any, require_properties: bool = True, meta_checked: bool = False) -> Any:
            # Not a generator: the walk's recursion depth stays the validator's own.
            if self.closures is not None:
                try:
                    value = schema.read_value()
                except Exception:  # the validator raises it again, where it would have
                    value = None
                closure = self.closures.prunable(value)
                if closure is not None and self._walks(value, require_properties, meta_checked):
                    for reached in closure:
                        self.visited_schema_ids.append(id(reached))
            return super().__call__(schema, require_properties, meta_checked)

        def _walks(self, value: dict[str, Any], require_properties: bool, meta_checked: bool) -> bool:
            """Whether the validator is about to walk value (not visited, its meta-schema check
            passes), with no finding of its own (the required-but-undefined check needs allOf)
            and no chance of running out of stack in the walk it is spared."""
            if id(value) in self.visited_schema_ids:
                return False
            if require_properties and "allOf" in value:
                return False
            if not meta_checked and id(value) not in self.meta_checked_schema_ids:
                if not meta(value):
                    return False
                self.meta_passed.add(id(value))
            # The spared walk would go at most one schema per frame or so deeper.
            return _room(3 * _MAX_CLOSURE + 200)

    FastSchemaCheck.__name__ = FastSchemaCheck.__qualname__ = f"Fast{base.__name__}"
    return FastSchemaCheck


def meta_check(is_31: bool) -> Any:
    """A function telling whether jsonschema-rs finds a schema valid against the meta-schema the
    validator checks it against (OpenAPI 3.0: draft 4's; 3.1: the OpenAPI 3.1 base dialect's),
    asserting formats with jsonschema's own format checker, as the validator does. It says
    False when it cannot answer (no jsonschema-rs, a value JSON has no type for), for a 3.1
    schema naming its own `$schema`, and for one deep enough to run jsonschema out of stack."""
    built: list[Any] = []  # the Rust validator, made on first use (None: unavailable)

    def passes(value: Any) -> bool:
        if not built:
            built.append(_rust_meta_validator(is_31))
        if built[0] is None or (is_31 and isinstance(value, dict) and "$schema" in value):
            return False
        # jsonschema recurses about 12 frames per level of a schema (3.1; 6 for 3.0): a schema
        # deep enough to run it out of stack is left to it, so that stays the finding.
        budget = (sys.getrecursionlimit() - _depth() - 100) // _FRAMES_PER_LEVEL
        if _taller_than(value, budget):
            return False
        try:
            return bool(built[0].is_valid(value))
        except (ValueError, TypeError, OverflowError):
            return False

    return passes


def _rust_meta_validator(is_31: bool) -> Any:
    try:
        import jsonschema_rs
        from openapi_schema_validator import OAS30Validator, OAS31Validator
        from openapi_schema_validator._specifications import REGISTRY

        cls = OAS31Validator if is_31 else OAS30Validator
        checker = cls.FORMAT_CHECKER
        formats = {name: _conforms(checker, name) for name in checker.checkers}
        # The OpenAPI dialect's own meta-schemas; jsonschema-rs knows JSON Schema's.
        openapi = [
            (uri, REGISTRY[uri].contents) for uri in REGISTRY if uri.startswith("https://spec.openapis.org/")
        ]
        registry = jsonschema_rs.Registry(openapi) if is_31 else None
        return jsonschema_rs.validator_for(
            dict(cls.META_SCHEMA), formats=formats, validate_formats=True, registry=registry
        )
    except Exception:  # pragma: no cover - no wheel for the platform, or a layout it does not know
        return None


def _depth() -> int:
    frame: FrameType | None = sys._getframe()
    depth = 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    return depth


def _taller_than(node: Any, levels: int) -> bool:
    """Whether node nests more than `levels` containers deep."""
    if not isinstance(node, (dict, list)):
        return False
    if levels <= 0:
        return True
    children = node.values() if isinstance(node, dict) else node
    return any(_taller_than(child, levels - 1) for child in children if isinstance(child, (dict, list)))


def _conforms(checker: Any, name: str) -> Any:
    return lambda value: checker.conforms(value, name)
