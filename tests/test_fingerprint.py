"""What decides the output besides the inputs: tool versions read without importlib.metadata."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

from generator import fingerprint


@pytest.fixture(autouse=True)
def fresh() -> None:
    fingerprint.tool_version.cache_clear()
    fingerprint._listing.cache_clear()


@pytest.mark.parametrize("name", ["black", "jinja2", "Jinja2", "openapi-spec-validator", "PyYAML", "ruff"])
def test_versions_agree_with_importlib_metadata(name: str) -> None:
    assert fingerprint.tool_version(name) == metadata.version(name)


def test_the_first_folder_on_sys_path_wins_and_names_are_normalised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "Foo_Bar-1.2.3.dist-info").mkdir(parents=True)
    (second / "foo_bar-9.9.9.dist-info").mkdir(parents=True)
    (first / "foo_bar-notes.txt").write_text("not a dist-info folder")
    monkeypatch.setattr(sys, "path", [str(first), str(second)])
    assert fingerprint.tool_version("foo.bar") == "1.2.3"
    assert fingerprint.tool_version("Foo-Bar") == "1.2.3"


def test_a_distribution_not_installed_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "path", [str(tmp_path / "nowhere")])
    assert fingerprint.tool_version("surely-not-installed-oagen-test") == "missing"


def test_the_code_digest_covers_the_stages_but_not_the_commands(tmp_path: Path) -> None:
    def digest_after(change: str | None) -> str:
        root = tmp_path / f"copy-{str(change).replace('/', '-')}"
        for rel in ("pipeline.py", "cli.py", "model/build.py", "render/package.py", "workflows/diff.py"):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(f"# {rel}\n" + ("changed = 1\n" if rel == change else ""))
        return fingerprint.source_digest(root)

    base = digest_after(None)
    assert digest_after("model/build.py") != base
    assert digest_after("render/package.py") != base
    assert digest_after("pipeline.py") != base
    assert digest_after("cli.py") == base  # the command line does not shape the output
    assert digest_after("workflows/diff.py") == base
