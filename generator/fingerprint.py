"""Write/render support: what decides the output besides the inputs: the generator's own code and the tools'
versions.

The manifest records these and the render cache keys on them; both read them from here, so
neither needs the other.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

from . import __version__

# Modules whose code does not decide what the output is; every other module of the generator does.
_NOT_SHAPING = frozenset(
    {"__main__", "changelog", "cli", "config", "diff", "fetch", "fingerprint", "manifest", "update", "write"}
)


def generator_fingerprint() -> dict[str, str]:
    return {"version": __version__, "source": _source_digest()}


@functools.cache  # the code does not change while it runs
def _source_digest() -> str:
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for source in sorted(here.glob("*.py")):
        if source.stem not in _NOT_SHAPING:
            h.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return h.hexdigest()


def tool_version(name: str) -> str:
    """The installed version of black, jinja2 or ruff (they shape the output)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:  # pragma: no cover - black and jinja2 are dependencies
        return "missing"
