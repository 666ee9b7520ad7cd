"""generator/render/parallel.py: items shared with forked workers through one queue."""

from __future__ import annotations

import os
import time

import pytest

from generator.render import parallel

PARENT = os.getpid()


def _slow(index: int) -> tuple[int, int]:
    time.sleep(0.005)
    return index * index, os.getpid()


def test_results_come_in_order_from_every_process() -> None:
    results = parallel.share(60, _slow, workers=2)
    assert [value for value, _ in results] == [i * i for i in range(60)]
    pids = {pid for _, pid in results}
    assert PARENT in pids and len(pids) == 3, "this process and both workers took items"


def test_no_worker_is_needed() -> None:
    assert parallel.share(3, lambda i: -i, workers=0) == [0, -1, -2]


def test_an_exception_in_a_worker_is_raised_here() -> None:
    def run(index: int) -> int:
        if os.getpid() != PARENT:
            raise ValueError(f"item {index} failed in a worker")
        time.sleep(0.01)  # leave the worker time to take an item
        return index

    with pytest.raises(ValueError, match="failed in a worker"):
        parallel.share(20, run, workers=1)


def test_an_exception_that_does_not_pickle_arrives_as_its_text() -> None:
    class Local(Exception):  # a local class: pickle cannot find it by name
        pass

    def run(index: int) -> int:
        if os.getpid() != PARENT:
            raise Local("no pickle")
        time.sleep(0.01)
        return index

    with pytest.raises(RuntimeError, match="Local: no pickle"):
        parallel.share(20, run, workers=1)


def test_items_a_dead_worker_took_are_done_here() -> None:
    def run(index: int) -> int:
        if os.getpid() != PARENT:
            os._exit(1)  # dies with the item it took
        time.sleep(0.005)
        return index + 1

    assert parallel.share(20, run, workers=2) == list(range(1, 21))


def test_an_exception_here_ends_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    forked: list[int] = []
    fork = os.fork

    def recorded() -> int:
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded)
    started = time.monotonic()

    def run(index: int) -> int:
        if os.getpid() == PARENT:
            raise KeyError("here")
        time.sleep(10)  # a worker that would keep the run waiting
        return index

    with pytest.raises(KeyError):
        parallel.share(4, run, workers=1)
    assert time.monotonic() - started < 5, "the worker was killed, not waited for"
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)  # and reaped


def test_more_items_than_the_queue_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Queued in runs of consecutive items (20,000 operations make ~10,000 modules to compile)."""
    monkeypatch.setattr(parallel, "MAX_ENTRIES", 5)
    assert parallel.share(23, lambda i: i * 2, workers=1) == [i * 2 for i in range(23)]
    assert parallel.share(0, lambda i: i, workers=1) == []
