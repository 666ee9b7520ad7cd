"""Shared fixtures: paths, and the checked-in Migma client on sys.path."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "openapi.json"
GENERATED = ROOT / "generated"
DATA = Path(__file__).resolve().parent / "data"

if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))
# The runtime's modules are tested directly, as the `_runtime` package they are in each client.
RUNTIME_PARENT = ROOT / "templates" / "package"
if str(RUNTIME_PARENT) not in sys.path:
    sys.path.append(str(RUNTIME_PARENT))


@pytest.fixture(scope="session", autouse=True)
def _oagen_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Formatting/validation cache in a temporary folder, never the user's (subprocesses inherit it)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OAGEN_CACHE_DIR", str(tmp_path_factory.mktemp("oagen-cache")))
        yield


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own (the session's is shared by every other test)."""
    monkeypatch.setenv("OAGEN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def inline_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation in this process, not a child's: a spy on `validate._run` then sees every run."""
    from generator.load import validate

    monkeypatch.setattr(validate.Pending, "available", staticmethod(lambda: False))


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every delay a client asked for, sync or async, recorded instead of waited."""
    delays: list[float] = []

    async def fake_async_sleep(delay: float) -> None:
        delays.append(delay)

    monkeypatch.setattr(time, "sleep", delays.append)
    monkeypatch.setattr(asyncio, "sleep", fake_async_sleep)
    return delays


@pytest.fixture
def data_dir() -> Path:
    return DATA


def mypy_strict(folder: Path, package: str) -> None:
    """Assert that `package` in `folder` passes `mypy --strict` (the slow tier's check that an exit 0
    means a client that type-checks)."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", package],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-5000:]
