"""`oagen diff`: pairs of small specs, one per class of change."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import cli
from generator.config import Target
from generator.model import ir
from generator.workflows import diff

BASE: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Pets", "version": "1"},
    "paths": {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "tags": ["pets"],
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}
                            }
                        },
                    }
                },
            },
            "post": {
                "operationId": "createPet",
                "tags": ["pets"],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewPet"}}},
                },
                "responses": {
                    "201": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
                    }
                },
            },
        }
    },
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                    "id": {"type": "integer"},
                    "name": {"type": "string"},
                    "status": {"$ref": "#/components/schemas/Status"},
                },
            },
            "NewPet": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string"}, "tag": {"type": "string"}},
            },
            "Status": {"type": "string", "enum": ["available", "sold"]},
        }
    },
}

LIST = ("paths", "/pets", "get")
SCHEMAS = ("components", "schemas")


def node(doc: Any, *path: str) -> Any:
    for part in path:
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def run(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> diff.Report:
    new = copy.deepcopy(BASE)
    edit(new)
    (tmp_path / "old.json").write_text(json.dumps(BASE))
    (tmp_path / "new.json").write_text(json.dumps(new))
    target = Target(tmp_path / "new.json", tmp_path / "out", "pets")
    return diff.compare_files(tmp_path / "old.json", tmp_path / "new.json", target)


def only(report: diff.Report, kind: str) -> diff.Change:
    matches = [c for c in report.changes if c.kind == kind]
    assert len(matches) == 1, report.changes
    return matches[0]


def test_identical_specs_have_no_changes(tmp_path: Path) -> None:
    report = run(tmp_path, lambda d: None)
    assert report.changes == []
    assert "No changes" in diff.to_markdown(report)


def test_method_removed_is_breaking_and_points_into_the_old_spec(tmp_path: Path) -> None:
    report = run(tmp_path, lambda d: node(d, "paths", "/pets").pop("get"))
    change = only(report, "method-removed")
    assert change.breaking
    assert change.subject == "client.pets.list_pets()"
    assert (change.spec, change.pointer) == ("old", "/paths/~1pets/get")


def test_method_added_is_not_breaking(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["paths"]["/pets/{id}"] = {
            "delete": {
                "operationId": "deletePet",
                "tags": ["pets"],
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"204": {"description": "gone"}},
            }
        }

    report = run(tmp_path, edit)
    change = only(report, "method-added")
    assert not change.breaking and change.subject == "client.pets.delete_pet()"
    assert change.pointer == "/paths/~1pets~1{id}/delete"
    assert not report.breaking


def test_operation_moved_to_another_tag_is_one_change_and_still_compared(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        node(d, *LIST)["tags"] = ["animals"]
        node(d, *LIST, "parameters").append({"name": "q", "in": "query", "required": True, "schema": {}})

    report = run(tmp_path, edit)
    moved = only(report, "method-moved")
    assert moved.breaking and moved.subject == "client.pets.list_pets()"
    assert "moved to `client.animals.list_pets()`" in moved.message and moved.spec == "new"
    assert not [c for c in report.changes if c.kind in ("method-removed", "method-added")]
    assert only(report, "parameter-added").subject.startswith("client.animals.list_pets(")


def test_required_parameter_added_is_breaking_optional_is_not(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        params = node(d, *LIST, "parameters")
        params.append({"name": "species", "in": "query", "required": True, "schema": {"type": "string"}})
        params.append({"name": "sort", "in": "query", "schema": {"type": "string"}})

    report = run(tmp_path, edit)
    added = {c.subject: c for c in report.changes if c.kind == "parameter-added"}
    assert added["client.pets.list_pets()(species=...)"].breaking
    assert not added["client.pets.list_pets()(sort=...)"].breaking
    assert added["client.pets.list_pets()(species=...)"].pointer == "/paths/~1pets/get/parameters/1"


def test_parameter_removed_is_breaking(tmp_path: Path) -> None:
    report = run(tmp_path, lambda d: node(d, *LIST)["parameters"].clear())
    change = only(report, "parameter-removed")
    assert change.breaking and (change.spec, change.pointer) == ("old", "/paths/~1pets/get/parameters/0")


def test_parameter_becoming_required_is_breaking(tmp_path: Path) -> None:
    report = run(tmp_path, lambda d: node(d, *LIST, "parameters", "0").update(required=True))
    assert only(report, "parameter-required").breaking


def test_argument_type_narrowed_is_breaking_widened_is_not(tmp_path: Path) -> None:
    def widen(d: dict[str, Any]) -> None:
        node(d, *LIST, "parameters", "0")["schema"] = {"type": "number"}

    change = only(run(tmp_path, widen), "parameter-type")
    assert not change.breaking and "widened" in change.message

    def narrow(d: dict[str, Any]) -> None:  # body field `name`: string -> one fixed value
        node(d, *SCHEMAS, "NewPet", "properties")["name"] = {"type": "string", "enum": ["rex"]}

    report = run(tmp_path, narrow)
    change = only(report, "parameter-type")
    assert change.breaking and "narrowed" in change.message
    assert change.pointer == "/components/schemas/NewPet/properties/name"


def test_enum_value_removed_is_breaking_added_is_not(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        node(d, *SCHEMAS, "Status")["enum"] = ["available", "pending"]

    report = run(tmp_path, edit)
    removed, added = only(report, "enum-value-removed"), only(report, "enum-value-added")
    assert removed.breaking and '"sold"' in removed.message
    assert not added.breaking and '"pending"' in added.message
    assert removed.pointer == "/components/schemas/Status/enum"


def test_field_removed_is_breaking(tmp_path: Path) -> None:
    report = run(tmp_path, lambda d: node(d, *SCHEMAS, "Pet", "properties").pop("status"))
    change = only(report, "field-removed")
    assert change.breaking and change.subject == "Pet.status"
    assert (change.spec, change.pointer) == ("old", "/components/schemas/Pet/properties/status")


def test_response_field_widened_is_breaking_narrowed_is_not(tmp_path: Path) -> None:
    def widen(d: dict[str, Any]) -> None:  # Pet is only returned: callers now meet None
        node(d, *SCHEMAS, "Pet", "properties")["name"] = {"type": "string", "nullable": True}

    change = only(run(tmp_path, widen), "field-type")
    assert change.breaking and "widened" in change.message

    def narrow(d: dict[str, Any]) -> None:
        node(d, *SCHEMAS, "Pet", "properties")["id"] = {"type": "integer", "enum": [1, 2]}

    change = only(run(tmp_path, narrow), "field-type")
    assert not change.breaking and "narrowed" in change.message


def test_return_type_change(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        schema = {"type": "array", "items": {"type": "string"}}
        node(d, *LIST, "responses", "200", "content", "application/json")["schema"] = schema

    change = only(run(tmp_path, edit), "return-type")
    assert change.breaking and change.pointer == "/paths/~1pets/get/responses/200"


def test_relation_rules() -> None:
    s, i, f = ir.Primitive("str"), ir.Primitive("int"), ir.Primitive("float")
    assert diff.relation(i, f, {}) == "wider"
    assert diff.relation(f, i, {}) == "narrower"
    assert diff.relation(s, ir.Nullable(s), {}) == "wider"
    assert diff.relation(ir.ListOf(s), ir.ListOf(i), {}) == "changed"
    assert diff.relation(ir.Const("a"), s, {}) == "wider"
    assert diff.relation(s, ir.Primitive("any"), {}) == "wider"


def test_cli_markdown_json_and_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(tmp_path, lambda d: node(d, "paths", "/pets").pop("get"))
    old, new = str(tmp_path / "old.json"), str(tmp_path / "new.json")
    assert cli.main(["diff", old, new]) == 1
    text = capsys.readouterr().out
    assert "### Breaking changes (1)" in text and "`client.pets.list_pets()` removed" in text
    assert cli.main(["diff", old, new, "--format", "json"]) == 1
    body = json.loads(capsys.readouterr().out)
    assert body["breaking"] is True
    assert body["changes"][0]["kind"] == "method-removed"
    assert cli.main(["diff", old, old]) == 0
    capsys.readouterr()


def test_cli_unreadable_spec_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "old.json").write_text(json.dumps(BASE))
    assert cli.main(["diff", str(tmp_path / "old.json"), str(tmp_path / "bad.json")]) == 2
    assert "invalid JSON" in capsys.readouterr().err


def test_paging_methods_appear_in_the_diff_as_generate_emits_them(tmp_path: Path) -> None:
    def add_paging(doc: dict[str, Any]) -> None:
        doc["paths"]["/things"] = {
            "get": {
                "operationId": "listThings",
                "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer"}}],
                "responses": {
                    "200": {
                        "description": "a page",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "data": {"type": "array", "items": {"type": "string"}},
                                        "hasMore": {"type": "boolean"},
                                    },
                                }
                            }
                        },
                    }
                },
            }
        }

    report = run(tmp_path, add_paging)
    added = {c.subject for c in report.changes if c.kind == "method-added"}
    assert {"client.things.list_things()", "client.things.iter_list_things()"} <= added
