"""The self-check's compile of every module, split with a forked child on large clients."""

from __future__ import annotations

import pytest

from generator.render import compilecheck

GOOD = "def f(x: int) -> int:\n    return x\n" + "# padding\n" * 4000


def modules(bad: dict[int, str], count: int = 40) -> tuple[list[str], list[str]]:
    sources = [bad.get(i, GOOD) for i in range(count)]
    return sources, [f"m{i}.py" for i in range(count)]


def test_large_enough_to_fork() -> None:
    sources, _ = modules({})
    assert sum(map(len, sources)) >= compilecheck._PARALLEL_BYTES


@pytest.mark.parametrize(
    "bad, first",
    [
        ({}, None),
        ({6: "def f(x, x):\n    pass\n"}, 6),
        ({7: "return 1\n"}, 7),
        ({9: "x = (\n", 12: "a\x00b\n"}, 9),  # the first in order wins
        ({3: "def f(x, x):\n    pass\n", 8: "x = (\n"}, 3),
    ],
)
def test_the_first_module_that_does_not_compile_whichever_process_found_it(
    bad: dict[int, str], first: int | None
) -> None:
    check = compilecheck.Check(*modules(bad))
    assert check.child is not None
    failure = check.result()
    assert (None if failure is None else failure[0]) == first


def test_failures_in_both_halves_give_the_first_in_order() -> None:
    """One failure in each process's half, whichever half holds the smaller index."""
    sources, _ = modules({})
    mine, theirs = compilecheck._halves(sources)
    for low, high in ((min(mine), max(theirs)), (min(theirs), max(mine))):
        check = compilecheck.Check(*modules({low: "return 1\n", high: "x = (\n"}))
        assert check.child is not None and check.result() == (low, " (line 1: 'return' outside function)")


def test_the_halves_are_of_about_equal_size() -> None:
    """A module a third of the client (codat's models.py) on one side, the rest spread so that
    neither process waits long for the other."""
    sizes = [350_000, 60_000, 46_000, 40_000, 39_000, *([30_000] * 8), *([5_000] * 20), 300]
    sources = ["x" * n for n in sizes]
    mine, theirs = compilecheck._halves(sources)
    assert sorted(mine + theirs) == list(range(len(sources)))
    assert mine == sorted(mine) and theirs == sorted(theirs)
    total = [sum(sizes[i] for i in half) for half in (mine, theirs)]
    assert abs(total[0] - total[1]) <= 5_000  # within the smallest module's size but one


def test_why_names_the_line() -> None:
    failure = compilecheck.Check(*modules({5: "x = 1\ndef f(x, x):\n    pass\n"})).result()
    assert failure is not None and failure[0] == 5 and "line 2" in failure[1] and "duplicate" in failure[1]


def test_a_child_that_sends_no_answer_has_its_half_checked_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compilecheck.json, "dumps", lambda value: "not json")  # the child's answer
    assert compilecheck.Check(*modules({11: "return 1\n"})).result() == (
        11,
        " (line 1: 'return' outside function)",
    )


def test_small_clients_compile_in_this_process() -> None:
    check = compilecheck.Check(["x = (\n"], ["m.py"])
    assert check.child is None and check.result() == (0, " (line 1: '(' was never closed)")
