"""Validation after a change to some path items validates only those, with the same findings."""

from __future__ import annotations

import copy
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from generator import pipeline
from generator.diagnostics import SpecError
from generator.load import validate
from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("cache")  # each test with an empty cache of its own


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch, inline_validation: None) -> list[dict[str, Any]]:
    """Every document the validator is run on."""
    seen: list[dict[str, Any]] = []
    real = validate._run

    def spy(document: dict[str, Any], path: Path, rust: bool = True) -> validate.Findings:
        seen.append(copy.deepcopy(document))
        return real(document, path, rust)

    monkeypatch.setattr(validate, "_run", spy)
    return seen


def _op(op_id: str, schema: str, **extra: Any) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{schema}"}
    ok = {"description": "ok", "content": {"application/json": {"schema": ref}}}
    return {"get": {"operationId": op_id, "responses": {"200": ok}, **extra}}


BASE: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "paths": {
        "/pets": _op("listPets", "Pets"),
        "/pets/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            **_op("getPet", "Pet"),
        },
        "/owners": _op("listOwners", "Owner"),
    },
    "components": {
        "schemas": {
            "Pets": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}},
            "Pet": {"type": "object", "properties": {"owner": {"$ref": "#/components/schemas/Owner"}}},
            "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
            "Unused": {"type": "string"},
        },
        "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
    },
}


def _findings(tmp_path: Path, document: dict[str, Any], name: str = "api.json") -> list[tuple[str, str]]:
    loaded = pipeline.load_validated(_write(tmp_path, name, document))
    return [(p.pointer, p.message) for p in loaded.diagnostics.warnings]


def _write(tmp_path: Path, name: str, document: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _full(document: dict[str, Any], tmp_path: Path) -> list[tuple[str, str]]:
    return [(p, m) for p, m in validate._run(document, tmp_path / "api.json")]


def _changed(**paths: Any) -> dict[str, Any]:
    document = copy.deepcopy(BASE)
    document["paths"].update(paths)
    return document


def test_one_changed_path_item_is_validated_with_only_the_components_it_reaches(
    tmp_path: Path, validated: list[dict[str, Any]]
) -> None:
    assert _findings(tmp_path, BASE) == []
    assert len(validated) == 1 and validated[0] == BASE, "an unknown context is validated whole"
    edited = _changed(**{"/pets/{id}": {**BASE["paths"]["/pets/{id}"], "summary": "Get a pet"}})
    assert _findings(tmp_path, edited) == []
    reduced = validated[1]
    assert list(reduced["paths"]) == ["/pets/{id}"]
    assert list(reduced["components"]["schemas"]) == ["Pet", "Owner"], "Pet, and Owner through Pet"
    assert reduced["components"]["securitySchemes"] == BASE["components"]["securitySchemes"]
    assert _findings(tmp_path, edited, "again.json") == [] and len(validated) == 2, "a known spec is not"


@pytest.mark.parametrize(
    "paths",
    [
        # a schema error inside the changed item
        {"/owners": {"get": {"operationId": "listOwners", "responses": {"200": {"content": {}}}}}},
        # a path template whose parameter is not declared (reported without a pointer)
        {"/owners/{ownerId}": _op("getOwner", "Owner")},
        # an operationId that another, unchanged, path item already has
        {"/owners": _op("listPets", "Owner")},
        # a parameter that is not valid in any location
        {"/owners": _op("listOwners", "Owner", parameters=[{"name": "q", "in": "body"}])},
    ],
    ids=["schema-error", "undeclared-path-parameter", "duplicate-operation-id", "bad-parameter"],
)
def test_findings_after_a_change_are_those_of_a_full_validation(
    tmp_path: Path, validated: list[dict[str, Any]], paths: dict[str, Any]
) -> None:
    _findings(tmp_path, BASE)
    edited = _changed(**paths)
    found = _findings(tmp_path, edited)
    assert found, "the change is invalid"
    # A duplicate operationId spans path items: only that case needs the whole spec.
    whole = validated[-1] == edited
    assert found == _full(edited, tmp_path)
    assert whole == ("listPets" in json.dumps(paths)), "only the changed item is validated"


def test_a_changed_component_validates_the_whole_spec(
    tmp_path: Path, validated: list[dict[str, Any]]
) -> None:
    _findings(tmp_path, BASE)
    edited = copy.deepcopy(BASE)
    edited["components"]["schemas"]["Unused"] = {"type": "string", "nullable": "yes"}
    found = _findings(tmp_path, edited)
    assert validated[-1] == edited, "validated whole"
    assert any(p == "/components/schemas/Unused" for p, _ in found)
    assert found == _full(edited, tmp_path)


def test_path_items_are_known_clean_only_after_a_clean_run(
    tmp_path: Path, validated: list[dict[str, Any]]
) -> None:
    _findings(tmp_path, BASE)
    broken = _changed(**{"/owners": {"get": {"operationId": "listOwners", "responses": {"200": {}}}}})
    assert _findings(tmp_path, broken)
    fixed = _changed(**{"/owners": _op("listOwners", "Owner", summary="fixed")})
    assert _findings(tmp_path, fixed) == []
    assert list(validated[-1]["paths"]) == ["/owners"], "still only the changed item"


def test_a_spec_with_warnings_in_path_items_is_validated_only_where_it_changed(
    tmp_path: Path, validated: list[dict[str, Any]]
) -> None:
    """Most real specs have a warning or two: the other path items' are remembered."""
    bad = {"get": {"operationId": "listOwners", "responses": {"200": {"content": {}}}}}
    also_bad = {"get": {"operationId": "listPets", "responses": {"200": {}}}}
    warned = _changed(**{"/pets": also_bad, "/owners": bad})
    first = _findings(tmp_path, warned)
    assert {p.split("/")[2] for p, _ in first} == {"~1pets", "~1owners"}
    assert first == _full(warned, tmp_path), "in the order of a full validation"
    edited = copy.deepcopy(warned)
    edited["paths"]["/pets/{id}"]["get"]["summary"] = "Get a pet"
    assert _findings(tmp_path, edited) == first
    assert list(validated[-1]["paths"]) == ["/pets/{id}"], "the warned items were not validated again"
    # A new warning in the changed item comes out in its place among the remembered ones.
    edited["paths"]["/pets/{id}"]["get"]["responses"] = {"200": {"content": {}}}
    found = _findings(tmp_path, edited, "again.json")
    assert list(validated[-1]["paths"]) == ["/pets/{id}"]
    assert found == _full(edited, tmp_path) and len(found) > len(first)


def test_a_warning_outside_the_path_items_validates_the_whole_spec_after_a_change(
    tmp_path: Path, validated: list[dict[str, Any]]
) -> None:
    document = copy.deepcopy(BASE)
    document["components"]["schemas"]["Unused"] = {"type": "string", "nullable": "yes"}
    assert _findings(tmp_path, document)
    edited = copy.deepcopy(document)
    edited["paths"]["/owners"]["get"]["summary"] = "Owners"
    assert _findings(tmp_path, edited) == _full(edited, tmp_path)
    assert validated[-2] == edited, "it may depend on any path item: validated whole"


def test_refs_the_reduced_document_cannot_stand_for_fall_back_to_a_full_run(
    tmp_path: Path, validated: list[dict[str, Any]]
) -> None:
    # A path item whose ref reaches into another path item needs that item too.
    document = _changed(**{"/dogs": {"$ref": "#/paths/~1pets"}})
    _findings(tmp_path, document)
    edited = copy.deepcopy(document)
    edited["paths"]["/dogs"] = {"$ref": "#/paths/~1owners"}
    _findings(tmp_path, edited)
    assert validated[-1] == edited


def test_discriminator_mappings_keep_their_targets(tmp_path: Path) -> None:
    document = copy.deepcopy(BASE)
    document["components"]["schemas"]["Animal"] = {
        "oneOf": [{"$ref": "#/components/schemas/Pet"}],
        "discriminator": {
            "propertyName": "kind",
            "mapping": {"pet": "Pet", "owner": "#/components/schemas/Owner"},
        },
    }
    document["paths"]["/animals"] = _op("listAnimals", "Animal")
    reduced = validate._reduce(document, ["/animals"])
    assert reduced is not None
    assert set(reduced["components"]["schemas"]) == {"Animal", "Pet", "Owner"}


def _nested_findings(schema: dict[str, Any], parameter: dict[str, Any]) -> list[list[str]]:
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/a/{id}": {
                "get": {
                    "parameters": [{"name": "q", "in": "query", "schema": parameter}],
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": schema}}}
                    },
                }
            }
        },
        "components": {"schemas": {"K": {"type": "string", "enum": ["a"], "default": "b"}}},
    }
    return validate._run(doc, Path("x.json"))


def test_findings_of_nested_checks_point_at_the_real_place() -> None:
    """The validator reports a bad pattern as `#/pattern` and a bad default as `#`; they are
    placed where they are in the document."""
    found = dict(
        (ptr, message)
        for ptr, message in _nested_findings(
            {"type": "string", "pattern": "(["}, {"type": "integer", "default": "no"}
        )
    )
    op = "/paths/~1a~1{id}/get"
    assert "'([' is not a 'regex'" in found[f"{op}/responses/200/content/application~1json/schema/pattern"]
    assert "'no' is not of type 'integer'" in found[f"{op}/parameters/0/schema/default"]
    assert "'b' is not one of ['a']" in found["/components/schemas/K/default"]
    assert "Path parameter 'id'" in found[op]
    assert "" not in found and "/pattern" not in found


def _with(document: dict[str, Any], where: tuple[str, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(document)
    node = out
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    return out


_PET = ("components", "schemas", "Pet")
# Documents the OpenAPI schema refuses, each in its own way.
_INVALID = {
    "version not a string": _with(BASE, ("info", "version"), 5),
    "version a YAML date": _with(BASE, ("info", "version"), datetime.date(2022, 11, 28)),
    "no info": {k: v for k, v in BASE.items() if k != "info"},
    "path without slash": _with(BASE, ("paths", "pets"), _op("other", "Pet")),
    "schema type a number": _with(BASE, (*_PET, "type"), 5),
    "parameter in body": _with(
        BASE, ("paths", "/pets/{id}", "parameters"), [{"name": "id", "in": "body", "schema": {}}]
    ),
    "responses a list": _with(BASE, ("paths", "/owners", "get", "responses"), []),
    "3.1, schema type unknown": _with(_with(BASE, ("openapi",), "3.1.0"), (*_PET, "type"), "thing"),
    "unknown top-level field": _with(BASE, ("paths2",), {}),
}


@pytest.mark.parametrize("name", sorted(_INVALID))
def test_the_rust_schema_check_keeps_the_findings_of_jsonschema(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jsonschema-rs only decides whether the slow check runs: the findings are the same."""
    document = _INVALID[name]
    found = _full(document, tmp_path)
    assert found, "the document should be invalid"
    monkeypatch.setattr(validate._SchemaCheck, "_passes", lambda self, instance: False)
    assert _full(document, tmp_path) == found


def test_a_document_the_rust_check_passes_is_not_checked_again_by_jsonschema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow: list[object] = []
    real = validate._SchemaCheck._passes

    def passes(self: validate._SchemaCheck, instance: Any) -> bool:
        ok = real(self, instance)
        slow.extend([] if ok else [instance])
        return ok

    monkeypatch.setattr(validate._SchemaCheck, "_passes", passes)
    assert _full(BASE, tmp_path) == []
    assert _full(_INVALID["no info"], tmp_path) != []
    assert slow == [_INVALID["no info"]]


def test_a_panic_in_a_rust_extension_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Running out of stack inside rpds (under referencing), as a default that refers to itself
    through `not` can, raises pyo3's PanicException, a BaseException: a finding, not a crash
    of the validation child and then of the run."""

    class PanicException(BaseException):
        pass

    def panic(self: Any) -> Any:
        raise PanicException("__eq__ failed!")

    monkeypatch.setattr(validate._SchemaCheck, "iter_errors", lambda self, instance: panic(self))
    assert _full(BASE, tmp_path) == [("", "validator could not finish: PanicException: __eq__ failed!")]

    def interrupt(self: Any, instance: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(validate._SchemaCheck, "iter_errors", interrupt)
    with pytest.raises(KeyboardInterrupt):
        _full(BASE, tmp_path)


def _flawed(**extra: Any) -> dict[str, Any]:
    """BASE with a finding and a repair load makes (a duplicate `required` name: left in, the
    validator would report it)."""
    document = copy.deepcopy(BASE)
    pet = document["components"]["schemas"]["Pet"]
    pet["required"] = ["owner", "owner"]
    pet["properties"]["age"] = {"type": "integer", "default": "old"}
    document.update(extra)
    return document


def _early_findings(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    early = validate.early(raw, path)
    assert early is not None
    loaded = pipeline.load.load(path, (), raw)
    pending = validate.start(raw, loaded.original, loaded.diagnostics, path, loaded.cacheable, early)
    assert pending is not None and pending._process is early.process
    return pending.result()


def test_the_early_child_finds_what_validating_here_finds(tmp_path: Path) -> None:
    path = _write(tmp_path, "api.json", _flawed())
    findings = _early_findings(path)
    loaded = pipeline.load.load(path)
    assert findings == validate._incremental(loaded.original, path).findings
    assert any("default" in message or "old" in message for _, message in findings)
    assert not any("non-unique" in message for _, message in findings)  # the child repaired it too


def test_no_early_child_for_cached_findings_or_on_one_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert validate.early(None, tmp_path / "missing.json") is None
    path = _write(tmp_path, "api.json", _flawed())
    _early_findings(path)
    assert validate.early(path.read_bytes(), path) is None  # its findings are cached now
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert validate.early(json.dumps(BASE).encode(), path) is None


def test_a_small_spec_is_validated_in_a_child_too(tmp_path: Path) -> None:
    """Importing the validator is most of a small spec's validation: it overlaps the other stages."""
    path = _write(tmp_path, "api.json", BASE)
    assert len(path.read_bytes()) < 2_000
    assert _early_findings(path) == []


def test_an_early_child_not_needed_is_ended(tmp_path: Path) -> None:
    raw = _write(tmp_path, "api.json", _flawed()).read_bytes()
    early = validate.early(raw, tmp_path / "api.json")
    assert early is not None and early.process.is_alive()
    loaded = pipeline.load.load(tmp_path / "api.json", (), raw)
    assert validate.start(raw, loaded.original, loaded.diagnostics, loaded.path, False, early) is None
    assert not early.process.is_alive()  # a spec of several files is validated here, uncached


def test_an_early_child_validating_other_bytes_is_ended_not_used(tmp_path: Path) -> None:
    path = _write(tmp_path, "api.json", _flawed())
    early = validate.early(json.dumps(BASE).encode(), path)  # started on bytes that are not the spec's
    assert early is not None
    raw = path.read_bytes()
    loaded = pipeline.load.load(path, (), raw)
    pending = validate.start(raw, loaded.original, loaded.diagnostics, path, loaded.cacheable, early)
    assert not early.process.is_alive()
    assert pending is not None and pending._process is not early.process
    assert pending.result() == validate._incremental(loaded.original, path).findings


def test_a_load_that_fails_ends_the_early_child(tmp_path: Path) -> None:
    document = _flawed()
    document["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/Missing"
    }
    target = pipeline.Target(_write(tmp_path, "api.json", document), tmp_path / "out", "pets")
    started: list[validate.Early] = []
    real = validate.early
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(validate, "early", lambda raw, path: started.append(real(raw, path)) or started[-1])
        with pytest.raises(SpecError):
            pipeline.generate(target)
    assert started and started[0] is not None and not started[0].process.is_alive()


def test_a_warning_met_through_a_ref_validates_the_whole_spec_after_a_change(
    tmp_path: Path, validated: list[dict[str, Any]]
) -> None:
    """The validator reports a component's problem once, where a path item first reaches it:
    which item that is depends on the others, so such a finding is never remembered per item."""
    document = copy.deepcopy(BASE)
    document["openapi"] = "3.1.0"  # where a schema may keep sub-schemas under any keyword
    kind = {"description": "Kind.", "enum": ["a"], "type": "string"}
    owner = {"definitions": {"kind": {"type": kind}}, "properties": {"kind": {"$ref": "#/x"}}}
    owner["properties"]["kind"]["$ref"] = "#/components/schemas/Owner/definitions/kind/type"
    document["components"]["schemas"]["Owner"] = owner
    document["paths"]["/owners/mine"] = _op("listMyOwners", "Owner")
    first = _findings(tmp_path, document)
    # Reported once, at the first path item (of two) that reaches it.
    assert [p.split("/")[:3] for p, _ in first] == [["", "paths", "~1owners"]], "met through a ref"
    edited = copy.deepcopy(document)
    edited["paths"]["/owners/mine"]["get"]["summary"] = "Mine"
    assert _findings(tmp_path, edited) == _full(edited, tmp_path)
    assert validated[-2] == edited, "validated whole"


@pytest.mark.slow
def test_a_real_spec_with_a_warning_keeps_the_findings_of_a_full_validation_after_edits(
    validated: list[dict[str, Any]],
) -> None:
    """codat-accounting's one finding is a component's, reported at the first path item that
    reaches it: every edit validates the whole spec again, with a full validation's findings."""
    path = Path(__file__).parent / "corpus" / "codat-accounting.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    first = validate._incremental(document, path)
    assert first.findings and first.items is None
    urls = list(document["paths"])
    for url in (urls[0], urls[-1]):
        edited = copy.deepcopy(document)
        operation = next(v for k, v in edited["paths"][url].items() if k in validate._METHODS)
        operation["summary"] = "Edited"
        assert validate._incremental(edited, path).findings == validate._run(edited, path)


def test_the_validator_is_loaded_without_requests_and_leaves_it_importable(tmp_path: Path) -> None:
    """jsonschema-path takes its urllib fallback (requests costs ~45 ms of a cold run), and the
    validator still finds what it finds."""
    spec = tmp_path / "bad.json"
    spec.write_text(json.dumps({"openapi": "3.0.3", "info": {"title": "t"}, "paths": {}}))
    script = (
        "import json, sys; from pathlib import Path; from generator.load import validate\n"
        f"path = Path({str(spec)!r}); found = validate._run(json.loads(path.read_text()), path)\n"
        "from jsonschema_path.handlers import default_handlers\n"
        "import importlib.util\n"
        "print('requests' in sys.modules, type(default_handlers['https']).__name__,"
        " importlib.util.find_spec('requests') is not None, found[0][1])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.split()[:3] == ["False", "UrllibHandler", "True"]
    assert "'version' is a required property" in done.stdout


def test_the_validation_child_yields_the_cpu_to_the_run(tmp_path: Path) -> None:
    """Its findings are joined only before writing: black's workers take the cores first."""
    path = _write(tmp_path, "api.json", _flawed())
    early = validate.early(path.read_bytes(), path)
    assert early is not None and early.process.pid is not None
    try:
        deadline = time.monotonic() + 10
        wanted = min(19, os.getpriority(os.PRIO_PROCESS, 0) + validate._NICENESS)
        while os.getpriority(os.PRIO_PROCESS, early.process.pid) != wanted:
            assert time.monotonic() < deadline, "the child's priority was not lowered"
            time.sleep(0.01)
    finally:
        early.cancel()


def test_generate_with_a_spec_starts_its_validation_before_the_stages_are_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """entry.py forks the child for `generate --spec FILE` first; the run takes it over when it
    loads those bytes from that path, and ends it otherwise."""
    from generator import entry

    path = _write(tmp_path, "api.json", _flawed())
    monkeypatch.chdir(tmp_path)
    for argv in (["check", "--spec", "api.json"], ["generate"], ["generate", "--spec", "gone.json"]):
        entry._start_validation(argv)
        assert validate._speculative is None, argv
    entry._start_validation(["generate", "--output", "out", "--spec=api.json"])
    started = validate._speculative
    assert started is not None and started.process.is_alive()
    raw = path.read_bytes()
    assert validate.early(raw, Path("api.json")) is started  # taken over
    assert validate._speculative is None
    started.cancel()
    entry._start_validation(["generate", "--spec", "api.json"])
    guessed = validate._speculative
    assert guessed is not None
    other = validate.early(raw, path)  # the run loads another path: the guess is ended
    assert other is not None and other is not guessed and not guessed.process.is_alive()
    other.cancel()
