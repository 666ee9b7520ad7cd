"""The `oagen` command: a `check` remembered current answers here (generator/checkmemo.py), before the
command line and everything it imports are loaded; every other run goes to generator.cli."""

import os
import sys

from . import checkmemo


def main() -> int:
    answered = checkmemo.answer(sys.argv[1:])
    if answered is not None:
        return answered
    from .cli import main as command_line

    return command_line()


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
