"""Writing generated files: staged first, then moved into place, with a manifest.

Every file is written completely into a staging folder inside the output folder
(same file system, so each move is an atomic rename) before the first one replaces
anything; the manifest (see generator.manifest) goes last. Files a previous run made
(per its manifest) and this run does not are removed; a file no run made is never
touched: if this run would overwrite one, it stops before writing anything.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import manifest
from .config import UsageError
from .render import RenderedFile

STAGING_PREFIX = ".oagen-staging-"


class WriteError(UsageError):
    """Writing would overwrite a file oagen did not make."""


@dataclass
class Written:
    changed: list[str] = field(default_factory=list)  # created or rewritten
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # made by an earlier run, not by this one


def write_output(
    output: Path, files: list[RenderedFile], inputs: dict[str, Any], force: bool = False
) -> Written:
    """Write `files` under `output` with a manifest of `inputs` and the files' hashes."""
    old = manifest.read(output).get("files", {})
    old = old if isinstance(old, dict) else {}
    foreign = [
        f.path
        for f in files
        if f.path not in old
        and (output / f.path).exists()
        and manifest.file_digest(output / f.path) != manifest.digest(f.content)
    ]
    if foreign and not force:
        raise WriteError(
            f"{output}: would overwrite {', '.join(foreign)}, which oagen did not write "
            "(move them away, or pass --force)"
        )
    output.mkdir(parents=True, exist_ok=True)
    for leftover in output.glob(STAGING_PREFIX + "*"):  # from a run that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    result = Written()
    text = manifest.text(inputs, {f.path: f.content for f in files})
    pending = [f for f in files if _differs(output / f.path, f.content)]
    result.unchanged = sorted({f.path for f in files} - {f.path for f in pending})
    if pending or _differs(output / manifest.MANIFEST, text):
        pending.append(RenderedFile(manifest.MANIFEST, text))
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output))
    try:
        for f in pending:
            staged = staging / f.path
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_text(f.content, encoding="utf-8", newline="\n")
        for f in pending:
            destination = output / f.path
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / f.path, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.changed = sorted(f.path for f in pending if f.path != manifest.MANIFEST)
    current = {f.path for f in files}
    for path in sorted(set(old) - current):
        if Path(path).is_absolute() or ".." in Path(path).parts or path == manifest.MANIFEST:
            continue  # a manifest edited by hand cannot make us delete outside the output
        stale = output / path
        if stale.is_file():
            stale.unlink()
            result.removed.append(path)
            _remove_empty_parents(stale.parent, output)
    return result


def _differs(path: Path, content: str) -> bool:
    try:
        return path.read_bytes() != content.encode("utf-8")
    except OSError:
        return True


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
