"""The self-check's compile of every module, shared with a forked worker on large clients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.render import compilecheck, parallel

GOOD = "def f(x: int) -> int:\n    return x\n" + "# padding\n" * 4000


def modules(bad: dict[int, str], count: int = 40) -> tuple[list[str], list[str]]:
    sources = [bad.get(i, GOOD) for i in range(count)]
    return sources, [f"m{i}.py" for i in range(count)]


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many workers each check shared its modules with."""
    seen: list[int] = []
    real = parallel.share

    def share(count: int, run: Callable[[int], Any], workers: int) -> list[Any]:
        seen.append(workers)
        return real(count, run, workers)

    monkeypatch.setattr(parallel, "share", share)
    return seen


@pytest.mark.parametrize(
    "bad, first",
    [
        ({}, None),
        ({6: "def f(x, x):\n    pass\n"}, 6),
        ({7: "return 1\n"}, 7),
        ({9: "x = (\n", 12: "a\x00b\n"}, 9),  # the first in order wins
        ({3: "def f(x, x):\n    pass\n", 8: "x = (\n"}, 3),
        ({39: "x = (\n", 0: "x" * 900_000 + " = (\n"}, 0),  # the biggest is taken first
    ],
)
def test_the_first_module_that_does_not_compile_whichever_process_found_it(
    bad: dict[int, str], first: int | None, workers: list[int]
) -> None:
    failure = compilecheck.first_failure(*modules(bad))
    assert workers == [1]
    assert (None if failure is None else failure[0]) == first


def test_why_names_the_line() -> None:
    failure = compilecheck.first_failure(*modules({5: "x = 1\ndef f(x, x):\n    pass\n"}))
    assert failure is not None and failure[0] == 5 and "line 2" in failure[1] and "duplicate" in failure[1]


def test_a_nul_byte_is_named_without_a_line() -> None:
    failure = compilecheck.first_failure(["a\x00b\n"], ["m.py"])
    assert failure is not None and failure[0] == 0 and "null bytes" in failure[1] and "None" not in failure[1]


def test_small_clients_compile_in_this_process(workers: list[int]) -> None:
    assert compilecheck.first_failure(["x = (\n"], ["m.py"]) == (0, " (line 1: '(' was never closed)")
    assert workers == [0]


def test_more_modules_than_the_queue_holds(monkeypatch: pytest.MonkeyPatch, workers: list[int]) -> None:
    """20,000 operations make ~10,000 modules: queued in runs (this broke once: exit 1)."""
    monkeypatch.setattr(parallel, "MAX_ENTRIES", 3)
    assert compilecheck.first_failure(*modules({17: "x = (\n", 30: "return 1\n"})) == (
        17,
        " (line 1: '(' was never closed)",
    )
    assert workers == [1]
