"""Diagnostics keep each problem once, in the order first reported."""

from __future__ import annotations

import pickle

from generator.diagnostics import Diagnostics, Problem


def test_a_problem_reported_twice_is_kept_once_in_first_order() -> None:
    diags = Diagnostics("spec.json")
    diags.warn("/a", "one")
    diags.note("/b", "two")
    diags.warn("/a", "one")
    diags.warn("/a", "one", file="other.json")  # another file: another problem
    assert [(p.file, p.pointer, p.message) for p in diags.problems] == [
        ("spec.json", "/a", "one"),
        ("spec.json", "/b", "two"),
        ("other.json", "/a", "one"),
    ]


def test_a_replaced_list_of_problems_is_what_later_reports_are_checked_against() -> None:
    diags = Diagnostics("spec.json")
    diags.warn("/a", "one")
    diags.warn("/b", "two")
    diags.problems = [Problem("warning", "spec.json", "/b", "two")]  # as `oagen update` relabels
    diags.warn("/b", "two")
    diags.warn("/a", "one")
    assert [p.pointer for p in diags.problems] == ["/b", "/a"]


def test_a_pickled_copy_still_keeps_each_problem_once() -> None:
    diags = Diagnostics("spec.json")
    diags.warn("/a", "one")
    copy = pickle.loads(pickle.dumps(diags))
    copy.warn("/a", "one")
    copy.warn("/c", "three")
    assert [p.pointer for p in copy.problems] == ["/a", "/c"] and copy == pickle.loads(pickle.dumps(copy))
