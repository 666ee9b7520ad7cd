"""The `oagen` command: generate and check."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from . import __version__
from .config import ConfigError, Target, load_targets, override
from .diagnostics import SpecError
from .pipeline import UsageError, generate
from .write import write_output

EXIT_OK, EXIT_STALE, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oagen", description="Generate typed Python clients from OpenAPI 3.x."
    )
    parser.add_argument("--version", action="version", version=f"oagen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("generate", "write the client package"),
        ("check", "exit 1 if the files on disk differ from what generate would write"),
    ):
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.add_argument("--spec", type=Path, help="the OpenAPI document (JSON or YAML)")
        cmd.add_argument("--output", type=Path, help="folder that receives PACKAGE/ and pyproject.toml")
        cmd.add_argument("--package", help="Python package name, e.g. migma_client")
        cmd.add_argument("--templates", type=Path, help="folder of templates overriding the built-in ones")
        cmd.add_argument("--config", type=Path, default=Path("pyproject.toml"), help="file with [tool.oagen]")
        cmd.add_argument("--strict", action="store_true", help="treat spec warnings as errors")
        cmd.add_argument("--report", type=Path, help="write every warning and work-around as JSON")
        cmd.add_argument("-q", "--quiet", action="store_true", help="print errors only")
        if name == "check":
            cmd.add_argument("--diff", action="store_true", help="print a unified diff of stale files")
    return parser


def _targets(args: argparse.Namespace) -> list[Target]:
    flags = {"spec": args.spec, "output": args.output, "package": args.package, "templates": args.templates}
    targets = load_targets(args.config)
    if not targets:
        missing = [f"--{k}" for k in ("spec", "output", "package") if flags[k] is None]
        if missing:
            raise UsageError(f"no [tool.oagen] in {args.config}; give {' '.join(missing)}")
        return [Target(args.spec, args.output, args.package, args.templates)]
    if any(flags.values()) and len(targets) > 1:
        raise UsageError("flags would apply to several [tool.oagen] targets; pick one with --config")
    return [override(t, **flags) for t in targets]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        status = EXIT_OK
        for target in _targets(args):
            status = max(status, _run(args, target))
        return status
    except SpecError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_ERROR
    except (UsageError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _run(args: argparse.Namespace, target: Target) -> int:
    result = generate(target)
    diags = result.diagnostics
    if args.report:
        diags.write_report(args.report)
    if args.strict and diags.warnings:
        raise SpecError([p.__class__("error", p.file, p.pointer, p.message) for p in diags.warnings])
    if not args.quiet:
        for problem in diags.warnings:
            print(problem, file=sys.stderr)
    if args.command == "check":
        return _check(args, target, result.files)
    removed = write_output(target.output, result.files, result.inputs)
    if not args.quiet:
        print(
            f"wrote {len(result.files)} files to {target.output}"
            + (f", removed {len(removed)} stale" if removed else ""),
            file=sys.stderr,
        )
    return EXIT_OK


def _check(args: argparse.Namespace, target: Target, files: list) -> int:
    stale = []
    for f in files:
        path = target.output / f.path
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != f.content:
            stale.append(f.path)
            if args.diff:
                sys.stdout.writelines(
                    difflib.unified_diff(
                        (current or "").splitlines(keepends=True),
                        f.content.splitlines(keepends=True),
                        f"a/{f.path}",
                        f"b/{f.path}",
                    )
                )
    for path in stale:
        print(f"stale: {target.output / path}", file=sys.stderr)
    if not stale and not args.quiet:
        print(f"{target.output}: up to date", file=sys.stderr)
    return EXIT_STALE if stale else EXIT_OK
