"""Names the generator must make safe (issue #12): each once gave exit 0 and a broken client.

One spec holds all of them; the client must import, behave and pass `mypy --strict`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from conftest import mypy_strict
from specbuilder import generated_client

from generator import cli


def tagged(tag: str, op_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "get": {"operationId": op_id, "tags": [tag], "responses": {"204": {"description": "done"}}, **extra}
    }


SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Adv", "version": "1"},
    "servers": [{"url": "https://adv.test"}],
    "paths": {
        "/a": tagged("cached_property", "one"),
        "/b": tagged("client", "two"),
        "/c": tagged("_client", "three"),
        "/d": tagged("AdvClient", "four"),
        "/e": {
            "post": {
                "operationId": "float",
                "parameters": [
                    {"name": "body", "in": "query", "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "schema": {"type": "number", "default": 1.5}},
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"type": "array", "items": {"type": "string"}}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    }
                },
            }
        },
        "/f": {
            "get": {
                "operationId": "inf",
                "parameters": [
                    {"name": "cap", "in": "query", "schema": {"type": "number", "default": float("inf")}},
                    {
                        "name": "states",
                        "in": "query",
                        "schema": {
                            "type": "array",
                            "items": {"type": "string", "enum": ["on", "off"]},
                            "default": ["on"],
                        },
                    },
                ],
                "responses": {"204": {"description": "done"}},
            }
        },
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "properties": {
                    "classmethod": {"type": "string"},
                    "parse_datetime": {"type": "string"},
                    "datetime": {"type": "string"},
                    "at": {"type": "string", "format": "date-time", "default": "2020-01-01T00:00:00Z"},
                    "ratio": {"const": 1.5},
                    "modes": {
                        "type": "array",
                        "items": {"type": "string", "enum": ["a", "b"]},
                        "default": ["a"],
                    },
                    "str": {"type": "integer"},
                    "label": {"type": "string"},
                },
            },
            "Model": {"type": "object", "properties": {"x": {"type": "string"}}},
        }
    },
}


@pytest.fixture(scope="module")
def adv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, Path]]:
    root = tmp_path_factory.mktemp("hostile")
    with generated_client(SPEC, root, "adv_client") as (module, _):
        yield module, root / "out"


def test_tags_that_shadow_client_names_get_safe_attributes(adv: tuple[ModuleType, Path]) -> None:
    module, _ = adv
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(204)

    client = module.AdvClient(http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    resources = [name for name in vars(type(client)) if not name.startswith("__")]
    assert "cached_property" not in resources
    for name in resources:
        resource = getattr(client, name)
        for method in [m for m in vars(type(resource)) if not m.startswith("_")]:
            if method in ("one", "two", "three", "four"):
                getattr(resource, method)()
    assert sorted(seen) == ["/a", "/b", "/c", "/d"]


def test_an_operation_named_float_and_a_query_parameter_named_body(adv: tuple[ModuleType, Path]) -> None:
    module, _ = adv
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json={"classmethod": "c", "str": 3})

    client = module.AdvClient(http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    resource = client.e  # untagged: grouped by its path, `/e`
    method = next(getattr(resource, m) for m in vars(type(resource)) if m.startswith("float"))
    thing = method(body=["x"], body_="q")
    assert thing.classmethod_ == "c" and thing.str_ == 3
    assert requests[0].url.params["body"] == "q" and requests[0].url.params["limit"] == "1.5"
    assert requests[0].content == b'["x"]'


def test_defaults_that_once_broke_signatures(adv: tuple[ModuleType, Path]) -> None:
    module, _ = adv
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(204)

    client = module.AdvClient(http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    client.f.inf()
    # A list default is the server's to apply: not sent; a float default is a literal, `inf` too.
    assert "states" not in requests[0].url.params and requests[0].url.params["cap"] == "inf"
    client.f.inf(states=["off", "on"])
    assert requests[1].url.params.get_list("states") == ["off", "on"]
    thing = __import__("adv_client.models", fromlist=["x"]).Thing()
    assert thing.modes == ["a"] and thing.at.year == 2020


def test_a_schema_named_model_keeps_its_name(adv: tuple[ModuleType, Path]) -> None:
    models = __import__("adv_client.models", fromlist=["x"])
    assert models.Model.from_dict({"x": "y"}).x == "y"


@pytest.mark.slow
def test_the_hostile_client_passes_mypy_strict(adv: tuple[ModuleType, Path]) -> None:
    _, out = adv
    mypy_strict(out, "adv_client")


@pytest.mark.parametrize("package", ["httpx", "json", "os", "typing", "enum", "class", "datetime"])
def test_a_package_name_that_shadows_a_module_is_refused(
    package: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = Path(__file__).parent.parent / "specs" / "openapi.json"
    config = tmp_path / "none.toml"
    config.write_text("")
    argv = ["generate", "--spec", str(spec), "--output", str(tmp_path / "out"), "--package", package]
    assert cli.main([*argv, "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert f"package name {package!r}" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_spec_without_operations_generates_a_typed_client(tmp_path: Path) -> None:
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "Models only", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Point": {"type": "object", "properties": {"x": {"type": "integer"}}}}},
    }
    with generated_client(spec, tmp_path, "models_client") as (module, _):
        models = __import__("models_client.models", fromlist=["x"])
        assert models.Point.from_dict({"x": 1}).x == 1
        assert module.ModelsClient(base_url="https://m.test") is not None
    mypy_strict(tmp_path / "out", "models_client")


def test_the_name_check_reports_what_naming_let_through() -> None:
    from generator.model import ir, safety

    field = ir.Field("datetime", "datetime", ir.Primitive("str"), True)
    model = ir.Model("Thing", "/components/schemas/Thing", fields=[field, field])
    clash = ir.Enum("Thing", "/components/schemas/Other", "str", [ir.EnumMember("class", "class")])
    op = ir.Operation("float", "float", "GET", "/x", "t", "/paths/~1x/get")
    resource = ir.Resource("close", "Httpx", "t", "", [op])
    api = ir.Api("T", "1", "", "", "t_client", "T", [], [resource], [model], [clash], [])
    found = safety.problems(api)
    assert (
        "/components/schemas/Other",
        "enum class Thing clashes with the one at /components/schemas/Thing",
    ) in found
    assert (
        "/components/schemas/Thing",
        "field of Thing 'datetime' would hide a name the generated code uses",
    ) in found
    assert ("/components/schemas/Thing", "field of Thing 'datetime' appears twice") in found
    assert ("/components/schemas/Other", "member of Thing 'class' is not a valid Python name") in found
    assert ("/tags", "client attribute 'close' would hide a name the generated code uses") in found
    assert ("/paths/~1x/get", "method of Httpx 'float' would hide a name the generated code uses") in found
