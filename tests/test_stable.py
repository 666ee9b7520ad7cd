"""The formatter gives black only blocks it cannot prove black would leave as they are
(`generator/render/stable.py`); every block it skips must be one black leaves unchanged.

Checked on the Migma client at two line lengths, on hypothesis-generated specs with hostile
names and descriptions, on random edits of skipped blocks, and on hand-written near misses.
`tests/test_corpus.py` runs `black --check` over every corpus client as generated (skipping on).
"""

from __future__ import annotations

import ast
import functools
import keyword
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator import cli
from generator.diagnostics import Diagnostics, SpecError
from generator.load import document as load
from generator.load import skeleton
from generator.model import build as model
from generator.render import format as formatcache
from generator.render import package as render
from generator.render import stable
from tests.conftest import ROOT
from tests.test_properties import ROOTS


def black_inputs(files: list[render.RenderedFile], width: int) -> list[tuple[str, int]]:
    """The blocks of every rendered module but the runtime's (copied, already formatted)."""
    modules = [f.content for f in files if f.path.endswith(".py") and not f.verbatim]
    return [task for content in modules for task in formatcache.black_inputs(content, width)]


def skipped(text: str, width: int) -> bool:
    """Whether the formatter skips black for the block: `residue` proves it, with black run
    on the statements it leaves (as `format_sources` runs it)."""
    left = stable.residue(text, width)
    return left is not None and all(formatcache.run_black(s, w) == s for s, w in left)


def assert_skips_only_what_black_keeps(tasks: list[tuple[str, int]]) -> tuple[int, int]:
    """Run black over every block; fail if one it changes is skipped. Returns the characters
    skipped and those black leaves unchanged."""
    kept = skipped_chars = 0
    for text, width in tasks:
        unchanged = formatcache.run_black(text, width) == text
        kept += len(text) if unchanged else 0
        if skipped(text, width):
            assert unchanged, f"black changes a skipped block:\n{text}"
            skipped_chars += len(text)
    return skipped_chars, kept


@functools.cache
def migma_tasks(width: int) -> list[tuple[str, int]]:
    loaded = load.load(ROOT / "specs" / "openapi.json")
    api = model.build(loaded.skeleton, loaded.diagnostics, "migma_client")
    return black_inputs(render.render(api, render.environment(None, width)), width)


@pytest.mark.parametrize("width", [100, 60])
def test_every_block_skipped_in_the_migma_client_is_one_black_leaves_unchanged(width: int) -> None:
    skipped_chars, kept = assert_skips_only_what_black_keeps(migma_tasks(width))
    share = skipped_chars / kept
    assert share > 0.5, f"only {share:.0%} of what black keeps is skipped: the check has become vacuous"


def test_black_finds_nothing_to_change_in_the_golden_clients() -> None:
    folders = [ROOT / "generated" / "migma_client", ROOT / "tests" / "golden" / "adversarial"]
    check = [sys.executable, "-m", "black", "--check", "-q", "--line-length", "100", *map(str, folders)]
    done = subprocess.run(check, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# -- constructs the templates lay out as black does ------------------------------------

WRAPPED = "A description long enough to wrap onto a second line of the docstring, " * 3


def test_templates_write_long_docstrings_and_client_imports_in_blacks_layout() -> None:
    """Black must have nothing to change (and, for the classes, nothing to check): a wrapped
    enum or deprecated model description followed by more text, and a tag whose client
    import does not fit on one line."""
    from tests.specbuilder import Spec, built

    tag = "A tag with a name long enough that its resource classes do not fit one import line"
    spec = (
        Spec()
        .schema("Colour", {"type": "string", "enum": ["red", "blue"], "description": WRAPPED})
        .schema("Old", {"deprecated": True, "description": WRAPPED, "properties": {"a": {}}})
        .get("/things", "listThings", tags=[tag])
    )
    api = built(spec)
    files = {f.path: f.content for f in render.render(api, render.environment(None, 100))}
    blocks = dict.fromkeys(formatcache.split_blocks(files["t_client/models.py"]))
    for name in ("class Colour(", "class Old("):
        block = next(b for b in blocks if b.startswith(name)).rstrip("\n") + "\n"
        assert "\n\n\n" not in block and "\n    \n" not in block, block
        assert skipped(block, 100), block
    head = formatcache.split_blocks(files["t_client/_client.py"])[0].rstrip("\n") + "\n"
    assert "    from .resources." in head and "import (\n" in head
    assert formatcache.run_black(head, 100) == head


# -- generated specs -------------------------------------------------------------------

# Descriptions and names with quotes, backslashes, wide and combining characters, long words.
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(list("\"'\\ {}`#\n中ё́")),
    max_size=150,
)
NAMES = st.text("abcdefghijklmnopqrstuvwxyzABCXYZ_-. 0123456789中", min_size=1, max_size=50)
PARAM_SCHEMAS = st.sampled_from(
    [
        {"type": "string"},
        {"type": "integer", "default": 20},
        {"type": "array", "items": {"type": "string"}},
        {"type": "string", "format": "date-time"},
    ]
) | st.lists(NAMES, min_size=1, max_size=8, unique=True).map(lambda v: {"type": "string", "enum": v})


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for n in range(draw(st.integers(1, 3))):
        params = draw(st.lists(st.tuples(NAMES, PARAM_SCHEMAS, TEXT), max_size=6, unique_by=lambda p: p[0]))
        path = f"/r{n}/{{pid}}"
        operation: dict[str, Any] = {
            "operationId": draw(NAMES) + str(n),
            "summary": draw(TEXT),
            "description": draw(TEXT),
            "tags": [draw(NAMES)],
            "parameters": [{"name": "pid", "in": "path", "required": True, "schema": {"type": "string"}}]
            + [
                {"name": name, "in": "query", "schema": schema, "description": text}
                for name, schema, text in params
                if name != "pid"
            ],
            "responses": {
                "200": {
                    "description": draw(TEXT),
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Root"}}},
                }
            },
        }
        if draw(st.booleans()):
            operation["requestBody"] = {
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Root"}}}
            }
        paths[path] = {draw(st.sampled_from(["get", "post", "put"])): operation}
    root = {**draw(ROOTS), "description": draw(TEXT)}
    return {
        "openapi": "3.1.0",
        "info": {"title": draw(NAMES), "version": "1", "description": draw(TEXT)},
        "servers": [{"url": "https://p.test"}],
        "paths": paths,
        "components": {"schemas": {"Root": root}},
    }


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(document=documents(), width=st.sampled_from([100, 79, 60]))
def test_every_block_skipped_for_a_generated_spec_is_one_black_leaves_unchanged(
    document: dict[str, Any], width: int
) -> None:
    try:
        api = model.build(skeleton.read(document, "gen.json"), Diagnostics("gen.json"), "gen_client")
    except SpecError:
        assume(False)  # a document the model refuses is not this test's concern
    files = render.render(api, render.environment(None, width))
    assert_skips_only_what_black_keeps(black_inputs(files, width))


# -- edits of skipped blocks -----------------------------------------------------------

EDITS = [" ", "", "\n", ",", "'", '"', "    ", "\n\n", "(", ")", "x" * 40, "\\", "#", "**", ":", "="]


@functools.cache
def skipped_blocks() -> list[tuple[str, int]]:
    return [(text, width) for text, width in migma_tasks(100) if skipped(text, width)]


# Most random edits break the syntax and are filtered out (assume): by design, not a slow strategy.
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_an_edited_block_is_skipped_only_if_black_leaves_it_unchanged(data: st.DataObject) -> None:
    text, width = data.draw(st.sampled_from(skipped_blocks()))
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text) - 1))
        cut = data.draw(st.integers(0, 2))
        text = text[:at] + data.draw(st.sampled_from(EDITS)) + text[at + cut :]
    assert_kept_if_skipped(text, width)


def assert_kept_if_skipped(text: str, width: int) -> None:
    """Python the formatter would not give black must be Python black leaves unchanged (text
    that does not parse is no example)."""
    try:
        ast.parse(text)
    except SyntaxError:
        assume(False)
    if skipped(text, width):
        assert formatcache.run_black(text, width) == text


# -- module heads ----------------------------------------------------------------------

IDENT = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=30).filter(
    lambda name: not keyword.iskeyword(name)
)


@st.composite
def module_heads(draw: st.DrawFn) -> str:
    """Module heads in and near black's layout: imports around the line length, exploded or
    not, with or without magic commas, an `if TYPE_CHECKING:` block, blank lines 0-2."""

    def line(indent: str) -> str:
        module = draw(st.sampled_from([".", "..", "", ".a."])) + draw(IDENT)
        names = draw(st.lists(IDENT, min_size=1, max_size=8))
        if draw(st.booleans()):
            return f"{indent}from {module} import {', '.join(names)}\n"
        items = "".join(f"{indent}    {n},\n" for n in names)
        if draw(st.booleans()):  # no magic comma on the last name
            items = items[:-2] + "\n"
        return f"{indent}from {module} import (\n{items}{indent})\n"

    def blanks() -> str:
        return "\n" * draw(st.sampled_from([0, 1, 1, 2]))

    out = '"""Doc."""\n' + blanks()
    for _ in range(draw(st.integers(1, 4))):
        out += line("") + blanks()
    if draw(st.booleans()):
        body = "".join(blanks() + line("    ") for _ in range(draw(st.integers(1, 3))))
        out += "if TYPE_CHECKING:\n" + body + blanks()
    if draw(st.booleans()):
        out += "X = 1\n" + blanks()
        # An attribute's docstring: a plain string statement to black, kept in the quotes
        # black keeps, on the line below or after blank lines.
        out += draw(st.sampled_from(['"""Doc of X."""', "'Doc.'", '"""Doc\n\nmore."""', "'''Doc.'''", '""']))
        out += "\n"
    return out.rstrip("\n") + "\n"


@settings(max_examples=400, deadline=None)
@given(head=module_heads(), width=st.sampled_from([100, 60, 40]))
def test_a_module_head_is_skipped_only_if_black_leaves_it_unchanged(head: str, width: int) -> None:
    assert_kept_if_skipped(head, width)


@st.composite
def classes_with_statements(draw: st.DrawFn) -> str:
    """A class (or def) block and the top-level statements the templates put after one: unions'
    aliases around the line length, their docstrings, other assignments; blank lines 0-3."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    names = st.text(letters, min_size=1, max_size=45).filter(lambda name: not keyword.iskeyword(name))
    out = draw(
        st.sampled_from(
            [
                'class A(ApiModel):\n    """Doc."""\n\n    x: int\n',
                'class A(str, Enum):\n    X = "x"\n',
                "def f(x):\n    return x\n",
            ]
        )
    )
    for n in range(draw(st.integers(1, 4))):
        out += "\n" * draw(st.sampled_from([2, 2, 2, 0, 1, 3] if n == 0 else [0, 2, 2, 1, 3]))
        members = [draw(names) for _ in range(draw(st.integers(1, 4)))]
        if draw(st.booleans()):
            value = " | ".join(members)
        else:
            value = "Union[" + ", ".join(f'"{m}"' if draw(st.booleans()) else m for m in members) + "]"
        out += f"{draw(names)}: TypeAlias = {value}\n"
        if draw(st.booleans()):
            out += (
                "\n" * draw(st.sampled_from([0, 0, 1]))
                + draw(st.sampled_from(['"""One of: A, B."""', "'Doc.'", '"""' + "word " * 30 + '"""']))
                + "\n"
            )
    return out


@settings(max_examples=400, deadline=None)
@given(text=classes_with_statements(), width=st.sampled_from([100, 60, 40]))
def test_statements_after_a_class_are_skipped_only_if_black_keeps_them(text: str, width: int) -> None:
    assert_kept_if_skipped(text, width)


# -- near misses -----------------------------------------------------------------------

LONG = 'Annotated[list[NotificationSchemeEventDetailsWithAVeryLongName] | None, Wire("xyzxyzxyzxyz")]'
# A method's signature with a parameter `status: {}`, as black gives it to black (body `pass`).
SIGNATURE = "def f(\n    self,\n    *,\n    status: {},\n    other: int = 1,\n) -> None:\n    pass\n"
UNION = 'GetEmailLogsStatusWithALongName | Literal["delivered", "opened", "clicked"] | None'
LONG_UNION = UNION.replace('"clicked"', '"clicked", "bounced", "complained"')
SPLIT_UNION = LONG_UNION.replace(" | ", "\n        | ")
TWO_LINES = UNION.replace('"clicked"', '"clicked", "bounced"').replace(" | None", "\n        | Unset | None")
KEPT = [
    'def f(\n    self,\n    *,\n    a: int = 1,\n) -> X:\n    """Doc."""\n    return self.c.request(\n'
    '        Request(\n            "GET",\n            "/a/"\n            + path_param(a, "a")\n'
    '            + "/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",\n'
    '            auth=("basic",),\n        ),\n        X.from_dict,\n    )\n',
    'class A(ApiModel):\n    """Doc."""\n\n    a: int | None = None\n    """The a."""\n',
    "def g(self) -> B:\n    from .m import B\n\n    return B(self)\n",
    "def h(x):\n    y = X(\n        a=x,\n    ).to_dict()\n    return [\n        y,\n    ]\n",
    # A module's first block: docstring, imports, a TYPE_CHECKING block, statements.
    '"""Doc."""\n\nfrom __future__ import annotations\n\nimport x\n'
    "from ..a import (\n    B,\n    C as D,\n)\n"
    'from . import e\n\nif TYPE_CHECKING:\n    from .f import G, H\n\n__all__ = [\n    "B",\n]\n',
    "from .a import (\n    B,\n)\n",
    '"""Doc."""\n\nfrom .a import B\n\nC = B\n"""The C."""\n',  # an attribute's docstring
    # An annotated assignment split at its value's bracket (the split models' name index).
    '"""Doc."""\n\nimport x\n\n_MODULES: dict[str, str] = {\n    "Animal": "animal",\n    "Cat": "pet",\n}\n'
    '"""The module defining each name."""\n',
    # A module's first block that ends in its `if TYPE_CHECKING:` block (the next block a class).
    '"""Doc."""\n\nfrom __future__ import annotations\n\nif TYPE_CHECKING:\n    from .a import B\n'
    "    from .c import D\n",
    # Top-level statements after a class: a union's alias and its docstring, another alias.
    'class A(ApiModel):\n    """Doc."""\n\n    x: int\n\n\nB: TypeAlias = Union[str, "A"]\n'
    '"""One of: str, A."""\n\n\nC: TypeAlias = A | str\nD = C\n',
    # A call statement split at its last bracket, behind `super()`.
    "def f(self):\n    super().__init__(\n        a,\n        b=1,\n    )\n",
    # A call's arguments on a line of their own (too long with the call, no magic comma).
    "def f(self):\n    return self._client.request(\n        Request(\n"
    "            json=CreateSegmentRequest(\n"
    "                name=name, project_id=project_id, description=description, filters=filters\n"
    "            ).to_dict(),\n            x=1,\n        ),\n    )\n",
    "def f(self):\n    result = make(\n        "
    + ", ".join(f"argument_{n}=value_{n}" for n in range(4))
    + ", x=1\n    )\n",
    # A one-tuple black must split: its item holds a magic comma, or does not fit with it.
    "def f(self):\n    return g(\n        schemes=(\n            Scheme(\n                a=1,\n"
    "            ),\n        ),\n    )\n",
    "def f(self):\n    return g(\n        schemes=(\n            Scheme("
    + "a" * 75
    + "),\n        ),\n    )\n",
    # A call's one argument split further (a magic comma inside), unpacked into a list.
    "def f(self):\n    return g(\n        files=[\n            *fields(\n                {\n"
    '                    "a": a,\n                }\n            ),\n            other,\n        ],\n    )\n',
    # A tuple of two exploded by its magic comma; a subscripted callee.
    "def f(self):\n    return g(\n        schemes=(\n            a,\n            b,\n        ),\n"
    "        ByStatus[Model | None](\n"
    '            {"200": Model.from_dict, "204": None, "206": Decode[Model](), "207": Decode[Any]()}\n'
    "        ),\n    )\n",
    # A docstring with a backslash-newline: black leaves it as it is, even unindented.
    'def f(self):\n    """Doc \\\nnot   reindented.\n   """\n    return 1\n',
    # A class line too long for the line length.
    "class " + "A" * 95 + "(\n    ApiModel\n):\n    x: int\n",
    "class " + "A" * 90 + "(\n    str, Enum\n):\n    X = 1\n",
    # A parameter black splits at the parentheses it puts around a long `|` union.
    SIGNATURE.format("(\n        " + UNION + "\n    ) = None"),
    SIGNATURE.format("(\n        " + SPLIT_UNION + "\n    ) = None"),
    SIGNATURE.format("(\n        " + SPLIT_UNION + "\n    )"),
]
CHANGED = [
    "def f(\n    a,\n    b\n):\n    pass\n",  # no magic trailing comma: joined
    SIGNATURE.format("(\n        Aaa | None\n    ) = None"),  # the parameter fits: joined
    SIGNATURE.format("(\n        " + UNION.replace(" | ", "\n        | ") + "\n    ) = None"),  # it fits
    SIGNATURE.format("(\n        " + LONG_UNION + "\n    ) = None"),  # too long for one line
    SIGNATURE.format("(\n        " + UNION + "\n        | Ccc\n    ) = None"),  # split at one `|` only
    SIGNATURE.format(
        "(\n        " + SPLIT_UNION.replace("\n", "\n    ") + "\n    ) = None"
    ),  # indented too far
    SIGNATURE.format("(\n        " + TWO_LINES + "\n    ) = None"),  # split at the last `|` only
    SIGNATURE.format(UNION + " = None"),  # too long: black splits it
    SIGNATURE.format("(\n        " + UNION + "\n    )\n = None"),  # the default on a line of its own
    "def f(a, b,):\n    pass\n",  # a magic trailing comma on one line: split
    "def f():\n    return g(\n        'a',\n    )\n",  # single quotes
    "def f():\n    return (x)\n",  # redundant parentheses
    "def f():\n    return g(\n        a\n        + b,\n    )\n",  # the item fits: joined
    "def f():\n    x=1\n",
    "def f():\n    return x[1 : 2]\n",
    "def f():\n    return 2 ** 8\n",
    "\n\ndef f():\n    pass\n",
    "def f():\n    return 0XFF\n",
    'def f(x):\n    if"x" in x:\n        return 1\n',  # a keyword glued to a string
    'class A:\n    """Doc."""\n    a: int\n',  # one blank line after a class docstring
    'def f():\n    """  Doc.  """\n',
    "def f(a = 1):\n    pass\n",
    "def f():\n    return g(\n        a,\n    ).h().i()\n",
    # A statement left to black on its own (a long annotation), which black would split:
    'class A:\n    """Doc."""\n\n    x: ' + LONG + " = None\n",
    '"""Doc."""\nimport x\n',  # black: exactly one blank line after a module docstring
    '"""Doc."""\n\n\nimport x\n',
    '"""Doc."""\n\nimport x\nX = 1\n',  # at least one after imports
    '"""Doc."""\n\nfrom a import (b, c)\n',  # parentheses that are not needed
    '"""Doc."""\n\nfrom a import (\n    b,\n    c\n)\n',  # no magic trailing comma: joined
    '"""Doc."""\n\nfrom a import ' + ", ".join(f"name{i}" for i in range(20)) + "\n",  # too long
    '"""Doc."""\n\nif TYPE_CHECKING:\n    from a import b\n\n\n    from c import d\n',  # at most one inside
    "class A:\n    x: int\n\nB: TypeAlias = A | str\n",  # two blank lines after a class
    '"""Doc."""\n\nimport x\n\nX: dict[str, str] = {\n    "a": "b"\n}\n',  # no magic comma: joined
    '"""Doc."""\n\nimport x\n\nX: dict[str, str,] = {\n    "a": "b",\n}\n',  # one in the annotation
    "class A:\n    x: int\n\n\n\nB: TypeAlias = A | str\n",
    "class A:\n    x: int\n\n\nB: TypeAlias = A | str\n\n\n\nC = B\n",  # at most two at the top
    "class A:\n    x: int\n\n\nB: TypeAlias=A | str\n",
    "class A:\n    x: int\n\n\nB: TypeAlias = Union[\n    A,\n    str\n]\n",  # it fits: joined
    "class A:\n    x: int\n\n\nB: TypeAlias = Union[" + ", ".join(f'"Name{i}"' for i in range(12)) + "]\n",
    "'''Doc.'''\n\nimport x\n",
    '"""Doc."""\n\nfrom a import(\n    b,\n)\n',
    '"""Doc."""\n\nfrom .a import B\n\nC = B\n' + "'''The C.'''\n",  # quotes black changes
    "def f(self):\n    super().__init__(\n        a\n    )\n",  # it fits: joined
    "def f(self):\n    super().__init__(a, b,)\n",  # a magic comma: exploded
    "def f(self):\n    result = make(\n        a=1, b=2\n    )\n",  # it fits: joined
    "def f(self):\n    result = [\n        "
    + ", ".join(f"value_{n}" for n in range(12))
    + "\n    ]\n",  # a display
    # A one-tuple that fits: joined.
    "def f(self):\n    return g(\n        schemes=(\n            Scheme(a=1),\n        ),\n    )\n",
    "class " + "A" * 80 + "(\n    ApiModel\n):\n    x: int\n",  # it fits: joined
    "def f(self):\n    '''Doc \\\nmore.'''\n    return 1\n",  # other quotes
    'def f(self):\n    """Doc \\\n\\xAB."""\n    return 1\n',  # a hex escape black lowers
    # A tuple of two exploded without a magic comma: joined.
    "def f(self):\n    return g(\n        schemes=(\n            a,\n            b\n        ),\n    )\n",
    # A call's one argument split further with nothing forcing it: joined.
    "def f(self):\n    return g(\n        files=[\n            *fields(\n                {\n"
    '                    "a": a\n                }\n            ),\n            other,\n        ],\n    )\n',
    'class E(str, Enum):\n    """Doc."""\n\n    A = (\n        "a"\n    )\n',  # it fits: joined
]


@pytest.mark.parametrize("text", KEPT)
def test_blocks_in_blacks_layout_are_skipped(text: str) -> None:
    assert formatcache.run_black(text, 100) == text
    assert skipped(text, 100)


@pytest.mark.parametrize("text", CHANGED)
def test_blocks_black_would_change_are_not_skipped(text: str) -> None:
    assert formatcache.run_black(text, 100) != text
    assert not skipped(text, 100)


# -- overlays --------------------------------------------------------------------------


def test_an_overlay_run_gives_black_every_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    real = stable.residue
    monkeypatch.setattr(stable, "residue", lambda text, width: checked.append(text) or real(text, width))
    spec = str(ROOT / "tests" / "data" / "seed-get-contact-import.json")
    base = ["generate", "-q", "--config", str(tmp_path / "none.toml"), "--spec", spec, "--package", "s"]
    (tmp_path / "none.toml").write_text("")
    overlay = ["--templates", str(ROOT / "examples" / "overlay")]
    monkeypatch.setenv("OAGEN_CACHE_DIR", str(tmp_path / "cache-a"))
    assert cli.main([*base, "--output", str(tmp_path / "a"), *overlay]) == 0
    assert checked == []
    monkeypatch.setenv("OAGEN_CACHE_DIR", str(tmp_path / "cache-b"))  # no cached blocks
    assert cli.main([*base, "--output", str(tmp_path / "b")]) == 0
    assert checked


# -- docstrings, re-indented without importing black -----------------------------------

DOC_PIECES = ["a", " ", "\n", "    ", '"', "\\", "é", "中", "\u3000", "\xa0", "\r", "\u2028"]
DOC_TEXT = st.lists(st.sampled_from(DOC_PIECES), max_size=20).map("".join)
# Multi-line by construction (a filter for a newline rejected most examples: a flaky health check).
MULTILINE_DOC = st.tuples(DOC_TEXT, DOC_TEXT).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(doc=MULTILINE_DOC, prefix=st.sampled_from(["", "    ", "        "]))
def test_docstrings_are_reindented_as_black_does_or_left_to_black(doc: str, prefix: str) -> None:
    from black.strings import fix_multiline_docstring

    try:
        ours = stable._reindented(doc, prefix)
    except stable._Refuse:
        # Refused only for a line break black treats its own way (black then checks the block).
        assert stable._OTHER_BREAKS.search(doc)
        return
    assert ours == fix_multiline_docstring(doc, prefix)


# -- strings, checked without importing black ------------------------------------------

STRING_PIECES = ["a", " ", "\n", '"', "'", "é", "\u3000", "\\", "N{DASH}", "x4B", "u00E9"]


@settings(max_examples=400, deadline=None)
@given(body=st.lists(st.sampled_from(STRING_PIECES), max_size=12).map("".join))
def test_triple_quoted_strings_are_accepted_only_as_black_keeps_them(body: str) -> None:
    value = '"""' + body + '"""'
    assume(not body.endswith('"') and body.count('"') < 3)  # one string token
    try:
        stable._string(value, multiline=True)
    except stable._Refuse:
        assert stable._black_string(value) != value
        return
    assert stable._black_string.__wrapped__(value) == value


# -- parameters split at their annotation's parentheses --------------------------------


@st.composite
def split_parameters(draw: st.DrawFn) -> tuple[str, int]:
    """A signature with one long `|` union parameter, laid out as the generator lays it out
    (pycode.arg_line) or as black would lay it out, at various line lengths."""
    from generator.render import pycode

    width = draw(st.sampled_from([100, 80, 60]))
    operands = draw(
        st.lists(
            st.one_of(
                IDENT.map(lambda n: n.capitalize()),
                st.lists(IDENT, min_size=1, max_size=6).map(
                    lambda vs: "Literal[" + ", ".join(f'"{v}"' for v in vs) + "]"
                ),
                st.sampled_from(["None", "list[Item] | None", "dict[str, Any]", "uuid.UUID"]),
            ),
            min_size=1,
            max_size=4,
        )
    )
    annotation = " | ".join(operands)
    default = draw(st.sampled_from(["", " = None", " = UNSET", ' = "x"', " = 0"]))
    name = draw(IDENT)
    param = pycode.arg_line(name, annotation, default, indent=4, width=width)
    text = f"def f(\n    self,\n    *,\n    {param}\n) -> None:\n    pass\n"
    if draw(st.booleans()):
        text = formatcache.run_black(text, width)
    return text, width


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=split_parameters())
def test_a_split_parameter_is_skipped_only_if_black_leaves_it_unchanged(case: tuple[str, int]) -> None:
    assert_kept_if_skipped(*case)


def test_the_layout_black_gives_a_long_union_parameter_is_proven() -> None:
    """Non-vacuous: black's own layout of the shape is proven, with no statement left."""
    for default in (" = None", ""):
        text = formatcache.run_black(SIGNATURE.format(LONG_UNION + default), 100)
        assert "    status: (\n" in text
        assert stable.residue(text, 100) == []


# -- model fields split at their default's parentheses or at `Annotated[` ---------------

FIELD_ITEMS = {
    "short": ["list[CreateManagedDomainDnsRecordsItem] | None", 'Wire("dnsRecords")'],
    "long": [
        "list[AgedCreditorReportAgedCreditorAgedCurrencyOutstandingItemAmountsItem] | None",
        'Wire("aged")',
    ],
}


def in_class(field: str) -> str:
    """A model class holding the field (black's layout of blocks: fields live in classes)."""
    return 'class A(ApiModel):\n    """Doc."""\n\n' + "".join(f"    {line}\n" for line in field.splitlines())


def field_form(text: str) -> str:
    first = text.split("\n")[3]
    if first.endswith("= ("):
        return "parentheses"
    return "hugged" if text.count("\n") == 6 else "exploded"


@pytest.mark.parametrize("default", ["None", "UNSET", '"upsert"'])
def test_the_layouts_black_gives_long_fields_are_proven(default: str) -> None:
    """Non-vacuous, and at the boundaries: black's own layout of a field too long for its line,
    for every name length, is proven (its default in parentheses while `name: ... = (` fits the
    line exactly, then split at `Annotated[`, the items on one line or one per line)."""
    forms = set()
    for items in FIELD_ITEMS.values():
        for n in range(1, 75):
            text = formatcache.run_black(
                in_class(f"{'n' * n}: Annotated[{', '.join(items)}] = {default}"), 100
            )
            if text.count("\n") == 4:
                continue  # it fits
            forms.add(field_form(text))
            assert stable.residue(text, 100) == [], text
    assert forms == {"parentheses", "hugged", "exploded"}


@st.composite
def field_layouts(draw: st.DrawFn) -> tuple[str, int]:
    """A long model field in any of the layouts black gives one, whatever black would choose."""
    width = draw(st.sampled_from([100, 80, 60]))
    name = draw(IDENT) * draw(st.integers(1, 3))
    items = [
        draw(st.sampled_from(["int | None", "list[Item] | None | Unset", 'Literal["a", "b"] | str']))
        + draw(st.sampled_from(["", " | " + "X" * draw(st.integers(1, 60))])),
        f'Wire("{draw(IDENT)}")',
    ]
    default = " = " + draw(st.sampled_from(["None", "UNSET", '"x"', "0"]))
    wrapped = default.replace(" = ", " = (\n    ") + "\n)"
    default = draw(st.sampled_from([default, ""]))  # or a required field
    joined = ", ".join(items)
    union = items[0]
    chain = union.replace(" | ", "\n    | ")
    if draw(st.booleans()):  # an operand split around its subscript's one name
        chain = chain.replace("list[Item]", "list[\n        " + "Item" * draw(st.integers(1, 30)) + "\n    ]")
    wire = items[1].replace("(", "(\n        ").replace(")", "\n    )")
    layouts = [
        f"{name}: Annotated[{joined}]{wrapped}",
        f"{name}: Annotated[\n    {joined}\n]{default}",
        f"{name}: Annotated[\n" + "".join(f"    {item},\n" for item in items) + f"]{default}",
        f"{name}: Annotated[\n    {chain},\n    {items[1]},\n]{default}",
        f"{name}: Annotated[\n    {union},\n    {wire},\n]{default}",
        f"{name}: {union}{wrapped}",
        f"{name}: (\n    {union}\n){default}",
        f"{name}: (\n    {chain}\n){default}",
        f"{name}: (\n    {chain.replace(chr(10), chr(10) + '    ')}\n){default}",  # indented too far
    ]
    return in_class(draw(st.sampled_from(layouts))), width


@settings(max_examples=400, deadline=None)
@given(case=field_layouts())
def test_a_split_field_is_skipped_only_if_black_leaves_it_unchanged(case: tuple[str, int]) -> None:
    assert_kept_if_skipped(*case)


@pytest.mark.parametrize("wire", [False, True])
def test_long_fields_are_written_in_blacks_layout_and_proven(wire: bool) -> None:
    """The generator writes a field too long for its line as black lays it out, and the proof
    leaves nothing to black, for every name length: the default in parentheses; else the
    annotation (a `|` union) in parentheses, on one line or split before each `|`; or, with a
    JSON name, split at `Annotated[`, an item split before each `|` when it does not fit."""
    from generator.model import ir
    from generator.render import pycode

    forms = set()
    # (a name too long for its line inside `Annotated[`: left to black)
    for class_name in ("Item", "M" * 60, "M" * 80) + (() if wire else ("M" * 95,)):
        kinds = [
            (ir.Nullable(ir.ListOf(ir.ModelRef(class_name))), False),  # `list[M] | None | Unset = UNSET`
            (ir.ListOf(ir.ModelRef(class_name)), False),  # `list[M] | None = None`
            (ir.Nullable(ir.ListOf(ir.ModelRef(class_name))), True),  # `list[M] | None`
        ]
        for n in range(1, 84):  # (longer: `name: Annotated[` itself does not fit, left to black)
            for t, required in kinds:
                name = "n" * n
                field = pycode.model_field(
                    ir.Field(name, "w" * min(n + 12, 85) if wire else name, t, required), 4, 100
                )
                text = 'class A(ApiModel):\n    """Doc."""\n\n    ' + field + "\n"
                assert formatcache.run_black(text, 100) == text
                assert stable.residue(text, 100) == [], text
                first = field.split("\n")[0]
                forms.add(
                    "fits"
                    if "\n" not in field
                    else "default"
                    if first.endswith("= (")
                    else "hugged"
                    if field.count("\n") == 2
                    else "subscript"
                    if "list[\n" in field
                    else "split"
                    if "        | " in field
                    else "wire"
                    if "Wire(\n" in field
                    else "exploded"
                )
    assert forms == {"fits", "default", "hugged", "split"} | ({"exploded", "wire"} if wire else {"subscript"})


@st.composite
def class_lines(draw: st.DrawFn) -> tuple[str, int]:
    """A class line near the line length, joined or split at its parentheses, with or without
    a magic comma, bases with brackets or none."""
    width = draw(st.sampled_from([100, 80, 60]))
    name = draw(st.text("AB", min_size=1, max_size=110))
    bases = draw(
        st.lists(st.sampled_from(["ApiModel", "str", "Enum", "Generic[T]", "x.Base"]), min_size=1, max_size=3)
    )
    joined = ", ".join(bases) + draw(st.sampled_from(["", ","]))
    head = draw(
        st.sampled_from(
            [f"class {name}({joined}):", f"class {name}(\n    {joined}\n):"]
            + [f"class {name}(\n" + "".join(f"    {b},\n" for b in bases) + "):"]
        )
    )
    return head + '\n    """Doc."""\n', width


@settings(max_examples=300, deadline=None)
@given(case=class_lines())
def test_a_class_line_is_skipped_only_if_black_leaves_it_unchanged(case: tuple[str, int]) -> None:
    assert_kept_if_skipped(*case)


def test_class_lines_are_written_in_blacks_layout_and_proven() -> None:
    """Non-vacuous: the generator's class line (package.class_line) is black's at every name
    length, and proven, a head longer than the line included."""
    env = render.environment(None, 100)
    split = 0
    for n in range(70, 110):
        for bases in ("ApiModel", "str, Enum"):
            text = render.class_line(env, "A" * n, bases) + '\n    """Doc."""\n'
            assert formatcache.run_black(text, 100) == text
            assert stable.residue(text, 100) == [], text
            split += text.count("\n") > 2
    assert split > 40


# -- calls split at their last bracket -------------------------------------------------


@st.composite
def call_layouts(draw: st.DrawFn) -> tuple[str, int]:
    """A call near the line length, as a statement or an argument of another call, alone or in
    a one-tuple, its arguments joined with it, on a line of their own, or one per line, with or
    without a magic comma."""
    width = draw(st.sampled_from([100, 80, 60]))
    args = draw(st.lists(IDENT.map(lambda n: f"{n}={n}"), min_size=1, max_size=5))
    callee = draw(st.sampled_from(["make", "self._c.request", "super().__init__", "Model"]))
    trailer = draw(st.sampled_from(["", ".to_dict()"]))
    inner = ", ".join(args)
    call = draw(
        st.sampled_from(
            [
                f"{callee}({inner}){trailer}",
                f"{callee}(\n    {inner}\n){trailer}",
                f"{callee}(\n    {inner},\n){trailer}",
                f"{callee}(\n" + "".join(f"    {a},\n" for a in args) + f"){trailer}",
            ]
        )
    )
    where = draw(
        st.sampled_from(
            [
                "statement",
                "return",
                "assigned",
                "argument",
                "tuple",
                "joined tuple",
                "pair",
                "joined pair",
                "sole",
            ]
        )
    )
    if where == "statement":
        stmt = call
    elif where == "return":
        stmt = "return " + call
    elif where == "assigned":
        stmt = "result.value = " + call
    else:
        item = {
            "argument": call,
            "tuple": f"(\n    {call},\n)",
            "joined tuple": f"({call},)",
            "pair": f"(\n    {call},\n    other,\n)",
            "joined pair": f"({call}, other)",
            "sole": call,
        }[where]
        item = item.replace("\n", "\n    ")
        stmt = (
            f"return outer(\n    {item}\n)"
            if where == "sole"
            else f"return outer(\n    key={item},\n    other=1,\n)"
        )
    return "def f(self):\n    " + stmt.replace("\n", "\n    ") + "\n", width


@settings(max_examples=400, deadline=None)
@given(case=call_layouts())
def test_a_split_call_is_skipped_only_if_black_leaves_it_unchanged(case: tuple[str, int]) -> None:
    assert_kept_if_skipped(*case)


def test_the_layouts_black_gives_long_calls_are_proven() -> None:
    """Non-vacuous: black's own layout of a call too long for its line, its arguments on a line
    of their own or one per line, and of a one-tuple around it, is proven at every length."""
    forms = set()
    for n in range(1, 60):
        inner = ", ".join(f"argument_{k}=value_{k}" for k in range(n // 10 + 1)) + ", x=" + "x" * (n % 10 + 1)
        for where in ("return self._c.request({}, options).to_dict()", "return outer(key=({},), other=1)"):
            text = formatcache.run_black("def f(self):\n    " + where.format(f"make({inner})") + "\n", 100)
            assert stable.residue(text, 100) == [], text
            forms.add((where, "key=(\n" in text, text.count("\n")))
    assert len(forms) >= 5


def test_the_layouts_black_gives_long_literal_operands_and_enum_members_are_proven() -> None:
    """Non-vacuous: black's layout of a parameter whose `Literal[...]` operand does not fit its
    line (the values on one line of their own, or one per line) and of an enum member too long
    for its line (the value in parentheses), at every length, is proven with nothing left."""
    forms = set()
    for n in range(1, 40):
        values = ", ".join(f'"value{k}"' for k in range(n // 4 + 1)) + ', "' + "v" * n + '"'
        union = f"OrderBy | Literal[{values}] | None"
        text = formatcache.run_black(SIGNATURE.format(union + " = None"), 100)
        assert stable.residue(text, 100) == [], text
        forms.add(
            "hugged"
            if "| Literal[\n" in text and '",\n' not in text
            else "exploded"
            if '",\n' in text
            else ""
        )
        member = (
            'class E(str, Enum):\n    """Doc."""\n\n    ' + "N" * (n * 2) + ' = "' + "v" * (n * 2) + '"\n'
        )
        text = formatcache.run_black(member, 100)
        assert stable.residue(text, 100) == [], text
        forms.add("member" if " = (\n" in text else "")
    assert {"hugged", "exploded", "member"} <= forms


@st.composite
def enum_members(draw: st.DrawFn) -> tuple[str, int]:
    """An enum member near the line length, joined or its value in parentheses."""
    width = draw(st.sampled_from([100, 80, 60]))
    name = draw(st.text("AB_", min_size=1, max_size=70))
    value = draw(st.sampled_from(['"{}"', "'{}'", "{}"])).format(draw(st.text("ab", min_size=1, max_size=90)))
    member = draw(
        st.sampled_from([f"{name} = {value}", f"{name} = (\n        {value}\n    )", f"{name} = ({value})"])
    )
    return 'class E(str, Enum):\n    """Doc."""\n\n    ' + member + "\n", width


@settings(max_examples=300, deadline=None)
@given(case=enum_members())
def test_an_enum_member_is_skipped_only_if_black_leaves_it_unchanged(case: tuple[str, int]) -> None:
    assert_kept_if_skipped(*case)


def test_a_subtype_selected_by_several_tags_is_written_as_black_keeps_it() -> None:
    """`tags=("cat", "kitty")` without a comma after the last value: black would take one as
    magic and explode the class line; a one-tuple keeps its comma."""
    from generator.model import ir
    from generator.render import pycode

    env = render.environment(None, 100)
    for tags in (("cat",), ("cat", "kitty")):
        line = render.class_line(
            env, "Cat", pycode.model_bases(ir.Model("Cat", "#/c", base="Pet", tags=tags))
        )
        text = line + '\n    """Doc."""\n'
        assert formatcache.run_black(text, 100) == text
        assert stable.residue(text, 100) == []
    assert line == 'class Cat(Pet, tags=("cat", "kitty")):'


@settings(max_examples=400, deadline=None)
@given(doc=MULTILINE_DOC | DOC_TEXT, blacks=st.booleans())
def test_a_docstring_is_skipped_only_if_black_leaves_it_unchanged(doc: str, blacks: bool) -> None:
    """End to end, backslash-newlines included (black then leaves the docstring as it is)."""
    text = 'def f(self):\n    """' + doc + '"""\n    return 1\n'
    try:
        ast.parse(text)
    except SyntaxError:
        assume(False)
    if blacks:
        text = formatcache.run_black(text, 100)
    assert_kept_if_skipped(text, 100)


@pytest.mark.parametrize("width", [100, 60])
def test_long_aliases_and_fields_are_written_in_blacks_layout(width: int) -> None:
    """A union's alias too long for its line, for every name length, is written as black lays
    it out (`Union[`/`Annotated[` split at the bracket, a `|` union in parentheses, then before
    each `|`), and so are fields of one long class (in parentheses) and of a `list[A]` too long
    for a line (split at the subscript). A head black cannot fit is left as it is, for black."""
    from generator.model import ir
    from generator.render import pycode

    values = [
        "Item | str",
        "ModelNumberOne | ModelNumberTwo | ModelNumberThree | str",
        'Union[str, "Charge", "Refund", "Dispute"]',
        'Union[str, "' + '", "'.join(f"Referenced{i}" for i in range(12)) + '"]',
        'Annotated[Union["Cat", "Dog"], Discriminator("kind", {"cat": "Cat", "dog": "Dog"})]',
    ]
    forms = set()
    for n in range(1, width):
        for value in values:
            line = pycode.alias_line("A" * n, value, width)
            flat = f"{'A' * n}: TypeAlias = {value}\n"
            if "\n" in line:  # laid out by the generator: it must be black's layout
                assert line + "\n" == formatcache.run_black(flat, width), line
            forms.add(line.count("\n"))
    assert {0, 2}.issubset(forms) and max(forms) > 2, forms
    laid = 0
    for n in range(1, width):
        for t in (ir.ModelRef("M" * 50), ir.ListOf(ir.ModelRef("L" * 40))):
            field = pycode.model_field(ir.Field("n" * n, "n" * n, t, True), 4, width)
            if "\n" in field:  # laid out by the generator: it must be black's layout
                laid += 1
                text = f"class A(ApiModel):\n    x: int\n    {field}\n"
                assert formatcache.run_black(text, width) == text, text
    assert laid > width // 2
