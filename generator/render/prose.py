"""Stage 3 (render): wrapping docstring prose, exactly as `textwrap.wrap` does, without its cost in
the common case.

A large client wraps thousands of descriptions (jira: ~2,900); textwrap splits each with a regular
expression and then fits chunks, ~20% of rendering. For text already normalised to single spaces
with no word longer than a line, its result is plain greedy filling by words, done here: textwrap's
chunks differ from words only at hyphens, and that matters only where a line breaks, so a line
that would break before a hyphenated word, and any other text, goes to textwrap
(tests/test_prose.py compares the two).
"""

from __future__ import annotations

import textwrap


def wrap(text: str, width: int, first: str = "", rest: str = "", hyphens: bool = True) -> list[str]:
    """`textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest,
    break_on_hyphens=hyphens)`."""
    words = text.split(" ")
    narrowest = width - max(len(first), len(rest))
    if not text or " ".join(text.split()) != text or max(map(len, words)) > narrowest:
        return _textwrap(text, width, first, rest, hyphens)
    lines: list[str] = []
    line: list[str] = []
    indent, room, size = first, width - len(first), 0
    for word in words:
        if line and size + 1 + len(word) > room:
            if hyphens and "-" in word:  # textwrap may end the line inside it
                return _textwrap(text, width, first, rest, hyphens)
            lines.append(indent + " ".join(line))
            indent, room, line, size = rest, width - len(rest), [], 0
        size += len(word) + (1 if line else 0)
        line.append(word)
    lines.append(indent + " ".join(line))
    return lines


def _textwrap(text: str, width: int, first: str, rest: str, hyphens: bool) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=hyphens)
