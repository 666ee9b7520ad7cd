"""Docstring prose wraps exactly as textwrap wraps it (render/prose.py only does it faster)."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.render import prose

# Words with what changes textwrap's splitting: hyphens, em-dashes, non-ASCII spaces, long words.
WORD = st.text(alphabet="abcXYZ.,:`()é-\u00a0", min_size=1, max_size=14) | st.sampled_from(
    [
        "supercalifragilisticexpialidocious" * 3,
        "a--b",
        "--",
        "x-",
        "-y",
        "re-use",
        "well-known",
        "read-only-mode",
        "long--dash",
        "e-mail",
    ]
)
SPACE = st.sampled_from([" ", " ", " ", "  ", "\t", " \n "])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, max_size=40))
    out = ""
    for word in words:
        out += (draw(SPACE) if out else "") + word
    return out


@settings(max_examples=1000)
@given(
    texts(),
    st.integers(min_value=12, max_value=100),
    st.sampled_from(["", "    "]),
    st.sampled_from(["", "    ", "        "]),
    st.booleans(),
)
@example(
    "Returns the issue, with its fields and the transitions it can take next.", 30, "    ", "        ", True
)
@example("Sets the issue to read-only mode.", 24, "", "", True)  # textwrap ends a line at "read-"
def test_same_lines_as_textwrap(text: str, width: int, first: str, rest: str, hyphens: bool) -> None:
    expected = textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=hyphens
    )
    assert prose.wrap(text, width, first, rest, hyphens) == expected


def test_plain_prose_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textwrap, "wrap", lambda *args, **kwargs: ["textwrap"])
    lines = prose.wrap("one two three four five six seven", 12, "  ", "    ")
    assert lines == ["  one two", "    three", "    four", "    five six", "    seven"]
    assert prose.wrap("a well-known word", 40) == ["a well-known word"]  # no break near the hyphen
    assert prose.wrap("a well-known word", 8) == ["textwrap"]  # a break before it: textwrap decides
