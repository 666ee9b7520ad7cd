"""Stage 3 (render): formatting generated Python with black, fast: cached by content, split into blocks, in
parallel.

Black is by far the slowest stage on large specs (about 200 KB of source per second and core),
so four things keep it off the critical path:

- The content-addressed cache (`generator/cache.py`). The key is the sha256 of the unformatted
  text, black's version, the line length and the target versions, so a new black or a new
  line length never reuses an old result. Whole files are cached, and so are their blocks:
  a regeneration after a small change formats only what changed.
- Modules are cut before each top-level `class`/`def` that black will separate by two blank
  lines (the cut is only made where that holds: a blank line above, no comment attached, not
  right after the module docstring), and classes before each method (see `_class_pieces`).
  Black formats each block on its own and they are joined as black would space them, which
  gives the bytes black gives for the whole module (the tests compare both), with far less
  memory, and a one-operation change re-formats one method.
- The cyclic GC is paused while black runs on a block (about 35% less CPU), and while
  modules are cut and blocks' tokens are checked (`generator/gcpause.py`).
- Blocks that are not cached are settled on every core (proven already in black's layout by
  `stable.py`, else formatted by black), by this process and forked workers taking batches
  from one queue (`parallel.py`) once the run's other work (the validation child, started
  first) leaves a core free, when there is enough of them to pay for forking; otherwise in
  this process.

Target versions are fixed (Python 3.10+, as the generated `pyproject.toml` requires) rather
than inferred per input, so a block formats exactly as it would inside its module.
"""

from __future__ import annotations

import ast
import functools
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .. import cores, gcpause
from ..cache import digest, read_entry, write_entry
from ..fingerprint import tool_version
from . import parallel, stable

if TYPE_CHECKING:
    import black

# Below this many characters of uncached source, starting worker processes costs more than it saves.
PARALLEL_MIN_CHARS = 150_000
# Black formats for these Python versions and newer (the generated pyproject.toml requires 3.10).
MIN_PYTHON = "PY310"


# -- black -----------------------------------------------------------------------------


@functools.cache
def black_version() -> str:
    """From the package metadata: a cache hit then never imports black (70 ms)."""
    return tool_version("black")


def _mode(line_length: int) -> black.Mode:
    import black
    from black.mode import TargetVersion

    oldest = TargetVersion[MIN_PYTHON].value
    targets = {v for v in TargetVersion if v.value >= oldest}
    return black.Mode(line_length=line_length, target_versions=targets)


def _key(text: str, line_length: int) -> str:
    parts = ("black", black_version(), str(line_length), MIN_PYTHON + "+")
    return digest(*(part.encode() for part in parts), text.encode())


class FormatError(Exception):
    """A source the formatter cannot parse (a template that renders invalid Python)."""

    def __init__(self, index: int, message: str, text: str = "") -> None:
        super().__init__(index, message, text)  # all in args: it crosses process boundaries
        self.index = index  # which of the sources given (-1: not known yet)
        self.message = message
        self.text = text  # the block that failed

    def __str__(self) -> str:
        return self.message


def run_black(text: str, line_length: int) -> str:
    """black.format_str with the cyclic GC paused (about 35% less CPU: black's trees make
    collections costly), then one young-generation pass frees the block's tree."""
    import black
    from black.parsing import InvalidInput

    with gcpause.paused(young=True):
        try:
            return black.format_str(text, mode=_mode(line_length))
        except InvalidInput as exc:
            raise FormatError(-1, str(exc).splitlines()[0], text) from None


# A top-level block is formatted whole (str), or as a class head plus its methods, each
# dedented one level and formatted 4 columns narrower (tuple).
Block = str | tuple[str, list[str]]
INDENT = "    "


def split_blocks(source: str) -> list[str]:
    """Cut a module before top-level defs/classes that black surrounds by two blank lines.

    Joining the formatted blocks with two blank lines gives black's output for the whole
    module. Anything unusual (syntax errors, `fmt:` directives, comments above a def) keeps
    the text in one block.
    """
    return [text for text, _ in _split(source)]


# Where a top-level def/class may start a block: at column 0 after a blank line.
_CANDIDATE = re.compile(r"(?<=\n\n)(?=class |def |async def |@)")
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _split(source: str) -> list[tuple[str, ast.ClassDef | None]]:
    """split_blocks, with the class statement of blocks that hold one class and nothing else."""
    try:
        return list(_cut(source))
    except SyntaxError:
        return [(source, None)]


def _cut(source: str) -> Iterator[tuple[str, ast.ClassDef | None]]:
    """_split's blocks as they are found; SyntaxError if a part does not parse (the cut was
    inside a string or brackets: the caller keeps the module whole).

    Each candidate part is parsed on its own and its tree dropped once the next block starts:
    the tree of a whole 1 MB module takes ~100 MB.
    """
    if "fmt:" in source or "\r" in source:
        yield source, None
        return
    texts: list[str] = []  # the block being gathered
    body: list[ast.stmt] = []  # statements of its last part
    first = True
    for part in _CANDIDATE.split(source):
        statements = ast.parse(part).body
        if texts and not _starts_block(texts, body, statements, first):
            texts.append(part)
        else:
            if texts:
                yield _block(texts, body)
                first = False
            texts = [part]
        body = statements
    yield _block(texts, body)


def _block(texts: list[str], body: list[ast.stmt]) -> tuple[str, ast.ClassDef | None]:
    only = body[0] if len(texts) == 1 and len(body) == 1 and isinstance(body[0], ast.ClassDef) else None
    return "".join(texts), only


def _starts_block(texts: list[str], previous: list[ast.stmt], body: list[ast.stmt], first: bool) -> bool:
    """Whether black puts exactly two blank lines between the block of texts (whose last part
    has the statements previous) and a part with the statements body."""
    if not body or not isinstance(body[0], _DEFS):
        return False
    if not previous:
        return False  # only comments before: they stay with what follows
    if first and len(texts) == 1 and len(previous) == 1:
        head = previous[0]
        if isinstance(head, ast.Expr) and isinstance(head.value, ast.Constant):
            return False  # right after the module docstring black has its own rule
    # Nothing but blank lines between the last statement and the cut (no comment to attach).
    end = previous[-1].end_lineno or previous[-1].lineno
    return not any(line.strip() for line in _lines(texts[-1])[end:])


def _lines(text: str) -> list[str]:
    """Lines as Python counts them: only `\\n` ends one (str.splitlines also cuts at \\x0c, \\u2028...)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _first_line(node: ast.stmt) -> int:
    """0-based index of the statement's first line, decorators included."""
    decorators = getattr(node, "decorator_list", None)
    return (decorators[0].lineno if decorators else node.lineno) - 1


def _class_pieces(source: str, node: ast.ClassDef) -> tuple[str, list[str]] | None:
    """A class block as its head and its methods dedented by one level, or None if unsafe.

    Black formats a method at depth 1 with line length L exactly as the dedented method at
    depth 0 with L - 4 (its lengths count the indentation), and puts one blank line between
    methods. Only classes whose body ends in two or more methods, each with a blank line above,
    every line indented, and no multi-line string but docstrings, are cut.
    """
    members = node.body
    first = len(members)
    while first > 1 and isinstance(members[first - 1], ast.FunctionDef | ast.AsyncFunctionDef):
        first -= 1
    if len(members) - first < 2:
        return None
    lines = _lines(source)
    starts = []
    for index in range(first, len(members)):
        method, previous = members[index], members[index - 1]
        start = _first_line(method)
        end = previous.end_lineno or previous.lineno
        if start <= end or any(line.strip() for line in lines[end:start]):
            return None
        starts.append(start)
    pieces = []
    for index, (a, b) in enumerate(zip(starts, [*starts[1:], len(lines)], strict=True)):
        method = members[first + index]
        assert isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef)  # what `first` counted back over
        doc = _docstring_lines(method)
        piece = lines[a:b]
        for number, line in enumerate(piece, start=a):
            if line.strip() and not line.startswith(INDENT):
                return None
            if number not in doc and ('"""' in line or "'''" in line or line.rstrip("\n").endswith("\\")):
                return None  # a multi-line string would change if dedented
        pieces.append("".join(line[len(INDENT) :] if line.strip() else line for line in piece))
    return "".join(lines[: starts[0]]), pieces


def _docstring_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> range:
    first = node.body[0] if node.body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        return range(first.lineno - 1, first.end_lineno or first.lineno)
    return range(0)


def join_blocks(blocks: Iterable[str]) -> str:
    """Formatted blocks, each ending in one newline, separated by two blank lines."""
    return "\n\n".join(block for block in blocks if block)


def _indent(text: str) -> str:
    return "".join(INDENT + line if line.strip() else line for line in _lines(text))


def format_sources(
    sources: list[str],
    line_length: int,
    workers: int | None = None,
    busy: Callable[[], int] = lambda: 0,
    formatter: str = "black",
    skip_proven: bool = True,
) -> list[str]:
    """Format Python sources with black, reusing cached results and every core for the rest.

    `busy()` says how many cores other work of this run (the validation child) is using now:
    worker processes are only started for cores that are free, as the child and a worker
    resident at once would add their memory. FormatError names the first source that does not
    parse. `formatter="ruff"` uses ruff's formatter instead (see format_ruff). With
    `skip_proven`, blocks `stable.unchanged` proves black would leave alone are not given to
    black (callers turn it off for code they do not control, such as overlay templates).
    """
    if formatter == "ruff":
        return format_ruff(sources, line_length)
    results: list[str | None] = []
    for text in sources:
        results.append(read_entry("black", _key(text, line_length)))
    pending = [i for i, r in enumerate(results) if r is None]
    if not pending:
        return [r for r in results if r is not None]
    blocks = {i: _blocks(sources[i]) for i in pending}
    narrow = line_length - len(INDENT)
    tasks: dict[tuple[str, int], str | None] = dict.fromkeys(
        task for i in pending for task in _block_tasks(blocks[i], line_length, narrow)
    )
    for text, length in tasks:
        tasks[(text, length)] = read_entry("black", _key(text, length))
    todo = [task for task, out in tasks.items() if out is None]
    try:
        settled = _spread(todo, workers, busy, skip_proven)
    except FormatError as exc:
        bad = next((i for i in pending if any(exc.text in _texts(b) for b in blocks[i])), pending[0])
        raise FormatError(bad, exc.message) from None
    for task, (out, by_black) in zip(todo, settled, strict=True):
        tasks[task] = out
        if by_black:  # a proven block is not worth a cache entry: checking is cheaper than reading
            write_entry("black", _key(*task), out)
    done: dict[tuple[str, int], str] = {k: v for k, v in tasks.items() if v is not None}
    for i in pending:
        parts = []
        for block in blocks[i]:
            if isinstance(block, str):
                parts.append(done[(block, line_length)])
            else:
                methods = "".join("\n" + _indent(done[(piece, narrow)]) for piece in block[1])
                parts.append(done[(block[0], line_length)] + methods)
        text = join_blocks(parts)
        write_entry("black", _key(sources[i], line_length), text)
        results[i] = text
    return [r for r in results if r is not None]


def _settle(tasks: list[tuple[str, int]], skip_proven: bool) -> list[tuple[str, bool]]:
    """Each (block, line length) as black formats it, and whether black had to run for it.

    A block `stable.residue` proves is kept as it is; one whose proof leaves a few statements
    (stable.residue) is kept if black leaves each of them unchanged; black formats the rest.
    FormatError carries the block's text, for the caller to name its module."""
    out: list[tuple[str, bool]] = []
    for text, width in tasks:
        with gcpause.paused():  # tokens and lines: many objects, no cycles
            left = stable.residue(text, width) if skip_proven else None
        try:
            if left is not None and all(run_black(*statement) == statement[0] for statement in left):
                out.append((text, bool(left)))
            else:
                out.append((run_black(text, width), True))
        except FormatError as exc:
            raise FormatError(-1, exc.message, text) from None
    return out


def _blocks(source: str) -> list[Block]:
    """The module cut into the blocks black formats one by one (the whole module when it
    does not parse: black then reports the error)."""
    blocks: list[Block] = []
    try:
        with gcpause.paused():  # syntax trees: many objects, no cycles
            for text, node in _cut(source):  # one block's tree at a time
                pieces = _class_pieces(text, node) if node is not None else None
                blocks.append((_trim(pieces[0]), [_trim(p) for p in pieces[1]]) if pieces else _trim(text))
    except SyntaxError:
        return [source]
    return blocks


def black_inputs(source: str, line_length: int) -> list[tuple[str, int]]:
    """What black is given for a module, block by block: (text, line length), methods
    dedented and 4 columns narrower."""
    return list(_block_tasks(_blocks(source), line_length, line_length - len(INDENT)))


def _block_tasks(blocks: list[Block], line_length: int, narrow: int) -> Iterator[tuple[str, int]]:
    for block in blocks:
        if isinstance(block, str):
            yield block, line_length
        else:
            yield block[0], line_length
            yield from ((piece, narrow) for piece in block[1])


def _trim(text: str) -> str:
    """text without the blank lines that end it: black drops them anyway, and input black
    leaves unchanged takes it one pass instead of two (it formats changed output again)."""
    return text.rstrip("\n") + "\n" if text.endswith("\n\n") else text


def _texts(block: Block) -> list[str]:
    return [block] if isinstance(block, str) else [block[0], *block[1]]


# -- ruff --------------------------------------------------------------------------------


def ruff_version() -> str | None:
    """The installed ruff's version, or None without ruff (an optional dependency)."""
    found = tool_version("ruff")
    return None if found == "missing" else found


def format_ruff(sources: list[str], line_length: int) -> list[str]:
    """ruff's formatter (black-compatible, not byte-identical to black), offered for very
    large specs: one `ruff format` run over every uncached source, whole files cached."""
    from ruff.__main__ import find_ruff_bin

    keys = [
        digest(b"ruff", (ruff_version() or "").encode(), str(line_length).encode(), text.encode())
        for text in sources
    ]
    results = [read_entry("ruff", key) for key in keys]
    pending = [i for i, r in enumerate(results) if r is None]
    if pending:
        with tempfile.TemporaryDirectory(prefix="oagen-ruff-") as folder:
            files = {i: Path(folder) / f"m{i}.py" for i in pending}
            for i, file in files.items():
                file.write_text(sources[i], encoding="utf-8", newline="")
            command = [find_ruff_bin(), "format", "--isolated", "--line-length", str(line_length)]
            command += ["--target-version", MIN_PYTHON.lower(), *map(str, files.values())]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                errors = [line for line in done.stderr.splitlines() if line.startswith("error")]
                message = (errors or ["error: ruff format failed"])[0]
                bad = next((i for i, file in files.items() if f"{file}:" in message), pending[0])
                raise FormatError(bad, message.split(f"{files[bad]}:", 1)[-1].strip())
            for i, file in files.items():
                results[i] = file.read_text(encoding="utf-8")
                write_entry("ruff", keys[i], results[i] or "")
    return [r or "" for r in results]


def _spread(
    tasks: list[tuple[str, int]], workers: int | None, busy: Callable[[], int], skip_proven: bool
) -> list[tuple[str, bool]]:
    """`_settle` over the tasks, in this process and forked workers on the cores other work of
    the run leaves free; results in the tasks' order."""
    cpus = max(1, workers or cores.available())
    total = sum(len(text) for text, _ in tasks)
    if cpus == 1 or len(tasks) < 2 or total < PARALLEL_MIN_CHARS:
        return _settle(tasks, skip_proven)
    # Batches of similar size, biggest first: the last ones, small, even out the processes.
    order = sorted(range(len(tasks)), key=lambda i: -len(tasks[i][0]))
    target = max(total // (cpus * 8), 1)
    batches: list[list[int]] = []
    size = 0
    for i in order:
        if not batches or size >= target:
            batches.append([])
            size = 0
        batches[-1].append(i)
        size += len(tasks[i][0])
    out: list[tuple[str, bool]] = [("", False)] * len(tasks)

    def settle(batch: list[int]) -> list[tuple[str, bool] | None]:
        """_settle's results, None for a block kept as it is (not sent back by a worker)."""
        done = _settle([tasks[i] for i in batch], skip_proven)
        return [
            None if not by_black and text == tasks[i][0] else (text, by_black)
            for i, (text, by_black) in zip(batch, done, strict=True)
        ]

    def place(batch: list[int], results: list[tuple[str, bool] | None]) -> None:
        for i, result in zip(batch, results, strict=True):
            out[i] = (tasks[i][0], False) if result is None else result

    # While other work has every other core, a worker would only add memory: work here.
    while batches and cpus - 1 - busy() < 1:
        batch = batches.pop()
        place(batch, settle(batch))
    if batches:
        # Black is not imported before forking: a process imports it when a block needs it, and
        # on specs the proofs cover whole (codat) none does (measured: 11% less wall time there;
        # on jira, where both processes need it, the same wall time and ~0.07 s more CPU).
        shared = parallel.share(len(batches), lambda b: settle(batches[b]), max(1, cpus - 1 - busy()))
        for batch, results in zip(batches, shared, strict=True):
            place(batch, results)
    return out
