"""Workflow (update): `oagen update`: read a new version of the spec, show what changes, write it and
regenerate.

Nothing is written until everything that can fail has run: the new document is staged
beside the spec (so its relative `$ref`s resolve as the spec's would), loaded, validated,
modelled, rendered and formatted in memory, and compared with the current spec. Only
then is it moved over the spec (an atomic rename), the output written (staged, see
write.py) and the changelog entry added. If writing the output fails, the old spec is
put back.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from .. import pipeline, version
from ..config import Target, UsageError
from ..diagnostics import SpecError
from ..load import document as load
from ..model import ir
from ..render import overlay
from ..write import manifest
from ..write.files import Written, write_output
from . import changelog, diff, fetch


@dataclass
class Staged:
    """The new document, in the spec's format, written beside the spec under a temporary name."""

    path: Path
    data: bytes
    label: str  # the URL or file it came from, for messages
    document: Any  # as parsed

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


@dataclass
class Plan:
    """What an update would do, computed in memory."""

    staged: Staged
    result: pipeline.Result  # the new output (its manifest inputs name the staged file)
    report: diff.Report
    old_api: ir.Api | None  # None: there was no spec yet

    @property
    def breaking(self) -> bool:
        return bool(self.report.breaking)


def spec_format(path: Path, data: bytes | None = None) -> str:
    """ "json" or "yaml": by the file's name, else by its first character."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    head = (data or b"").removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    return "json" if head in (b"{", b"[") else "yaml"


def stage(target: Target, fetched: fetch.Fetched) -> Staged:
    """Check the fetched bytes are a JSON or YAML document and stage them in the spec's format."""
    spec = target.spec
    if not spec.parent.is_dir():
        raise UsageError(f"the folder of the spec, {spec.parent}, does not exist")
    data = fetched.data
    head = data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if fetched.content_type == "text/html" or head == b"<":
        raise fetch.FetchError(f"{fetched.label}: an HTML page, not a JSON or YAML document")
    received = "json" if head in (b"{", b"[") else "yaml"
    document = _relabel(lambda: load.parse_document(data, Path("new." + received)), fetched.label)
    wanted = spec_format(spec, spec.read_bytes() if spec.is_file() else None)
    if wanted != received:  # JSON stays JSON, YAML stays YAML: the spec's history stays readable
        data = _convert(document, wanted, fetched.label)
    fd, name = tempfile.mkstemp(prefix=f".{spec.stem}.oagen-update-", suffix=spec.suffix, dir=spec.parent)
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        # mkstemp makes the file private; the spec keeps the mode it had (or gets the usual one).
        os.chmod(path, spec.stat().st_mode & 0o777 if spec.is_file() else 0o666 & ~_umask())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Staged(path, data, fetched.label, document)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _convert(document: Any, fmt: str, label: str) -> bytes:
    try:
        if fmt == "json":
            return (json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n").encode("utf-8")
        text: str = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120)
        return text.encode("utf-8")
    except (TypeError, ValueError, yaml.YAMLError) as exc:
        raise fetch.FetchError(f"{label}: cannot be written as {fmt.upper()}: {exc}") from None


def _relabel(call: Callable[[], Any], label: str, staged: Path | None = None) -> Any:
    """Run `call`; problems it reports name `label` instead of the staged file."""
    try:
        return call()
    except SpecError as exc:
        raise _renamed(exc, label, staged) from None


def _renamed(exc: SpecError, label: str, staged: Path | None) -> SpecError:
    names = {"new.json", "new.yaml"} | ({str(staged), str(staged.resolve())} if staged else set())
    return SpecError([replace(p, file=label) if p.file in names else p for p in exc.problems])


def plan(
    target: Target,
    staged: Staged,
    allow_empty: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Plan:
    """Load, validate and render the staged document, and compare it with the current spec."""
    step = progress or (lambda _: None)
    # Before generating (a client without methods is not what an update is for), once the
    # document is known to be OpenAPI 3 with a `paths` object; the loader reports the rest.
    current = load.parse_document(target.spec.read_bytes(), target.spec) if target.spec.is_file() else {}
    had, has = _operations(current), _operations(staged.document)
    if had and has == 0 and not allow_empty:
        raise UsageError(
            f"{staged.label}: the new document has no operations (the current spec has {had}); "
            "refusing to remove every method of the client (pass --allow-empty to accept it)"
        )
    result = _relabel(
        lambda: pipeline.generate(replace(target, spec=staged.path), progress), staged.label, staged.path
    )
    result.diagnostics.problems = [
        replace(p, file=staged.label) if p.file in (str(staged.path), str(staged.path.resolve())) else p
        for p in result.diagnostics.problems
    ]
    old_api, old_doc = None, {}
    if target.spec.is_file():
        old_api, loaded = pipeline.build_api(target, step)  # as generate builds it; its warnings
        # belong to the old spec, not this run's business
        old_doc = loaded.document
    changes = diff.compare(old_api or _empty(target.package), result.api, old_doc, staged.document)
    report = diff.Report(str(target.spec), staged.label, changes)
    return Plan(staged, result, report, old_api)


def unchanged(target: Target, staged: Staged) -> bool:
    """Whether the new document is byte for byte the current spec."""
    return target.spec.is_file() and target.spec.read_bytes() == staged.data


_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def _operations(document: Any) -> int | None:
    """How many operations `paths` declares (a path item that is a `$ref` counts as one);
    None if the document is not OpenAPI 3 with a `paths` object."""
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3."):
        return None
    paths = document.get("paths", {})
    if not isinstance(paths, dict):
        return None
    items = [item for item in paths.values() if isinstance(item, dict)]
    return sum(1 if "$ref" in item else len(_METHODS.intersection(item)) for item in items)


def _empty(package: str) -> ir.Api:
    return ir.Api("", "", "", "", package, "", [], [], [], [], [])


def apply(target: Target, plan: Plan, date: str) -> tuple[Written, bool]:
    """Move the staged spec into place, write the output and the changelog entry.

    Returns what was written and whether a changelog entry was added."""
    spec = target.spec
    old = spec.read_bytes() if spec.is_file() else None
    entry = None
    if plan.report.changes:
        entry = changelog.entry(
            date,
            plan.old_api.version if plan.old_api is not None else None,
            plan.result.api.version,
            version.package_version(plan.result.api.version, target.package_version),
            plan.staged.label,
            plan.report.changes,
        )
    os.replace(plan.staged.path, spec)
    try:
        # The manifest records the spec under its own name, now that it holds the new bytes.
        staged = plan.staged.path.resolve()
        read = [spec.resolve() if p == staged else p for p in plan.result.spec_files]
        templates = overlay.Templates(target.templates)
        inputs = manifest.inputs(target, plan.result.templates, read, templates)
        written = write_output(target.output, plan.result.files, inputs)
    except BaseException:
        _restore(spec, old)
        raise
    if entry is not None:
        path = target.output / changelog.FILE
        existing = path.read_text(encoding="utf-8") if path.is_file() else None
        _write_atomic(path, changelog.add(existing, target.package, entry))
    return written, entry is not None


def _restore(spec: Path, old: bytes | None) -> None:
    if old is None:
        spec.unlink(missing_ok=True)
    else:
        _write_atomic(spec, old)


def _write_atomic(path: Path, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    mode = path.stat().st_mode & 0o777 if path.is_file() else 0o666 & ~_umask()
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.chmod(name, mode)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
