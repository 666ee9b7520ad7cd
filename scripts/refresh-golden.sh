#!/usr/bin/env bash
# Regenerate every golden copy after an intended change to the generator or its templates,
# then review `git diff` like hand-written code: generated/ (the Migma client, from
# [tool.oagen]), tests/golden/adversarial (tests/data/adversarial.yaml) and
# tests/golden/overlay (the Migma client with the examples/overlay templates).
set -euo pipefail
cd "$(dirname "$0")/.."
empty=$(mktemp)
trap 'rm -f "$empty"' EXIT
.venv/bin/oagen generate -q
.venv/bin/oagen generate -q --config "$empty" --spec tests/data/adversarial.yaml \
  --output tests/golden/adversarial --package adv_client
.venv/bin/oagen generate -q --config pyproject.toml --templates examples/overlay \
  --output tests/golden/overlay
