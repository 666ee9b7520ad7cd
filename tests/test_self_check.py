"""The post-render self-check: a generated module that does not compile is an internal error
(exit 3, "please report", the file named), never a broken client on disk, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator import pipeline
from generator.cli import main
from generator.render import compilecheck
from generator.render import package as render
from tests import mutation


def generate(tmp_path: Path, *extra: str) -> int:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(mutation.SEED))
    (tmp_path / "empty.toml").write_text("")
    argv = ["generate", "--spec", str(spec), "--output", str(tmp_path / "out"), "--package", "m_client"]
    return main([*argv, "--config", str(tmp_path / "empty.toml"), *extra])


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> None:
    """The formatter hands back one module that is not Python (as a generator bug would)."""
    real = render.format_python

    def format_python(
        files: list[render.RenderedFile], *args: Any, **kwargs: Any
    ) -> list[render.RenderedFile]:
        done = real(files, *args, **kwargs)
        return [
            render.RenderedFile(f.path, f.content + "\ndef (:\n") if f.path.endswith("models.py") else f
            for f in done
        ]

    monkeypatch.setattr(render, "format_python", format_python)


def test_a_module_that_does_not_compile_is_an_internal_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], broken: None
) -> None:
    assert generate(tmp_path) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: m_client: internal error: "), err
    assert "m_client/models.py does not compile" in err and "please report" in err
    assert not (tmp_path / "out").exists()


def test_output_black_cannot_parse_is_an_internal_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def format_python(*args: Any, **kwargs: Any) -> None:
        raise render.FormatError("m_client/_client.py is not valid Python: cannot parse: 16:0")

    monkeypatch.setattr(render, "format_python", format_python)
    assert generate(tmp_path) == 3
    err = capsys.readouterr().err
    assert "m_client/_client.py is not valid Python" in err and "please report" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_with_an_overlay_the_templates_are_blamed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], broken: None
) -> None:
    (tmp_path / "tpl").mkdir()
    assert generate(tmp_path, "--templates", str(tmp_path / "tpl")) == 2
    err = capsys.readouterr().err
    assert "does not compile" in err and "check the templates in" in err and "Traceback" not in err


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The modules each run's self-check compiles (by path), run by run."""
    runs: list[list[str]] = []
    real = compilecheck.first_failure

    def first_failure(sources: list[str], names: list[str]) -> compilecheck.Failure | None:
        runs.append(sorted(names))
        return real(sources, names)

    monkeypatch.setattr(compilecheck, "first_failure", first_failure)
    return runs


def test_a_module_that_compiled_once_is_not_compiled_again(
    tmp_path: Path, cache: Path, compiled: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remembered by content, in one index: a module changed is compiled again, alone."""
    assert generate(tmp_path) == 0
    modules = compiled[0]
    assert "m_client/models.py" in modules and "m_client/_runtime/client.py" in modules
    assert len(list((cache / "compiled").iterdir())) == 1
    assert generate(tmp_path, "--force") == 0
    assert compiled[1] == []
    spec = json.loads(json.dumps(mutation.SEED))
    spec["paths"]["/things/{id}"]["get"]["summary"] = "Edited: this method's docstring changes."
    monkeypatch.setattr(mutation, "SEED", spec)
    assert generate(tmp_path) == 0
    assert compiled[2] and set(compiled[2]) < set(modules)


def test_the_index_keeps_the_newest_modules(
    tmp_path: Path, cache: Path, compiled: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "_COMPILED_KEPT", 3)
    assert generate(tmp_path) == 0
    (entry,) = (cache / "compiled").iterdir()
    assert len(entry.read_text().split()) == 3
    assert generate(tmp_path, "--force") == 0
    assert len(compiled[1]) == len(compiled[0]) - 3  # the three newest were remembered
