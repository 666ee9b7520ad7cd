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

# Modules and folders whose code does not decide what the output is; the rest of the generator does
# (the templates, inside the package when installed from a wheel, are fingerprinted on their own).
_NOT_SHAPING = frozenset(
    {"__main__.py", "cli.py", "config.py", "fingerprint.py", "templates", "workflows", "write"}
)


def generator_fingerprint() -> dict[str, str]:
    return {"version": __version__, "source": _source_digest()}


@functools.cache  # the code does not change while it runs
def _source_digest() -> str:
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for source in sorted(here.rglob("*.py")):
        name = source.relative_to(here)
        if name.parts[0] not in _NOT_SHAPING:
            h.update(name.as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return h.hexdigest()


def tool_version(name: str) -> str:
    """The installed version of black, jinja2 or ruff (they shape the output)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:  # pragma: no cover - black and jinja2 are dependencies
        return "missing"
