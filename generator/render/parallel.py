"""Stage 3 (render): work shared with forked workers, every process taking the next item from one queue.

Used for the blocks formatting settles (format.py). The items are indexes into work the workers
already hold (they are forked: nothing is pickled on the way in), written to a pipe in the order
given, biggest first; every process, this one too, reads the next index until the pipe is empty,
so all of them finish within one item (the smallest, the last) of each other. A process pool
hands each worker its next items in advance, which this process cannot take back: it waited for
them at the end of formatting (measured: 7-26 ms on codat, 50-90 ms on jira).

Results come back pickled, a message per item, through one pipe per worker, read between this
process's own items so that no worker waits long on a full pipe. An exception in a worker is
raised here; an item a worker took but did not report (it died) is done here.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import struct
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

R = TypeVar("R")

_INDEX = struct.Struct("<i")
_HEADER = struct.Struct("<iQ")  # the item's index (-1: an exception follows), the payload's length
_ERROR = -1
# All queue entries are written before anyone reads, so they must fit in a pipe's buffer (64 KB on
# Linux, 16 KB on macOS; 4 bytes each): more items than this are queued in runs of consecutive ones.
MAX_ENTRIES = 2048


def share(count: int, run: Callable[[int], R], workers: int) -> list[R]:
    """[run(0), ..., run(count - 1)], computed here and in `workers` forked processes."""
    per = -(-count // MAX_ENTRIES) if count else 1  # items per queue entry

    def entry(e: int) -> list[R]:
        return [run(i) for i in range(e * per, min(count, (e + 1) * per))]

    runs = _share(-(-count // per), entry, workers)
    return [result for results in runs for result in results]


def _share(count: int, run: Callable[[int], R], workers: int) -> list[R]:
    results: dict[int, R] = {}
    queue, feed = os.pipe()
    # Written whole before any read: each read of 4 bytes is then one whole index (a pipe's
    # reads are serialised), and an empty pipe whose write end is closed means the end.
    os.write(feed, b"".join(_INDEX.pack(i) for i in range(count)))
    os.close(feed)
    children: list[_Worker] = []
    try:
        gc.freeze()  # the workers then leave this process's pages alone
        try:
            for _ in range(workers):
                children.append(_Worker.start(queue, run, [c.read for c in children]))
        finally:
            gc.unfreeze()
        while (index := _take(queue)) is not None:
            results[index] = run(index)
            for child in children:
                child.receive(results, wait=False)
        for child in children:
            child.receive(results, wait=True)
    finally:
        os.close(queue)
        for child in children:
            child.end()
    for index in range(count):
        if index not in results:  # taken by a worker that died before reporting it
            results[index] = run(index)
    return [results[i] for i in range(count)]


def _take(queue: int) -> int | None:
    data = os.read(queue, _INDEX.size)
    return _INDEX.unpack(data)[0] if data else None


class _Worker:
    """A forked worker, and the read end of the pipe it reports on."""

    def __init__(self, pid: int, read: int) -> None:
        self.pid, self.read = pid, read
        self.buffer = b""
        self.done = False

    @classmethod
    def start(cls, queue: int, run: Callable[[int], Any], inherited: list[int]) -> _Worker:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            for fd in (read, *inherited):
                os.close(fd)
            _work(queue, run, write)
        os.close(write)
        return cls(pid, read)

    def receive(self, results: dict[int, Any], wait: bool) -> None:
        """The results it has sent (all of them, to its end, with `wait`); an exception it sent
        is raised."""
        if self.done:
            return
        os.set_blocking(self.read, wait)
        while True:
            try:
                chunk = os.read(self.read, 1 << 16)
            except BlockingIOError:
                break
            if not chunk:
                self.done = True
                break
            self.buffer += chunk
        while len(self.buffer) >= _HEADER.size:
            index, size = _HEADER.unpack_from(self.buffer)
            end = _HEADER.size + size
            if len(self.buffer) < end:
                break
            value = pickle.loads(self.buffer[_HEADER.size : end])
            self.buffer = self.buffer[end:]
            if index == _ERROR:
                raise value
            results[index] = value

    def end(self) -> None:
        """Reaped (killed first if it is still at work: the run failed meanwhile)."""
        if not self.done:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.waitpid(self.pid, 0)
        os.close(self.read)


def _work(queue: int, run: Callable[[int], Any], out: int) -> NoReturn:
    """A worker's life: items from the queue until it is empty, each result sent; then out,
    without any cleanup (the parent's buffers and exit handlers are not this process's)."""
    try:
        while (index := _take(queue)) is not None:
            try:
                payload = pickle.dumps(run(index), protocol=5)
            except BaseException as exc:  # raised in the parent instead
                _send(out, _ERROR, pickle.dumps(_portable(exc), protocol=5))
                break
            _send(out, index, payload)
    finally:
        os._exit(0)


def _send(out: int, index: int, payload: bytes) -> None:
    data = memoryview(_HEADER.pack(index, len(payload)) + payload)
    while data:
        data = data[os.write(out, data) :]


def _portable(exc: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc
