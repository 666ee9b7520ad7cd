"""Shared: what decides the output besides the inputs: the generator's own code and the tools' versions.

The manifest records these and the pipeline keys the render cache on them (handing render
the key), so no stage needs another to know them.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
from pathlib import Path

from . import __version__

# Modules and folders whose code does not decide what the output is; the rest of the generator does
# (the templates, inside the package when installed from a wheel, are fingerprinted on their own).
_NOT_SHAPING = frozenset(
    {
        "__main__.py",
        "checkmemo.py",
        "cli.py",
        "config.py",
        "entry.py",
        "fingerprint.py",
        "templates",
        "workflows",
        "write",
    }
)


def generator_fingerprint() -> dict[str, str]:
    return {"version": __version__, "source": source_digest(Path(__file__).resolve().parent)}


@functools.cache  # the code does not change while it runs
def source_digest(root: Path) -> str:
    """sha256 over the output-shaping modules under root (the generator's folder), by relative path."""
    h = hashlib.sha256()
    for source in sorted(root.rglob("*.py")):
        name = source.relative_to(root)
        if name.parts[0] not in _NOT_SHAPING:
            h.update(name.as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return h.hexdigest()


def forget() -> None:
    """Read the code and the tools' versions again next time (they may have changed since)."""
    source_digest.cache_clear()
    tool_version.cache_clear()
    _listing.cache_clear()


def watched() -> list[Path]:
    """What the fingerprint reads (for `check`'s remembered answer, generator/checkmemo.py): every
    folder and module under the generator's folder (not the bytecode Python writes beside them),
    and the import path's folders, whose listings change when a tool is installed, upgraded or
    removed."""
    root = Path(__file__).resolve().parent
    code = [p for p in root.rglob("*") if "__pycache__" not in p.relative_to(root).parts]
    return [root, *sorted(code), *(Path(folder or ".") for folder in sys.path)]


@functools.cache
def tool_version(name: str) -> str:
    """The installed version of a distribution such as black, jinja2 or ruff (they shape the output).

    Read from the name of its `NAME-VERSION.dist-info` folder, found along `sys.path` in the order
    importlib.metadata searches: importing importlib.metadata costs ~20 ms, a quarter of a no-op
    `oagen check`. Other layouts (`.egg-info`) fall back to importlib.metadata."""
    wanted = _normal(name)
    for folder in sys.path:
        for entry in _listing(folder or "."):
            stem, dot, rest = entry.rpartition(".dist-info")
            dist, dash, found = stem.partition("-")
            if dot and dash and not rest and _normal(dist) == wanted:
                return found
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@functools.cache
def _listing(folder: str) -> tuple[str, ...]:
    try:
        return tuple(sorted(os.listdir(folder)))
    except OSError:
        return ()
