"""Shared by every stage: the project-wide content-addressed cache (validation findings, renders,
formatted blocks, compile checks, Jinja bytecode) in a user cache folder.

The folder is `$OAGEN_CACHE_DIR`, else `$XDG_CACHE_HOME/oagen`, else `~/.cache/oagen`. Keys are
digests of everything that decides an entry, so entries are never invalidated, only missed.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

CACHE_ENV = "OAGEN_CACHE_DIR"


def cache_dir() -> Path:
    """`$OAGEN_CACHE_DIR`, else `$XDG_CACHE_HOME/oagen`, else `~/.cache/oagen`."""
    return Path(_root())


def _root() -> str:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "oagen")


def digest(*parts: bytes) -> str:
    """sha256 over length-prefixed parts (so no two part lists collide)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def _entry(kind: str, key: str) -> str:
    # One folder per kind, not sharded by the key's first digits: a cold run would create a
    # folder for most of its entries, which on ext4 doubles the cost of writing them. A str,
    # not a Path: a cold run looks up ~1,000 entries that are not there, and pathlib's work on
    # each cost more than the failed open (~10 ms against ~1.5 ms on codat).
    return os.path.join(_root(), kind, key)


# Entries handed to the background writer and not yet on disk (see deferred_writes).
_pending: dict[str, bytes] = {}
_writer: ThreadPoolExecutor | None = None


@contextlib.contextmanager
def deferred_writes() -> Iterator[None]:
    """Within this block entries are written by a background thread, finished when it ends.

    A cold run writes a few hundred small entries, which costs more waiting on the file
    system than CPU; the run goes on meanwhile. No process may be forked inside the block
    (a fork would copy a thread it cannot run): the pipeline opens it after starting the
    validation child and closes it before black's workers are forked."""
    global _writer
    if _writer is not None:  # already deferring: the outer block finishes the writes
        yield
        return
    _writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="oagen-cache")
    try:
        yield
    finally:
        writer, _writer = _writer, None
        writer.shutdown(wait=True)


def read_entry(kind: str, key: str) -> str | None:
    """The cached text for key, or None (missing or unreadable entries are misses)."""
    data = read_bytes(kind, key)
    try:
        return None if data is None else data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def write_entry(kind: str, key: str, text: str) -> None:
    """Store text atomically; a cache that cannot be written is silently skipped."""
    write_bytes(kind, key, text.encode("utf-8"))


def read_bytes(kind: str, key: str) -> bytes | None:
    path = _entry(kind, key)
    waiting = _pending.get(path)
    if waiting is not None:
        return waiting
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def write_bytes(kind: str, key: str, data: bytes) -> None:
    path = _entry(kind, key)
    writer = _writer
    if writer is None:
        _write(path, data)
        return
    _pending[path] = data
    writer.submit(_write, path, data, True)


# Folders this process has made; numbers for temporary files (with the pid: unique among writers).
_folders: set[str] = set()
_numbers = itertools.count()


def _write(path: str, data: bytes, queued: bool = False) -> None:
    """Write a temporary file beside path, then rename it: a reader sees all or nothing.

    Cheaper than tempfile.mkstemp and a `mkdir` per entry, which took 0.4-1.2 ms an entry
    on ext4 against ~0.2 ms (a cold run writes a few hundred)."""
    folder = os.path.dirname(path)
    try:
        if folder not in _folders:
            os.makedirs(folder, exist_ok=True)
            _folders.add(folder)
        tmp = os.path.join(folder, f".tmp-{os.getpid()}-{next(_numbers)}")
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        _folders.discard(folder)  # removed meanwhile, perhaps: made again next time
    finally:
        if queued and _pending.get(path) is data:
            del _pending[path]


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
