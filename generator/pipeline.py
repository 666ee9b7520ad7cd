"""The pipeline: load -> model (with its passes) -> render -> format, as one call (`build_api`,
`generate`)."""

from __future__ import annotations

import contextlib
import keyword
import pickle
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NoReturn

import jinja2

from . import apicache, cache, fingerprint, gcpause, safeio, version
from .config import Target, UsageError
from .diagnostics import Diagnostics, InternalError
from .load import document as load
from .load import validate
from .model import ir, passes
from .model.ir import Api
from .render import compilecheck, overlay, warmup
from .render import format as formatcache
from .render import package as render
from .render.package import RenderedFile
from .write import manifest


@dataclass
class Result:
    api: Api
    files: list[RenderedFile]
    diagnostics: Diagnostics
    inputs: dict[str, Any]  # what the run read, for the manifest (see generator.manifest)
    templates: list[str] = field(default_factory=list)  # every template loaded, by name
    overlay_warnings: list[str] = field(default_factory=list)  # overrides of changed built-ins
    overlay_notes: list[str] = field(default_factory=list)
    spec_files: list[Path] = field(default_factory=list)  # the spec and every file its refs reached


class _Loader(jinja2.BaseLoader):
    """The environment's loader, plus `builtin/NAME` for the built-in template NAME (so an
    overlay can wrap the template it overrides), remembering every template loaded."""

    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner
        self.builtin: jinja2.BaseLoader = jinja2.FileSystemLoader(str(overlay.BUILTIN))
        self.loaded: set[str] = set()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        if template.startswith(overlay.BUILTIN_PREFIX):
            loader, name = self.builtin, template.removeprefix(overlay.BUILTIN_PREFIX)
        else:
            loader, name = self.inner, template
        source = loader.get_source(environment, name)
        self.loaded.add(template)
        return source

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


def generate(
    target: Target, progress: Callable[[str], None] | None = None, verify_format: bool = False
) -> Result:
    """Build every output file in memory; raises SpecError/UsageError before any write.

    `progress` is told the name of each step as it starts (for a progress line)."""
    step = progress or (lambda _: None)
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", target.package) or keyword.iskeyword(target.package):
        raise UsageError(f"package name {target.package!r} is not a valid Python module name")
    if target.package in _SHADOWED_MODULES:
        raise UsageError(
            f"package name {target.package!r} would hide the module of that name that the client imports"
        )
    if target.formatter == "ruff" and formatcache.ruff_version() is None:
        raise UsageError("formatter = \"ruff\" needs the ruff package: pip install 'oagen[ruff]'")
    if target.templates is not None and not target.templates.is_dir():
        raise UsageError(f"templates folder {target.templates} does not exist")
    if verify_format and target.formatter != "black":
        raise UsageError('--verify-format checks black\'s layout; it does not apply to formatter = "ruff"')
    step(f"loading {target.spec}")
    root = _root_bytes(target)
    entry = apicache.key(target, root) if root is not None else None
    remembered = apicache.read(entry) if entry is not None else None
    if remembered is not None and root is not None:
        held = {remembered.files[0]: root}
        result = _build(target, remembered.api, remembered.files, remembered.diagnostics, held, step)
    else:
        # Templates compile in a forked child meanwhile (render/warmup.py); what it has not
        # finished when rendering starts, the render compiles itself.
        warming = warmup.Warmup(target.templates, target.line_length, _code_key())
        # The spec is validated in a forked child while it is loaded, the model built and the
        # output rendered and formatted; its findings are joined here, before anything is written.
        early = validate.early(root, target.spec)
        pending = None
        try:
            loaded = load.load(target.spec, target.allow_ref_dirs, root)  # root: read once, above
            pending = validate.start(
                loaded.raw, loaded.original, loaded.diagnostics, loaded.path, loaded.cacheable, early
            )
            early = None  # taken over by `pending`, or ended
            api = _model(target, loaded, step)
            frozen = _pickled(api)  # as the model stage left it, before rendering
            busy = lambda: int(pending is not None and pending.running())  # noqa: E731
            held = {loaded.files[0]: loaded.raw}  # the root, read once by load (listed first)
            result = _build(target, api, loaded.files, loaded.diagnostics, held, step, busy)
            if pending is not None:
                _add_findings(pending.result(), loaded)
                pending = None
        finally:
            warming.join()
            if early is not None:  # the load failed
                early.cancel()
            if pending is not None:
                pending.cancel()  # an error on the way: the findings are no longer wanted
        if entry is not None:
            apicache.write(entry, frozen, loaded.diagnostics, loaded.files)
    if verify_format:
        step("checking every module against black")
        _verify_format(target, result.files)
    return result


def _pickled(api: ir.Api) -> bytes:
    """The API pickled with the cyclic GC paused: pickling gives each IR object its `__dict__`
    for the first time, and those allocations would set off full collections over the parsed
    spec (on jira ~45 ms, for a 25 ms pickle)."""
    with gcpause.paused():
        return pickle.dumps(api, protocol=5)


def build_api(
    target: Target, progress: Callable[[str], None] | None = None
) -> tuple[ir.Api, load.LoadedSpec]:
    """Stages load (validated) and model with every pass, in order: the API exactly as
    `generate` emits it. `generate` runs the same steps, overlapping validation with rendering;
    `check`, `update` and `diff` start here."""
    step = progress or (lambda _: None)
    step(f"loading {target.spec}")
    loaded = load_validated(target.spec, target.allow_ref_dirs)
    return _model(target, loaded, step), loaded


def load_validated(spec: Path, allow_ref_dirs: tuple[Path, ...] = ()) -> load.LoadedSpec:
    """Stage 1 with the validator's findings added (it runs here, to the end)."""
    loaded = load.load(spec, allow_ref_dirs)
    pending = validate.start(loaded.raw, loaded.original, loaded.diagnostics, loaded.path, loaded.cacheable)
    if pending is not None:
        _add_findings(pending.result(), loaded)
    return loaded


def _model(target: Target, loaded: load.LoadedSpec, step: Callable[[str], None]) -> ir.Api:
    """Stage 2 and its passes, in their order (model/passes.py)."""
    step("building the model")
    try:
        with gcpause.paused():  # the IR: many objects that live on, no cycles to find
            return passes.run(loaded.skeleton, loaded.diagnostics, target)
    except passes.UnsafeName as exc:
        _blame(replace(target, templates=None), f"{loaded.diagnostics.file}#{exc.pointer}: {exc.message}")


def _add_findings(findings: validate.Findings, loaded: load.LoadedSpec) -> None:
    for ptr, message in findings:
        loaded.diagnostics.warn(ptr, message)


# A client package of these names would shadow a module it (or httpx) imports.
_SHADOWED_MODULES = frozenset(sys.stdlib_module_names) | {
    "httpx",
    "httpcore",
    "anyio",
    "sniffio",
    "h11",
    "idna",
    "certifi",
    "typing_extensions",
}


def _root_bytes(target: Target) -> bytes | None:
    """The root spec file as it is now, for the remembered API's key (None if it cannot be
    read: the load stage then reports why)."""
    try:
        return safeio.read_bytes(target.spec)
    except (OSError, ValueError):
        return None


def _build(
    target: Target,
    api: ir.Api,
    spec_files: list[Path],
    diagnostics: Diagnostics,
    held: dict[Path, bytes],
    step: Callable[[str], None],
    busy: Callable[[], int] = lambda: 0,
) -> Result:
    """Stage 3 and what the manifest records; `held`: spec files' bytes already read."""
    try:
        version.package_version(api.version, target.package_version)
    except version.VersionError as exc:
        raise UsageError(str(exc)) from None
    # Cache entries are written by a background thread while the run goes on (see
    # cache.deferred_writes), but not while black's workers or the self-check's are forked.
    with contextlib.ExitStack() as background:
        background.enter_context(cache.deferred_writes())
        files, recorder = _render(target, api, step)
        if target.formatter == "black":
            background.close()
        step(f"formatting with {target.formatter}")
        try:
            # Blocks an overlay template renders are unknown code: black formats all of them.
            trusted = target.templates is None
            files = render.format_python(files, target.line_length, busy, target.formatter, trusted)
        except render.FormatError as exc:
            _blame(target, f"template output: {exc}")
    _self_check(target, files)
    warnings, notes = overlay.problems(target.templates)
    used = sorted(recorder.loaded)
    inputs = manifest.inputs(target, used, spec_files, overlay.Templates(target.templates), held)
    return Result(api, files, diagnostics, inputs, used, warnings, notes, spec_files)


def _code_key() -> str:
    """What compiled templates and renders depend on besides the templates: the generator's code."""
    return fingerprint.generator_fingerprint()["source"]


def _render(target: Target, api: ir.Api, step: Callable[[str], None]) -> tuple[list[RenderedFile], _Loader]:
    """Stage 3 before formatting: every file, and the loader that saw which templates were used."""
    step("rendering templates")
    code = _code_key()
    env = render.environment(target.templates, target.line_length, code)
    env.globals["version_scheme"] = target.package_version
    assert env.loader is not None
    recorder = _Loader(env.loader)
    env.loader = recorder
    try:
        # Renders are cached for the built-in templates, by what decides them besides the Api.
        key = cache.digest(code.encode(), fingerprint.tool_version("jinja2").encode(), sys.version.encode())
        files = render.render(api, env, key.encode() if target.templates is None else None)
        if target.templates is not None:
            files += overlay.render_added(api, env, target.templates, {f.path for f in files})
    except overlay.OverlayError as exc:
        raise UsageError(str(exc)) from None
    except jinja2.TemplateError as exc:
        raise UsageError(f"template error: {_where(exc)}{exc.message or exc}") from None
    return files, recorder


def _self_check(target: Target, files: list[RenderedFile]) -> None:
    """Every generated module must compile: never hand over a silently broken client.

    A module that compiled once is remembered by its content (compiling a large client
    again would be most of an incremental run), in one index for all (an entry per module
    cost a cold run one file creation per module, ~1 ms each on ext4 while the run is busy)."""
    index_key = cache.digest(b"compiled-v2", sys.version.encode())
    known = (cache.read_entry("compiled", index_key) or "").split()
    seen = set(known)
    keys, todo = [], []
    for f in files:
        if f.path.endswith(".py"):
            key = cache.digest(f.content.encode())
            keys.append(key)
            if key not in seen:
                todo.append(f)
    failure = compilecheck.first_failure([f.content for f in todo], [f.path for f in todo])
    if failure is not None:
        index, where = failure
        _blame(target, f"generated module {todo[index].path} does not compile{where}")
    if todo:  # this run's modules last: the oldest are dropped first
        mine = dict.fromkeys(keys)
        kept = [key for key in known if key not in mine] + list(mine)
        cache.write_entry("compiled", index_key, "\n".join(kept[-_COMPILED_KEPT:]))


# Modules the compiled index remembers (~65 bytes each): several large clients' worth.
_COMPILED_KEPT = 20_000


def _verify_format(target: Target, files: list[RenderedFile]) -> None:
    """black over every module, cache or not: the output must be exactly what black makes."""
    for f in files:
        if f.path.endswith(".py") and formatcache.run_black(f.content, target.line_length) != f.content:
            _blame(target, f"{f.path} is not in black's layout")


def _blame(target: Target, message: str) -> NoReturn:
    """Broken output: the user's overlay may be at fault (exit 2); else oagen is (exit 3)."""
    if target.templates is not None:
        raise UsageError(f"{message}; check the templates in {target.templates}")
    raise InternalError(
        f"internal error: {message}. This is a bug in oagen: please report it, with the spec if you can"
    )


def _where(exc: jinja2.TemplateError) -> str:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"{exc.filename or exc.name}:{exc.lineno}: "
    return ""
