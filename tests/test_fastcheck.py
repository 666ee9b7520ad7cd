"""fastcheck's shortcuts through openapi-spec-validator's per-schema checks give exactly the findings
of the plain validator (`validate._run(..., fast=False)`): same pointers, same messages, same order."""

from __future__ import annotations

import copy
import hashlib
import inspect
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import fastcheck, validate
from tests import mutation
from tests.conftest import DATA, ROOT

CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.json")) + sorted(
    (ROOT / "tests" / "corpus").glob("*.yaml")
)


def _both(document: dict[str, Any], name: str = "api.json") -> tuple[Any, Any]:
    path = Path(name)
    return validate._run(document, path, fast=True), validate._run(document, path, fast=False)


def _read(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    return json.loads(raw) if path.suffix == ".json" else yaml.safe_load(raw)


def test_the_validator_internals_fastcheck_relies_on_are_unchanged() -> None:
    """fastcheck reasons about this code (see its docstring): a new openapi-spec-validator or
    jsonschema-path needs that reasoning checked again, then this fingerprint updated."""
    from jsonschema_path import nodes, utils
    from openapi_spec_validator.validation import keywords

    relied_on = [
        keywords.SchemaValidator.__init__,
        keywords.SchemaValidator.__call__,
        keywords.SchemaValidator._collect_properties,
        keywords.SchemaValidator._validate_schema_meta,
        keywords.OpenAPIV30SchemaValidator._get_schema_checker,
        keywords.OpenAPIV31SchemaValidator._get_schema_checker,
        keywords.OpenAPIV31SchemaValidator._get_schema_dialect_id,
        utils.is_ref,
        nodes.SchemaNode._resolve_node,
    ]
    source = "".join(inspect.getsource(part) for part in relied_on)
    assert hashlib.sha256(source.encode()).hexdigest() == (
        "7dd6b792e5de7a1fc29e031b8577ff3c25c137f91192a6249fc9bf7c71038164"
    )


@pytest.mark.parametrize("is_31", [False, True])
def test_the_meta_schema_check_asks_jsonschema_rs(is_31: bool) -> None:
    passes = fastcheck.meta_check(is_31)
    assert passes({"type": "string", "pattern": "^a"})
    assert not passes({"type": "strin"})
    assert not passes({"pattern": "(["})  # a format jsonschema's checker refuses


# Schemas on which jsonschema-rs and jsonschema could disagree (types, formats, uniqueness).
TRICKY: list[Any] = [
    True,
    False,
    {},
    {"maxLength": 1.0},
    {"maxLength": -1},
    {"maxLength": 10**30},
    {"minimum": 1.5, "exclusiveMinimum": True},
    {"exclusiveMinimum": True},
    {"exclusiveMinimum": 3},
    {"multipleOf": 0},
    {"enum": [1, 1.0]},
    {"enum": [1, True]},
    {"enum": [0, False]},
    {"enum": []},
    {"enum": [{"a": 1}, {"a": 1.0}]},
    {"required": []},
    {"required": ["a", "a"]},
    {"type": ["string", "null"]},
    {"type": []},
    {"type": "null"},
    {"pattern": "(?P<x>a)"},
    {"pattern": "\\p{L}"},
    {"pattern": "[[:alpha:]]"},
    {"pattern": "(?<!a)b"},
    {"pattern": "a{,3}"},
    {"format": 5},
    {"items": [{"type": "string"}]},
    {"items": []},
    {"prefixItems": [{"type": "string"}], "items": False},
    {"properties": {"a": 5}},
    {"additionalProperties": 5},
    {"discriminator": {"propertyName": 1}},
    {"discriminator": {"propertyName": "kind", "mapping": {"a": 1}}},
    {"xml": {"attribute": "yes"}},
    {"externalDocs": {"url": 5}},
    {"$ref": "#/components/schemas/A", "description": 5},
    {"$id": "not a uri"},
    {"$anchor": "1bad"},
    {"$defs": {"a": 5}},
    {"const": None},
    {"dependentRequired": {"a": [1]}},
    {"contentMediaType": 5},
    {"nullable": "yes"},
    {"readOnly": 1},
    {"example": float("inf")},
    {"maximum": float("nan")},
    {"description": "é" * 3},
]


@pytest.mark.parametrize("is_31", [False, True])
def test_jsonschema_rs_passes_only_what_jsonschema_passes(is_31: bool) -> None:
    from openapi_schema_validator import OAS30Validator, OAS31Validator

    cls = OAS31Validator if is_31 else OAS30Validator
    passes = fastcheck.meta_check(is_31)
    for schema in TRICKY:
        if passes(schema):
            cls.check_schema(schema)  # raises if jsonschema refuses what jsonschema-rs passed


def _json_values() -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-3, 3),
        st.floats(-2, 2, allow_nan=False),
        st.sampled_from(["a", "", "(["]),
    )
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("abc"), inner, max_size=3)
        ),
        max_leaves=6,
    )


KEYWORDS = st.sampled_from(
    [
        "type",
        "maxLength",
        "minimum",
        "exclusiveMinimum",
        "enum",
        "required",
        "pattern",
        "items",
        "format",
        "nullable",
        "additionalProperties",
        "multipleOf",
        "uniqueItems",
        "const",
        "not",
        "$schema",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYWORDS, _json_values(), max_size=3), st.booleans())
def test_jsonschema_rs_never_passes_a_schema_jsonschema_refuses(schema: dict[str, Any], is_31: bool) -> None:
    from openapi_schema_validator import OAS30Validator, OAS31Validator

    if fastcheck.meta_check(is_31)(schema):
        (OAS31Validator if is_31 else OAS30Validator).check_schema(schema)


# Random documents: a few component schemas that refer to each other (cycles included), inline
# schemas, and every kind of finding the walk can make (bad defaults, required names allOf does
# not define, values that are not schemas, refs that lead nowhere or round in a circle).
NAMES = ["A", "B", "C", "D"]


def _schemas(depth: int = 2) -> st.SearchStrategy[Any]:
    ref = st.sampled_from([*NAMES, "Missing"]).map(lambda n: {"$ref": f"#/components/schemas/{n}"})
    leaf = st.one_of(
        ref,
        ref,
        st.just(True),
        st.just(False),
        st.just(5),
        st.sampled_from(["string", "integer", "object", "strin"]).map(lambda t: {"type": t}),
        st.just({"type": "string", "pattern": "(["}),
        st.just({"type": "integer", "default": "no"}),
        st.just({"type": "integer", "default": 3}),
        st.just({"type": "string", "nullable": True, "default": None}),
    )
    if depth == 0:
        return leaf
    inner = _schemas(depth - 1)
    compound = st.fixed_dictionaries(
        {},
        optional={
            "type": st.sampled_from(["object", "array"]),
            "properties": st.dictionaries(st.sampled_from(["x", "y", "z"]), inner, max_size=3),
            "items": inner,
            "allOf": st.lists(inner, max_size=2) | st.just(inner),  # sometimes not a list
            "anyOf": st.lists(inner, max_size=2),
            "oneOf": st.lists(inner, max_size=2),
            "not": inner,
            "required": st.lists(st.sampled_from(["x", "y", "w"]), max_size=2, unique=True),
            "default": st.sampled_from([{}, {"x": 1}, 5, None]),
        },
    )
    return st.one_of(leaf, compound)


@st.composite
def _documents(draw: st.DrawFn) -> dict[str, Any]:
    schemas = {
        name: draw(_schemas()) for name in draw(st.lists(st.sampled_from(NAMES), unique=True, min_size=1))
    }
    paths: dict[str, Any] = {}
    for i in range(draw(st.integers(1, 3))):
        response = {"description": "ok", "content": {"application/json": {"schema": draw(_schemas(1))}}}
        parameter = {"name": "q", "in": "query", "schema": draw(_schemas(1))}
        paths[f"/p{i}"] = {
            "get": {"operationId": f"op{i}", "parameters": [parameter], "responses": {"200": response}}
        }
    version = draw(st.sampled_from(["3.0.3", "3.1.0"]))
    return {
        "openapi": version,
        "info": {"title": "T", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=50, deadline=None, suppress_health_check=_HEALTH)
@given(_documents())
def test_random_documents_have_the_plain_validators_findings(document: dict[str, Any]) -> None:
    fast, plain = _both(document)
    assert fast == plain


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, suppress_health_check=_HEALTH)
@given(_documents())
def test_many_random_documents_have_the_plain_validators_findings(document: dict[str, Any]) -> None:
    fast, plain = _both(document)
    assert fast == plain


def _shared(value: Any) -> dict[str, Any]:
    """A document where `value` (component S) is reached from a response, a nested property,
    components and an allOf, in that order."""
    ref = {"$ref": "#/components/schemas/S"}
    wrap = {"type": "object", "properties": {"inner": {"type": "object", "properties": {"s": ref}}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {
            "/a": {
                "get": {
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": wrap}}}
                    }
                }
            },
        },
        "components": {
            "schemas": {
                "W": {"allOf": [ref, {"required": ["nowhere"]}]},
                "S": value,
                "T": {"type": "array", "items": ref},
            }
        },
    }


CASES: dict[str, dict[str, Any]] = {
    "bad default deep in a shared schema": _shared(
        {"type": "object", "properties": {"n": {"type": "integer", "default": "x"}}}
    ),
    "required but undefined, top level": _shared({"allOf": [{"type": "object"}], "required": ["gone"]}),
    "required but undefined, only nested": _shared(
        {"type": "object", "properties": {"k": {"allOf": [{}], "required": ["z"]}}}
    ),
    "meta-schema refuses the shared schema": _shared({"type": "strin"}),
    "a value that is not a schema": _shared({"properties": {"n": 5}}),
    "items refer to their own schema": _shared(
        {"type": "array", "items": {"$ref": "#/components/schemas/S"}}
    ),
    "allOf that collects in a circle": _shared(
        {"allOf": [{"$ref": "#/components/schemas/S"}], "required": ["a"]}
    ),
    "refs in a circle": _shared({"$ref": "#/components/schemas/S"}),
    "ref to nowhere": _shared({"properties": {"n": {"$ref": "#/components/schemas/Nowhere"}}}),
    "a $id changes what refs mean": _shared(
        {"$id": "http://example.com/s", "properties": {"n": {"type": "integer", "default": "x"}}}
    ),
    "escaped ref": _shared({"properties": {"n": {"$ref": "#/components/schemas/S%20"}}}),
    "boolean schemas": _shared({"properties": {"t": True, "f": False, "n": {"items": True}}}),
    "nullable default": _shared({"type": "integer", "nullable": True, "default": None}),
    "required not a list": _shared({"allOf": [{}], "properties": {"a": {"required": "a"}}}),
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_hand_made_documents_have_the_plain_validators_findings(name: str, version: str) -> None:
    document = {**CASES[name], "openapi": version}
    fast, plain = _both(document)
    assert fast == plain


def test_a_deep_schema_chain_is_walked_as_the_validator_walks_it() -> None:
    """A chain longer than the stack allows is never skipped: the validator's own outcome
    (running out of stack) stays the finding."""
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(700):
        schema = {"type": "object", "properties": {"a": schema}}
    fast, plain = _both(_shared(schema))
    assert fast == plain


def test_mutations_of_the_seed_have_the_plain_validators_findings() -> None:
    for where, value in mutation.sample(60, seed=14):
        fast, plain = _both(mutation.mutate(mutation.SEED, where, value))
        assert fast == plain, mutation.label(where, value)


def test_the_adversarial_spec_has_the_plain_validators_findings() -> None:
    fast, plain = _both(_read(DATA / "adversarial.yaml"), "adversarial.yaml")
    assert fast == plain and fast


@pytest.mark.slow
def test_every_mutation_of_the_seed_has_the_plain_validators_findings() -> None:
    for where, value in mutation.all_mutations():
        fast, plain = _both(mutation.mutate(mutation.SEED, where, value))
        assert fast == plain, mutation.label(where, value)


@pytest.mark.slow
@pytest.mark.parametrize("spec", CORPUS + [ROOT / "specs" / "openapi.json"], ids=lambda p: p.name)
def test_corpus_specs_have_the_plain_validators_findings(spec: Path) -> None:
    document = _read(spec)
    fast, plain = _both(document, spec.name)
    assert fast == plain


@pytest.mark.slow
@pytest.mark.parametrize("spec", ["jira.json", "vercel.json"])
def test_corpus_specs_with_faults_have_the_plain_validators_findings(spec: str) -> None:
    """Faults put where many schemas share them: a bad default and an undefined required name in
    the most referenced component schema, a schema the meta-schema refuses in another."""
    document = _read(ROOT / "tests" / "corpus" / spec)
    schemas = document["components"]["schemas"]
    counts = {name: json.dumps(document).count(f'"#/components/schemas/{name}"') for name in schemas}
    popular = sorted(schemas, key=lambda name: -counts[name])
    first, second = copy.deepcopy(schemas[popular[0]]), popular[1]
    schemas[popular[0]] = {
        "allOf": [first, {"properties": {"v": {"type": "integer", "default": "x"}}}],
        "required": ["gone"],
    }
    schemas[second] = {**schemas[second], "maxLength": -1}
    fast, plain = _both(document, spec)
    assert fast == plain and len(fast) >= 2
