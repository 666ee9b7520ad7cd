#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, lints, then runs the fast
# tier (unit tests, seconds) and the slow tier (mypy, Prism, corpus, packaging, pre-commit,
# fuzz). Arguments, if any, go to one pytest run instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/ruff check generator tests templates/package/_runtime
.venv/bin/ruff format --check generator tests
# The runtime is copied into every client as it is: black's layout at the clients' line length.
.venv/bin/black --check --quiet --line-length 100 templates/package/_runtime
if [ "$#" -gt 0 ]; then
  exec .venv/bin/python -m pytest "$@"
fi
.venv/bin/python -m pytest -m "not slow"
.venv/bin/python -m pytest -m slow
