"""The checked-in client installs with `pip install ./generated`: a wheel with py.typed and httpx only."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import GENERATED

pytestmark = pytest.mark.slow  # builds a wheel


def test_generated_folder_builds_a_typed_wheel(tmp_path: Path) -> None:
    # Build from a copy: setuptools leaves build/ and *.egg-info in the folder it builds.
    source = tmp_path / "src"
    shutil.copytree(GENERATED, source, ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("migma_client-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "migma_client/py.typed",
        "migma_client/models.py",
        "migma_client/resources/contacts.py",
        "migma_client/_runtime/codec.py",
        "migma_client/_runtime/client.py",
    } <= names
    metadata = next(n for n in names if n.endswith("METADATA"))
    requires = [
        line
        for line in zipfile.ZipFile(wheel).read(metadata).decode().splitlines()
        if line.startswith("Requires-Dist")
    ]
    assert requires == [
        "Requires-Dist: httpx>=0.27",
        'Requires-Dist: typing_extensions>=4.1; python_version < "3.11"',
    ]
