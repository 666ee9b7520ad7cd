"""`formatter = "ruff"` (for very large specs) and templates that render invalid Python."""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from generator import cli
from generator.config import ConfigError, Target, load_targets
from generator.render import format as formatcache
from generator.render import overlay
from generator.write import manifest
from tests.conftest import GENERATED, ROOT

SPEC = ROOT / "specs" / "openapi.json"


def generate(tmp_path: Path, *flags: str) -> tuple[int, str]:
    """The Migma client as this repo configures it (pyproject.toml), into `tmp_path/out`."""
    out = str(tmp_path / "out")
    argv = ["generate", "-q", "--output", out, "--config", str(ROOT / "pyproject.toml")]
    return cli.main([*argv, *flags]), out


def migma_target(output: Path, **settings: object) -> Target:
    return replace(load_targets(ROOT / "pyproject.toml")[0], output=output, **settings)


def modules(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*.py"))}


@pytest.fixture(scope="module")
def ruff_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("ruff")
    status, out = generate(tmp_path, "--formatter", "ruff")
    assert status == 0
    return Path(out)


def test_ruff_output_is_the_golden_client_in_ruff_style(ruff_client: Path) -> None:
    ours, golden = modules(ruff_client / "migma_client"), modules(GENERATED / "migma_client")
    assert ours.keys() == golden.keys()
    for name, text in ours.items():
        assert ast.dump(ast.parse(text)) == ast.dump(ast.parse(golden[name])), name
    ruff = [sys.executable, "-m", "ruff", "format", "--isolated", "--check", "--line-length", "100"]
    assert subprocess.run([*ruff, str(ruff_client / "migma_client")], capture_output=True).returncode == 0


@pytest.mark.slow
def test_ruff_output_passes_mypy_strict(ruff_client: Path) -> None:
    command = [sys.executable, "-m", "mypy", "--strict", "migma_client"]
    done = subprocess.run(command, cwd=ruff_client, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_ruff_output_is_cached_and_recorded(ruff_client: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = migma_target(ruff_client, formatter="ruff")
    assert verdict(target).current
    recorded = manifest.read(ruff_client)
    assert recorded["settings"]["formatter"] == "ruff" and recorded["ruff"] == formatcache.ruff_version()
    black_target = migma_target(ruff_client)
    assert verdict(black_target).reasons == ['config changed: formatter was "ruff", now "black"']
    ugly = ["x = ( 1, )\n", "def f( a ):\n  return a\n"]
    first = formatcache.format_ruff(ugly, 100)
    assert first == ["x = (1,)\n", "def f(a):\n    return a\n"]

    def no_ruff(*args: object, **kwargs: object) -> None:
        raise AssertionError("formatted again")

    monkeypatch.setattr(subprocess, "run", no_ruff)
    assert formatcache.format_ruff(ugly, 100) == first, "from the cache"


def test_ruff_without_the_package_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(formatcache, "ruff_version", lambda: None)
    status, out = generate(tmp_path, "--formatter", "ruff")
    err = capsys.readouterr().err
    assert status == 2 and "pip install 'oagen[ruff]'" in err and "Traceback" not in err
    assert not Path(out).exists()


def test_unknown_formatter_in_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.oagen]\nspec = "a"\noutput = "o"\npackage = "p"\nformatter = "yapf"\n'
    )
    with pytest.raises(ConfigError, match="formatter must be one of black, ruff, not 'yapf'"):
        load_targets(tmp_path / "pyproject.toml")


@pytest.mark.parametrize("formatter", ["black", "ruff"])
def test_a_template_rendering_invalid_python_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], formatter: str
) -> None:
    overlay = tmp_path / "overlay" / "package"
    overlay.mkdir(parents=True)
    (overlay / "errors.py.j2").write_text('"""Errors."""\n\n\nclass ApiError(Exception:\n    pass\n')
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    status, _ = generate(tmp_path, "--templates", str(tmp_path / "overlay"), "--formatter", formatter)
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err
    [line] = err.strip().splitlines()
    assert line.startswith("error: template output: migma_client/errors.py is not valid Python: "), line
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_source_black_cannot_parse_is_named_from_any_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, workers: int
) -> None:
    monkeypatch.setenv("OAGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(formatcache, "PARALLEL_MIN_CHARS", 0)
    good = [f"def f{i}( x ):\n    return x\n\n\ndef g{i}():\n    pass\n" for i in range(3)]
    bad = "def ok():\n    pass\n\n\ndef broken(:\n    pass\n"
    with pytest.raises(formatcache.FormatError) as caught:
        formatcache.format_sources([good[0], good[1], bad, good[2]], 100, workers=workers)
    assert caught.value.index == 2 and "cannot parse" in str(caught.value)


@pytest.mark.slow
def test_verify_format_finds_the_output_in_blacks_layout_at_any_line_length(tmp_path: Path) -> None:
    for width in ("100", "60"):
        out = tmp_path / f"w{width}"
        argv = ["generate", "-q", "--output", str(out), "--line-length", width, "--verify-format"]
        assert cli.main([*argv, "--config", str(ROOT / "pyproject.toml")]) == 0
        check = [
            sys.executable,
            "-m",
            "black",
            "--check",
            "-q",
            "--line-length",
            width,
            str(out / "migma_client"),
        ]
        assert subprocess.run(check, capture_output=True).returncode == 0


def test_verify_format_reports_a_module_black_would_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.render import package as render

    monkeypatch.setattr(render, "format_python", lambda files, *args, **kwargs: files)  # no formatting
    argv = ["generate", "-q", "--output", str(tmp_path / "out"), "--verify-format"]
    assert cli.main([*argv, "--config", str(ROOT / "pyproject.toml")]) == 3
    assert "is not in black's layout" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def verdict(target: Target) -> manifest.Verdict:
    """What `check` says of target's output, with its templates as they are now."""
    return manifest.verdict(target, overlay.Templates(target.templates))
