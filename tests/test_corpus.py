"""Real public OpenAPI documents (tests/corpus/): each generates a client that compiles,
imports and passes `mypy --strict` with zero errors.

Slow (minutes for the largest documents), so marked `corpus`; it still runs in the full
suite. `pytest -m "not corpus"` skips it locally.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.config import Target
from generator.pipeline import generate
from generator.write.files import write_output

CORPUS = Path(__file__).resolve().parent / "corpus"
DOCUMENTS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".json", ".yaml", ".yml"))


def test_the_corpus_is_there() -> None:
    assert len(DOCUMENTS) >= 8
    for doc in DOCUMENTS:
        assert (CORPUS / f"{doc.stem}.provenance.md").is_file(), doc


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.parametrize("spec", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_corpus_document_generates_a_typed_client(spec: Path, tmp_path: Path) -> None:
    package = "c_" + spec.stem.replace("-", "_")
    result = generate(Target(spec, tmp_path, package, None))
    assert result.api.operations, "no operations found"
    write_output(tmp_path, result.files, result.inputs)
    errors = [p for p in result.diagnostics.problems if p.severity == "error"]
    assert not errors

    for path in (tmp_path / package).rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")

    credential = "api_key='k', " if result.api.security else ""
    # Import every module in a fresh interpreter (the client is built lazily per resource).
    script = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module({package!r})\n"
        f"for m in pkgutil.walk_packages(pkg.__path__, {package + '.'!r}):\n"
        "    importlib.import_module(m.name)\n"
        # Every model's declarations compile into a codec (done lazily by a client, at first use).
        f"models = importlib.import_module({package + '.models'!r})\n"
        f"codec = importlib.import_module({package + '._runtime.codec'!r})\n"
        # A `models` package loads its modules on first use: every name is asked for.
        "for obj in [getattr(models, n) for n in getattr(models, '__all__', list(vars(models)))]:\n"
        "    if isinstance(obj, type) and issubclass(obj, codec.ApiModel) and obj is not codec.ApiModel:\n"
        "        codec._plan(obj)\n"
        f"client = pkg.{result.api.prefix}Client({credential}base_url='https://example.test')\n"
        "for resource in " + repr([r.name for r in result.api.resources]) + ":\n"
        "    getattr(client, resource)\n"
        "client.close()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]

    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--no-error-summary", package],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout[-5000:] + checked.stderr[-2000:]

    # The output is black's: a user running black over it finds nothing to change.
    black = [sys.executable, "-m", "black", "--check", "--quiet", "--line-length", "100", package]
    formatted = subprocess.run(black, cwd=tmp_path, capture_output=True, text=True)
    assert formatted.returncode == 0, formatted.stderr[-3000:]
