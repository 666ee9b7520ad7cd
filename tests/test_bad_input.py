"""Bad input through the real CLI: a clear error naming file and JSON pointer, exit 2,
no traceback, and the output folder left as it was; warnings, --strict and --report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from specbuilder import built

from generator.cli import main
from generator.diagnostics import SpecError
from generator.render import package as render

MINIMAL = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "servers": [{"url": "https://t.test"}],
    "paths": {
        "/things": {
            "get": {
                "operationId": "listThings",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    }
                },
            }
        }
    },
    "components": {"schemas": {"Thing": {"type": "object", "properties": {"a": {"type": "string"}}}}},
}


def run(tmp_path: Path, spec: Path, *extra: str) -> int:
    config = tmp_path / "empty.toml"
    config.write_text("")
    out = tmp_path / "out"
    argv = ["generate", "--spec", str(spec), "--output", str(out), "--package", "t_client"]
    return main([*argv, "--config", str(config), *extra])


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output folder holding one file of the user's: it must survive every failure."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me")
    return folder


def assert_refused(
    tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str], spec: Path, *expected: str
) -> str:
    code = run(tmp_path, spec)
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    assert str(spec) in err
    for text in expected:
        assert text in err, err
    assert sorted(p.name for p in out.iterdir()) == ["mine.txt"]
    assert (out / "mine.txt").read_text() == "keep me"
    return err


def write(tmp_path: Path, name: str, content: str | bytes | dict[str, object]) -> Path:
    path = tmp_path / name
    if isinstance(content, dict):
        path.write_text(json.dumps(content))
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


def with_schemas(**schemas: object) -> dict[str, object]:
    return {**MINIMAL, "components": {"schemas": {**MINIMAL["components"]["schemas"], **schemas}}}  # type: ignore[dict-item]


def test_missing_file(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_refused(tmp_path, out, capsys, tmp_path / "nope.yaml", "cannot read file")


def test_a_folder_is_not_a_file(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "spec.yaml"
    folder.mkdir()
    assert_refused(tmp_path, out, capsys, folder, "cannot read file")


def test_not_utf8(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write(tmp_path, "latin1.yaml", "openapi: 3.0.3\ninfo: {title: caf\xe9}\n".encode("latin-1"))
    assert_refused(tmp_path, out, capsys, spec, "not UTF-8")


def test_invalid_json(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write(tmp_path, "bad.json", '{"openapi": "3.0.3",\n "info": }')
    assert_refused(tmp_path, out, capsys, spec, "invalid JSON at line 2")


def test_invalid_yaml(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write(tmp_path, "bad.yaml", "openapi: 3.0.3\ninfo:\n  title: [unclosed\n")
    assert_refused(tmp_path, out, capsys, spec, "invalid YAML")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[1, 2]", "top level is not an object"),
        ("just text", "top level is not an object"),
        ("info: {title: x}\npaths: {}\n", "`openapi` is missing"),
        ("openapi: 4.0.0\npaths: {}\n", "not an OpenAPI 3.x document"),
        ("openapi: 3.0.3\npaths: [1]\n", "#/paths"),
    ],
)
def test_not_an_openapi_3_document(
    tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    assert_refused(tmp_path, out, capsys, write(tmp_path, "x.yaml", content), expected)


def test_yaml_alias_bomb_is_refused(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        "openapi: 3.0.3",
        "info: {title: t, version: '1'}",
        "paths: {}",
        "x0: &x0 [a, a, a, a, a, a, a, a, a, a]",
    ]
    lines += [f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 10)}]" for i in range(1, 9)]
    spec = write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    assert_refused(tmp_path, out, capsys, spec, "expands to over")


def test_yaml_alias_loop_is_refused(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write(
        tmp_path, "loop.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx: &x [*x]\n"
    )
    assert_refused(tmp_path, out, capsys, spec, "contains itself")


def test_deep_nesting_is_refused(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = "[" * 5000 + "]" * 5000
    spec = write(tmp_path, "deep.json", '{"openapi": "3.0.3", "paths": {}, "x": ' + deep + "}")
    assert_refused(tmp_path, out, capsys, spec, "nested too deeply")


def test_absurdly_nested_schemas_are_refused(
    tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema: dict[str, object] = {"type": "string"}
    for _ in range(600):
        schema = {"type": "array", "items": schema}
    spec = write(
        tmp_path, "nested.json", with_schemas(Odd=schema, Thing={"$ref": "#/components/schemas/Odd"})
    )
    assert_refused(tmp_path, out, capsys, spec, "nested too deeply")


def test_swagger_2_is_refused_with_a_way_out(
    tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write(tmp_path, "swagger.json", {"swagger": "2.0", "info": {"title": "x"}, "paths": {}})
    assert_refused(
        tmp_path, out, capsys, spec, "#/swagger", "Swagger 2.0 is not supported", "swagger2openapi"
    )


def test_dangling_ref(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = with_schemas(Box={"type": "object", "properties": {"x": {"$ref": "#/components/schemas/Nope"}}})
    spec = write(tmp_path, "dangling.json", doc)
    assert_refused(tmp_path, out, capsys, spec, "#/components/schemas/Box/properties/x", "points at nothing")


@pytest.mark.parametrize(
    "url", ["https://example.com/schemas.yaml#/Pet", "http://x.test/a.json", "//host/a.json"]
)
def test_remote_ref_is_refused_without_network(
    tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    spec = write(tmp_path, "remote.json", with_schemas(Pet={"$ref": url}))
    assert_refused(tmp_path, out, capsys, spec, "#/components/schemas/Pet", "remote $ref", "never fetches")


def test_ref_to_itself(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = with_schemas(Loop={"$ref": "#/components/schemas/Loop"})
    spec = write(tmp_path, "loop.json", doc)
    assert_refused(tmp_path, out, capsys, spec, "#/components/schemas/Loop", "points at itself")


def test_refs_in_a_cycle(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = with_schemas(A={"$ref": "#/components/schemas/B"}, B={"$ref": "#/components/schemas/A"})
    spec = write(tmp_path, "cycle.json", doc)
    assert_refused(tmp_path, out, capsys, spec, "points at itself")


def test_missing_external_file(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write(tmp_path, "ext.json", with_schemas(Pet={"$ref": "missing.yaml#/Pet"}))
    assert_refused(tmp_path, out, capsys, spec, "#/components/schemas/Pet", "missing.yaml")


# -- understandable but invalid: warnings, --strict, --report --------------------------------

INVALID_BUT_CLEAR = """\
openapi: 3.0.3
info: {title: T, version: '1'}
servers: [{url: 'https://t.test'}]
paths:
  /things:
    get:
      operationId: listThings
      responses:
        200:
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [a, a]
                properties:
                  a: {type: 'null'}
                  b: {type: string, nullable: true}
"""


def test_schema_invalid_documents_generate_with_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write(tmp_path, "lenient.yaml", INVALID_BUT_CLEAR)
    report = tmp_path / "report.json"
    assert run(tmp_path, spec, "--report", str(report)) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "Traceback" not in err
    assert (tmp_path / "out" / "t_client" / "models.py").is_file()
    problems = json.loads(report.read_text())["problems"]
    pointers = {p["pointer"] for p in problems}
    assert "/paths/~1things/get/responses/200" in pointers  # integer key read as a string
    assert "/paths/~1things/get/responses/200/content/application~1json/schema/required" in pointers
    assert {p["severity"] for p in problems} >= {"warning"}
    assert all(set(p) == {"severity", "file", "pointer", "message"} for p in problems)


def test_strict_turns_warnings_into_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write(tmp_path, "lenient.yaml", INVALID_BUT_CLEAR)
    assert run(tmp_path, spec, "--strict") == 2
    err = capsys.readouterr().err
    assert "error:" in err and str(spec) in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_report_lists_work_arounds_of_a_valid_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = json.loads(json.dumps(MINIMAL))
    del doc["paths"]["/things"]["get"]["operationId"]
    spec = write(tmp_path, "valid.json", doc)
    report = tmp_path / "report.json"
    assert run(tmp_path, spec, "--report", str(report), "--strict") == 0
    problems = json.loads(report.read_text())["problems"]
    assert [(p["severity"], p["pointer"]) for p in problems] == [("note", "/paths/~1things/get")]
    assert "no operationId" in problems[0]["message"]


ODD_SCHEMAS: list[object] = [
    {"type": 5},
    {"type": "object", "properties": []},
    {"type": "object", "properties": {"a": 3}},
    {"enum": "notalist"},
    {"enum": [[1], {"a": 1}]},
    {"enum": []},
    {"enum": [None]},
    {"enum": [True, False], "type": "boolean"},
    {"enum": [1.5, 2.5]},
    {"enum": ["a", "A", "a-", "a_", "name", "value", "_missing_", "mro"]},
    {"oneOf": "x"},
    {"oneOf": []},
    {"anyOf": [{"type": "null"}]},
    {"allOf": []},
    {"allOf": [3, {"type": "string"}]},
    {"type": "array"},
    {"items": "x", "type": "array"},
    {"type": "array", "items": [{"type": "string"}]},
    {"type": [], "nullable": True},
    {"type": ["null"]},
    {"type": "object", "required": "a", "properties": {"a": {"type": "string"}}},
    {"type": "object", "additionalProperties": "yes"},
    {"properties": {"": {"type": "string"}, "_": {}, "__init__": {}, "9": {}, "self": {}, "cls": {}}},
    {"discriminator": {"propertyName": "t", "mapping": {"x": "#/components/schemas/Thing"}}, "oneOf": [{}]},
    {"discriminator": "t", "anyOf": [{"type": "string"}, {"type": "integer"}]},
    {"discriminator": {"propertyName": "t", "mapping": "bad"}, "oneOf": [{"type": "string"}, {}]},
    {"discriminator": {"propertyName": 5, "mapping": {"x": 5}}, "oneOf": [{"type": "string"}, {}]},
    {"const": {"a": 1}},
    {"type": ["string", "integer"], "enum": ["a", 1]},
    {"type": "string", "format": 7},
    {"default": "x", "type": "integer"},
    {"type": "integer", "default": True},
    {"type": "number", "default": float("inf")},
    {"format": "date", "type": "string", "default": "not a date"},
    {"type": "string", "format": "uuid", "default": "not-a-uuid"},
    {"type": "object", "properties": {"x": {"type": "string"}}, "default": {"x": "y"}},
    {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/Odd"}}},
    {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Odd"}},
    {"oneOf": [{"$ref": "#/components/schemas/Odd"}, {"type": "string"}]},
    {"anyOf": [{"type": "array", "items": {"$ref": "#/components/schemas/Odd"}}, {"type": "integer"}]},
]


@pytest.mark.parametrize("schema", ODD_SCHEMAS, ids=[json.dumps(s)[:60] for s in ODD_SCHEMAS])
def test_odd_schemas_build_and_compile(schema: object) -> None:
    """Each odd schema (reached from an operation) yields code that compiles; never a crash."""
    thing = {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/Odd"}}}
    doc = json.loads(json.dumps(with_schemas(Odd=schema, Thing=thing)))
    try:
        api = built(doc)
    except SpecError as exc:  # a wrong JSON type the model would read: refused at load, by pointer
        assert [p.pointer for p in exc.problems] == ["/components/schemas/Odd/properties"]
        return
    for f in render.render(api, render.environment()):
        if f.path.endswith(".py"):
            compile(f.content, f.path, "exec")


@pytest.mark.parametrize("schema", [{"type": 5}, {"enum": [[1], {"a": 1}]}, {"oneOf": "x"}])
def test_odd_schemas_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], schema: object
) -> None:
    thing = {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/Odd"}}}
    spec = write(tmp_path, "odd.json", with_schemas(Odd=schema, Thing=thing))
    code = run(tmp_path, spec)
    err = capsys.readouterr().err
    assert code == 0 and "Traceback" not in err, err
    for path in (tmp_path / "out").rglob("*.py"):
        compile(path.read_text(), str(path), "exec")
