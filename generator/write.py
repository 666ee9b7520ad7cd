"""Writing generated files: staged first, then moved into place, with a manifest.

The manifest (`.oagen-manifest.json` in the output folder) lists every file the
generator wrote with its hash, so a later run removes files it no longer makes,
and never touches a file it did not make.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .render import RenderedFile

MANIFEST = ".oagen-manifest.json"


def digest(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def read_manifest(output: Path) -> dict[str, Any]:
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def manifest_text(files: list[RenderedFile], inputs: dict[str, Any]) -> str:
    body = {"inputs": inputs, "files": {f.path: digest(f.content) for f in files}}
    return json.dumps(body, indent=2, sort_keys=True) + "\n"


def write_output(output: Path, files: list[RenderedFile], inputs: dict[str, Any]) -> list[str]:
    """Write `files` under `output`; return the paths of stale files removed."""
    output.mkdir(parents=True, exist_ok=True)
    old = read_manifest(output).get("files", {})
    manifest = RenderedFile(MANIFEST, manifest_text(files, inputs))
    # Stage every file completely before the first one replaces anything.
    staging = Path(tempfile.mkdtemp(prefix=".oagen-staging-", dir=output))
    try:
        for f in [*files, manifest]:
            target = staging / f.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f.content, encoding="utf-8", newline="\n")
        for f in [*files, manifest]:
            destination = output / f.path
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / f.path, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    removed = []
    current = {f.path for f in files}
    for path in sorted(set(old) - current):
        stale = output / path
        if stale.is_file():
            stale.unlink()
            removed.append(path)
            _remove_empty_parents(stale.parent, output)
    return removed


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
