#!/usr/bin/env bash
# Fresh machine to generated client: install everything, then regenerate generated/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/oagen generate
