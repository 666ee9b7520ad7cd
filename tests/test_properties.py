"""Property-based tests: random valid schemas (hostile property names, every format,
enums, consts, nullables, unions, nested arrays/objects/maps) and random payloads for
them. The generated module must compile and import, and every decoded model must
survive `from_dict(to_dict(x)) == x` with JSON-ready output."""

from __future__ import annotations

import ast
import atexit
import base64
import importlib
import itertools
import json
import keyword
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from specbuilder import built

from generator.model.names import constant, pascal, snake
from generator.render import package as render
from generator.render.pycode import docstring

NAMES = st.sampled_from(
    [
        "id", "class", "from", "self", "None", "fooBar", "foo_bar", "1st", "données.été", "a-b",
        "type", "x.y", "", " ", "__init__", "data", "path", "cls", "additional_properties",
        "to_dict", "from_dict", "int", "str", "list", "field", "_KNOWN", "UNSET", "async",
    ]
) | st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=6)  # fmt: skip
ENUM_VALUES = st.lists(
    st.sampled_from(["a", "A", "a-", "class", "None", "1", '"""', "name", "value", "é", "x y"]),
    min_size=1,
    max_size=4,
    unique=True,
)

LEAVES = (
    st.sampled_from(
        [
            {"type": "string"},
            {"type": "integer"},
            {"type": "integer", "format": "int64"},
            {"type": "number"},
            {"type": "number", "format": "double"},
            {"type": "boolean"},
            {"type": "string", "format": "date-time"},
            {"type": "string", "format": "date"},
            {"type": "string", "format": "uuid"},
            {"type": "string", "format": "byte"},
            {"type": "string", "format": "email"},
            {"type": "string", "format": "uri"},
            {},
        ]
    )
    | st.builds(lambda v: {"type": "string", "enum": v}, ENUM_VALUES)
    | st.builds(
        lambda v: {"type": "integer", "enum": v},
        st.lists(st.integers(-3, 3), min_size=1, max_size=3, unique=True),
    )
    | st.builds(lambda v: {"const": v}, st.sampled_from(["k", 3, True]))
)


def _object(props: dict[str, Any], required: list[str], extra: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": props}
    required = [r for r in required if r in props]
    if required:
        schema["required"] = sorted(set(required))
    if extra is not None:
        schema["additionalProperties"] = extra
    return schema


def _extend(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return (
        st.builds(lambda c: {"type": "array", "items": c}, children)
        | st.builds(
            _object,
            st.dictionaries(NAMES, children, min_size=1, max_size=4),
            st.lists(NAMES, max_size=3),
            st.sampled_from([None, False, True, {"type": "integer"}]),
        )
        | st.builds(lambda c: {"type": "object", "additionalProperties": c}, children)
        | st.builds(lambda c: {**c, "type": [c["type"], "null"]} if "type" in c else c, children)
        | st.builds(lambda cs: {"oneOf": cs}, st.lists(children, min_size=2, max_size=3))
        | st.builds(lambda cs: {"anyOf": cs}, st.lists(children, min_size=2, max_size=3))
        | st.builds(
            _discriminated, st.lists(st.dictionaries(NAMES, children, max_size=3), min_size=2, max_size=3)
        )
        | st.builds(
            lambda parts, required: {"allOf": [_object(p, required, None) for p in parts]},
            st.lists(st.dictionaries(NAMES, children, min_size=1, max_size=3), min_size=2, max_size=3),
            st.lists(NAMES, max_size=3),
        )
        | st.builds(
            lambda c, flag: {**c, flag: True},
            children,
            st.sampled_from(["readOnly", "writeOnly", "deprecated"]),
        )
        | st.builds(lambda c: {**c, "nullable": True} if isinstance(c.get("type"), str) else c, children)
    )


def _discriminated(variants: list[dict[str, Any]]) -> dict[str, Any]:
    """A oneOf of objects told apart by a `kind` property with a const value each."""
    objects = [
        _object(
            {**{k: v for k, v in props.items() if k != "kind"}, "kind": {"const": f"v{i}"}}, ["kind"], None
        )
        for i, props in enumerate(variants)
    ]
    return {"oneOf": objects, "discriminator": {"propertyName": "kind"}}


SCHEMAS = st.recursive(LEAVES, _extend, max_leaves=8)
ROOTS = st.builds(
    _object,
    st.dictionaries(NAMES, SCHEMAS, min_size=1, max_size=5),
    st.lists(NAMES, max_size=4),
    st.sampled_from([None, False, {"type": "string"}]),
)


def payload(schema: Any) -> st.SearchStrategy[Any]:
    """JSON values valid for `schema`, in the canonical forms the client writes back."""
    if not isinstance(schema, dict) or not schema:
        return st.none() | st.integers() | st.text(max_size=3) | st.lists(st.booleans(), max_size=2)
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if schema.get("nullable"):
        return st.none() | payload({k: v for k, v in schema.items() if k != "nullable"})
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return st.one_of([payload(v) for v in schema[key]])
    if "allOf" in schema:  # the parts merged, as the generated model merges them
        props = {k: v for part in schema["allOf"] for k, v in part["properties"].items()}
        required = [r for part in schema["allOf"] for r in part.get("required", [])]
        return payload(_object(props, required, None))
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.none() | payload({**schema, "type": kind[0]})
    fmt = schema.get("format")
    if kind == "string":
        formats: dict[Any, st.SearchStrategy[Any]] = {
            "date-time": st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
            "date": st.dates().map(lambda d: d.isoformat()),
            "uuid": st.uuids().map(str),
            "byte": st.binary(max_size=6).map(lambda b: base64.b64encode(b).decode()),
        }
        return formats.get(fmt, st.text(max_size=5))
    if kind == "integer":
        return st.integers(-(2**63), 2**63 - 1)
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False) | st.integers(-5, 5)
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        return st.lists(payload(schema["items"]), max_size=3)
    props = schema.get("properties", {})
    required = set(schema.get("required", []))
    extra = schema.get("additionalProperties")
    extras: st.SearchStrategy[dict[str, Any]] = st.just({})
    if isinstance(extra, dict):
        keys = st.text(max_size=4).filter(lambda k: k not in props)
        extras = st.dictionaries(keys, payload(extra), max_size=2)
    return st.builds(
        lambda fixed, optional, more: {**more, **fixed, **optional},
        st.fixed_dictionaries({k: payload(v) for k, v in props.items() if k in required}),
        st.fixed_dictionaries({}, optional={k: payload(v) for k, v in props.items() if k not in required}),
        extras,
    )


def document(root: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Prop", "version": "1"},
        "servers": [{"url": "https://p.test"}],
        "paths": {
            "/root": {
                "post": {
                    "operationId": "echo",
                    "tags": ["default"],
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Root"}}}
                    },
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Root"}}
                            },
                        }
                    },
                }
            }
        },
        "components": {"schemas": {"Root": root}},
    }


_COUNTER = itertools.count()
_WORKDIR = Path(tempfile.mkdtemp(prefix="oagen-properties-"))
atexit.register(shutil.rmtree, _WORKDIR, ignore_errors=True)
sys.path.insert(0, str(_WORKDIR))


def build_package(root: dict[str, Any]) -> Any:
    """Generate, write, compile and import a client for `root`; return its models module."""
    package = f"prop_client_{next(_COUNTER)}"
    api = built(document(root), package)
    for f in render.render(api, render.environment()):
        path = _WORKDIR / f.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f.content, encoding="utf-8")
        if f.path.endswith(".py"):
            compile(f.content, f.path, "exec")
    importlib.invalidate_caches()
    importlib.import_module(package)
    importlib.import_module(f"{package}.resources.default")
    return importlib.import_module(f"{package}.models")


_SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@_SETTINGS
@given(root=ROOTS, data=st.data())
def test_random_schemas_generate_code_that_round_trips(root: dict[str, Any], data: st.DataObject) -> None:
    models = build_package(root)
    for _ in range(3):
        wire = data.draw(payload(root), label="payload")
        value = models.Root.from_dict(wire)
        encoded = value.to_dict()
        assert _only_json(encoded), encoded  # dicts, lists, str, int, float, bool, None: nothing else
        assert models.Root.from_dict(encoded) == value
        assert models.Root.from_dict(json.loads(json.dumps(encoded))) == value
        assert json.loads(value.to_json()) == encoded
        assert models.Root.from_dict(json.loads(value.to_json(indent=2))) == value


def _only_json(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _only_json(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_only_json(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


@_SETTINGS
@given(values=ENUM_VALUES, names=st.lists(NAMES, min_size=1, max_size=6, unique=True))
def test_hostile_names_become_distinct_identifiers_keeping_wire_names(
    values: list[str], names: list[str]
) -> None:
    root = _object({n: {"type": "string", "enum": values} for n in names}, names, False)
    models = build_package(root)
    wire = {n: values[0] for n in names}
    value = models.Root.from_dict(wire)
    assert value.to_dict() == wire
    fields = [f for f in vars(value) if f != "additional_properties"]
    assert len(fields) == len(names) and all(f.isidentifier() for f in fields)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(exclude_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")))
def test_any_single_line_text_is_a_faithful_docstring(text: str) -> None:
    source = 'def f():\n    """' + docstring(text) + '"""\n'
    namespace: dict[str, Any] = {}
    exec(compile(source, "<doc>", "exec"), namespace)
    assert namespace["f"].__doc__ == text.strip()


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_any_text_is_a_safe_docstring(text: str) -> None:
    """Multi-line text too: it compiles, and the docstring is the only statement."""
    source = 'def f():\n    """' + docstring(text) + '"""\n'
    tree = ast.parse(source)
    assert len(tree.body) == 1 and len(tree.body[0].body) == 1  # type: ignore[attr-defined]
    compile(source, "<doc>", "exec")


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@pytest.mark.slow
@given(roots=st.lists(ROOTS, min_size=4, max_size=6))
def test_random_schemas_pass_mypy_strict(roots: list[dict[str, Any]]) -> None:
    """Several random schemas in one document (one mypy run each example): zero errors."""
    doc = document(roots[0])
    for index, root in enumerate(roots[1:]):
        doc["components"]["schemas"][f"Root{index}"] = root
        doc["paths"][f"/r{index}"] = {
            "put": {
                "operationId": f"put{index}",
                "tags": ["default"],
                "requestBody": {
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/Root{index}"}}}
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": f"#/components/schemas/Root{index}"}}
                        },
                    }
                },
            }
        }
    package = f"prop_client_{next(_COUNTER)}"
    api = built(doc, package)
    with tempfile.TemporaryDirectory() as folder:
        for f in render.render(api, render.environment()):
            path = Path(folder) / f.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f.content, encoding="utf-8")
        checked = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", package],
            cwd=folder,
            capture_output=True,
            text=True,
        )
    assert checked.returncode == 0, checked.stdout[-4000:]


@_SETTINGS
@given(
    ops=st.lists(st.tuples(NAMES, NAMES, st.lists(NAMES, max_size=4, unique=True)), min_size=1, max_size=5)
)
def test_random_tags_operation_ids_and_parameters(ops: list[tuple[str, str, list[str]]]) -> None:
    """Hostile tags, operationIds and parameter names: distinct identifiers, files inside the package."""
    doc = document({"type": "object", "properties": {"a": {"type": "string"}}})
    for index, (tag, op_id, params) in enumerate(ops):
        doc["paths"][f"/p{index}"] = {
            "get": {
                "operationId": op_id,
                "tags": [tag],
                "parameters": [{"name": p, "in": "query", "schema": {"type": "string"}} for p in params],
                "responses": {"204": {"description": "none"}},
            }
        }
    api = built(doc, "p")
    for resource in api.resources:
        assert resource.name.isidentifier() and resource.class_name.isidentifier()
        names = [op.name for op in resource.operations]
        assert len(set(names)) == len(names) and all(n.isidentifier() for n in names)
        for op in resource.operations:
            args = [p.name for p in op.parameters]
            assert len(set(args)) == len(args) and all(
                a.isidentifier() and not keyword.iskeyword(a) for a in args
            )
    files = render.render(api, render.environment())
    for f in files:
        assert f.path.split("/")[0] in ("p", "README.md", "pyproject.toml") and ".." not in f.path
        if f.path.endswith(".py"):
            compile(f.content, f.path, "exec")


def test_non_ascii_names_stay_distinct_and_readable() -> None:
    assert snake("Ünïcödé Tag") == "unicode_tag" and snake("Straße") == "strasse"
    assert pascal("données.été") == "DonneesEte"
    assert snake("宠物") == "u_23456_u_29289" and snake("宠") != snake("物")
    assert snake("Ω") == "omega" and pascal("Ω") == "Omega"
    assert snake("") == "value" and pascal("") == "Model" and constant("") == "EMPTY"


@settings(max_examples=500, deadline=None)
@given(text=st.text())
def test_any_text_becomes_an_identifier(text: str) -> None:
    for name in (snake(text), pascal(text), constant(text)):
        assert name.isidentifier() and name.isascii() and not keyword.iskeyword(name)
    assert snake(text) == snake(text)  # deterministic
