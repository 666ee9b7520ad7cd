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


def test_oagen_installs_as_oagen_only_with_its_templates_and_runtime(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    source = tmp_path / "src"
    shutil.copytree(
        root,
        source,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", ".git", "generated", "tests", "bench", "__pycache__"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("oagen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"oagen"}
    assert {
        "oagen/__main__.py",
        "oagen/templates/package/models.py.j2",
        "oagen/templates/package/_runtime/codec.py",
    } <= names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "oagen = oagen.entry:run" in zipfile.ZipFile(wheel).read(entry).decode()
