#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, then lints and tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/ruff check generator tests templates/package/_runtime
.venv/bin/ruff format --check generator tests
# The runtime is copied into every client as it is: black's layout at the clients' line length.
.venv/bin/black --check --quiet --line-length 100 templates/package/_runtime
.venv/bin/python -m pytest "$@"
