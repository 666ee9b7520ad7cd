"""Formatting generated Python with black, fast: cached by content, split into blocks, in parallel.

Black is by far the slowest stage on large specs (about 100 KB of source per second and core),
so three things keep it off the critical path:

- A content-addressed cache in a user cache folder (`OAGEN_CACHE_DIR`, else
  `$XDG_CACHE_HOME/oagen`, else `~/.cache/oagen`). The key is the sha256 of the unformatted
  text, black's version, the line length and the target versions, so a new black or a new
  line length never reuses an old result. A regeneration after a small change formats only
  what changed.
- Modules are cut before each top-level `class`/`def` that black will separate by two blank
  lines (the cut is only made where that holds: a blank line above, no comment attached, not
  right after the module docstring). Black formats each block on its own and the blocks are
  joined with two blank lines, which gives the bytes black gives for the whole module (the
  tests compare both), with far less work: black slows down on very large inputs, and one
  `models.py` of a big spec is most of the output.
- Blocks that are not cached are formatted on every core with a process pool when there is
  enough of them to pay for starting it; otherwise in this process.

Target versions are fixed (Python 3.10+, as the generated `pyproject.toml` requires) rather
than inferred per input, so a block formats exactly as it would inside its module.
"""

from __future__ import annotations

import ast
import functools
import gc
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import black

CACHE_ENV = "OAGEN_CACHE_DIR"
# Below this many characters of uncached source, starting worker processes costs more than it saves.
PARALLEL_MIN_CHARS = 150_000
# Black formats for these Python versions and newer (the generated pyproject.toml requires 3.10).
MIN_PYTHON = "PY310"


def cache_dir() -> Path:
    """`$OAGEN_CACHE_DIR`, else `$XDG_CACHE_HOME/oagen`, else `~/.cache/oagen`."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "oagen"


def digest(*parts: bytes) -> str:
    """sha256 over length-prefixed parts (so no two part lists collide)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def _entry(kind: str, key: str) -> Path:
    return cache_dir() / kind / key[:2] / key


def read_entry(kind: str, key: str) -> str | None:
    """The cached text for key, or None (missing or unreadable entries are misses)."""
    try:
        return _entry(kind, key).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_entry(kind: str, key: str, text: str) -> None:
    """Store text atomically; a cache that cannot be written is silently skipped."""
    path = _entry(kind, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError:
        return


def read_json(kind: str, key: str) -> Any:
    text = read_entry(kind, key)
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def write_json(kind: str, key: str, value: Any) -> None:
    write_entry(kind, key, json.dumps(value, sort_keys=True))


# -- black -----------------------------------------------------------------------------


@functools.cache
def black_version() -> str:
    """From the package metadata: a cache hit then never imports black (70 ms)."""
    return version("black")


def _mode(line_length: int) -> black.Mode:
    import black

    oldest = black.TargetVersion[MIN_PYTHON].value
    targets = {v for v in black.TargetVersion if v.value >= oldest}
    return black.Mode(line_length=line_length, target_versions=targets)


def _key(text: str, line_length: int) -> str:
    parts = ("black", black_version(), str(line_length), MIN_PYTHON + "+")
    return digest(*(part.encode() for part in parts), text.encode())


def run_black(text: str, line_length: int) -> str:
    """black.format_str with the cyclic GC paused (about 35% less CPU: black's trees make
    collections costly), then one young-generation pass frees the block's tree."""
    import black

    enabled = gc.isenabled()
    gc.disable()
    try:
        return black.format_str(text, mode=_mode(line_length))
    finally:
        if enabled:
            gc.enable()
            gc.collect(0)


def _run_black_batch(texts: list[str], line_length: int) -> list[str]:
    return [run_black(text, line_length) for text in texts]


def split_blocks(source: str) -> list[str]:
    """Cut a module before top-level defs/classes that black surrounds by two blank lines.

    Joining the formatted blocks with two blank lines gives black's output for the whole
    module. Anything unusual (syntax errors, `fmt:` directives, comments above a def) keeps
    the text in one block.
    """
    if "fmt:" in source or "\r" in source:
        return [source]
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return [source]
    lines = source.splitlines(keepends=True)
    cuts = []
    for index in range(1, len(body)):
        node, previous = body[index], body[index - 1]
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        if index == 1 and isinstance(previous, ast.Expr) and isinstance(previous.value, ast.Constant):
            continue  # right after the module docstring black has its own rule
        start = (node.decorator_list[0].lineno if node.decorator_list else node.lineno) - 1
        end = previous.end_lineno or previous.lineno
        # A blank line above and nothing but blank lines back to the previous statement.
        if start <= end or any(line.strip() for line in lines[end:start]):
            continue
        cuts.append(start)
    bounds = [0, *cuts, len(lines)]
    return ["".join(lines[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def join_blocks(blocks: Iterable[str]) -> str:
    """Formatted blocks, each ending in one newline, separated by two blank lines."""
    return "\n\n".join(block for block in blocks if block)


def format_sources(sources: list[str], line_length: int, workers: int | None = None) -> list[str]:
    """Format Python sources with black, reusing cached results and every core for the rest."""
    results: list[str | None] = []
    for text in sources:
        results.append(read_entry("black", _key(text, line_length)))
    pending = [i for i, r in enumerate(results) if r is None]
    if not pending:
        return [r for r in results if r is not None]
    blocks = {i: split_blocks(sources[i]) for i in pending}
    formatted: dict[str, str] = {}
    todo: list[str] = []
    for block in dict.fromkeys(b for i in pending for b in blocks[i]):
        cached = read_entry("black", _key(block, line_length))
        if cached is None:
            todo.append(block)
        else:
            formatted[block] = cached
    for block, out in zip(todo, _format_all(todo, line_length, workers), strict=True):
        formatted[block] = out
        write_entry("black", _key(block, line_length), out)
    for i in pending:
        text = join_blocks(formatted[b] for b in blocks[i])
        write_entry("black", _key(sources[i], line_length), text)
        results[i] = text
    return [r for r in results if r is not None]


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _format_all(texts: list[str], line_length: int, workers: int | None) -> list[str]:
    cores = max(1, workers or _cores())
    total = sum(map(len, texts))
    if cores == 1 or len(texts) < 2 or total < PARALLEL_MIN_CHARS:
        return _run_black_batch(texts, line_length)
    # Batches of similar size, biggest first, dealt round the workers for an even load.
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    target = max(total // (cores * 8), 1)
    batches: list[list[int]] = []
    size = 0
    for i in order:
        if not batches or size >= target:
            batches.append([])
            size = 0
        batches[-1].append(i)
        size += len(texts[i])
    out: list[str] = [""] * len(texts)
    gc.freeze()  # forked workers then leave the parent's pages alone
    try:
        with ProcessPoolExecutor(max_workers=cores) as pool:
            futures = [
                (batch, pool.submit(_run_black_batch, [texts[i] for i in batch], line_length))
                for batch in batches
            ]
            for batch, future in futures:
                for i, text in zip(batch, future.result(), strict=True):
                    out[i] = text
    finally:
        gc.unfreeze()
    return out
