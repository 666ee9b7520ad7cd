"""Type mutations of a small valid spec: every value replaced by values of other JSON types.

Used by tests/test_type_mutations.py (a fixed list of the crash sites found once) and by
tests/test_fuzz.py (random mutations). A spec field that OpenAPI types as an object, array,
string, boolean or number gets a value of another JSON type; the generator must answer
with a clean error naming the pointer, or a warning and a working client.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from typing import Any

# Small, but it has one of each construct the model reads: tags, security, servers with
# variables, path-level and operation parameters, a request body, responses with headers,
# component schemas (object, enum, array, union, allOf), parameters, responses, schemes.
SEED: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {
        "title": "Mutant",
        "version": "1.0",
        "description": "A small API.",
        "contact": {"name": "x", "email": "x@example.com"},
        "license": {"name": "MIT"},
    },
    "servers": [{"url": "https://{host}.test/v1", "variables": {"host": {"default": "api"}}}],
    "security": [{"key": []}],
    "tags": [{"name": "things", "description": "Things."}],
    "paths": {
        "/things/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {
                "operationId": "getThing",
                "tags": ["things"],
                "summary": "Get a thing.",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 10}},
                    {"$ref": "#/components/parameters/Verbose"},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "headers": {"X-Rate": {"schema": {"type": "integer"}}},
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    },
                    "404": {"$ref": "#/components/responses/NotFound"},
                },
            },
            "put": {
                "operationId": "putThing",
                "tags": ["things"],
                "security": [{"key": []}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                },
                "responses": {"204": {"description": "done"}},
            },
        }
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "kind": {"$ref": "#/components/schemas/Kind"},
                    "labels": {"type": "array", "items": {"type": "string"}},
                    "extra": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "either": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                },
            },
            "Kind": {"type": "string", "enum": ["a", "b"], "default": "a"},
            "Big": {
                "allOf": [{"$ref": "#/components/schemas/Thing"}, {"properties": {"n": {"type": "number"}}}]
            },
        },
        "parameters": {"Verbose": {"name": "verbose", "in": "query", "schema": {"type": "boolean"}}},
        "responses": {
            "NotFound": {
                "description": "missing",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
        "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
    },
}

# One value of each JSON type; a mutation puts one of another type in place.
VALUES: list[Any] = [5, 1.5, "x", True, None, [], [5], {}, {"x": 5}]

_OP = ("paths", "/things/{id}", "get")
_THING = ("components", "schemas", "Thing")
_PARAM = ("components", "parameters", "Verbose")
# Fields the OpenAPI schema types that SEED leaves out: each is added with every value.
ABSENT: list[tuple[str | int, ...]] = [
    ("webhooks",),
    ("externalDocs",),
    ("jsonSchemaDialect",),
    ("info", "termsOfService"),
    ("paths", "/things/{id}", "summary"),
    ("paths", "/things/{id}", "servers"),
    ("paths", "/things/{id}", "post"),
    *(
        (*_OP, key)
        for key in ("requestBody", "callbacks", "deprecated", "servers", "security", "externalDocs")
    ),
    *((*_OP, key) for key in ("description",)),
    ("paths", "/things/{id}", "put", "operationId"),
    *(("components", key) for key in ("requestBodies", "headers", "examples", "links", "callbacks")),
    *((*_THING, key) for key in ("items", "allOf", "oneOf", "anyOf", "not", "additionalProperties", "enum")),
    *((*_THING, key) for key in ("discriminator", "nullable", "readOnly", "format", "const", "title")),
    *((*_PARAM, key) for key in ("content", "style", "explode", "required", "deprecated", "examples")),
    ("components", "responses", "NotFound", "headers"),
    ("components", "responses", "NotFound", "links"),
    *(("components", "securitySchemes", "key", key) for key in ("scheme", "bearerFormat", "flows")),
]


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def locations(node: Any, where: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every place in the document that holds a value (the root excluded)."""
    if where:
        yield where
    if isinstance(node, dict):
        for key, value in node.items():
            yield from locations(value, (*where, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from locations(value, (*where, index))


def mutate(spec: dict[str, Any], where: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(spec)
    node: Any = doc
    for part in where[:-1]:
        node = node[part]
    node[where[-1]] = copy.deepcopy(value)
    return doc


def all_mutations(spec: dict[str, Any] = SEED) -> list[tuple[tuple[str | int, ...], Any]]:
    """Each location paired with each value of another JSON type (`openapi` itself is left
    alone: a wrong version is refused before anything else looks at the document)."""
    found = []
    for where in locations(spec):
        if where == ("openapi",):
            continue
        current = spec
        for part in where:
            current = current[part]  # type: ignore[index]
        found += [(where, v) for v in VALUES if _kind(v) != _kind(current)]
    return found + [(where, v) for where in ABSENT for v in VALUES]


def sample(count: int, seed: int) -> list[tuple[tuple[str | int, ...], Any]]:
    everything = all_mutations()
    return random.Random(seed).sample(everything, min(count, len(everything)))


def label(where: tuple[str | int, ...], value: Any) -> str:
    return "/" + "/".join(map(str, where)) + "=" + json.dumps(value)
