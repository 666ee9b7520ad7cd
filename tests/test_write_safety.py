"""Writing never leaves the output folder, a failed run changes nothing, a killed run is
finished by the next, a damaged manifest means "stale", and hand edits are named."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.write import manifest
from tests.conftest import ROOT

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "paths": {
        "/things": {
            "get": {
                "operationId": "listThings",
                "tags": ["things"],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {}}}}},
            }
        }
    },
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tmp/spec.json, tmp/out/ generated once, tmp/outside/ that nothing may touch."""
    (tmp_path / "spec.json").write_text(json.dumps(SPEC))
    (tmp_path / "empty.toml").write_text("")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "precious.txt").write_text("precious")
    assert generate(tmp_path, "-q") == 0
    return tmp_path


def generate(project: Path, *extra: str) -> int:
    argv = ["generate", "--spec", str(project / "spec.json"), "--output", str(project / "out")]
    return main([*argv, "--package", "t_client", "--config", str(project / "empty.toml"), *extra])


def check(project: Path) -> int:
    argv = ["check", "--spec", str(project / "spec.json"), "--output", str(project / "out")]
    return main([*argv, "--package", "t_client", "--config", str(project / "empty.toml")])


def snapshot(folder: Path) -> dict[str, bytes | str]:
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            found[rel] = path.read_bytes()
        else:
            found[rel] = "dir"
    return found


def edit_manifest(project: Path, **changes: object) -> None:
    path = project / "out" / manifest.MANIFEST
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


def retitle(project: Path, title: str) -> None:
    (project / "spec.json").write_text(json.dumps({**SPEC, "info": {"title": title, "version": "1"}}))


def test_a_symlink_and_a_manifest_entry_cannot_delete_outside(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "out" / "escape").symlink_to(project / "outside", target_is_directory=True)
    files = json.loads((project / "out" / manifest.MANIFEST).read_text())["files"]
    edit_manifest(project, files={**files, "escape/precious.txt": "0" * 64})
    retitle(project, "T2")
    assert generate(project) == 0
    assert (project / "outside" / "precious.txt").read_text() == "precious"


@pytest.mark.parametrize("entry", ["../outside/precious.txt", "ABSOLUTE"])
def test_a_manifest_path_leaving_the_output_is_never_trusted(
    project: Path, capsys: pytest.CaptureFixture[str], entry: str
) -> None:
    entry = entry.replace("ABSOLUTE", str(project / "outside" / "precious.txt"))
    files = json.loads((project / "out" / manifest.MANIFEST).read_text())["files"]
    edit_manifest(project, files={**files, entry: "0" * 64})
    assert check(project) == 1
    assert "outside the output" in capsys.readouterr().err
    retitle(project, "T2")
    assert generate(project) == 0
    assert (project / "outside" / "precious.txt").read_text() == "precious"


def test_a_symlinked_package_folder_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = project / "out" / "t_client"
    (project / "outside" / "t_client").mkdir()
    for path in package.rglob("*"):
        path.unlink() if path.is_file() else None
    for path in sorted(package.rglob("*"), reverse=True):
        path.rmdir()
    package.rmdir()
    package.symlink_to(project / "outside" / "t_client", target_is_directory=True)
    before = snapshot(project / "outside")
    retitle(project, "T2")
    assert generate(project) == 2
    err = capsys.readouterr().err
    assert "symlink leading out of the output folder" in err and "Traceback" not in err
    assert snapshot(project / "outside") == before


def test_a_folder_where_pyproject_goes_changes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "out" / "pyproject.toml").unlink()
    (project / "out" / "pyproject.toml").mkdir()
    retitle(project, "Changed")
    before = snapshot(project / "out")
    assert generate(project) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        f"error: {project / 'out'}: {project / 'out' / 'pyproject.toml'} is a folder where a file must go"
    ]
    assert snapshot(project / "out") == before


def test_a_file_where_a_folder_goes_changes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    resources = project / "out" / "t_client" / "resources"
    for path in resources.iterdir():
        path.unlink()
    resources.rmdir()
    resources.write_text("in the way")
    retitle(project, "Changed")
    before = snapshot(project / "out")
    assert generate(project) == 2
    assert "is in the way: a folder must go there" in capsys.readouterr().err
    assert snapshot(project / "out") == before


KILLER = """
import os, signal, sys
from generator.write import files as write
from generator.cli import main
moves = 0
real = os.replace
def replace(src, dst):
    global moves
    if ".oagen-staging-" in str(src) and ".oagen-journal" not in str(dst):
        moves += 1
        if moves == int(sys.argv[1]):
            os.kill(os.getpid(), signal.SIGKILL)  # kill -9 in the middle of the switch
    real(src, dst)
write.os.replace = replace
sys.exit(main(sys.argv[2:]))
"""


def test_kill_9_during_the_switch_is_finished_by_the_next_run(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    retitle(project, "Second")
    argv = ["generate", "--spec", str(project / "spec.json"), "--output", str(project / "out")]
    argv += ["--package", "t_client", "--config", str(project / "empty.toml")]
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, "3", *argv], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert manifest.interrupted(project / "out")

    assert check(project) == 1
    err = capsys.readouterr().err
    assert "was interrupted" in err and "edited by hand" not in err

    assert generate(project) == 0
    err = capsys.readouterr().err
    assert "finished the switch of an interrupted run" in err and "edited by hand" not in err
    assert not list((project / "out").glob(".oagen-staging-*"))
    assert check(project) == 0
    assert "Second" in (project / "out" / "t_client" / "__init__.py").read_text()


@pytest.mark.parametrize(
    "changes",
    [
        {"files": []},
        {"generator": "x"},
        {"files": {"t_client/__init__.py": 5}},
        {"spec": None},
        {"templates": {"overlay": 3, "used": []}},
        {"settings": "x"},
        {"black": 24},
    ],
    ids=lambda c: json.dumps(c),
)
def test_a_damaged_manifest_means_stale(
    project: Path, capsys: pytest.CaptureFixture[str], changes: dict[str, object]
) -> None:
    edit_manifest(project, **changes)
    assert check(project) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "stale; run `oagen generate`" in err
    assert "damaged" in err


@pytest.mark.parametrize("content", ["not json", "[]", "null", '{"format": 2}'])
def test_a_manifest_that_is_not_a_manifest_means_stale(
    project: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    (project / "out" / manifest.MANIFEST).write_text(content)
    assert check(project) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_a_manifest_entry_pointing_at_dev_zero(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "out" / "zero").symlink_to("/dev/zero")
    files = json.loads((project / "out" / manifest.MANIFEST).read_text())["files"]
    edit_manifest(project, files={**files, "zero": "0" * 64})
    spec = json.loads((project / "out" / manifest.MANIFEST).read_text())["spec"]
    edit_manifest(project, spec={**spec, "files": {**spec["files"], "/dev/zero": "0" * 64}})
    assert check(project) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_generate_names_a_hand_edited_file_it_overwrites(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    models = project / "out" / "t_client" / "__init__.py"
    models.write_text(models.read_text() + "# my change\n")
    assert generate(project) == 0
    err = capsys.readouterr().err
    assert f"warning: {models} was edited by hand since oagen wrote it; overwritten" in err
    assert "# my change" not in models.read_text()
    assert generate(project) == 0
    assert "edited by hand" not in capsys.readouterr().err


def test_fail_on_change(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert generate(project, "--fail-on-change") == 0
    retitle(project, "New")
    assert generate(project, "--fail-on-change") == 1
    assert generate(project, "--fail-on-change") == 0
