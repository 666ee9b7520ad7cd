"""Fuzz tier: random type mutations of a small valid spec (tests/mutation.py), through the
real CLI in-process. Each run ends in exit 0 with a client that compiles and imports, or
exit 2 with only `error:` lines; never a traceback, and nothing outside the output changes.

Seeded and bounded (OAGEN_FUZZ_SEED / OAGEN_FUZZ_COUNT override), so a failure reproduces.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests import mutation
from tests.conftest import importable

SEED = int(os.environ.get("OAGEN_FUZZ_SEED", "12"))
COUNT = int(os.environ.get("OAGEN_FUZZ_COUNT", "150"))
CASES = mutation.sample(COUNT, SEED)

pytestmark = pytest.mark.slow


def snapshot(folder: Path, skip: Path) -> dict[str, bytes | str]:
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        if path == skip or skip in path.parents:
            continue
        rel = path.relative_to(folder).as_posix()
        found[rel] = path.read_bytes() if path.is_file() and not path.is_symlink() else "other"
    return found


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder around every run: a bystander file, a config, and specs written per case."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "bystander.txt").write_text("untouched")
    (root / "empty.toml").write_text("")
    return root


@pytest.mark.parametrize(("where", "value"), CASES, ids=[mutation.label(w, v)[:80] for w, v in CASES])
def test_a_random_type_mutation(
    sandbox: Path, capsys: pytest.CaptureFixture[str], where: tuple[str | int, ...], value: Any
) -> None:
    index = CASES.index((where, value))
    spec = sandbox / f"spec{index}.json"
    spec.write_text(json.dumps(mutation.mutate(mutation.SEED, where, value)))
    out = sandbox / f"out{index}"
    package = f"fuzz{index}_client"
    before = snapshot(sandbox, out)
    argv = ["generate", "--spec", str(spec), "--output", str(out), "--package", package, "-q"]
    code = main([*argv, "--config", str(sandbox / "empty.toml")])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code in (0, 2), err
    if code == 0:
        modules = sorted((out / package).rglob("*.py"))
        assert modules, "exit 0 without a package"
        for path in modules:
            compile(path.read_text(encoding="utf-8"), str(path), "exec")
        with importable(out, package) as client:
            assert hasattr(client, "__version__") or client.__name__ == package
    else:
        lines = err.strip().splitlines()
        assert lines and all(line.startswith(f"error: {spec}#") for line in lines), err
        assert not out.exists()
    assert snapshot(sandbox, out) == before
