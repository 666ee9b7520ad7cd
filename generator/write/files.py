"""Stage 4 (write): writing generated files, checked, staged, then switched into place, with a manifest.

1. Every destination is checked before anything is written: it must stay inside the output
   folder (no `..`, no symlinked folder leading out), no folder may sit where a file goes
   and no file where a folder goes, and a file no run made is never overwritten (unless
   --force). A run that fails here changes nothing.
2. Every file is written completely into a staging folder inside the output folder (same
   file system, so each move is an atomic rename), and then a journal listing the moves
   and removals (written to a temporary name and renamed, so it exists only when whole).
3. The switch: each staged file is renamed into place, the manifest last (see
   write/manifest.py), then files an earlier run made and this one does not are removed,
   and the staging folder goes. A run killed during the switch leaves its journal; the next
   `generate` finishes that switch before anything else, and `check` says so meanwhile.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .. import safeio
from ..config import UsageError
from ..render.package import RenderedFile
from . import manifest

STAGING_PREFIX = manifest.STAGING_PREFIX
JOURNAL = manifest.JOURNAL


class WriteError(UsageError):
    """Writing would overwrite a file oagen did not make, or leave the output folder."""


@dataclass
class Written:
    changed: list[str] = field(default_factory=list)  # created or rewritten
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # made by an earlier run, not by this one
    edited: list[str] = field(default_factory=list)  # rewritten although edited by hand since
    recovered: list[str] = field(default_factory=list)  # finished for an interrupted run


def write_output(
    output: Path, files: list[RenderedFile], inputs: dict[str, Any], force: bool = False
) -> Written:
    """Write `files` under `output` with a manifest of `inputs` and the files' hashes."""
    result = Written()
    if output.is_dir():
        result.recovered = recover(output)
    old = manifest.recorded_files(output)
    problems = [p for f in files if (p := destination_problem(output, f.path))]
    if problems:
        raise WriteError(f"{output}: " + "; ".join(problems))
    foreign = [
        f.path
        for f in files
        if f.path not in old
        and (output / f.path).exists()
        and safeio.file_sha256(output / f.path) != manifest.digest(f.content)
    ]
    if foreign and not force:
        raise WriteError(
            f"{output}: would overwrite {', '.join(foreign)}, which oagen did not write "
            "(move them away, or pass --force)"
        )
    text = manifest.text(inputs, {f.path: f.content for f in files})
    pending = [f for f in files if _differs(output / f.path, f.content)]
    result.unchanged = sorted({f.path for f in files} - {f.path for f in pending})
    result.edited = sorted(f.path for f in pending if _edited(output / f.path, old.get(f.path)))
    if pending or _differs(output / manifest.MANIFEST, text):
        pending.append(RenderedFile(manifest.MANIFEST, text))
    current = {f.path for f in files}
    removals = sorted(p for p in set(old) - current if _removable(output, p))
    output.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output))
    try:
        for f in pending:
            staged = staging / f.path
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_text(f.content, encoding="utf-8", newline="\n")
        _write_journal(staging, [f.path for f in pending], removals)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.removed = _switch(output, staging, [f.path for f in pending], removals)
    result.changed = sorted(f.path for f in pending if f.path != manifest.MANIFEST)
    return result


def destination_problem(output: Path, rel: str) -> str | None:
    """Why `rel` cannot be written under `output` (None if it can), following no symlink out."""
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or ".." in parts:
        return f"{rel} is not a path inside the output folder"
    root = output.resolve()
    here = output
    for index, part in enumerate(parts):
        here = here / part
        try:
            info = here.lstat()
        except FileNotFoundError:
            return None  # created by the switch, below a folder already checked
        except OSError as exc:
            return f"{here} cannot be inspected ({exc.strerror})"
        last = index == len(parts) - 1
        if stat.S_ISLNK(info.st_mode):
            if not here.resolve().is_relative_to(root):
                return f"{here} is a symlink leading out of the output folder; refused"
            if last:
                return None  # the rename replaces the link itself, not what it points at
            if not here.is_dir():
                return f"{here} is in the way: a folder must go there"
        elif last and stat.S_ISDIR(info.st_mode):
            return f"{here} is a folder where a file must go"
        elif not last and not stat.S_ISDIR(info.st_mode):
            return f"{here} is in the way: a folder must go there"
    return None


def _removable(output: Path, rel: str) -> bool:
    """Whether a file an earlier run made may be removed: inside, and a file (or a link)."""
    if rel == manifest.MANIFEST or destination_problem(output, rel) is not None:
        return False
    path = output / rel
    return path.is_symlink() or path.is_file()


def _write_journal(staging: Path, moves: list[str], removals: list[str]) -> None:
    partial = staging / (JOURNAL + ".partial")
    with partial.open("w", encoding="utf-8") as stream:
        json.dump({"moves": moves, "removals": removals}, stream)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(partial, staging / JOURNAL)


def _switch(output: Path, staging: Path, moves: list[str], removals: list[str]) -> list[str]:
    """Move staged files into place (skipping those an interrupted switch moved already),
    remove stale ones, then the staging folder; return what was removed."""
    for rel in moves:
        staged = staging / rel
        if staged.exists():
            destination = output / rel
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, destination)
    removed = []
    for rel in removals:
        stale = output / rel
        if stale.is_symlink() or stale.is_file():
            stale.unlink()
            removed.append(rel)
            _remove_empty_parents(stale.parent, output)
    shutil.rmtree(staging, ignore_errors=True)
    return removed


def recover(output: Path) -> list[str]:
    """Finish a switch a killed run left half done (its journal is whole); drop staging
    folders of runs killed before their switch. Returns the files moved into place."""
    finished: list[str] = []
    for staging in sorted(output.glob(STAGING_PREFIX + "*")):
        if staging.is_symlink() or not staging.is_dir():
            continue
        plan = _read_journal(staging)
        safe = plan is not None and all(destination_problem(output, p) is None for p in plan[0])
        if plan is None or not safe:
            shutil.rmtree(staging, ignore_errors=True)
            continue
        moves, removals = plan
        finished += [rel for rel in moves if (staging / rel).exists() and rel != manifest.MANIFEST]
        _switch(output, staging, moves, [r for r in removals if _removable(output, r)])
    return finished


def _read_journal(staging: Path) -> tuple[list[str], list[str]] | None:
    try:
        data = json.loads(safeio.read_bytes(staging / JOURNAL))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    moves, removals = data.get("moves"), data.get("removals")
    if not all(isinstance(v, list) and all(isinstance(p, str) for p in v) for v in (moves, removals)):
        return None
    return moves, removals  # type: ignore[return-value]


def _current(path: Path) -> bytes | None:
    """What a regular file (not a symlink) holds now; None for anything else."""
    if path.is_symlink():
        return None
    try:
        return safeio.read_bytes(path)
    except OSError:
        return None


def _differs(path: Path, content: str) -> bool:
    return _current(path) != content.encode("utf-8")


def _edited(path: Path, recorded: str | None) -> bool:
    """Whether a file the last run wrote was changed since (the manifest has its hash)."""
    now = _current(path)
    return recorded is not None and now is not None and manifest.digest(now) != recorded


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
