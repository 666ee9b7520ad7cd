"""`check` answered from file metadata (generator/checkmemo.py) only while nothing its proof read changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import checkmemo, cli, fingerprint
from generator.render import overlay
from generator.write import manifest
from tests.conftest import ROOT
from tests.test_workflow import spec


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A spec whose Thing lives in another file, and a pyproject.toml naming it; the working directory."""
    doc = spec()
    doc["components"]["schemas"]["Thing"] = {"$ref": "thing.json"}
    (tmp_path / "api.json").write_text(json.dumps(doc))
    (tmp_path / "thing.json").write_text(
        json.dumps({"type": "object", "properties": {"id": {"type": "string"}}})
    )
    (tmp_path / "pyproject.toml").write_text(
        '[tool.oagen]\nspec = "api.json"\noutput = "out"\npackage = "pets_client"\n'
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    return tmp_path


def quick(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int | None, str]:
    status = checkmemo.answer(list(argv))
    return status, capsys.readouterr().err


def full(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = cli.main(list(argv))
    return status, capsys.readouterr().err


def memo(*argv: str) -> dict[str, object]:
    key = checkmemo.key(list(argv))
    assert key is not None
    data = checkmemo.marshal.loads(Path(checkmemo._memo_path(key)).read_bytes())
    assert isinstance(data, dict)
    return data


def test_generate_remembers_its_targets_current_for_the_same_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert quick(capsys, "check", "-q") == (None, "")  # nothing remembered yet
    assert full(capsys, "generate", "-q", "--fail-on-change")[0] == 1  # new files: still written
    assert quick(capsys, "check", "-q") == (0, "")
    assert quick(capsys, "check")[0] is None  # another check (it prints): not proven yet


def test_a_check_remembers_itself_and_says_what_the_full_check_said(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert full(capsys, "generate")[0] == 0
    said = full(capsys, "check")
    assert said == (0, "out: up to date\n")
    assert quick(capsys, "check") == said


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--full"],
        ["check", "--diff"],
        ["check", "--strict"],
        ["check", "--report", "r.json"],
        ["check", "--pack", "x"],
        ["check", "--spec"],
        ["generate"],
        ["check", "-h"],
    ],
)
def test_anything_beyond_is_it_current_takes_the_full_path(argv: list[str]) -> None:
    assert checkmemo.key(argv) is None


def test_generate_flags_a_check_does_without_are_dropped() -> None:
    argv = ["generate", "--force", "--report", "r.json", "--strict", "--spec", "a.json", "--verify-format"]
    assert checkmemo.check_argv(argv) == ["check", "--spec", "a.json"]
    assert checkmemo.check_argv(["generate", "--report=r.json", "-q"]) == ["check", "-q"]


def _same_size_edit(path: Path) -> None:
    """Change one byte, keeping the size and the modification time (only ctime tells)."""
    before = path.stat()
    data = bytearray(path.read_bytes())
    data[0] = ord("#") if data[0] != ord("#") else ord("\n")
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _interrupted(output: Path) -> None:
    (output / f"{manifest.STAGING_PREFIX}x").mkdir()
    (output / f"{manifest.STAGING_PREFIX}x" / manifest.JOURNAL).write_text("{}")


EDITS: dict[str, Callable[[Path], None]] = {
    "spec": lambda p: (p / "api.json").write_text(json.dumps(spec(title="Animals"))),
    "referenced file": lambda p: (p / "thing.json").write_text(json.dumps({"type": "object"})),
    "config": lambda p: (p / "pyproject.toml").write_text(
        '[tool.oagen]\nspec = "api.json"\noutput = "out"\npackage = "pets_client"\nline_length = 90\n'
    ),
    "generated file, same size and mtime": lambda p: _same_size_edit(p / "out" / "pets_client" / "models.py"),
    "generated file removed": lambda p: (p / "out" / "README.md").unlink(),
    "manifest": lambda p: (p / "out" / manifest.MANIFEST).write_text("{}"),
    "interrupted switch": lambda p: _interrupted(p / "out"),
    "overlay added": lambda p: (p / "overlay" / "README.md.j2").write_text("# {{ api.title }}\n"),
}


@pytest.mark.parametrize("edit", EDITS)
def test_any_change_to_what_the_proof_read_takes_the_full_path(
    project: Path, capsys: pytest.CaptureFixture[str], edit: str
) -> None:
    (project / "overlay").mkdir()
    (project / "overlay" / "notes.md.j2").write_text("{{ api.title }}\n")
    assert full(capsys, "generate", "--templates", "overlay")[0] == 0
    assert full(capsys, "check", "--templates", "overlay")[0] == 0
    assert quick(capsys, "check", "--templates", "overlay")[0] == 0
    EDITS[edit](project)
    assert quick(capsys, "check", "--templates", "overlay") == (None, "")
    assert full(capsys, "check", "--templates", "overlay")[0] == 1  # and each edit does make it stale


def test_the_proof_watches_the_generator_tools_and_templates(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What cannot be edited in a test (the generator's code, installed tools, built-in templates)
    is watched too: every file and folder they are read from is among the remembered stats."""
    assert full(capsys, "generate", "-q")[0] == 0
    stats = memo("check", "-q")["stats"]
    assert isinstance(stats, dict)
    root = Path(fingerprint.__file__).resolve().parent
    code = [p for p in root.rglob("*.py") if "__pycache__" not in p.parts]
    folders = [Path(f or ".") for f in sys.path]
    used = manifest.read(project / "out")["templates"]["used"]
    templates = [overlay.locate(name, None)[1] for name in used]
    for path in [*code, root / "load", *folders, *templates, overlay.BUILTIN]:
        assert str(path) in stats, path


def test_a_stale_check_is_never_remembered(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert full(capsys, "generate", "-q")[0] == 0
    (project / "out" / "README.md").write_text("edited\n")
    assert full(capsys, "check", "-q")[0] == 1
    assert quick(capsys, "check", "-q")[0] is None
    assert full(capsys, "check", "-q")[0] == 1


def test_settle_waits_out_a_clock_tick_and_distrusts_whole_second_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []
    monkeypatch.setattr(checkmemo.time, "sleep", waits.append)
    fresh = tmp_path / "fresh"
    fresh.write_text("x")
    assert checkmemo.settle(checkmemo.snapshot([str(fresh)]))
    assert len(waits) == 1 and 0 < waits[0] <= checkmemo.WINDOW_NS / 1e9
    old = tmp_path / "old"
    old.write_text("x")
    os.utime(old, ns=(time.time_ns() - 10**9, time.time_ns() - 10**9))
    assert checkmemo.settle(checkmemo.snapshot([str(old)])) and len(waits) == 1  # no wait
    coarse = tmp_path / "coarse"
    coarse.write_text("x")
    os.utime(coarse, (int(time.time()) - 5, int(time.time()) - 5))
    assert not checkmemo.settle(checkmemo.snapshot([str(coarse)]))
    future = tmp_path / "future"
    future.write_text("x")
    later = time.time_ns() + 3600 * 10**9 + 12345
    os.utime(future, ns=(later, later))
    assert not checkmemo.settle(checkmemo.snapshot([str(future)])) and len(waits) == 1  # no hour-long wait


def test_the_command_answers_without_loading_the_command_line(project: Path) -> None:
    def run(*argv: str) -> str:
        probe = (
            f"import sys\nsys.argv = ['oagen', *{list(argv)!r}]\nfrom generator import entry\n"
            "status = entry.main()\nprint(status, 'generator.cli' in sys.modules)\n"
        )
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-c", probe], cwd=project, env=env, capture_output=True, text=True
        )
        return done.stdout.strip()

    assert run("generate", "-q") == "0 True"
    assert run("check", "-q") == "0 False"
    (project / "api.json").write_text(json.dumps(spec(title="Animals")))
    assert run("check", "-q") == "1 True"
