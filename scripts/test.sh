#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, then lints and tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/ruff check generator tests
.venv/bin/ruff format --check generator tests
.venv/bin/python -m pytest "$@"
