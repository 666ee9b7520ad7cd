"""Shared fixtures: paths, and the checked-in Migma client on sys.path."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "openapi.json"
GENERATED = ROOT / "generated"
DATA = Path(__file__).resolve().parent / "data"

if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))


@pytest.fixture
def data_dir() -> Path:
    return DATA
