"""Stage 1: reading, repairing, validating and bundling specs."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from generator import pipeline
from generator.config import Target
from generator.diagnostics import SpecError
from generator.load import document as load
from generator.load import validate

SPLIT = Path(__file__).parent / "data" / "split" / "openapi.yaml"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {}}


def test_json_and_yaml_load_to_the_same_document(tmp_path: Path) -> None:
    as_json = write(tmp_path, "a.json", json.dumps(MINIMAL))
    as_yaml = write(tmp_path, "a.yaml", "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n")
    assert load.load(as_json).document == load.load(as_yaml).document == MINIMAL


def test_split_spec_bundles_other_files_under_their_own_names() -> None:
    loaded = load.load(SPLIT)
    schemas = loaded.document["components"]["schemas"]
    assert set(schemas) == {"Category", "Pet", "Tag"}
    # Refs inside the other file point at the bundled components, recursion included.
    assert schemas["Pet"]["properties"]["tag"] == {"$ref": "#/components/schemas/Tag"}
    assert schemas["Pet"]["properties"]["children"]["items"] == {"$ref": "#/components/schemas/Pet"}
    # A non-schema target (a parameter in common.yaml) is inlined where it is used.
    param = loaded.document["paths"]["/pets/{petId}"]["get"]["parameters"][0]
    assert param["name"] == "petId" and param["schema"] == {"type": "integer"}


def test_imperfect_input_is_repaired_with_warnings_naming_the_place() -> None:
    loaded = load.load(SPLIT)
    warnings = [str(p) for p in loaded.diagnostics.warnings]
    assert any("/responses/200" in w and "not a string" in w for w in warnings)
    assert any("/components/schemas/Category/required" in w and "duplicate" in w for w in warnings)
    assert loaded.document["components"]["schemas"]["Category"]["required"] == ["name"]
    assert "200" in loaded.document["paths"]["/pets/{petId}"]["get"]["responses"]


def test_validator_findings_are_warnings_with_pointers(tmp_path: Path) -> None:
    doc = {**MINIMAL, "paths": {"/a": {"get": {"responses": {"200": {"content": {}}}}}}}
    loaded = pipeline.load_validated(write(tmp_path, "bad.json", json.dumps(doc)))
    assert any(p.pointer.startswith("/paths/~1a/get/responses/200") for p in loaded.diagnostics.warnings)


@pytest.mark.parametrize(
    ("text", "pointer", "fragment"),
    [
        ('{"openapi": "3.0.3", "info": ', "", "invalid JSON at line 1"),
        ('{"swagger": "2.0", "info": {}}', "/swagger", "Swagger 2.0 is not supported"),
        ('{"openapi": "2.5", "paths": {}}', "/openapi", "not an OpenAPI 3.x document"),
        ("[1, 2]", "", "not an OpenAPI document"),
    ],
)
def test_impossible_input_raises_one_problem_with_its_place(
    tmp_path: Path, text: str, pointer: str, fragment: str
) -> None:
    path = write(tmp_path, "spec.json", text)
    with pytest.raises(SpecError) as caught:
        load.load(path)
    [problem] = caught.value.problems
    assert problem.file == str(path) and problem.pointer == pointer and fragment in problem.message


def test_remote_ref_is_refused_without_fetching(tmp_path: Path) -> None:
    schema = {"$ref": "https://example.invalid/schemas.json#/Pet"}
    doc = {**MINIMAL, "components": {"schemas": {"Pet": schema}}}
    path = write(tmp_path, "spec.json", json.dumps(doc))
    with pytest.raises(SpecError) as caught:
        load.load(path)
    [problem] = caught.value.problems
    assert problem.pointer == "/components/schemas/Pet" and "never fetches" in problem.message


def test_dangling_and_self_refs_name_the_ref_site(tmp_path: Path) -> None:
    schemas = {
        "A": {"$ref": "#/components/schemas/Missing"},
        "B": {"$ref": "#/components/schemas/B"},
        "C": {"$ref": "other.yaml#/X"},
    }
    path = write(tmp_path, "spec.json", json.dumps({**MINIMAL, "components": {"schemas": schemas}}))
    with pytest.raises(SpecError) as caught:
        load.load(path)
    found = {p.pointer: p.message for p in caught.value.problems}
    assert "points at nothing" in found["/components/schemas/A"]
    assert "points at itself" in found["/components/schemas/B"]
    assert "cannot read file" in found["/components/schemas/C"]


def test_background_validation_finds_what_inline_validation_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = {**MINIMAL, "paths": {"/a": {"get": {"responses": {"200": {"content": {}}}}}}}
    inline = load.load(write(tmp_path, "inline.json", json.dumps(doc)))
    with monkeypatch.context() as one_core:  # no second core: validated here
        one_core.setattr(os, "sched_getaffinity", lambda pid: {0})
        assert (
            validate.start(inline.raw, inline.original, inline.diagnostics, inline.path, inline.cacheable)
            is None
        )
    # The same findings for another title: a fresh document, so the validation cache cannot answer.
    background = load.load(
        write(tmp_path, "bg.json", json.dumps({**doc, "info": {"title": "U", "version": "1"}}))
    )
    pending = validate.start(
        background.raw, background.original, background.diagnostics, background.path, background.cacheable
    )
    assert pending is not None
    found = [(ptr, message) for ptr, message in pending.result()]
    assert found == [(p.pointer, p.message) for p in inline.diagnostics.warnings]
    assert found  # the document really has findings


def test_background_validation_is_stopped_when_generation_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = {**MINIMAL, "info": {"title": "never validated before", "version": "1"}}
    started: list[validate.Pending] = []
    real_start = validate.start

    def spy(*args: Any, **kwargs: Any) -> validate.Pending | None:
        pending = real_start(*args, **kwargs)
        if pending is not None:
            started.append(pending)
        return pending

    def fail(*args: Any) -> Any:
        raise RuntimeError("the model failed")

    monkeypatch.setattr(validate, "start", spy)
    monkeypatch.setattr(pipeline, "_model", fail)
    spec = write(tmp_path, "spec.json", json.dumps(fresh))
    with pytest.raises(RuntimeError, match="the model failed"):
        pipeline.generate(Target(spec, tmp_path / "out", "t_client"))
    assert started and not started[0]._process.is_alive()
