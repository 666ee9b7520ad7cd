"""load -> model -> render, as one call; the CLI and the tests use this."""

from __future__ import annotations

import re
from dataclasses import dataclass

import black

from . import __version__, load, model, pagination, render
from .config import Target
from .diagnostics import Diagnostics
from .ir import Api
from .render import RenderedFile
from .write import digest


class UsageError(Exception):
    pass


@dataclass
class Result:
    api: Api
    files: list[RenderedFile]
    diagnostics: Diagnostics
    inputs: dict[str, str]


def generate(target: Target) -> Result:
    """Build every output file in memory; raises SpecError/UsageError before any write."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", target.package):
        raise UsageError(f"package name {target.package!r} is not a valid Python module name")
    if target.templates is not None and not target.templates.is_dir():
        raise UsageError(f"templates folder {target.templates} does not exist")
    loaded = load.load(target.spec)
    api = model.build(loaded.document, loaded.diagnostics, target.package)
    pagination.annotate(api, loaded.diagnostics)
    env = render.environment(target.templates)
    files = render.format_python(render.render(api, env))
    inputs = {
        "spec": digest(loaded.raw),
        "package": target.package,
        "generator": __version__,
        "black": black.__version__,
    }
    return Result(api, files, loaded.diagnostics, inputs)
