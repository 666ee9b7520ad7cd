"""The `oagen` command: a `check` remembered current answers here (generator/checkmemo.py), before the
command line and everything it imports are loaded; every other run goes to generator.cli, a
`generate --spec FILE` with the spec's validation started first."""

import os
import sys

from . import checkmemo


def main() -> int:
    answered = checkmemo.answer(sys.argv[1:])
    if answered is not None:
        return answered
    _start_validation(sys.argv[1:])
    from .cli import main as command_line

    return command_line()


def _start_validation(argv: list[str]) -> None:
    """Fork the validation child of `generate --spec FILE` now, before the command line and the
    stages are imported (~0.2 s on one core): it gets the core they leave idle. A guess only:
    the pipeline takes it over if it validates the spec the run loads, else ends it."""
    if not argv or argv[0] != "generate":
        return
    spec = next((v.removeprefix("--spec=") for v in argv if v.startswith("--spec=")), None)
    if spec is None and "--spec" in argv[:-1]:
        spec = argv[argv.index("--spec") + 1]
    if not spec:
        return
    from pathlib import Path

    try:
        raw = Path(spec).read_bytes()
    except OSError:
        return  # the run reports it
    from .load import validate

    validate.speculate(raw, Path(spec))


def run() -> None:  # never returns (NoReturn would import typing, 2.5 ms of every `check`)
    """The console script: main(), then out without the interpreter's teardown.

    Freeing a run's objects one by one (the parsed spec, the API, the rendered modules) took
    ~20 ms after a warm run on jira and ~70 ms after an incremental one; the operating system
    takes the memory back at once. All that must outlive the run is done when main returns
    (files written and renamed, child processes joined, cache writes finished) but flushing the
    standard streams."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe or a full disk: the output is incomplete
        code = code or 1
    os._exit(code)
