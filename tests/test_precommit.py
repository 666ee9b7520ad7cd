"""The pre-commit hooks of .pre-commit-hooks.yaml, run by the real `pre-commit` in a scratch git repo.

The hooks are `language: system`, so nothing is installed or fetched: `oagen` comes from
this virtualenv, put first on PATH.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

VENV_BIN = Path(sys.executable).parent
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("git") is None or not (VENV_BIN / "pre-commit").exists(),
        reason="needs git and pre-commit",
    ),
]


def _spec(title: str) -> str:
    thing = {"type": "object", "properties": {"id": {"type": "string"}}}
    op = {
        "operationId": "listThings",
        "tags": ["things"],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": thing}}}},
    }
    info = {"title": title, "version": "1"}
    return json.dumps({"openapi": "3.0.3", "info": info, "paths": {"/things": {"get": op}}})


def _run(repo: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    return subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def _text(done: subprocess.CompletedProcess[str]) -> str:
    return done.stdout + done.stderr  # git hands hook output to stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repo with a spec, [tool.oagen], the generated client committed, and one hook."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "api.json").write_text(_spec("Things"))
    config = '[tool.oagen]\nspec = "api.json"\noutput = "out"\npackage = "things"\n'
    (repo / "pyproject.toml").write_text(config)
    assert _run(repo, "git", "init", "-q").returncode == 0
    assert _run(repo, str(VENV_BIN / "oagen"), "generate", "-q").returncode == 0
    assert _run(repo, "git", "add", ".").returncode == 0
    assert _run(repo, "git", "commit", "-q", "-m", "start").returncode == 0
    return repo


def _use_hooks(repo: Path, *ids: str) -> None:
    """Put our hooks (as published in .pre-commit-hooks.yaml) into the repo's config, and install it."""
    published = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    config = {"repos": [{"repo": "local", "hooks": [published[i] for i in ids]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    assert _run(repo, "git", "add", ".pre-commit-config.yaml").returncode == 0
    assert _run(repo, "git", "commit", "-q", "-m", "hooks").returncode == 0
    installed = _run(repo, str(VENV_BIN / "pre-commit"), "install")
    assert installed.returncode == 0, installed.stderr


def test_generate_hook_fails_a_commit_with_a_changed_spec_and_regenerates(repo: Path) -> None:
    _use_hooks(repo, "oagen-generate")
    with (repo / "pyproject.toml").open("a") as config:
        config.write("# a comment changes nothing generated\n")
    _run(repo, "git", "add", "pyproject.toml")
    first = _run(repo, "git", "commit", "-m", "config comment")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "oagen generate" in _text(first) and "Passed" in _text(first)

    (repo / "api.json").write_text(_spec("Gadgets"))
    _run(repo, "git", "add", "api.json")
    changed = _run(repo, "git", "commit", "-m", "new title")
    assert changed.returncode != 0
    assert "files were modified by this hook" in _text(changed)
    assert "Gadgets" in (repo / "out" / "things" / "__init__.py").read_text()

    _run(repo, "git", "add", "out")
    again = _run(repo, "git", "commit", "-m", "new title, regenerated")
    assert again.returncode == 0, again.stdout + again.stderr
    assert _run(repo, "git", "status", "--porcelain").stdout == ""


def test_check_hook_fails_while_stale_and_skips_unrelated_files(repo: Path) -> None:
    _use_hooks(repo, "oagen-check")
    (repo / "notes.txt").write_text("unrelated\n")
    _run(repo, "git", "add", "notes.txt")
    unrelated = _run(repo, "git", "commit", "-m", "notes")
    assert unrelated.returncode == 0 and "Skipped" in _text(unrelated)

    (repo / "api.json").write_text(_spec("Gadgets"))
    _run(repo, "git", "add", "api.json")
    stale = _run(repo, "git", "commit", "-m", "new title")
    assert stale.returncode != 0
    assert "spec changed: spec api.json" in _text(stale)
    assert "Gadgets" not in (repo / "out" / "things" / "__init__.py").read_text()


def test_generate_hook_fails_the_commit_that_first_creates_the_output(tmp_path: Path) -> None:
    """New, untracked files are changes too: the commit that adds the spec must stop."""
    repo = tmp_path / "fresh"
    repo.mkdir()
    assert _run(repo, "git", "init", "-q").returncode == 0
    _use_hooks(repo, "oagen-generate")
    (repo / "api.json").write_text(_spec("Things"))
    config = '[tool.oagen]\nspec = "api.json"\noutput = "out"\npackage = "things"\n'
    (repo / "pyproject.toml").write_text(config)
    _run(repo, "git", "add", "api.json", "pyproject.toml")
    first = _run(repo, "git", "commit", "-m", "add the spec")
    assert first.returncode != 0, _text(first)
    assert "Failed" in _text(first)
    assert (repo / "out" / "things" / "__init__.py").is_file()

    _run(repo, "git", "add", "out")
    again = _run(repo, "git", "commit", "-m", "add the spec and its client")
    assert again.returncode == 0, _text(again)
