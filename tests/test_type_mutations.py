"""Fields of the wrong JSON type: each crash site once found by mutating tests/mutation.py's
SEED is now one `error:` line naming the pointer (exit 2, nothing written), or, where the
generator can go on, a client that compiles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests import mutation

OP = ("paths", "/things/{id}", "get")
# (where, value, the pointer the error names)
REFUSED: list[tuple[tuple[str | int, ...], Any, str]] = [
    (("info",), 5, "/info"),
    (("servers",), 5, "/servers"),
    (("servers",), {"x": 5}, "/servers"),
    (("servers", 0, "variables"), [5], "/servers/0/variables"),
    (("servers", 0, "variables", "host"), "x", "/servers/0/variables/host"),
    (("security",), 5, "/security"),
    (("security", 0), None, "/security/0"),
    (("tags",), 5, "/tags"),
    (("paths", "/things/{id}"), 5, "/paths/~1things~1{id}"),
    (("paths", "/things/{id}", "parameters"), True, "/paths/~1things~1{id}/parameters"),
    (("paths", "/things/{id}", "post"), [5], "/paths/~1things~1{id}/post"),
    ((*OP, "tags"), {"x": 5}, "/paths/~1things~1{id}/get/tags"),
    ((*OP, "parameters"), 1.5, "/paths/~1things~1{id}/get/parameters"),
    ((*OP, "responses"), [5], "/paths/~1things~1{id}/get/responses"),
    ((*OP, "responses", "200", "content"), [5], "/paths/~1things~1{id}/get/responses/200/content"),
    (
        (*OP, "responses", "200", "content", "application/json"),
        5,
        "/paths/~1things~1{id}/get/responses/200/content/application~1json",
    ),
    (("paths", "/things/{id}", "put", "security", 0), 5, "/paths/~1things~1{id}/put/security/0"),
    (
        ("paths", "/things/{id}", "put", "requestBody", "content"),
        "x",
        "/paths/~1things~1{id}/put/requestBody/content",
    ),
    (("components", "schemas", "Thing", "properties"), [5], "/components/schemas/Thing/properties"),
    (("components", "schemas", "Thing", "allOf"), 5, "/components/schemas/Thing/allOf"),
    (("components", "responses", "NotFound", "content"), True, "/components/responses/NotFound/content"),
    (
        ("components", "parameters", "Verbose", "content"),
        {"x": 5},
        "/components/parameters/Verbose/content/x",
    ),
    (("components", "securitySchemes"), [5], "/components/securitySchemes"),
    (("components", "securitySchemes", "key", "in"), [], "/components/securitySchemes/key/in"),
]
# Wrong, but the generator can go on (the validator's warning says so).
ACCEPTED: list[tuple[tuple[str | int, ...], Any]] = [
    (("components", "schemas", "Kind", "default"), [5]),
    (("components", "schemas", "Kind", "default"), {"x": 5}),
    (("info", "title"), 5),
    ((*OP, "summary"), ["x"]),
    (("tags", 0), 5),
]


def run(tmp_path: Path, doc: dict[str, Any]) -> tuple[int, str]:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(doc))
    (tmp_path / "empty.toml").write_text("")
    argv = ["generate", "--spec", str(spec), "--output", str(tmp_path / "out"), "--package", "m_client"]
    return main([*argv, "--config", str(tmp_path / "empty.toml")]), str(spec)


@pytest.mark.parametrize(
    ("where", "value", "ptr"), REFUSED, ids=[mutation.label(w, v) for w, v, _ in REFUSED]
)
def test_a_wrongly_typed_field_is_one_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: tuple[str | int, ...], value: Any, ptr: str
) -> None:
    code, spec = run(tmp_path, mutation.mutate(mutation.SEED, where, value))
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {spec}#{ptr}: "), err
    assert " must be " in errors[0]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("where", "value"), ACCEPTED, ids=[mutation.label(w, v) for w, v in ACCEPTED])
def test_a_wrong_type_the_generator_can_read_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: tuple[str | int, ...], value: Any
) -> None:
    code, _ = run(tmp_path, mutation.mutate(mutation.SEED, where, value))
    err = capsys.readouterr().err
    assert code == 0, err
    assert "warning:" in err and "Traceback" not in err
    for path in (tmp_path / "out").rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")


def test_the_seed_itself_generates_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(tmp_path, mutation.SEED)
    err = capsys.readouterr().err
    assert code == 0 and "warning" not in err, err


def test_every_problem_is_reported_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = mutation.mutate(mutation.SEED, ("info",), 5)
    doc = mutation.mutate(doc, ("tags",), 5)
    code, spec = run(tmp_path, doc)
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [
        f"error: {spec}#/info: `info` must be an object, not a number",
        f"error: {spec}#/tags: `tags` must be an array, not a number",
    ]
