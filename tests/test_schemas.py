"""Schema shapes from real specs, through a generated client: allOf inheritance with a
discriminator on the base, allOf parts that only annotate, x-enum-varnames, unreferenced components."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from conftest import mypy_strict
from specbuilder import JSON, generated_client, ref

SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Zoo", "version": "1"},
    "servers": [{"url": "https://zoo.test"}],
    "paths": {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "responses": {
                    "200": {
                        "description": "pets",
                        "content": {JSON: {"schema": {"type": "array", "items": ref("Pet")}}},
                    }
                },
            }
        },
        "/labels": {
            "get": {
                "operationId": "getLabel",
                "responses": {"200": {"description": "a label", "content": {JSON: {"schema": ref("Label")}}}},
            }
        },
    },
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "required": ["name", "petType"],
                "properties": {"name": {"type": "string"}, "petType": {"type": "string"}},
                "discriminator": {
                    "propertyName": "petType",
                    "mapping": {"kitty": "#/components/schemas/Cat"},
                },
            },
            "Cat": {
                "allOf": [
                    ref("Pet"),
                    {"type": "object", "required": ["lives"], "properties": {"lives": {"type": "integer"}}},
                ]
            },
            "Dog": {"allOf": [ref("Pet"), {"type": "object", "properties": {"good": {"type": "boolean"}}}]},
            "Label": {
                "type": "object",
                "required": ["text"],
                "properties": {
                    "text": {
                        "allOf": [
                            {"type": "string", "nullable": True, "description": "shown"},
                            {"nullable": False},
                        ]
                    },
                    "level": {
                        "allOf": [{"type": "integer", "enum": [1, 2]}, {"description": "how loud"}],
                    },
                    "tags": {"allOf": [{"type": "array", "items": {"type": "string"}}, {"readOnly": True}]},
                },
            },
            "Level": {
                "type": "integer",
                "enum": [1, 2, 3],
                "x-enum-varnames": ["LOW", "MEDIUM", "HIGH"],
                "x-enum-descriptions": ["quiet", "normal", "loud"],
            },  # fmt: skip
            "Unused": {"type": "object", "properties": {"x": {"type": "string"}}},
        }
    },
}


@pytest.fixture(scope="module")
def zoo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("zoo")


@pytest.fixture(scope="module")
def zoo(zoo_root: Path) -> Iterator[ModuleType]:
    with generated_client(SPEC, zoo_root, "zoo_client") as (module, _):
        importlib.import_module("zoo_client.models")
        yield module


@pytest.mark.slow
def test_inheritance_and_annotating_allof_pass_mypy_strict(zoo: ModuleType, zoo_root: Path) -> None:
    mypy_strict(zoo_root / "out", "zoo_client")


def client(module: ModuleType, body: Any) -> Any:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    return module.ZooClient(http_client=httpx.Client(transport=transport))


def test_subtypes_of_a_discriminated_base_decode_by_tag(zoo: ModuleType) -> None:
    models = zoo.models
    pets = client(zoo, [
        {"name": "Tom", "petType": "kitty", "lives": 9},
        {"name": "Rex", "petType": "Dog", "good": True},
        {"name": "Nemo", "petType": "fish", "fins": 2},
    ]).pets.list_pets()  # fmt: skip
    assert [type(p).__name__ for p in pets] == ["Cat", "Dog", "Pet"]
    assert pets[0].lives == 9 and isinstance(pets[0], models.Pet)
    assert pets[1].good is True and pets[2].additional_properties == {"fins": 2}
    assert pets[0].to_dict() == {"name": "Tom", "petType": "kitty", "lives": 9}
    with pytest.raises(zoo.DecodeError) as info:
        models.Pet.from_dict({"name": "Tom", "petType": "kitty", "lives": "nine"})
    assert info.value.path == "Pet.lives"


def test_allof_parts_that_only_annotate_keep_the_typed_part(zoo: ModuleType) -> None:
    label = client(zoo, {"text": "hi", "level": 2, "tags": ["a"]}).labels.get_label()
    assert (label.text, label.level, label.tags) == ("hi", 2, ["a"])
    fields = zoo.models.Label.__dataclass_fields__
    assert fields["text"].type == "str" and fields["tags"].type.startswith("list[str]")


def test_x_enum_varnames_name_members_and_descriptions_document_them(zoo: ModuleType) -> None:
    level = zoo.models.Level
    assert [m.name for m in level] == ["LOW", "MEDIUM", "HIGH"] and level.HIGH == 3
    source = Path(zoo.models.__file__).read_text()
    assert 'HIGH = 3\n    """loud"""' in source


def test_every_component_is_generated(zoo: ModuleType) -> None:
    assert zoo.models.Unused.from_dict({"x": "y"}).x == "y"


def test_a_header_name_that_is_not_a_token_warns_and_is_refused_at_call_time(tmp_path: Path) -> None:
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "Hdr", "version": "1"},
        "servers": [{"url": "https://hdr.test"}],
        "paths": {
            "/x": {
                "get": {
                    "operationId": "getX",
                    "parameters": [{"name": "header param", "in": "header", "schema": {"type": "string"}}],
                    "responses": {"204": {"description": "done"}},
                }
            }
        },
    }
    with generated_client(spec, tmp_path, "hdr_client") as (module, result):
        warnings = [p for p in result.diagnostics.problems if p.severity == "warning"]
        assert any(
            p.pointer == "/paths/~1x/get/parameters/0/name" and "not a valid HTTP header name" in p.message
            for p in warnings
        )
        client = module.HdrClient(
            http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(204)))
        )
        with pytest.raises(module.ArgumentError, match="not a valid HTTP header name"):
            client.x.get_x(header_param="v")
        client.x.get_x()  # not given: nothing to refuse


CONFORMANCE_FIXES: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Fixes", "version": "1"},
    "servers": [{"url": "https://fixes.test"}],
    "paths": {
        "/things": {
            "put": {
                "operationId": "putThing",
                "tags": ["things"],
                "parameters": [
                    {"name": "Content-Length", "in": "header", "required": True, "schema": {"type": "number"}}
                ],
                "requestBody": {
                    "content": {"*/*": {"schema": {"type": "array", "items": {"type": "string"}}}}
                },
                "responses": {"200": {"description": "ok", "content": {JSON: {"schema": ref("Thing")}}}},
            }
        },
        "/exprs": {
            "get": {
                "operationId": "getExpr",
                "tags": ["things"],
                "responses": {"200": {"description": "ok", "content": {JSON: {"schema": ref("Expr")}}}},
            }
        },
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "properties": {
                    "slug": {"allOf": [{"type": "string"}, {"type": "string", "minLength": 1}]},
                    "gone": {"type": "null"},
                    "value": ref("Value"),
                },
            },
            "Value": {
                "oneOf": [{"type": "string"}, {"type": "array", "items": ref("Value")}],
                "type": "null",
            },
            # A recursive union that is also nullable: null where it refers to itself too.
            "Expr": {"oneOf": [ref("Lit"), ref("Pair")], "nullable": True},
            "Lit": {"type": "object", "required": ["value"], "properties": {"value": {"type": "integer"}}},
            "Pair": {"type": "object", "required": ["left"], "properties": {"left": ref("Expr")}},
        }
    },
}


def test_shapes_the_conformance_run_found(tmp_path: Path) -> None:
    with generated_client(CONFORMANCE_FIXES, tmp_path, "fixes_client") as (module, result):
        sent: list[httpx.Request] = []

        def handler(request: httpx.Request) -> httpx.Response:
            sent.append(request)
            if request.url.path == "/exprs":
                return httpx.Response(200, json={"left": {"left": None}})
            return httpx.Response(200, json={"slug": "intro", "gone": None, "value": ["a", ["b"]]})

        client = module.FixesClient(http_client=httpx.Client(transport=httpx.MockTransport(handler)))
        thing = client.things.put_thing(body=["x", "y"])  # no content_length argument
        assert (thing.slug, thing.gone, thing.value) == ("intro", None, ["a", ["b"]])
        assert sent[0].content == b'["x","y"]' and sent[0].headers["content-length"] == "9"
        assert any("read as a nullable union" in p.message for p in result.diagnostics.problems)
        pair = module.models.Pair
        assert client.things.get_expr() == pair(left=pair(left=None))


@pytest.mark.slow
def test_the_conformance_shapes_pass_mypy_strict(tmp_path: Path) -> None:
    with generated_client(CONFORMANCE_FIXES, tmp_path, "fixes_typed_client"):
        mypy_strict(tmp_path / "out", "fixes_typed_client")
