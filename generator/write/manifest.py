"""Stage 4 (write) and `check`: the manifest, what a run read and what it wrote, so `check` can say why
output is stale.

`.oagen-manifest.json` in the output folder records the SHA-256 of

- the spec and of every file it reaches through `$ref`,
- the settings that shape the output (package, line_length, pagination, envelope),
- each template the run loaded, and whether it came from the built-ins or the overlay,
  plus the names of all overlay templates (a new one adds files),
- the generator (version, and a hash of the modules that shape the output), black and Jinja,
- each generated file.

When every input still hashes the same and every file on disk matches its recorded
hash, the output is current: `check` answers from this file alone, without loading
the spec or rendering anything. This module is imported on that fast path, so it
must not import the pipeline, Jinja or black; it imports no stage at all: what it records
comes in as data (spec files from load, templates found by the render stage's `Templates`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .. import safeio
from ..config import Target
from ..fingerprint import generator_fingerprint, tool_version

MANIFEST = ".oagen-manifest.json"
FORMAT = 2
# generator.write stages files in STAGING_PREFIX* inside the output folder; a JOURNAL there
# means a switch into place began and did not finish (see generator.write).
STAGING_PREFIX = ".oagen-staging-"
JOURNAL = ".oagen-journal.json"


def digest(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def _rel(path: Path, output: Path) -> str:
    return Path(os.path.relpath(path.resolve(), output.resolve())).as_posix()


class Templates(Protocol):
    """Where templates come from, as the render stage finds them (given, so this module imports no
    stage: see generator/render/overlay.py's `Templates`)."""

    def listing(self) -> list[str]:
        """Every template in the overlay folder."""
        ...

    def locate(self, name: str) -> tuple[str, Path | None]:
        """("overlay" | "built-in", the template's file or None)."""
        ...


def template_record(names: Iterable[str], templates: Templates) -> dict[str, Any]:
    used = {}
    for name in sorted(set(names)):
        source, path = templates.locate(name)
        used[name] = {"source": source, "sha256": safeio.file_sha256(path) if path else None}
    return {"overlay": templates.listing(), "used": used}


def inputs(
    target: Target,
    templates_used: Iterable[str],
    spec_files: Iterable[Path],
    templates: Templates,
    read: Mapping[Path, bytes] | None = None,
) -> dict[str, Any]:
    """Everything but the file hashes: what this run read (`spec_files`: the spec and every
    file its `$ref`s reached, as the load stage found them; `read`: the bytes of those the
    caller holds, hashed rather than read again; `templates_used`, found by `templates`)."""
    files = list(spec_files)
    held = read or {}
    return {
        "format": FORMAT,
        "generator": generator_fingerprint(),
        "black": tool_version("black"),
        "jinja2": tool_version("jinja2"),
        **({"ruff": tool_version("ruff")} if target.formatter == "ruff" else {}),
        "settings": target.settings(),
        "spec": {
            "path": _rel(target.spec, target.output),
            "files": {
                _rel(p, target.output): digest(held[p]) if p in held else safeio.file_sha256(p) for p in files
            },
        },
        "templates": template_record(templates_used, templates),
    }


def text(inputs: dict[str, Any], files: dict[str, str]) -> str:
    """The manifest file's content; `files` maps output paths to their contents."""
    body = {**inputs, "files": {path: digest(content) for path, content in sorted(files.items())}}
    return json.dumps(body, indent=2, sort_keys=True) + "\n"


def read(output: Path) -> dict[str, Any]:
    try:
        data = json.loads(safeio.read_bytes(output / MANIFEST).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def damage(recorded: dict[str, Any]) -> str | None:
    """What is wrong with a manifest's structure (edited or corrupted), or None."""

    def strings(value: Any, nullable: bool = False) -> bool:
        return isinstance(value, dict) and all(
            isinstance(k, str) and (isinstance(v, str) or (nullable and v is None)) for k, v in value.items()
        )

    spec, templates = recorded.get("spec"), recorded.get("templates")
    checks = {
        "generator": strings(recorded.get("generator")),
        "settings": isinstance(recorded.get("settings"), dict),
        "spec": isinstance(spec, dict)
        and isinstance(spec.get("path"), str)
        and strings(spec.get("files"), True),
        "templates": isinstance(templates, dict)
        and isinstance(templates.get("overlay"), list)
        and all(isinstance(n, str) for n in templates["overlay"])
        and isinstance(templates.get("used"), dict)
        and all(isinstance(e, dict) for e in templates["used"].values()),
        "files": strings(recorded.get("files")),
    }
    for tool in ("black", "jinja2", "ruff"):
        checks[tool] = tool not in recorded or isinstance(recorded[tool], str)
    bad = [name for name, ok in checks.items() if not ok]
    return f"wrongly typed or missing: {', '.join(bad)}" if bad else None


def safe_path(rel: str) -> bool:
    """A manifest path that names a file inside the output folder (not `..`, not absolute)."""
    # Strings, not PurePosixPath: called for every generated file on each `check`.
    return bool(rel) and not rel.startswith("/") and ".." not in rel.split("/") and "\\" not in rel


def recorded_files(output: Path) -> dict[str, str]:
    """The files the last run wrote, with their hashes: {} if the manifest is missing or
    damaged; entries that would leave the output folder are dropped, never trusted."""
    recorded = read(output)
    files = recorded.get("files")
    if damage(recorded) is not None or not isinstance(files, dict):
        return {}
    return {rel: sha for rel, sha in files.items() if safe_path(rel)}


def interrupted(output: Path) -> bool:
    """Whether a `generate` was killed while switching files into place (see generator.write)."""
    return any(
        (staging / JOURNAL).is_file()
        for staging in output.glob(STAGING_PREFIX + "*")
        if not staging.is_symlink()
    )


def watched(target: Target) -> list[Path]:
    """The spec's and output's files `verdict` reads, as the manifest now names them, with the
    output folder (staging folders appear in it) and the manifest itself; templates are the
    render stage's to list (for `check`'s remembered answer, generator/checkmemo.py)."""
    recorded = read(target.output)
    spec, files = recorded.get("spec"), recorded.get("files")
    spec_files = spec.get("files") if isinstance(spec, dict) else None
    named = [
        *(spec_files if isinstance(spec_files, dict) else ()),  # relative to the output: may start with ..
        *(rel for rel in (files if isinstance(files, dict) else ()) if safe_path(rel)),
    ]
    return [target.output, target.output / MANIFEST, target.spec, *(target.output / rel for rel in named)]


@dataclass
class Verdict:
    """What changed since the manifest was written, found without rendering."""

    reasons: list[str] = field(default_factory=list)  # changed inputs
    edited: list[str] = field(default_factory=list)  # files that differ from what was written
    missing: list[str] = field(default_factory=list)  # files that were written and are gone
    interrupted: bool = False  # a generate was killed mid-switch; the next one finishes it
    damaged: bool = False  # the manifest is not one generate writes: stale until regenerated

    @property
    def current(self) -> bool:
        return not (self.reasons or self.edited or self.missing or self.damaged)


def verdict(target: Target, templates: Templates) -> Verdict:
    """Compare the manifest with the inputs and files as they are now (`templates`: where the
    target's templates come from now)."""
    out = Verdict()
    if interrupted(target.output):
        out.interrupted = True
        out.reasons.append(
            f"an `oagen generate` was interrupted while moving files into {target.output}; "
            "run `oagen generate` to finish it"
        )
        return out
    recorded = read(target.output)
    where = target.output / MANIFEST
    if not recorded and (where.exists() or where.is_symlink()):
        out.damaged = True
        out.reasons.append(f"the manifest {where} is damaged (not a JSON object); regenerate")
        return out
    if not recorded:
        out.reasons.append(f"no manifest in {target.output} (never generated there)")
        return out
    if recorded.get("format") != FORMAT:
        out.reasons.append("the manifest was written by another oagen version")
        return out
    damaged = damage(recorded)
    if damaged is not None:
        out.damaged = True
        out.reasons.append(f"the manifest {where} is damaged ({damaged}); regenerate")
        return out
    out.reasons += _generator_reasons(recorded)
    out.reasons += _settings_reasons(recorded["settings"], target.settings())
    out.reasons += _spec_reasons(recorded["spec"], target)
    out.reasons += _template_reasons(recorded["templates"], templates)
    for path, sha in sorted(recorded["files"].items()):
        if not safe_path(path):
            out.damaged = True
            out.reasons.append(f"the manifest {where} names {path!r}, outside the output folder; regenerate")
            continue
        now = safeio.file_sha256(target.output / path)
        if now is None and os.path.lexists(target.output / path):
            out.damaged = True  # a device, a pipe, a folder: generate never wrote that
            out.reasons.append(
                f"the manifest {where} names {path!r}, which is not a regular file; regenerate"
            )
        elif now is None:
            out.missing.append(path)
        elif now != sha:
            out.edited.append(path)
    return out


def _generator_reasons(recorded: dict[str, Any]) -> list[str]:
    reasons = []
    old, new = recorded.get("generator", {}), generator_fingerprint()
    if old.get("version") != new["version"]:
        reasons.append(f"generator upgraded ({old.get('version')} -> {new['version']})")
    elif old.get("source") != new["source"]:
        reasons.append(f"generator code changed (version {new['version']})")
    for tool in ("black", "jinja2", "ruff"):
        if tool in recorded and recorded.get(tool) != tool_version(tool):
            reasons.append(f"{tool} upgraded ({recorded.get(tool)} -> {tool_version(tool)})")
    return reasons


def _settings_reasons(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [
        f"config changed: {key} was {json.dumps(old.get(key))}, now {json.dumps(new.get(key))}"
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    ]


def _spec_reasons(old: dict[str, Any], target: Target) -> list[str]:
    path = _rel(target.spec, target.output)
    if old.get("path") != path:
        return [f"spec changed: now {target.spec} (was {old.get('path')}, relative to {target.output})"]
    reasons = []
    for rel, sha in old.get("files", {}).items():
        now = safeio.file_sha256(target.output / rel)
        shown = os.path.normpath(target.output / rel)
        what = "spec" if rel == path else "file referenced by the spec"
        if now is None:
            reasons.append(f"spec changed: {what} {shown} is gone")
        elif now != sha:
            reasons.append(f"spec changed: {what} {shown}")
    return reasons


def _template_reasons(old: dict[str, Any], templates: Templates) -> list[str]:
    reasons = []
    before, now = set(old.get("overlay", [])), set(templates.listing())
    reasons += [f"template {name} added to the overlay" for name in sorted(now - before)]
    reasons += [f"template {name} removed from the overlay" for name in sorted(before - now)]
    for name, entry in sorted(old.get("used", {}).items()):
        source, path = templates.locate(name)
        if (name in now) != (name in before):
            continue  # reported above
        if path is None:
            reasons.append(f"template {name} is gone")
        elif source != entry.get("source") or safeio.file_sha256(path) != entry.get("sha256"):
            reasons.append(f"template {name} changed ({source})")
    return reasons
