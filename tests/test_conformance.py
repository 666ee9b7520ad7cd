"""Conformance over Prism's dynamic mock: every operation of the Migma spec and of each corpus
document, called through its generated client (scripts/conformance.py, run in-process).

Every 2xx answer Prism accepts must decode, except the failures listed with their cause under
"Conformance: known failures" in tests/corpus/README.md. The list is kept honest both ways: a
failure not listed fails the test, and so does a listed one that no longer fails.

Slow (about two minutes in all), so marked `slow`; `pytest -m "not slow"` skips it locally.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT, SPEC

CORPUS = ROOT / "tests" / "corpus"
README = CORPUS / "README.md"
SECTION = "## Conformance: known failures"
SPECS = [SPEC, *sorted(p for p in CORPUS.iterdir() if p.suffix in (".json", ".yaml", ".yml"))]
# Prism 5.14.2 never finishes loading stripe.json (not within 10 minutes, nor a one-path excerpt
# with the 489 schemas it reaches within 3): nothing to call. See the README section.
NOT_SERVED = {"tests/corpus/stripe.json": "Prism does not start on this document (tests/corpus/README.md)"}


def _script() -> ModuleType:
    if "conformance" in sys.modules:
        return sys.modules["conformance"]
    spec = importlib.util.spec_from_file_location("conformance", ROOT / "scripts" / "conformance.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["conformance"] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def known_failures() -> dict[str, set[str]]:
    """Operation ids by spec (repository-relative path), from the README's table rows:
    `| spec | operationId | cause |`."""
    text = README.read_text(encoding="utf-8")
    assert SECTION in text, f"{README} has no section {SECTION!r}"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    known: dict[str, set[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 3 or set(cells[0]) <= {"-", " ", ":"}:
            continue
        spec, operation = (re.sub(r"^`|`$", "", c) for c in cells[:2])
        if spec == "spec":
            continue  # the header row
        known.setdefault(spec, set()).add(operation)
    return known


def test_known_failures_name_real_specs() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in SPECS}
    assert set(known_failures()) <= names


@pytest.mark.slow
@pytest.mark.parametrize("spec", SPECS, ids=[p.stem for p in SPECS])
def test_every_accepted_call_decodes(spec: Path) -> None:
    name = spec.relative_to(ROOT).as_posix()
    if name in NOT_SERVED:
        pytest.skip(NOT_SERVED[name])
    conformance = _script()
    try:
        report = conformance.run(spec)
    except conformance.SetupError as exc:
        if "prism" in str(exc) and "missing" in str(exc):
            pytest.skip(str(exc))
        raise
    counts = report.counts
    failed = {r.operation_id: r for r in report.results if r.outcome == "failed"}
    known = known_failures().get(name, set())
    unexpected = [f"{r.operation_id}: {r.reason}" for op_id, r in failed.items() if op_id not in known]
    fixed = sorted(known - set(failed))
    assert not unexpected, f"{name}: accepted calls that did not decode:\n" + "\n".join(unexpected)
    assert not fixed, f"{name}: listed in {README.name} but decoded now (remove the entries): {fixed}"
    # The harness itself must work: nearly every operation called and answered with a 2xx.
    assert counts["accepted"] >= 0.9 * counts["called"], conformance.render(report)
    if spec == SPEC:
        assert counts["decoded"] == counts["operations"], conformance.render(report)
