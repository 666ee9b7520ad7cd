"""Shared by `check` and `generate`: a remembered "up to date", so a `check` with nothing changed answers
from file metadata, the way `git status` and `make` do, without hashing or importing the CLI.

After a run has proven a check's targets current (every input and output hashed against the
manifest), it stores the `os.stat` of every file and folder that proof read: the config, the
generator's own modules, the folders tools are found in, the templates, the spec and what its `$ref`s
reach, the manifest, the output folder and every generated file. The next `check` with the same
arguments, from the same folder and interpreter, compares those stats again and answers "up to date"
only if each one is identical (size, times to the nanosecond, inode); any difference, and any
argument or flag it does not know, sends it down the full path.

Racy files (git's term): a file written twice within one tick of the filesystem's clock keeps its
stat, so the proof reads no file until the newest recorded time is at least `WINDOW_NS` old
(`settle`); filesystems with whole-second times are not trusted at all.

This module runs before anything else on every `oagen` command: it imports only built-in modules.
"""

from __future__ import annotations

import marshal
import os
import sys
import time
import zlib

FORMAT = 1
# Longer than a kernel clock tick (1-10 ms), so two writes in one tick are both seen by the proof.
WINDOW_NS = 20_000_000
# Flags that only choose targets or how much is printed; any other flag (`--full`, `--diff`,
# `--report`, `--strict`, `--help`, an abbreviation) needs the full path.
_WITH_VALUE = frozenset(
    {
        "--spec",
        "--output",
        "--package",
        "--templates",
        "--line-length",
        "--formatter",
        "--config",
        "--target",
        "--allow-ref-dir",
    }
)
_SWITCHES = frozenset({"-q", "--quiet", "-v", "--verbose"})
# Flags of `generate` a check of the same targets does without (none takes a value but --report).
_GENERATE_ONLY = frozenset({"--force", "--fail-on-change", "--verify-format", "--strict"})

Stat = tuple[int, int, int, int, int, int] | None


def key(argv: list[str]) -> tuple[object, ...] | None:
    """What a remembered answer is for: the check's arguments, the folder they are relative to, and
    the import path (the environment: tool versions are found along it); None when the arguments
    ask for more than "is it current"."""
    if not argv or argv[0] != "check":
        return None
    expect_value = False
    for token in argv[1:]:
        if expect_value:
            expect_value = False
        elif token in _WITH_VALUE:
            expect_value = True
        elif token not in _SWITCHES and not (
            token.startswith("--") and token.partition("=")[0] in _WITH_VALUE
        ):
            return None
    if expect_value:
        return None
    return (FORMAT, os.getcwd(), tuple(sys.path), tuple(argv[1:]))


def check_argv(generate_argv: list[str]) -> list[str] | None:
    """The `check` arguments that name the targets a `generate` with `generate_argv` wrote."""
    if not generate_argv or generate_argv[0] != "generate":
        return None
    tokens, rest = ["check"], iter(generate_argv[1:])
    for token in rest:
        if token == "--report":
            next(rest, None)
        elif token in _GENERATE_ONLY or token.startswith("--report="):
            continue
        else:
            tokens.append(token)
    return tokens


def stat(path: str) -> Stat:
    try:
        s = os.stat(path)
    except OSError:
        return None
    return (s.st_mode, s.st_dev, s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns)


def snapshot(paths: list[str]) -> dict[str, Stat]:
    return {path: stat(path) for path in paths}


def settle(stats: dict[str, Stat]) -> bool:
    """Wait until every recorded file is older than one clock tick (see the module's docstring);
    False when the stats cannot be trusted (whole-second file times, times in the future)."""
    # Only modification times: a write changes them; a rename or chmod changes no content.
    times = [s[4] for s in stats.values() if s is not None]
    if not times:
        return True
    if all(t % 1_000_000_000 == 0 for t in times):
        return False
    wait = max(times) + WINDOW_NS - time.time_ns()
    if wait > WINDOW_NS:  # a time in the future (a skewed clock, `touch -d`): waiting would not help
        return False
    if wait > 0:
        time.sleep(wait / 1e9)
    return True


def _memo_path(memo_key: tuple[object, ...]) -> str:
    explicit = os.environ.get("OAGEN_CACHE_DIR")
    if explicit:
        root = explicit
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(base, "oagen")
    name = format(zlib.crc32(repr(memo_key).encode("utf-8", "surrogateescape")), "08x")
    return os.path.join(root, "check-memo", name)


def store(memo_key: tuple[object, ...], stats: dict[str, Stat], text: str) -> None:
    """Remember that the check `memo_key` is current while `stats` hold, printing `text`."""
    path = _memo_path(memo_key)
    data = marshal.dumps({"key": memo_key, "stats": stats, "text": text})
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        staging = f"{path}.{os.getpid()}.tmp"
        with open(staging, "wb") as f:
            f.write(data)
        os.replace(staging, path)
    except OSError:
        pass  # a cache: an unwritable one only costs speed


def forget(memo_key: tuple[object, ...]) -> None:
    try:
        os.unlink(_memo_path(memo_key))
    except OSError:
        pass


def answer(argv: list[str]) -> int | None:
    """0 after printing the remembered text if the check `argv` is remembered current and nothing it
    read has changed since; None otherwise (the full check decides)."""
    memo_key = key(argv)
    if memo_key is None:
        return None
    try:
        with open(_memo_path(memo_key), "rb") as f:
            data = marshal.loads(f.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("key") != memo_key:
        return None
    stats, text = data.get("stats"), data.get("text")
    if not isinstance(stats, dict) or not isinstance(text, str):
        return None
    for path, recorded in stats.items():
        if not isinstance(path, str) or stat(path) != recorded:
            return None
    sys.stderr.write(text)
    return 0
