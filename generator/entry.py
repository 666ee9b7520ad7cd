"""The `oagen` command: a `check` remembered current answers here (generator/checkmemo.py), before the
command line and everything it imports are loaded; every other run goes to generator.cli."""

import sys

from . import checkmemo


def main() -> int:
    answered = checkmemo.answer(sys.argv[1:])
    if answered is not None:
        return answered
    from .cli import main as command_line

    return command_line()
