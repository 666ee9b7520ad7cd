"""generated/ is exactly what the generator makes from specs/openapi.json, and it type-checks;
tests/golden/ holds two more golden copies: the adversarial spec's client and the Migma client
with the example overlay.

Refresh them after an intended change with `bash scripts/refresh-golden.sh`, then review the diff.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, GENERATED, ROOT, SPEC

from generator.cli import main


def files_under(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and "__pycache__" not in p.parts
        and ".mypy_cache" not in p.parts
        # The manifest records where the spec is relative to the output folder: it differs by location.
        and p.name != ".oagen-manifest.json"
        # `oagen update` keeps a changelog there: history, not generated (generator/workflows/changelog.py).
        and p != root / "CHANGELOG.md"
    }


def test_regenerating_gives_byte_identical_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    status = main(["generate", "--spec", str(SPEC), "--output", str(out), "--package", "migma_client", "-q"])
    assert status == 0
    assert_same(files_under(out), files_under(GENERATED), "generated")


def assert_same(fresh: dict[str, bytes], golden: dict[str, bytes], where: str) -> None:
    assert sorted(fresh) == sorted(golden), "a different set of files; run `bash scripts/refresh-golden.sh`"
    for name, content in fresh.items():
        if content != golden[name]:
            diff = difflib.unified_diff(
                golden[name].decode().splitlines(keepends=True),
                content.decode().splitlines(keepends=True),
                f"{where}/{name}",
                f"fresh/{name}",
            )
            raise AssertionError("".join(diff) + "\nrun `bash scripts/refresh-golden.sh` to refresh")


def test_the_adversarial_golden_copy(tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    out = tmp_path / "out"
    argv = ["generate", "-q", "--config", str(empty), "--spec", str(DATA / "adversarial.yaml")]
    assert main([*argv, "--output", str(out), "--package", "adv_client"]) == 0
    assert_same(
        files_under(out), files_under(ROOT / "tests" / "golden" / "adversarial"), "tests/golden/adversarial"
    )


def test_the_overlay_golden_copy(tmp_path: Path) -> None:
    out = tmp_path / "out"
    argv = [
        "generate",
        "-q",
        "--config",
        str(ROOT / "pyproject.toml"),
        "--templates",
        str(ROOT / "examples" / "overlay"),
    ]
    assert main([*argv, "--output", str(out)]) == 0
    assert_same(files_under(out), files_under(ROOT / "tests" / "golden" / "overlay"), "tests/golden/overlay")


@pytest.mark.slow
def test_output_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        args = ["generate", "--spec", str(SPEC), "--output", str(out), "--package", "migma_client", "-q"]
        subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, env=env, check=True)
        outputs.append(files_under(out))
    assert outputs[0] == outputs[1]


@pytest.mark.slow
def test_generated_client_passes_mypy_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "migma_client"],
        cwd=GENERATED,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
