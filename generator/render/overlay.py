"""Stage 3 (render): template overlays, a user folder whose templates replace or add to the built-in ones.

Rules (docs/templates.md explains them with examples):

- A template whose path matches a built-in one (`README.md.j2`,
  `package/models.py.j2`) replaces it.
- Any other `*.j2` file adds an output file: its path minus `.j2`, with a leading
  `package/` replaced by the package folder (`package/extra/x.py.j2` ->
  `migma_client/extra/x.py`; `docs/api.md.j2` -> `docs/api.md`).
- A `{resource}` part in the name renders the template once per resource (with
  `resource` in the context); an `{operation}` part renders it once per operation
  (with `operation` and its `resource`), named by the method name.
- Files under `partials/` are for `{% include %}`/`{% import %}` only, never rendered.
- `builtin/NAME` names the built-in template NAME even when the overlay overrides it,
  so an override can wrap it: `{% include "builtin/README.md.j2" %}` plus a section.
- An overriding template records the built-in it was written against on its first
  line: `{# oagen-base: <sha256 of the built-in> -#}`. When the built-in changes, the
  run warns and names the template; `oagen overlay --stamp` records the new base.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .builtin import TEMPLATES

if TYPE_CHECKING:  # the manifest's fast path imports this module: keep Jinja out of it
    import jinja2

    from ..model.ir import Api
    from .package import RenderedFile

BUILTIN = TEMPLATES
BUILTIN_PREFIX = "builtin/"  # `{% include "builtin/README.md.j2" %}`: the built-in, even when overridden
PARTIALS = "partials/"
_STAMP = re.compile(r"\{#-?\s*oagen-base:\s*([0-9a-f]{64})\s*-?#\}")


class OverlayError(Exception):
    pass


def _names(root: Path | None) -> list[str]:
    if root is None or not root.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.j2") if p.is_file())


def builtin_names() -> list[str]:
    return _names(BUILTIN)


def listing(overlay: Path | None) -> list[str]:
    """Every template in the overlay folder."""
    return _names(overlay)


def locate(name: str, overlay: Path | None) -> tuple[str, Path | None]:
    """Where the template `name` comes from: ("overlay" | "built-in", its file or None)."""
    if name.startswith(BUILTIN_PREFIX):
        path = BUILTIN / name.removeprefix(BUILTIN_PREFIX)
        return "built-in", path if path.is_file() else None
    if overlay is not None and (overlay / name).is_file():
        return "overlay", overlay / name
    path = BUILTIN / name
    return "built-in", path if path.is_file() else None


class Templates:
    """Where a target's templates come from: its overlay folder (or none) over the built-ins
    (what the manifest records and `check` compares; see generator/write/manifest.py)."""

    def __init__(self, overlay: Path | None) -> None:
        self.overlay = overlay

    def listing(self) -> list[str]:
        return listing(self.overlay)

    def locate(self, name: str) -> tuple[str, Path | None]:
        return locate(name, self.overlay)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stamp_of(path: Path) -> str | None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    match = _STAMP.search(first)
    return match.group(1) if match else None


def tree(root: Path | None) -> list[Path]:
    """Every folder and file under root (root too): their stats change when a template is edited,
    added or removed (for `check`'s remembered answer, generator/checkmemo.py)."""
    if root is None:
        return []
    return [root, *sorted(root.rglob("*"))] if root.is_dir() else [root]


def watched(overlay: Path | None) -> list[Path]:
    """What `listing`, `locate` and `problems` read for this overlay: it and the built-ins."""
    return [*tree(overlay), *tree(BUILTIN)]


def overrides(overlay: Path | None) -> list[str]:
    builtin = set(builtin_names())
    return [name for name in listing(overlay) if name in builtin]


def added(overlay: Path | None) -> list[str]:
    builtin = set(builtin_names())
    return [n for n in listing(overlay) if n not in builtin and not n.startswith((PARTIALS, BUILTIN_PREFIX))]


def problems(overlay: Path | None) -> tuple[list[str], list[str]]:
    """(warnings, notes) about overrides whose built-in changed or that carry no stamp."""
    warnings, notes = [], []
    for name in overrides(overlay):
        assert overlay is not None
        path = overlay / name
        base, now = stamp_of(path), _sha(BUILTIN / name)
        if base is None:
            notes.append(
                f"{path}: overrides built-in {name} but records no `oagen-base` stamp, so changes to "
                f"the built-in cannot be detected; run `oagen overlay --templates {overlay} --stamp`"
            )
        elif base != now:
            warnings.append(
                f"{path}: the built-in template {name} changed since this override was written "
                f"(base {base[:12]}, now {now[:12]}); compare them, then run "
                f"`oagen overlay --templates {overlay} --stamp`"
            )
    return warnings, notes


def stamp(overlay: Path) -> list[str]:
    """Record the current built-in hash on the first line of every override; return those changed."""
    changed = []
    for name in overrides(overlay):
        path = overlay / name
        content = path.read_text(encoding="utf-8")
        line = f"{{# oagen-base: {_sha(BUILTIN / name)} -#}}\n"
        first, _, rest = content.partition("\n")
        body = rest if _STAMP.search(first) else content
        if line + body != content:
            path.write_text(line + body, encoding="utf-8", newline="\n")
            changed.append(name)
    return changed


def copy(name: str, overlay: Path) -> Path:
    """Start an override: copy built-in `name` into the overlay, stamped."""
    source = BUILTIN / name
    if name not in builtin_names():
        raise OverlayError(f"no built-in template {name!r}; built-ins: {', '.join(builtin_names())}")
    destination = overlay / name
    if destination.exists():
        raise OverlayError(f"{destination} exists already")
    destination.parent.mkdir(parents=True, exist_ok=True)
    text = source.read_text(encoding="utf-8")
    destination.write_text(f"{{# oagen-base: {_sha(source)} -#}}\n{text}", encoding="utf-8", newline="\n")
    return destination


def output_path(name: str, package: str) -> str:
    """`package/extra/{resource}.py.j2` -> `migma_client/extra/{resource}.py` (placeholders kept)."""
    path = name.removesuffix(".j2")
    if path == "package" or path.startswith("package/"):
        path = package + path[len("package") :]
    return path


def render_added(api: Api, env: jinja2.Environment, overlay: Path, taken: set[str]) -> list[RenderedFile]:
    """Render the overlay's added templates; `taken` are the built-in outputs (never replaced)."""
    from .package import RenderedFile

    base = {"api": api, "generator_version": _generator_version()}
    out: list[RenderedFile] = []
    for name in added(overlay):
        pattern = output_path(name, api.package)
        jobs: list[tuple[str, dict[str, object]]]
        if "{operation}" in pattern:
            jobs = [
                (
                    pattern.replace("{operation}", op.name).replace("{resource}", r.name),
                    {"resource": r, "operation": op},
                )
                for r in api.resources
                for op in r.operations
            ]
        elif "{resource}" in pattern:
            jobs = [(pattern.replace("{resource}", r.name), {"resource": r}) for r in api.resources]
        else:
            jobs = [(pattern, {})]
        template = env.get_template(name)
        for path, extra in jobs:
            if path in taken:
                raise OverlayError(
                    f"{overlay / name} would write {path}, which another template writes "
                    "(to change a built-in file, override its template instead)"
                )
            taken.add(path)
            out.append(RenderedFile(path, template.render(**base, **extra)))
    return out


def _generator_version() -> str:
    from .. import __version__

    return __version__
