"""`python -m oagen`: the `oagen` command (generator.entry)."""

from .entry import run

run()
