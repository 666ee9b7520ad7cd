"""The remembered API (generator/apicache.py): a warm run skips load and model and gives the same
files and findings; any change to what decides them is a miss."""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from generator import apicache, pipeline
from generator.config import Target
from generator.load import document

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Pets", "version": "1.0"},
    "paths": {
        "/pets/{id}": {
            "get": {
                "operationId": "getPet",
                # A finding the validator reports (a path parameter not declared), replayed on a hit.
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
                    }
                },
            }
        }
    },
    "components": {"schemas": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}}},
}


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every spec the load stage read."""
    seen: list[Path] = []
    real = document.load

    def spy(path: Path, *args: object) -> document.LoadedSpec:
        seen.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(document, "load", spy)
    return seen


def target(spec: Path, **settings: object) -> Target:
    return Target(spec=spec, output=spec.parent / "out", package="pets", **settings)  # type: ignore[arg-type]


def run(t: Target) -> tuple[dict[str, str], list[str]]:
    result = pipeline.generate(t)
    return {f.path: f.content for f in result.files}, [str(w) for w in result.diagnostics.warnings]


def write_spec(path: Path, doc: dict[str, object]) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_a_warm_run_skips_load_and_gives_the_same_files_and_findings(
    tmp_path: Path, cache: Path, loads: list[Path]
) -> None:
    spec = write_spec(tmp_path / "openapi.json", SPEC)
    cold_files, cold_warnings = run(target(spec))
    assert cold_warnings, "the spec has a finding to replay"
    assert len(loads) == 1 and any((cache / "api").rglob("*"))
    warm_files, warm_warnings = run(target(spec))
    assert len(loads) == 1, "the warm run read the remembered API, not the spec"
    assert warm_files == cold_files
    assert warm_warnings == cold_warnings


@pytest.mark.parametrize(
    "change",
    ["spec bytes", "settings", "damaged entry"],
)
def test_what_decides_the_api_is_a_miss(tmp_path: Path, cache: Path, loads: list[Path], change: str) -> None:
    spec = write_spec(tmp_path / "openapi.json", SPEC)
    run(target(spec))
    t = target(spec)
    if change == "spec bytes":
        changed = json.loads(json.dumps(SPEC))
        changed["info"]["title"] = "Pets, renamed"
        write_spec(spec, changed)
    elif change == "settings":
        t = target(spec, pagination={"style": "none"})
    else:
        for entry in (cache / "api").rglob("*"):
            if entry.is_file():
                entry.write_bytes(b"not a pickle")
    run(t)
    assert len(loads) == 2


def test_a_changed_file_the_refs_reach_is_a_miss(tmp_path: Path, cache: Path, loads: list[Path]) -> None:
    shutil.copytree(Path(__file__).parent / "data" / "split", tmp_path / "split")
    spec = tmp_path / "split" / "openapi.yaml"
    before, _ = run(target(spec))
    run(target(spec))
    assert len(loads) == 1
    pet = tmp_path / "split" / "schemas" / "pet.yaml"
    pet.write_text(pet.read_text().replace("Pet:\n", "Pet:\n  description: A pet, described elsewhere.\n", 1))
    after, _ = run(target(spec))
    assert len(loads) == 2
    assert "A pet, described elsewhere." in after["pets/models.py"]
    assert "A pet, described elsewhere." not in before["pets/models.py"]


def test_the_key_names_the_module_that_pickled(tmp_path: Path) -> None:
    """The tests import the generator as `generator`, the command as `oagen`: never mix their pickles."""
    spec = write_spec(tmp_path / "openapi.json", SPEC)
    assert apicache.key(target(spec), spec.read_bytes()) != apicache.key(target(spec), b"{}")
    assert apicache.__name__ == "generator.apicache"


def test_a_referenced_file_replaced_by_a_fifo_is_a_miss_not_a_hang(tmp_path: Path, cache: Path) -> None:
    shutil.copytree(Path(__file__).parent / "data" / "split", tmp_path / "split")
    spec = tmp_path / "split" / "openapi.yaml"
    run(target(spec))
    pet = tmp_path / "split" / "schemas" / "pet.yaml"
    pet.unlink()
    os.mkfifo(pet)  # reading it would wait for a writer forever
    found: list[object] = []
    key = apicache.key(target(spec), spec.read_bytes())
    reader = threading.Thread(target=lambda: found.append(apicache.read(key)), daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert found == [None]


@pytest.mark.parametrize("collecting", [True, False])
def test_the_api_is_pickled_with_the_gc_paused_and_left_as_it_was(
    collecting: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import pickle

    from specbuilder import Spec, model

    api = model(Spec().get("/things", "listThings"))
    seen: list[bool] = []
    real = pickle.dumps
    spy = lambda obj, protocol: seen.append(gc.isenabled()) or real(obj, protocol)  # noqa: E731
    monkeypatch.setattr(pickle, "dumps", spy)
    (gc.enable if collecting else gc.disable)()
    try:
        frozen = pipeline._pickled(api)
    finally:
        state = gc.isenabled()
        gc.enable()
    assert seen == [False] and state == collecting
    assert pickle.loads(frozen) == api
