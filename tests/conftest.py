"""Shared fixtures: paths, and the checked-in Migma client on sys.path."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "openapi.json"
GENERATED = ROOT / "generated"
DATA = Path(__file__).resolve().parent / "data"

if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))


@pytest.fixture(scope="session", autouse=True)
def _oagen_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Formatting/validation cache in a temporary folder, never the user's (subprocesses inherit it)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OAGEN_CACHE_DIR", str(tmp_path_factory.mktemp("oagen-cache")))
        yield


@pytest.fixture
def data_dir() -> Path:
    return DATA
