"""Templates lay out long lines the way black does, so black has nothing to change (it then
formats each block once instead of twice); black's output must stay what it was."""

from __future__ import annotations

import keyword

import black
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load import document as load
from generator.model import build as model
from generator.render import format as formatcache
from generator.render import layout
from generator.render import package as render
from generator.render.pycode import docstring, string
from tests.conftest import ROOT

WIDTH = 100
names = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ_", min_size=1, max_size=45)
    .map(lambda s: "n" + s)
    .filter(lambda s: not keyword.iskeyword(s))  # `not`, `nonlocal`: no identifier, no Python
)
lists = st.lists(names, min_size=1, max_size=12)


def black_fixed(code: str) -> bool:
    return black.format_str(code, mode=formatcache._mode(WIDTH)) == code


def in_class(laid_out: str) -> str:
    """A statement laid out at column 4 (its later lines carry their own indentation)."""
    return "class C:\n    " + laid_out + "\n"


@settings(max_examples=60, deadline=None)
@given(lists, names)
def test_signatures_and_sets_are_laid_out_as_black_does(params: list[str], returns: str) -> None:
    args = tuple(f"{p}: int" for p in params)
    signature = layout.lay(layout.Brackets("def f(", ("cls", *args), f") -> {returns}:"), 4, WIDTH)
    assert black_fixed(in_class(signature + "\n        pass"))
    members = layout.Brackets("{", tuple(map(string, params)), "}")
    known = layout.Brackets("_KNOWN: ClassVar[frozenset[str]] = frozenset(", (members,), ")")
    assert black_fixed(in_class(layout.lay(known, 4, WIDTH)))


@settings(max_examples=60, deadline=None)
@given(lists, st.integers(min_value=0, max_value=3))
def test_imports_and_operator_chains_are_laid_out_as_black_does(parts: list[str], depth: int) -> None:
    names_ = sorted(set(parts))
    line = layout.Brackets("from m import (", tuple(names_), ")", f"from m import {', '.join(names_)}", True)
    assert black_fixed(layout.lay(line, 0, WIDTH) + "\n")
    chain = layout.Chain(string("/" + parts[0]), tuple(("+", f"path_param({p})") for p in parts[1:]))
    outer = "".join("    " * i + "def g():\n" for i in range(depth)) + "    " * depth
    pad = "    " * (depth + 1)
    argument = layout.lay(layout.with_suffix(chain, ","), len(pad), WIDTH)
    assert black_fixed(f"{outer}f(\n{pad}{argument}\n{'    ' * depth})\n")


@settings(max_examples=60, deadline=None)
@given(names, names, names)
def test_conditional_keyword_arguments_are_laid_out_as_black_does(name: str, key: str, model_: str) -> None:
    value = layout.Chain(
        "None",
        (
            ("if", f'(v := data.get("{key}")) is None'),
            ("else", layout.Brackets(f"{model_}.from_dict(", ("v", "p"), ")")),
        ),
    )
    node = layout.Brackets(f"{name}=(", (value,), "),", f"{name}={layout.flat(value)},", optional=True)
    body = layout.lay(node, 8, WIDTH)
    assert black_fixed(f"def f():\n    return cls(\n        {body}\n    )\n")


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=40))
def test_strings_are_quoted_as_black_quotes_them(text: str) -> None:
    code = f"x = {string(text)}\n"
    assert eval(string(text)) == text  # noqa: S307 - our own literal
    assert black_fixed(code) or ("'" in text and '"' in text)


def test_docstrings_are_indented_as_black_indents_them() -> None:
    body = docstring("Summary.\n\n  * one\n    * nested\n  * two", 4)
    assert black_fixed(f'def f():\n    """{body}"""\n')


def test_black_changes_little_of_what_the_templates_render() -> None:
    """The templates' output for the Migma spec is nearly all black-stable already."""
    loaded = load.load(ROOT / "specs" / "openapi.json")
    api = model.build(loaded.skeleton, loaded.diagnostics, "migma_client")
    stable = total = 0
    for f in render.render(api, render.environment()):
        if not f.path.endswith(".py"):
            continue
        for text, node in formatcache._split(f.content):
            pieces = formatcache._class_pieces(text, node) if node is not None else None
            tasks = (
                [(text, WIDTH)]
                if pieces is None
                else [(pieces[0], WIDTH)] + [(p, WIDTH - 4) for p in pieces[1]]
            )
            for piece, width in tasks:
                piece = formatcache._trim(piece)
                total += len(piece)
                stable += len(piece) if formatcache.run_black(piece, width) == piece else 0
    assert stable / total > 0.95, (
        f"only {stable / total:.0%} of the rendered code is already in black's layout"
    )


@pytest.mark.slow
def test_layout_never_changes_what_black_makes_of_it() -> None:
    """Rendered for line length 80 (laid out) and for a width so large nothing is laid out,
    the Migma client formats to the same bytes at 80."""
    loaded = load.load(ROOT / "specs" / "openapi.json")
    api = model.build(loaded.skeleton, loaded.diagnostics, "migma_client")
    laid_out = render.render(api, render.environment(None, 80))
    wide = render.environment(None, 10_000)
    wide.globals["doc_width"] = render.environment(None, 80).globals["doc_width"]  # prose is content
    unlaid = render.render(api, wide)
    assert laid_out != unlaid
    assert render.format_python(laid_out, 80) == render.format_python(unlaid, 80)
