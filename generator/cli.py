"""Entry point: the `oagen` command (generate, check, diff, update, overlay) over the pipeline.

Exit statuses: 0 ok, 1 stale output (`check`) or breaking changes (`diff`, `update`), 2 errors,
3 an internal error (the generator's own output failed its self-check).
Heavy modules (the pipeline, Jinja, black) are imported only when a command needs
them, so `oagen check` answers from the manifest in a fraction of a second.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from . import __version__, checkmemo, fingerprint, safeio
from .config import FORMATTERS, ConfigError, Target, UsageError, check_line_length, load_targets, override
from .diagnostics import InternalError, SpecError
from .render import overlay
from .write import manifest

EXIT_OK, EXIT_STALE, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3


@functools.cache  # built once: `generate` parses the check it remembers with it too
def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oagen", description="Generate typed Python clients from OpenAPI 3.x."
    )
    parser.add_argument("--version", action="version", version=f"oagen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("generate", "write the client package"),
        ("check", "exit 1 if the files on disk differ from what generate would write, and say why"),
    ):
        cmd = sub.add_parser(name, help=text, description=text)
        _target_flags(cmd)
        cmd.add_argument("--strict", action="store_true", help="treat spec warnings as errors")
        cmd.add_argument("--report", type=Path, help="write every warning and work-around as JSON")
        _output_flags(cmd)
        if name == "generate":
            cmd.add_argument("--force", action="store_true", help="overwrite files oagen did not write")
            cmd.add_argument(
                "--fail-on-change",
                action="store_true",
                help="exit 1 when a file was created, changed or removed (for pre-commit)",
            )
            cmd.add_argument(
                "--verify-format",
                action="store_true",
                help="run black over every generated module and fail if it would change one",
            )
        else:
            cmd.add_argument("--diff", action="store_true", help="print a unified diff of stale files")
            cmd.add_argument(
                "--full", action="store_true", help="always regenerate in memory; do not trust the manifest"
            )
    text = "show what changed in the generated Python API between two versions of a spec"
    cmd = sub.add_parser("diff", help=text, description=text + "; exit 1 if any change is breaking")
    cmd.add_argument("old", type=Path, metavar="OLD_SPEC")
    cmd.add_argument("new", type=Path, metavar="NEW_SPEC")
    cmd.add_argument("--format", choices=("markdown", "json"), default="markdown")
    cmd.add_argument("--package", help="package name (default: the configured one, else `client`)")
    cmd.add_argument(
        "--config", type=Path, help="file with [tool.oagen], for its settings (default: ./pyproject.toml)"
    )
    cmd.add_argument("--target", help="the [[tool.oagen.targets]] entry whose settings to use")
    _allow_flag(cmd)
    _output_flags(cmd)
    _update_parser(sub)
    text = "inspect a template overlay, start overrides, and record the built-ins they are based on"
    cmd = sub.add_parser("overlay", help=text, description=text)
    cmd.add_argument("--templates", type=Path, help="the overlay folder (default: from [tool.oagen])")
    cmd.add_argument("--config", type=Path, help="file with [tool.oagen] (default: ./pyproject.toml)")
    cmd.add_argument("--target", help="the [[tool.oagen.targets]] entry to use, by name or package")
    cmd.add_argument("--copy", nargs="+", metavar="NAME", default=[], help="copy built-in templates in")
    cmd.add_argument("--stamp", action="store_true", help="record the current built-ins as the base")
    return parser


def _update_parser(sub: Any) -> None:
    text = "read a new version of the spec, show what changes in the API, write it and regenerate"
    cmd = sub.add_parser("update", help=text, description=text + "; exit 1 if any change is breaking")
    cmd.add_argument(
        "--from",
        dest="source",
        metavar="URL|FILE",
        help="the new document: an https:// URL or a file (default: source = ... in [tool.oagen])",
    )
    cmd.add_argument("--config", type=Path, help="file with [tool.oagen] (default: ./pyproject.toml)")
    cmd.add_argument("--target", help="only the [[tool.oagen.targets]] entry with this name or package")
    cmd.add_argument("--dry-run", action="store_true", help="show the API diff; write nothing")
    cmd.add_argument("--insecure", action="store_true", help="allow a plain http:// URL")
    cmd.add_argument(
        "--allow-empty",
        action="store_true",
        help="accept a document with no operations when the spec has some",
    )
    cmd.add_argument(
        "--date",
        help="date of the changelog entry, YYYY-MM-DD (default: $SOURCE_DATE_EPOCH, else today, UTC)",
    )
    cmd.add_argument("--timeout", type=float, help="seconds for the whole download (default 30)")
    cmd.add_argument("--max-bytes", type=int, help="refuse a larger document (default 64 MiB)")
    cmd.add_argument("--format", choices=("markdown", "json"), default="markdown", help="of the API diff")
    cmd.add_argument("--strict", action="store_true", help="treat spec warnings as errors")
    _allow_flag(cmd)
    _output_flags(cmd)


def _target_flags(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--spec", type=Path, help="the OpenAPI document (JSON or YAML)")
    cmd.add_argument("--output", type=Path, help="folder that receives PACKAGE/ and pyproject.toml")
    cmd.add_argument("--package", help="Python package name, e.g. migma_client")
    cmd.add_argument("--templates", type=Path, help="folder of templates overriding/adding to the built-ins")
    cmd.add_argument("--line-length", type=int, help="black's line length for generated code (default 100)")
    cmd.add_argument(
        "--formatter",
        choices=FORMATTERS,
        help="black (default), or ruff for very large specs (not byte-identical)",
    )
    cmd.add_argument("--config", type=Path, help="file with [tool.oagen] (default: ./pyproject.toml)")
    cmd.add_argument("--target", help="only the [[tool.oagen.targets]] entry with this name or package")
    _allow_flag(cmd)


def _allow_flag(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--allow-ref-dir",
        type=Path,
        action="append",
        metavar="DIR",
        help="let $refs read files in DIR too (besides the spec's folder); repeatable",
    )


def _output_flags(cmd: argparse.ArgumentParser) -> None:
    group = cmd.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    group.add_argument("-v", "--verbose", action="store_true", help="also print notes and every file")


def _targets(args: argparse.Namespace) -> list[Target]:
    config = args.config or Path("pyproject.toml")
    if args.config is not None and not args.config.is_file():
        raise UsageError(f"config file {args.config} does not exist")
    line_length = getattr(args, "line_length", None)
    if line_length is not None:
        check_line_length(line_length, "--line-length")
    location = {"spec": getattr(args, "spec", None), "output": getattr(args, "output", None)}
    location["package"] = getattr(args, "package", None)
    shared = {
        "templates": getattr(args, "templates", None),
        "line_length": line_length,
        "formatter": getattr(args, "formatter", None),
        "allow_ref_dirs": tuple(args.allow_ref_dir) if args.allow_ref_dir else None,
    }
    targets = load_targets(config)
    if args.target is not None:
        chosen = [t for t in targets if args.target in (t.name, t.package)]
        if not chosen:
            known = ", ".join(t.label for t in targets) or "none"
            raise UsageError(f"no target {args.target!r} in {config} (targets: {known})")
        targets = chosen
    if not targets:
        missing = [f"--{k}" for k, v in location.items() if v is None]
        if missing:
            raise UsageError(f"no [tool.oagen] in {config}; give {' '.join(missing)}")
        return [override(Target(args.spec, args.output, args.package), **shared)]
    if any(v is not None for v in location.values()) and len(targets) > 1:
        raise UsageError("--spec/--output/--package would apply to several targets; choose one with --target")
    return [override(t, **location, **shared) for t in targets]


class Output:
    """Messages on stderr by level, and a progress line for slow runs on a terminal."""

    def __init__(self, args: argparse.Namespace, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet: bool = getattr(args, "quiet", False)
        self.verbose: bool = getattr(args, "verbose", False)
        interactive = self.stream.isatty() and not os.environ.get("CI") and not os.environ.get("PRE_COMMIT")
        self.live = interactive and not self.quiet
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._step = ""
        self._shown = False
        self._timer: threading.Timer | None = None
        self._said: set[str] = set()

    def info(self, message: str) -> None:
        if not self.quiet:
            self._print(message)

    def once(self, message: str, verbose_only: bool = False) -> None:
        """A warning or note, printed once per run: targets sharing a spec or an overlay
        would otherwise repeat it."""
        if message not in self._said:
            self._said.add(message)
            (self.detail if verbose_only else self.info)(message)

    def detail(self, message: str) -> None:
        if self.verbose:
            self._print(message)

    def error(self, message: str) -> None:
        self._print(message)

    def _print(self, message: str) -> None:
        with self._lock:
            self._clear()
            print(message, file=self.stream)

    def progress(self, step: str) -> None:
        """Show `step` once the run has taken over a second, refreshed every second (terminals only)."""
        if not self.live:
            return
        with self._lock:
            self._step = step
            if time.monotonic() - self._started >= 1.0:
                self._show()
            if self._timer is None:
                self._arm()

    def _arm(self) -> None:
        self._timer = threading.Timer(1.0, self._tick)
        self._timer.daemon = True
        self._timer.start()

    def _tick(self) -> None:
        with self._lock:
            if self._step:
                self._show()
                self._arm()

    def _show(self) -> None:
        elapsed = time.monotonic() - self._started
        self.stream.write(f"\r\033[Koagen: {self._step} ({elapsed:.0f}s)")
        self.stream.flush()
        self._shown = True

    def _clear(self) -> None:
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False

    def done(self) -> None:
        with self._lock:
            self._step = ""
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._clear()


_FAILURES = (SpecError, UsageError, ConfigError, overlay.OverlayError, OSError)


def _report(exc: Exception, out: Output) -> None:
    out.done()
    if isinstance(exc, SpecError):
        for problem in exc.problems:
            out.error(str(problem))
    else:
        out.error(f"error: {exc}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)
    out = Output(args)
    try:
        if args.command == "diff":
            return _diff(args, out)
        if args.command == "overlay":
            return _overlay(args, out)
        status = EXIT_OK
        targets = _targets(args)
        if args.command == "update":
            targets = _update_targets(args, targets)
        for target in targets:
            run = {"check": _check, "update": _update}.get(args.command, _generate)
            try:
                status = max(status, run(args, target, out))
            except _FAILURES as exc:  # reported; the other targets still run
                _report(exc, out)
                status = max(status, EXIT_ERROR)
            except InternalError as exc:
                out.done()
                out.error(f"error: {target.label}: {exc}")
                status = EXIT_INTERNAL
        # A remembered answer is only a cache: failing to make one costs the next check time.
        with contextlib.suppress(*_FAILURES):
            if args.command == "check" and status == EXIT_OK:
                _remember(argv)
            elif args.command == "generate" and status in (EXIT_OK, EXIT_STALE):
                _remember(checkmemo.check_argv(argv))
        return status
    except _FAILURES as exc:
        _report(exc, out)
        return EXIT_ERROR
    finally:
        out.done()


def _run_pipeline(args: argparse.Namespace, target: Target, out: Output) -> Any:
    from . import pipeline

    out.progress(f"{target.label}: loading {target.spec}")
    verify = getattr(args, "verify_format", False)
    result = pipeline.generate(
        target, progress=lambda step: out.progress(f"{target.label}: {step}"), verify_format=verify
    )
    _diagnostics(args, result, out)
    return result


def _diagnostics(args: argparse.Namespace, result: Any, out: Output) -> None:
    """Report a pipeline run's warnings (errors with --strict), notes and overlay messages."""
    diags = result.diagnostics
    if getattr(args, "report", None):
        diags.write_report(args.report)
    if args.strict and diags.warnings:
        raise SpecError([p.__class__("error", p.file, p.pointer, p.message) for p in diags.warnings])
    for problem in diags.warnings:
        out.once(str(problem))
    for problem in diags.problems:
        if problem.severity == "note":
            out.once(str(problem), verbose_only=True)
    _overlay_messages(result.overlay_warnings, result.overlay_notes, out)


def _overlay_messages(warnings: list[str], notes: list[str], out: Output) -> None:
    for message in warnings:
        out.once(f"warning: {message}")
    for message in notes:
        out.once(f"note: {message}", verbose_only=True)


def _generate(args: argparse.Namespace, target: Target, out: Output) -> int:
    from .write.files import write_output

    result = _run_pipeline(args, target, out)
    out.progress(f"{target.label}: writing {target.output}")
    written = write_output(target.output, result.files, result.inputs, force=args.force)
    out.done()
    if written.recovered:
        out.info(f"{target.output}: finished the switch of an interrupted run first")
    for path in written.edited:
        out.info(f"warning: {target.output / path} was edited by hand since oagen wrote it; overwritten")
    for path in written.changed:
        out.detail(f"wrote {target.output / path}")
    for path in written.removed:
        out.detail(f"removed {target.output / path}")
    summary = f"{target.output}: {len(result.files)} files, {len(written.changed)} changed"
    out.info(summary + (f", {len(written.removed)} removed" if written.removed else ""))
    if args.fail_on_change and (written.changed or written.removed):
        return EXIT_STALE  # new files count too: pre-commit only sees tracked ones change
    return EXIT_OK


def _check(args: argparse.Namespace, target: Target, out: Output) -> int:
    verdict = manifest.verdict(target, overlay.Templates(target.templates))
    if verdict.interrupted:  # the files are a mix of two runs: no use comparing them one by one
        out.error(f"{target.output}: stale; run `oagen generate` to refresh it")
        for reason in verdict.reasons:
            out.error(f"  {reason}")
        return EXIT_STALE
    if verdict.current and not args.full and not args.report and not args.strict:
        _say_current(target, out)
        return EXIT_OK
    result = _run_pipeline(args, target, out)
    out.done()
    recorded = manifest.recorded_files(target.output)
    new = {f.path: f.content for f in result.files}
    stale: list[tuple[str, str]] = []
    for path, content in new.items():
        raw = _on_disk(target.output, path)
        if raw == content.encode("utf-8"):
            continue
        current = None if raw is None else raw.decode("utf-8", errors="replace")
        if raw is None:
            why = "missing" if path in recorded else "new"
        elif path not in recorded:
            why = "not written by oagen"
        elif recorded[path] != manifest.digest(raw):
            why = "edited by hand"
        else:
            why = "out of date"
        stale.append((path, why))
        if args.diff:
            import difflib  # only for `check --diff`: kept off the no-op check's path

            sys.stdout.writelines(
                difflib.unified_diff(
                    (current or "").splitlines(keepends=True),
                    content.splitlines(keepends=True),
                    f"a/{path}",
                    f"b/{path}",
                )
            )
    for path in sorted(set(recorded) - set(new)):
        if (target.output / path).is_file():
            stale.append((path, "no longer generated: generate removes it"))
    if not stale and not verdict.damaged:
        out.info(f"{target.output}: up to date")
        if verdict.reasons:
            out.detail("the output is the same, but its manifest is not; `oagen generate` refreshes it:")
            for reason in verdict.reasons:
                out.detail(f"  {reason}")
        return EXIT_OK
    out.error(f"{target.output}: stale; run `oagen generate` to refresh it")
    for reason in verdict.reasons:
        out.error(f"  {reason}")
    for path, why in stale:
        if why == "edited by hand":
            out.error(f"  file {target.output / path} was edited by hand")
        else:
            out.error(f"  stale: {target.output / path} ({why})")
    return EXIT_STALE


def _say_current(target: Target, out: Output) -> None:
    _overlay_messages(*overlay.problems(target.templates), out)
    out.info(f"{target.output}: up to date")


def _remember(check_argv: list[str] | None) -> None:
    """Prove the check `check_argv` current from the manifest, and store the stats of what the proof
    read, so the same check answers from them next time (generator/checkmemo.py)."""
    key = None if check_argv is None else checkmemo.key(check_argv)
    if key is None:
        return
    args = _parser().parse_args(check_argv)
    config = str(args.config or Path("pyproject.toml"))
    before = checkmemo.snapshot([config])  # stats are taken before each file is read
    targets = _targets(args)
    before.update(checkmemo.snapshot([str(t.output / manifest.MANIFEST) for t in targets]))
    paths = [Path(config), *fingerprint.watched()]
    for target in targets:
        paths += [*manifest.watched(target), *overlay.watched(target.templates)]
    stats = checkmemo.snapshot(list(dict.fromkeys(str(p) for p in paths)))
    if any(stats.get(path) != old for path, old in before.items()) or not checkmemo.settle(stats):
        return
    fingerprint.forget()  # this run may have read the code before the stats were taken
    said = io.StringIO()
    out = Output(args, said)
    for target in targets:
        if not manifest.verdict(target, overlay.Templates(target.templates)).current:
            checkmemo.forget(key)
            return
        _say_current(target, out)
    checkmemo.store(key, stats, said.getvalue())


def _on_disk(output: Path, rel: str) -> bytes | None:
    """A generated file as it is now (bounded; a symlink is never followed out)."""
    if not safeio.inside(output / rel, output):
        return None
    try:
        return safeio.read_bytes(output / rel)
    except OSError:
        return None


def _diff_target(args: argparse.Namespace) -> Target:
    """The settings `diff` builds both APIs with: the configured target's (pagination, jobs,
    ...), so the report shows what `generate` emits; plain defaults without a configuration."""
    config = args.config or Path("pyproject.toml")
    if args.config is not None and not args.config.is_file():
        raise UsageError(f"config file {args.config} does not exist")
    targets = [t for t in load_targets(config) if args.target in (None, t.name, t.package)]
    if args.target is not None and not targets:
        raise UsageError(f"no target {args.target!r} in {config}")
    target = targets[0] if len(targets) == 1 else Target(args.new, Path("."), "client")
    allowed = tuple(args.allow_ref_dir) if args.allow_ref_dir else None
    return override(target, package=args.package, allow_ref_dirs=allowed)


def _diff(args: argparse.Namespace, out: Output) -> int:
    from .workflows import diff

    report = diff.compare_files(args.old, args.new, _diff_target(args), out.progress)
    out.done()
    for problem in report.warnings:
        out.detail(str(problem))
    sys.stdout.write(diff.to_json(report) if args.format == "json" else diff.to_markdown(report))
    return EXIT_STALE if report.breaking else EXIT_OK


def _update_targets(args: argparse.Namespace, targets: list[Target]) -> list[Target]:
    """With --from, the one target it is for; without, every target that names its source."""
    if args.source is not None:
        if len(targets) > 1:
            raise UsageError("--from would apply to several targets; choose one with --target")
        return targets
    chosen = [t for t in targets if t.source]
    if not chosen:
        raise UsageError('nothing to read: give --from URL|FILE, or set source = "..." in [tool.oagen]')
    return chosen


def _update(args: argparse.Namespace, target: Target, out: Output) -> int:
    from .workflows import changelog, diff, fetch, update

    try:
        date = changelog.check_date(args.date) if args.date else changelog.today()
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    timeout, max_bytes = fetch.limits_from_env()
    timeout = args.timeout if args.timeout is not None else timeout
    max_bytes = args.max_bytes if args.max_bytes is not None else max_bytes
    source = args.source or target.source
    out.progress(f"{target.label}: reading {source}")
    fetched = fetch.read(source, insecure=args.insecure, timeout=timeout, max_bytes=max_bytes)
    staged = update.stage(target, fetched)
    try:
        if update.unchanged(target, staged):
            out.info(f"{target.spec}: the same as {fetched.label}; nothing to do")
            return EXIT_OK
        progress = lambda step: out.progress(f"{target.label}: {step}")  # noqa: E731
        plan = update.plan(target, staged, args.allow_empty, progress)
        _diagnostics(args, plan.result, out)
        out.done()
        sys.stdout.write(
            diff.to_json(plan.report) if args.format == "json" else diff.to_markdown(plan.report)
        )
        sys.stdout.flush()
        breaking = len(plan.report.breaking)
        verdict = f"{breaking} breaking change{'s' * (breaking != 1)}" if breaking else "no breaking changes"
        if args.dry_run:
            out.info(f"{target.label}: dry run, nothing written ({verdict})")
        else:
            out.progress(f"{target.label}: writing {target.output}")
            written, logged = update.apply(target, plan, date)
            out.done()
            if written.recovered:
                out.info(f"{target.output}: finished the switch of an interrupted run first")
            for path in written.edited:
                edited = target.output / path
                out.info(f"warning: {edited} was edited by hand since oagen wrote it; overwritten")
            note = f"; {changelog.FILE}: new entry" if logged else "; the Python API did not change"
            out.info(
                f"{target.spec}: updated from {fetched.label} ({verdict}); "
                f"{target.output}: {len(written.changed)} files changed{note}"
            )
        return EXIT_STALE if breaking else EXIT_OK
    finally:
        staged.discard()


def _overlay(args: argparse.Namespace, out: Output) -> int:
    folder = args.templates
    if folder is None:
        targets = load_targets(args.config or Path("pyproject.toml"))
        chosen = [t for t in targets if args.target in (None, t.name, t.package)]
        folders = {t.templates for t in chosen if t.templates is not None}
        if len(folders) != 1:
            raise UsageError("give the overlay folder with --templates (or templates = ... in [tool.oagen])")
        folder = folders.pop()
    folder.mkdir(parents=True, exist_ok=True)
    for name in args.copy:
        out.info(f"copied built-in {name} to {overlay.copy(name, folder)}")
    if args.stamp:
        for name in overlay.stamp(folder):
            out.info(f"stamped {folder / name} with the current built-in's hash")
    warnings, notes = overlay.problems(folder)
    _overlay_messages(warnings, notes, out)
    if not args.copy and not args.stamp:
        print(f"{folder}:")
        for name in overlay.overrides(folder):
            print(f"  overrides {name}")
        for name in overlay.added(folder):
            print(f"  adds      {name}")
    return EXIT_STALE if warnings else EXIT_OK
