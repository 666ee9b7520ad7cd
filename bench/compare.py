"""Generated output and cold generation time of this checkout against an earlier revision.

    python bench/compare.py --before 70fc9e9                 # Migma + every corpus spec
    python bench/compare.py --before 70fc9e9 --spec tests/corpus/jira.json --repeat 3

The earlier revision is checked out into a temporary git worktree and run with this
checkout's virtualenv (its dependencies are the same), each generation in a fresh process
with a fresh cache, alternating before/after. Reports per spec: models.py bytes, all .py
bytes, bytes per operation, and the median cold wall time; then the totals and ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPECS = [ROOT / "specs" / "openapi.json", *sorted((ROOT / "tests" / "corpus").glob("*.json"))]


def generate(source: Path, spec: Path, out: Path) -> float:
    """Seconds for one cold `generate` run of the generator in `source`."""
    env = {
        **os.environ,
        "OAGEN_CACHE_DIR": tempfile.mkdtemp(prefix="oagen-cache-"),
        "PYTHONPATH": str(source),
    }
    command = [sys.executable, "-m", "generator", "generate", "--quiet", "--config", os.devnull]
    command += ["--spec", str(spec), "--output", str(out), "--package", "bench_client"]
    started = time.perf_counter()
    subprocess.run(command, cwd=source, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def sizes(out: Path) -> dict[str, int]:
    package = out / "bench_client"
    python = sum(p.stat().st_size for p in package.rglob("*.py"))
    return {"models": (package / "models.py").stat().st_size, "python": python}


def operations(spec: Path) -> int:
    doc = json.loads(spec.read_text(encoding="utf-8"))
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    return sum(1 for item in doc.get("paths", {}).values() for m in item if m in methods)


HEADER = (
    "| spec | ops | models.py before -> after | all .py before -> after | .py bytes/op before -> after "
    "| cold s before -> after |\n|---|---|---|---|---|---|"
)


def table_row(
    stem: str, ops: int, old: dict[str, int], new: dict[str, int], t_old: float, t_new: float
) -> str:
    models = f"{old['models']:,} -> {new['models']:,} ({new['models'] / old['models']:.2f}x)"
    python = f"{old['python']:,} -> {new['python']:,} ({new['python'] / old['python']:.2f}x)"
    per_op = f"{old['python'] // max(ops, 1):,} -> {new['python'] // max(ops, 1):,}"
    cold = f"{t_old:.1f} -> {t_new:.1f} ({t_old / t_new:.2f}x)"
    return f"| {stem} | {ops} | {models} | {python} | {per_op} | {cold} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the earlier git revision")
    parser.add_argument("--spec", type=Path, action="append", help="a spec (repeatable); default: all")
    parser.add_argument("--repeat", type=int, default=1, help="cold runs per side (default 1)")
    args = parser.parse_args()
    specs = args.spec or DEFAULT_SPECS
    work = Path(tempfile.mkdtemp(prefix="oagen-compare-"))
    before = work / "before"
    subprocess.run(["git", "worktree", "add", "--detach", str(before), args.before], cwd=ROOT, check=True)
    try:
        rows = []
        for spec in specs:
            times: dict[str, list[float]] = {"before": [], "after": []}
            for _ in range(args.repeat):
                for side, source in (("before", before), ("after", ROOT)):
                    times[side].append(generate(source, spec.resolve(), work / side / spec.stem))
            ops = operations(spec)
            old, new = sizes(work / "before" / spec.stem), sizes(work / "after" / spec.stem)
            rows.append(
                (
                    spec.stem,
                    ops,
                    old,
                    new,
                    statistics.median(times["before"]),
                    statistics.median(times["after"]),
                )
            )
        print(HEADER)
        for row in rows:
            print(table_row(*row))
        total_old = sum(r[2]["python"] for r in rows)
        total_new = sum(r[3]["python"] for r in rows)
        print(f"\ntotal .py: {total_old:,} -> {total_new:,} bytes ({total_new / total_old:.2f}x)")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
