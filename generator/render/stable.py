"""Stage 3 (render): deciding, without running black, that black would leave a block exactly as it is.

`residue(text, width)` says what black must still see of a block (None: all of it), and
`unchanged(text, width)` is True only when that is nothing. Whenever it is unsure the answer is
"black": a miss costs time, never bytes. It reads the block as tokens and checks, per construct:

- Every token is spaced as black spaces it (a conservative subset of black's `whitespace`
  rules; any pair outside that subset, e.g. `**`, slices, unary after unary, is refused).
- Strings are in black's quote and prefix style: a plain double-quoted string without
  backslashes is (black keeps double quotes when switching adds no fewer escapes); any other
  string is put through black's own normalising functions and must come out the same.
  Numbers are plain decimals (black rewrites hex case, exponents, suffixes).
- A logical line on one physical line fits the line length (black's width, wide characters
  counted twice) and has no magic trailing comma (`,` before a closing bracket), so black
  neither splits nor joins it (a one-tuple's comma is not magic). A line holding only a
  string is also kept when it is too long: black finds no bracket to split at.
- A logical line over several physical lines is an "exploded" bracket: the first line ends
  with the opening bracket, one item per line indented 4 more, each ending with a comma (the
  last one magic, which forces the split), the closing bracket at the start of the last line.
  Black splits such a line at that bracket when it is the one its transform picks: the
  first bracket for a `def` (left_hand_split); the last non-empty bracket for other lines
  (right_hand_split; only empty `.name()` trailers may follow it, so no trailer is omitted),
  with a head free of delimiters (so the optional parentheses of `return x(...)` and
  `a = x(...)` are omitted, and delimiter_split finds nothing to split inside brackets), or
  `super().name` as a statement of its own (an item's head may be unpacked, `*name(`). Without
  a magic comma, a call's arguments sit together on the line between its brackets, where they
  fit while the joined line does not, or its one argument is split further (`_arguments_line`).
  Items are checked the same way, recursively; an item may also be split before each `+` or
  each `|` (delimiter_split) when it does not fit joined and that operator is its only
  delimiter, and a tuple item is exploded when black must split it (`_split_tuple`).
  Other atom parentheses, subscripts, bare tuples and keyword headers (`if`, `with`, ...) are
  never accepted exploded; a class line is, as `class Name(`, its bases, `):` (`_class_head`).
- A parameter of an exploded `def` that does not fit on its line, when its annotation is a
  `|` union: black splits it at the parentheses it puts around the union (`name: (`, the union,
  `) = default,`), one line inside if the union fits there, else one operand per line after
  each `|` (`_split_param` says when black keeps those parentheses); an operand too long for
  its line is split at its subscript (`_split_operand`). A field, the same.
- An annotated assignment `name: annotation = default` that does not fit on its line: black
  wraps the default in parentheses while `name: annotation = (` fits, else splits at the
  annotation: a union's parentheses, as for a parameter, or `Annotated[` (the items on one line
  if they fit, else one per line, each split as an item if need be) (`_split_field`). An
  enum member `NAME = (`, its value, `)`, likewise (`_wrapped_default`).
- Docstrings (the first statement of a def or class) match what black's docstring handling
  makes of them: black's own `fix_multiline_docstring`, padding and closing-quote rules.
- Blank lines: none inside a def but the one black puts after imports; in a class (fields
  only, no methods), exactly one after the docstring and none elsewhere; none at either end,
  none inside brackets, no trailing spaces. A string statement after a module's first
  statement is no docstring to black: it is checked as any string.
- No comments, backslash continuations, semicolons, tabs, `...` statements, nested defs.

What a block holds beyond these (a union operand black splits further, a def signature
whose parameter splits a `Literal[...]` too) is left to black in small pieces
(`residue`): each simple statement, dedented, and the signature with a `pass` body; the block
skips black when black leaves every piece as it is. Any other block, and every block an
overlay renders, goes through black whole. The tests run black over every block this lets
skip (Migma client, generated specs, random edits of skipped blocks) and `black --check` over
the corpus outputs.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# One token per match, with the spaces before it: a newline, a string, a name, a number, an
# operator, or any other character (`bad`: a comment, a backslash, ... refused). findall's
# tuples cost about half of a match object per token.
_TOKEN = re.compile(
    r"""
    (?P<gap>[ ]*)
    (?:(?P<nl>\n)
    |(?P<str>(?:[rRbBfFuU]|[rR][bBfF]|[bBfF][rR])?(?:\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'))
    |(?P<name>[A-Za-z_][A-Za-z0-9_]*)
    |(?P<num>[0-9][0-9_]*(?:\.[0-9][0-9_]*)?)
    |(?P<op>\*\*|//|->|\.\.\.|[-+*/%@&|^=<>!]=|<<|>>|[-+*/%@&|^~<>().,:=\[\]{}])
    |(?P<bad>.))
    """,
    re.VERBOSE | re.DOTALL,
)
# Escapes black rewrites (hex digits to lower case, `\N{...}` names to upper case).
_UNICODE_ESCAPE = re.compile(r"\\[xuUN]")
_SIMPLE_STRING = re.compile(r'(?:f|b|r|rb|br|fr|rf)?"[^"\\\n]*"')

_KEYWORDS = frozenset(
    "and as assert async await break class continue def del elif else except finally for from"
    " global if import in is lambda nonlocal not or pass raise return try while with yield".split()
)
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = frozenset(")]}")
_BINARY = frozenset("+ - * / // % @ | & ^ << >> < > == != <= >= += -= *= /= //= %= @= |= &= ^= ->".split())
# Keywords that open a block: their line must end in `:` (black splits `if x: y`).
_COMPOUND = frozenset("if elif else while for try except finally with def class async".split())


@dataclass(slots=True)
class _Tok:
    kind: str  # "name", "num", "str", "op"
    value: str
    line: int  # physical line index
    col: int
    gap: str  # the spaces before it on its line ("\n" for the first token of a line)


class _Refuse(Exception):
    """The block holds something this module does not check: leave it to black."""


def unchanged(text: str, width: int) -> bool:
    """True only if black, at line length `width`, would return `text` as it is."""
    return residue(text, width) == []


def residue(text: str, width: int) -> list[tuple[str, int]] | None:
    """What is left to prove that black, at line length `width`, returns `text` as it is:
    None if the block is not of a shape this module checks; else the simple statements it
    could not check, dedented, each with its narrower line length. Black formats a simple
    statement at depth d and length L as it formats the dedented statement alone at L - 4d
    (its width checks count the indentation), so the block is unchanged exactly when black
    leaves each of these unchanged (an empty list: proven already)."""
    # (A backslash outside a string, a line continuation, is refused by the tokenizer.)
    if "\t" in text or "\r" in text or not text.endswith("\n") or text.endswith("\n\n"):
        return None
    try:
        lines = _logical_lines(_tokens(text))
        left: list[tuple[str, int]] = []
        check = _module_head if lines and _is_head(lines[0]) else _block
        if not check(lines, width, text.split("\n"), left):
            return None
        return left
    except _Refuse:
        return None


# -- tokens ----------------------------------------------------------------------------


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    append = out.append
    line = col = 0
    starts_line = True
    for gap, newline, string, name, number, op, bad in _TOKEN.findall(text):
        if newline:
            if gap:
                raise _Refuse  # trailing whitespace: black strips it
            line += 1
            col = 0
            starts_line = True
            continue
        if bad:
            raise _Refuse  # a comment, a backslash, a character outside the subset
        col += len(gap)
        before = "\n" if starts_line else gap
        starts_line = False
        if name:
            append(_Tok("name", name, line, col, before))
            col += len(name)
        elif op:
            append(_Tok("op", op, line, col, before))
            col += len(op)
        elif string:
            append(_Tok("str", string, line, col, before))
            newlines = string.count("\n")
            if newlines:
                line += newlines
                col = len(string) - string.rfind("\n") - 1
            else:
                col += len(string)
        else:
            append(_Tok("num", number, line, col, before))
            col += len(number)
    return out


@dataclass(slots=True)
class _Line:
    toks: list[_Tok]
    indent: int
    blank_before: int
    match: dict[int, int]  # index of an opening bracket -> index of its closing bracket


def _logical_lines(toks: list[_Tok]) -> list[_Line]:
    """Tokens grouped into logical lines (a newline ends one outside brackets), with the
    blank lines before each and where each bracket closes."""
    lines: list[_Line] = []
    current: list[_Tok] = []
    stack: list[int] = []
    match: dict[int, int] = {}
    end = -1  # the physical line the previous token ended on
    for tok in toks:
        if tok.gap == "\n" and not stack:
            if current:
                lines[-1].toks = current
                lines[-1].match = match
            current, match = [], {}
            blank = tok.line - end - 1
            lines.append(_Line([], tok.col, blank, {}))
        elif tok.gap == "\n" and tok.line != end + 1:
            raise _Refuse  # a blank line inside brackets: black drops it
        current.append(tok)
        if tok.kind == "op":
            if tok.value in _OPENERS:
                stack.append(len(current) - 1)
            elif tok.value in _CLOSERS:
                if not stack or _OPENERS[current[stack[-1]].value] != tok.value:
                    raise _Refuse
                match[stack.pop()] = len(current) - 1
        end = tok.line + tok.value.count("\n")
    if stack:
        raise _Refuse
    if lines:
        lines[-1].toks = current
        lines[-1].match = match
    return lines


# -- the block -------------------------------------------------------------------------


def _block(lines: list[_Line], width: int, source: list[str], left: list[tuple[str, int]]) -> bool:
    """A top-level def or class block, its decorators first (see the module docstring);
    simple statements it cannot check go to `left` (see `residue`)."""
    at = 0
    if any(line.blank_before for line in lines[:1]):
        return False  # black drops blank lines that start a module
    while at < len(lines) and lines[at].toks[0].value == "@":
        if at and lines[at].blank_before:
            return False
        _statement(lines[at], width, "stmt")
        at += 1
    if at == len(lines) or at + 1 == len(lines):
        return False
    head, body = lines[at], lines[at + 1 :]
    words = [t.value for t in head.toks[:2]]
    if words[0] == "class":
        kind = "class"
        if any(t.gap == "\n" for t in head.toks[1:]):
            _class_head(head, width)
        else:
            _statement(head, width, "stmt")
    elif words[0] == "def" or words == ["async", "def"]:
        kind = "def"
        try:
            _statement(head, width, "def")
        except _Refuse:
            # The signature alone, with a `pass` body: black lays out a def line the same
            # whatever its body (its split depends on the line only), so black checks it.
            signature, length = _dedented(head, source, width)
            left.append((signature + "    pass\n", length))
    else:
        return False
    if head.indent or head.blank_before or head.toks[-1].value != ":":
        return False
    # Top-level statements after the body stay in its block (blocks are cut before defs and
    # classes only): a union's `TypeAlias` and its docstring after a class, say.
    end = next((n for n, line in enumerate(body) if not line.indent), len(body))
    if end == 0 or not _after_block(body[end:], width, source, left):
        return False
    body = body[:end]
    previous = head
    docstring = False
    for n, line in enumerate(body):
        if line.indent % 4 or line.indent < 4:
            return False
        opens = _opens(previous)
        if (opens and line.indent != previous.indent + 4) or (not opens and line.indent > previous.indent):
            return False
        lone_string = len(line.toks) == 1 and line.toks[0].kind == "str"
        if n == 0 and lone_string:
            if line.blank_before:
                return False
            _docstring(line.toks[0], line.indent, width)
            docstring = True
        else:
            wanted = 1 if kind == "class" and n == 1 and docstring else 0
            if _is_import(previous) and not _is_import(line) and previous.indent == line.indent:
                wanted = 1  # black puts one blank line after imports
            if line.blank_before != wanted:
                return False
            first = line.toks[0].value
            if first in ("def", "class", "@") or (first == "async" and line.toks[1].value == "def"):
                return False
            if kind == "class" and (line.indent != 4 or _opens(line)):
                return False  # fields only
            if lone_string and kind != "class":
                return False  # a string opening a nested block would be a docstring to black
            try:
                _statement(line, width, "stmt")
            except _Refuse:
                if _opens(line) or lone_string:
                    raise
                left.append(_dedented(line, source, width))
        previous = line
    return True


def _after_block(lines: list[_Line], width: int, source: list[str], left: list[tuple[str, int]]) -> bool:
    """Simple top-level statements after a def or class: black puts two blank lines before the
    first and keeps those before the others (at most two); statements it must check go to
    `left`, as in a body."""
    for n, line in enumerate(lines):
        if line.indent or _opens(line) or line.blank_before not in ((2,) if n == 0 else (0, 1, 2)):
            return False
        first = line.toks[0].value
        if first in ("def", "class", "@", "async") or _is_import(line):
            return False
        try:
            _statement(line, width, "stmt")
        except _Refuse:
            if len(line.toks) == 1:
                raise
            left.append(_dedented(line, source, width))
    return True


def _class_head(line: _Line, width: int) -> None:
    """`class Name(`, the bases on one line, `):`: what black makes of a class line too long for
    its line (right_hand_split at its only bracket at that level; no magic comma, so the
    bases stay together while they fit). `class Name(` may itself be too long when the bases
    hold no bracket: black has nowhere else to split."""
    toks = line.toks
    c = line.match.get(2, 0)
    if toks[1].kind != "name" or _keyword(toks[1]) or toks[2].value != "(" or c != len(toks) - 2 or c <= 3:
        raise _Refuse
    if toks[3].gap != "\n" or toks[3].col != 4 or toks[c].gap != "\n" or toks[c].col != 0:
        raise _Refuse
    if (
        toks[c - 1].value == ","
        or any(t.gap == "\n" for t in toks[4:c])
        or any(t.kind == "str" for t in toks)
    ):
        raise _Refuse
    _spacing(toks)
    plain = not any(t.kind == "op" and t.value in _OPENERS for t in toks[3:c])
    for start, end in ((0, 3), (3, c), (c, len(toks)))[plain:]:
        _one_line(line, start, end, width, "stmt")
    if len("class ") + len(toks[1].value) + 1 + _joined(toks[3:c]) + len("):") <= width:
        raise _Refuse  # it fits: black joins it


def _is_head(line: _Line) -> bool:
    """Whether a block starts a module: its docstring or its first import (blocks are cut only
    before a top-level def or class, so no later block starts this way)."""
    first = line.toks[0]
    return (len(line.toks) == 1 and first.kind == "str") or _is_import(line)


def _module_head(lines: list[_Line], width: int, source: list[str], left: list[tuple[str, int]]) -> bool:
    """A module's first block as the templates write it: its docstring, then imports (some in an
    `if TYPE_CHECKING:` block, which may end the block) and simple top-level statements. Blank
    lines are those black keeps: one after the docstring (black's rule), one between an import
    and a statement that is not one, up to two after the `if` block, at most one elsewhere at
    the top, none inside the `if` block."""
    if lines[0].blank_before:
        return False
    previous: _Line | None = None
    in_block = False  # inside `if ...:` (its body: imports only, indented 4)
    for n, line in enumerate(lines):
        first = line.toks[0]
        lone_string = len(line.toks) == 1 and first.kind == "str"
        if n == 0 and lone_string:
            if line.indent:
                return False
            _docstring(first, 0, width)
            previous = line
            continue
        if first.value in ("def", "class", "@", "async") or (lone_string and line.indent):
            return False  # (a lone string after the first statement is no docstring to black)
        if in_block and line.indent == 4:
            if line.blank_before or not _is_import(line):
                return False
        elif line.indent == 0:
            wanted: tuple[int, ...] = (0, 1)
            if previous is None:
                wanted = (0,)
            elif n == 1 and len(previous.toks) == 1 and previous.toks[0].kind == "str":
                wanted = (1,)  # black: always one blank line after the module docstring
            elif in_block:
                wanted = (0, 1, 2)  # after the `if` block black keeps what is there (two at most)
            elif _is_import(previous) and not _is_import(line):
                wanted = (1,)
            if line.blank_before not in wanted:
                return False
            in_block = False
            if _opens(line):
                if first.value != "if" or n + 1 == len(lines) or lines[n + 1].indent != 4:
                    return False
                in_block = True
        else:
            return False
        try:
            _statement(line, width, "stmt")
        except _Refuse:
            if _opens(line):
                raise
            left.append(_dedented(line, source, width))
        previous = line
    return True


def _dedented(line: _Line, source: list[str], width: int) -> tuple[str, int]:
    """The statement's text at column 0 and the line length black gives it there."""
    toks = line.toks
    if any(t.kind == "str" and "\n" in t.value for t in toks):
        raise _Refuse  # dedenting would change the string
    first, last = toks[0].line, toks[-1].line
    pad = " " * line.indent
    lines = source[first : last + 1]
    if not all(text.startswith(pad) or not text.strip() for text in lines):
        raise _Refuse
    return "".join(text[line.indent :] + "\n" for text in lines), width - line.indent


def _is_import(line: _Line) -> bool:
    return line.toks[0].value in ("import", "from") and line.toks[0].kind == "name"


def _opens(line: _Line) -> bool:
    """Whether the line is a compound statement's header (ends in `:`)."""
    first = line.toks[0].value
    opens = first in _COMPOUND and line.toks[0].kind == "name"
    if opens != (line.toks[-1].value == ":"):
        raise _Refuse  # `if x: y` on one line, `match x:`, ...
    return opens


def _statement(line: _Line, width: int, role: str) -> None:
    toks = line.toks
    first = toks[0]
    if first.value == "..." or (
        first.value in ("match", "case", "type") and len(toks) > 1 and toks[1].kind in ("name", "str", "num")
    ):
        raise _Refuse  # stubs and soft-keyword statements
    if _opens(line) and role != "def" and any(t.gap == "\n" for t in toks[1:]):
        raise _Refuse  # an exploded `if`/`with`/`class` header
    if toks[0].value not in ("import", "from"):
        depth = 0
        for tok in toks:
            if tok.kind == "op":
                depth += tok.value in _OPENERS
                depth -= tok.value in _CLOSERS
                if depth == 0 and tok.value == ",":
                    raise _Refuse  # a bare tuple: black parenthesises one-tuples
    if _is_import(line):
        _import(line)
    _spacing(toks)
    lone = len(toks) == 1
    for tok in toks:
        if tok.kind == "str":
            _string(tok.value, multiline=lone)
    _layout(line, 0, len(toks), line.indent, role, width)


def _import(line: _Line) -> None:
    """`import a.b` or `from .a import b, c as d`: names only; parenthesised only when exploded
    (black drops the parentheses of an import that fits on one line)."""
    toks = line.toks
    k = 1
    if toks[0].value == "from":
        while k < len(toks) and toks[k].value in (".", "..."):
            k += 1
        if k < len(toks) and toks[k].kind == "name" and toks[k].value != "import":
            k += 1
            while k + 1 < len(toks) and toks[k].value == "." and toks[k + 1].kind == "name":
                k += 2
        if k == 1 or k == len(toks) or toks[k].value != "import":
            raise _Refuse
        k += 1
        if k < len(toks) and toks[k].value == "(":
            if toks[-1].value != ")" or line.match.get(k) != len(toks) - 1 or toks[k + 1].gap != "\n":
                raise _Refuse
            k += 1
    expect_name = True
    for tok in toks[k:]:
        if tok.value == ")" and tok is toks[-1]:
            break
        if expect_name:
            if tok.kind != "name" or tok.value in _KEYWORDS:
                raise _Refuse
            expect_name = False
        elif tok.value == ",":
            expect_name = True
        elif tok.value != "as" and (tok.kind != "name" or tok.value in _KEYWORDS):
            raise _Refuse
    if toks[0].value == "import" and any(t.value == "as" for t in toks):
        raise _Refuse


# -- spacing ---------------------------------------------------------------------------


def _operand(tok: _Tok | None) -> bool:
    if tok is None:
        return False
    if tok.kind == "op":
        return tok.value in _CLOSERS or tok.value == "..."
    return tok.kind != "name" or tok.value not in _KEYWORDS


def _keyword(tok: _Tok) -> bool:
    return tok.kind == "name" and tok.value in _KEYWORDS


# Keywords after which an atom `(` is an operand inside brackets (`not (a or b)`).
_ATOM_AFTER = frozenset("not and or in is if else".split())


def _spacing(toks: list[_Tok]) -> None:
    """Every gap on every physical line is the one black's whitespace rules give."""
    stack: list[list[object]] = []  # [kind, annotated] per open bracket
    lambdas: list[int] = []  # bracket depths of lambdas whose parameters are being read
    prev: _Tok | None = None
    prev_unary = False
    is_def = toks[0].value == "def" or (toks[0].value == "async" and len(toks) > 1 and toks[1].value == "def")
    for k, tok in enumerate(toks):
        value, is_op = tok.value, tok.kind == "op"
        depth = len(stack)
        top = stack[-1] if stack else None
        if prev is not None and tok.gap != "\n":
            want = _gap(prev, prev_unary, tok, top, depth, lambdas, k)
            if want != tok.gap:
                raise _Refuse
        unary = is_op and value in ("-", "+", "~", "*", "**") and not _operand(prev)
        if unary and prev_unary:
            raise _Refuse
        if is_op and value in _OPENERS:
            within = str(top[0]) if top is not None else None
            ends = k + 1 < len(toks) and toks[k + 1].gap == "\n"
            if depth == 0 and prev is not None and prev.value == "=" and value == "(":
                # `x = (` ending its line: only a field's default black wrapped (_split_field).
                within = "assign" if ends else within
            elif depth == 0 and k == 2 and prev is not None and prev.value == ":" and value == "(" and ends:
                within = "annotation"  # `name: (`: a field's annotation black wrapped (_split_param)
            stack.append([_bracket_kind(prev, tok, depth, is_def, lambdas, within), False])
        elif is_op and value in _CLOSERS:
            stack.pop()
        elif is_op and value == "," and top is not None:
            top[1] = False
        elif is_op and value == ":":
            if lambdas and lambdas[-1] == depth:
                lambdas.pop()
            elif top is not None and top[0] == "def":
                top[1] = True
        elif tok.kind == "name" and value == "lambda":
            lambdas.append(depth)
        prev, prev_unary = tok, unary


def _bracket_kind(
    prev: _Tok | None, tok: _Tok, depth: int, is_def: bool, lambdas: list[int], within: str | None
) -> str:
    value = tok.value
    if value == "{":
        if _operand(prev):
            raise _Refuse
        return "display"
    if _operand(prev) and not (prev is not None and prev.kind in ("str", "num")):
        if value == "[":
            return "sub"
        return "def" if is_def and depth == 0 else "call"
    if value == "[":
        return "display"
    # An atom `(`: only where black leaves its parentheses alone.
    if prev is None:
        raise _Refuse
    if prev.value == ",":
        return "atom"
    if prev.value == ":" and within in ("def", "annotation"):
        return "atom"  # an annotation in parentheses: its shape is checked by _split_param
    if within == "assign":
        return "atom"  # a field's default in parentheses: its shape is checked by _split_field
    if prev.value == "=" and depth > 0 and not lambdas:
        return "atom"
    if prev.kind == "op" and prev.value in _BINARY and prev.value not in ("->", "="):
        return "atom"
    if _keyword(prev) and depth > 0 and prev.value in _ATOM_AFTER:
        return "atom"
    if prev.value == "import" and depth == 0:
        return "names"  # `from x import (`, shape checked by _import
    raise _Refuse


def _gap(
    p: _Tok, p_unary: bool, t: _Tok, top: list[object] | None, depth: int, lambdas: list[int], k: int
) -> str | None:
    """The spaces black puts between p and t on one line, or None if this does not know."""
    pv, tv = p.value, t.value
    pop, top_ = p.kind == "op", t.kind == "op"
    if top_ and tv in (",", ")", "]", "}"):
        return ""
    if pop and pv in ("(", "[", "{"):
        return ""
    if pop and pv == ",":
        return " "
    if p_unary:
        return "" if not top_ or tv in ("(", "[", "{") else None
    if top_ and tv == ":":
        return None if top is not None and top[0] == "sub" else ""
    if pop and pv == ":":
        return " "
    if top_ and tv == ".":
        if (p.kind in ("name", "str") and not _keyword(p)) or (pop and pv in _CLOSERS):
            return ""
        if pv == "from":
            return " "
        return "" if pop and pv in (".", "...") else None
    if pop and pv in (".", "..."):
        if tv == "import" or (pv == "..." and _keyword(t)):
            return " "
        return "" if t.kind == "name" and not _keyword(t) else None
    if (top_ and tv == "=") or (pop and pv == "="):
        if depth == 0:
            return " "
        if lambdas and lambdas[-1] == depth:
            return ""
        kind = top[0] if top is not None else None
        if kind == "call":
            return ""
        if kind == "def":
            return " " if top is not None and top[1] else ""
        return None
    if pop and pv == "@" and k == 1:
        return ""
    if top_ and tv in ("-", "+", "~", "*", "**") and not _operand(p):
        return " " if _keyword(p) or (pop and pv in _BINARY) else None
    if (top_ and tv == "**") or (pop and pv == "**"):
        return None  # power operands hug by black's own rule
    if (top_ and tv in _BINARY) or (pop and pv in _BINARY):
        return " "
    if _keyword(t) or _keyword(p):
        if top_ and tv == "(":
            if depth == 0 and pv == "import":
                return " "  # `from x import (`, shape checked by _import
            return " " if depth > 0 and pv in _ATOM_AFTER else None
        if top_ and tv in ("[", "{"):
            return " "
        if top_:
            return None
        if pop:
            return " " if pv in _CLOSERS else None
        return " "
    if top_ and tv in ("(", "["):
        if (p.kind == "name") or (pop and pv in _CLOSERS):
            return ""
        return None
    return None


# -- strings ---------------------------------------------------------------------------


def _string(value: str, multiline: bool = False) -> None:
    """A string token black leaves as it is (prefix, quotes, escapes). A multi-line string
    is accepted only as a statement of its own (`multiline`, an attribute's docstring):
    black leaves its lines alone and finds nothing to split."""
    if _SIMPLE_STRING.fullmatch(value) and not (value.startswith("f") and "'" in value):
        return
    if "\n" in value and not (multiline and value.startswith('"""')):
        raise _Refuse
    if value.startswith('"""') and not _UNICODE_ESCAPE.search(value):
        # No prefix, preferred quotes (black never requotes `"""`), no escape black rewrites.
        return
    if _black_string(value) != value:
        raise _Refuse


@functools.cache
def _black_string(value: str) -> str:
    """value through black's own string normalisation (prefix, quotes, unicode escapes)."""
    import black
    from black.strings import (
        normalize_string_prefix,
        normalize_string_quotes,
        normalize_unicode_escape_sequences,
    )
    from blib2to3.pgen2 import token
    from blib2to3.pytree import Leaf

    leaf = Leaf(token.STRING, value)
    normalize_unicode_escape_sequences(leaf)
    return normalize_string_quotes(normalize_string_prefix(leaf.value, black.Mode()))


def _docstring(tok: _Tok, indent: int, width: int) -> None:
    """The docstring is already what black's docstring handling makes of it."""
    value = tok.value
    if not (value.startswith('"""') and value.endswith('"""') and len(value) >= 6):
        raise _Refuse  # prefixes and other quotes: black rewrites them
    if re.search(r"\\\s*\n", value):
        _string(value, multiline=True)  # black leaves such a docstring alone: a plain string
        return
    if _UNICODE_ESCAPE.search(value) or "\t" in value:
        raise _Refuse  # tabs: black expands leading ones (not worth mirroring)
    body = value[3:-3]
    pad = " " * indent
    doc = _reindented(body, pad) if "\n" in value else body.strip()
    backslash = False
    if doc:
        if doc[0] == '"':
            doc = " " + doc
        if doc[-1] == '"':
            doc += " "
        if doc[-1] == "\\" and (len(doc) - len(doc.rstrip("\\"))) % 2:
            doc += " "
            backslash = True
    elif body:
        doc = " "
    lines = doc.splitlines()
    last = len(lines[-1]) if doc and not doc.endswith("\n") else 0
    if len(lines) > 1 and last + 3 > width and indent + 3 <= width and not backslash:
        want = '"""' + doc + ('"""' if value[-4] == "\n" else "\n" + pad + '"""')
    else:
        want = '"""' + doc + '"""'
    if want != value:
        raise _Refuse


_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _reindented(docstring: str, prefix: str) -> str:
    """A multi-line docstring as black re-indents it (PEP 257's trimming, at `prefix`): the first
    line stripped; the others lose their common indentation and trailing spaces and take the
    prefix, blank ones empty but the last; without any non-blank line after the first, only the
    first remains. Written here rather than imported: importing black costs ~0.13 s, most of an
    incremental run whose changed blocks black would otherwise leave alone."""
    if _OTHER_BREAKS.search(docstring):
        raise _Refuse  # `\r`, U+2028 and the like: black's own rules for them apply
    lines = docstring.split("\n")
    rest = lines[1:]
    margins = [len(line) - len(line.lstrip()) for line in rest if line.strip()]
    out = [lines[0].strip() if lines else ""]
    if margins:
        margin = min(margins)
        for i, line in enumerate(rest):
            text = line[margin:].rstrip()
            out.append(prefix + text if text or i == len(rest) - 1 else "")
    return "\n".join(out)


# -- line layout -----------------------------------------------------------------------


def _width(toks: list[_Tok], i: int, j: int) -> int:
    """Display width of the physical line whose tokens are toks[i:j] (they start it)."""
    last = toks[j - 1]
    if all(t.kind != "str" or t.value.isascii() for t in toks[i:j]):
        return last.col + len(last.value)
    from black.strings import str_width

    text = " " * toks[i].col + toks[i].value + "".join(t.gap + t.value for t in toks[i + 1 : j])
    return str_width(text)


def _one_line(line: _Line, i: int, j: int, width: int, role: str) -> None:
    """toks[i:j], a whole physical line, is one that black keeps: it fits and holds no magic
    trailing comma (a lone string statement is kept even when long: nothing to split at)."""
    toks = line.toks
    if any(toks[k].gap == "\n" for k in range(i + 1, j)):
        raise _Refuse  # not one physical line after all
    for k in range(i, j - 1):
        if toks[k].value == "," and toks[k + 1].kind == "op" and toks[k + 1].value in _CLOSERS:
            if not _one_tuple(line, k + 1):
                raise _Refuse
    if j - i == 1 and toks[i].kind == "str" and role == "stmt":
        return
    if _width(toks, i, j) > width:
        raise _Refuse


def _splits_value(line: _Line, i: int, first_break: int) -> bool:
    """Whether an annotated assignment starting at toks[i] breaks first after its `=`, at the
    display its value opens (`NAMES: dict[str, str] = {`, the items, `}`): the annotation
    then stands whole on the first line, and the line splits as any assignment's does."""
    toks = line.toks
    k = i + 2
    while k < first_break and toks[k].value != "=":
        if toks[k].kind == "op" and toks[k].value in _OPENERS:
            if line.match[k] >= first_break:
                return False  # the annotation itself is split
            k = line.match[k]
        k += 1
    return k + 2 == first_break and toks[k + 1].value in ("[", "{")  # (a `(` is _split_field's)


def _one_tuple(line: _Line, close: int) -> bool:
    """Whether the `)` at index close ends a one-tuple `(x,)`: its comma is not magic."""
    toks = line.toks
    if toks[close].value != ")":
        return False
    opener = _opener(line, close)
    before = toks[opener - 1] if opener else None
    if before is None or (before.kind == "name" and not _keyword(before)) or before.value in _CLOSERS:
        return False  # a call's arguments
    return len(_commas(line, opener, close)) == 1


def _commas(line: _Line, b: int, c: int) -> list[int]:
    """Where the commas between the brackets toks[b] and toks[c] are, at their own level."""
    toks = line.toks
    found = []
    k = b + 1
    while k < c:
        if toks[k].kind == "op" and toks[k].value in _OPENERS:
            k = line.match[k] + 1
            continue
        if toks[k].value == ",":
            found.append(k)
        k += 1
    return found


def _layout(line: _Line, i: int, j: int, indent: int, role: str, width: int) -> None:
    """toks[i:j] (a statement, or one item inside brackets with its comma) starting at column
    `indent` is laid out as black lays it out (see the module docstring)."""
    toks = line.toks
    breaks = [k for k in range(i + 1, j) if toks[k].gap == "\n"]
    if not breaks:
        _one_line(line, i, j, width, role)
        return
    if role == "param":
        _split_param(line, i, j, indent, width)
        return
    if (
        role == "stmt"
        and j - i > 4
        and toks[i].kind == "name"
        and toks[i + 1].value == ":"
        and not _splits_value(line, i, breaks[0])
    ):
        if toks[i + 2].value == "(":
            _split_param(line, i, j, indent, width, field=True)
        else:
            _split_field(line, i, j, indent, width)
        return
    if role == "stmt" and j - i == 5 and toks[i].kind == "name" and toks[i + 1].value == "=":
        _wrapped_default(line, i, j, indent, width)  # `NAME = (`, a value, `)`
        return
    b = breaks[0] - 1
    opener = toks[b]
    if opener.kind != "op" or opener.value not in _OPENERS:
        if role == "item":
            _chain(line, i, j, indent, width)
            return
        raise _Refuse
    c = line.match[b]
    closer = toks[c]
    if c >= j or closer.gap != "\n" or closer.col != indent:
        raise _Refuse
    if any(toks[k].gap == "\n" for k in range(c + 1, j)):
        raise _Refuse
    before = toks[b - 1] if b > i else None
    call = before is not None and (
        (before.kind == "name" and not _keyword(before)) or before.value in _CLOSERS
    )
    hugged = toks[c - 1].value != ","  # no magic comma: the arguments on one line of their own
    if hugged and not (call and opener.value == "(" and role in ("stmt", "item", "last")):
        raise _Refuse
    imported = role == "stmt" and toks[i].value == "from" and before is not None and before.value == "import"
    if (
        opener.value == "("
        and not call
        and not imported
        and not (role == "item" and _split_tuple(line, i, j, b, c, width))
    ):
        raise _Refuse  # an exploded atom (other than a one-tuple black must split)
    if opener.value == "[" and _operand(before):
        raise _Refuse  # a subscript
    if role == "def":
        if any(t.kind == "op" and t.value in _OPENERS for t in toks[i:b]):
            raise _Refuse  # left_hand_split splits at the first bracket
    else:
        _trailer(toks, c + 1, j, role)
        _head(toks, i, b, role)
    _one_line(line, i, b + 1, width, role)
    _one_line(line, c, j, width, role)
    if hugged:
        _arguments_line(line, i, j, b, c, indent, width)
        return
    # The items: one per line, each ending in a comma at this bracket's level.
    start = b + 1
    k = start
    while k < c:
        tok = toks[k]
        if k == start and (tok.gap != "\n" or tok.col != indent + 4):
            raise _Refuse
        if tok.kind == "op" and tok.value in _OPENERS:
            k = line.match[k] + 1
            continue
        if tok.kind == "op" and tok.value == ",":
            _layout(line, start, k + 1, indent + 4, "param" if role == "def" else "item", width)
            start = k = k + 1
            continue
        k += 1
    if start != c:
        raise _Refuse


def _arguments_line(line: _Line, i: int, j: int, b: int, c: int, indent: int, width: int) -> None:
    """A call's arguments on one line of their own, no trailing comma (toks[b] and toks[c] its
    parentheses, in toks[i:j]): what black's right_hand_split makes of a call too long for its
    line when the arguments fit on the next. Without a magic comma black only explodes the
    arguments of an atom or an import, or those too long for one line."""
    toks = line.toks
    first = toks[b + 1]
    if c == b + 1 or first.gap != "\n" or first.col != indent + 4:
        raise _Refuse
    if not all(t.kind != "str" or t.value.isascii() for t in toks[i:j]):
        raise _Refuse
    if any(t.gap == "\n" for t in toks[b + 2 : c]):
        # One argument (no comma at this level), split as black splits it on its own line.
        if _commas(line, b, c):
            raise _Refuse
        _layout(line, b + 1, c, indent + 4, "last", width)
    else:
        _one_line(line, b + 1, c, width, "item")
    if not _forced(line, i, j, b, c, width):
        raise _Refuse  # the call fits on its line: black joins it


def _forced(line: _Line, i: int, j: int, b: int, c: int, width: int) -> bool:
    """Whether black must split the item toks[i:j] at its brackets toks[b] and toks[c]: a magic
    comma between them, or the item joined not fitting (its strings are ASCII)."""
    toks = line.toks
    if any(
        t.value == "," and toks[k + 1].value in _CLOSERS and toks[k + 1].gap == "\n"
        for k, t in enumerate(toks[b + 1 : c - 1], b + 1)
    ):
        return True
    return _width(toks, i, b + 1) + _flat(toks[b + 1 : j]) > width


def _split_tuple(line: _Line, i: int, j: int, b: int, c: int, width: int) -> bool:
    """Whether the atom toks[b] ... toks[c], exploded in the item toks[i:j], is a tuple black
    must split this way: of two items or more, by its magic trailing comma; of one, whose comma
    is not magic, by a magic comma inside its item or the item joined with it not fitting.
    Black splits at the tuple's own parentheses, the last bracket (a trailing comma forbids
    omitting it), and an atom's items go one per line."""
    toks = line.toks
    if toks[c - 1].value != ",":
        return False
    if len(_commas(line, b, c)) > 1:
        return True
    if not all(t.kind != "str" or t.value.isascii() for t in toks[i:j]):
        return False
    return _forced(line, i, j, b, c - 1, width)  # (the tuple's own comma is not magic)


def _flat(toks: list[_Tok]) -> int:
    """The width of toks joined on one line with no magic comma among them: a line break
    becomes nothing after an opening bracket and before a closing one, else one space."""
    width = sum(len(t.value) for t in toks)
    for previous, tok in zip(toks, toks[1:], strict=False):
        if tok.gap != "\n":
            width += len(tok.gap)
        elif not (previous.value in _OPENERS or tok.value in _CLOSERS):
            width += 1
    return width


def _split_param(line: _Line, i: int, j: int, indent: int, width: int, field: bool = False) -> None:
    """toks[i:j], a parameter over several lines, is one black splits this way: `name: (`, its
    annotation, a `|` union, inside (on one line, or one operand per line, each after its
    `|`), then `) = default,` or `),`. A `field` (an annotated assignment) is split the same
    way, ending in `) = default` or `)`, when `name: annotation = (` does not fit either
    (else black splits at the default's parentheses, `_split_field`).

    Black puts an annotation that is a `|` union in parentheses (invisible until needed) and,
    when the parameter does not fit, splits at them: omitting them instead would need a single
    `|` and an annotation ending in a bracket that is not a subscript. The annotation's lines are
    split before each `|` only when it does not fit on one line (delimiter_split)."""
    toks = line.toks
    b, c = i + 2, line.match.get(i + 2, j)
    if toks[i].kind != "name" or _keyword(toks[i]) or toks[i + 1].value != ":" or toks[b].value != "(":
        raise _Refuse
    if c >= j:
        raise _Refuse
    tail = toks[c + 1 : j]
    ending = [] if field else [","]
    default = len(tail) == 2 + len(ending) and tail[0].value == "=" and tail[1].kind in ("name", "num", "str")
    if [t.value for t in tail] != ending and not (default and [t.value for t in tail[2:]] == ending):
        raise _Refuse  # a default with brackets would be split first
    first, last = toks[b + 1], toks[c - 1]
    if first.gap != "\n" or first.col != indent + 4 or toks[c].gap != "\n" or toks[c].col != indent:
        raise _Refuse
    if first.kind == "op" and first.value in _OPENERS:
        raise _Refuse
    if last.value in (")", "}") or (last.value == "]" and not _operand(toks[_opener(line, c - 1) - 1])):
        raise _Refuse
    # The annotation's own level: operands (names, dotted names, subscripts, strings) and `|`.
    bars: list[int] = []
    starts: list[int] = [b + 1]
    split: dict[int, int] = {}  # operand line start -> its subscript's `[`, split around its item
    k = b + 1
    while k < c:
        tok = toks[k]
        if tok.gap == "\n" and k > b + 1:
            starts.append(k)
        if tok.kind == "str" and not tok.value.isascii():
            raise _Refuse  # widths of wide characters: not worth modelling here
        if tok.kind == "op" and tok.value in _OPENERS:
            inner = line.match[k]
            if any(t.kind == "str" and not t.value.isascii() for t in toks[k + 1 : inner]):
                raise _Refuse
            if any(t.gap == "\n" for t in toks[k + 1 : inner + 1]):
                # `list[` or `Literal[`, what it holds, `]`: black's split of an operand line
                # too long (right_hand_split at its subscript), checked below
                if not (
                    tok.value == "["
                    and tok.gap != "\n"
                    and toks[k - 1].kind == "name"
                    and inner > k + 1
                    and toks[k + 1].gap == "\n"
                    and toks[inner].gap == "\n"
                    and toks[inner].col == indent + 4
                    and (inner + 1 == c or toks[inner + 1].gap == "\n")
                    and starts[-1] not in split
                ):
                    raise _Refuse  # an operand split further otherwise: left to black
                split[starts[-1]] = k
            k = inner + 1
            continue
        if tok.kind == "op" and not (tok.value == "|" or (tok.value == "." and toks[k - 1].kind == "name")):
            raise _Refuse
        if _keyword(tok):
            raise _Refuse
        if tok.value == "|":
            bars.append(k)
        k += 1
    if not bars or (len(starts) > 1 and starts[1:] != bars) or any(toks[k].col != indent + 4 for k in starts):
        raise _Refuse
    if split and len(starts) == 1:
        raise _Refuse  # black splits the union at its `|`s first
    for start, end in zip(starts, [*starts[1:], c], strict=True):
        if start in split:
            _split_operand(line, start, split[start], end, indent + 4, width)
        else:
            _one_line(line, start, end, width, "param")
    _one_line(line, i, b + 1, width, "param")
    _one_line(line, c, j, width, "param")
    # Joined, the annotation on one line and the parameter too (the parentheses invisible).
    annotation = _flat(toks[b + 1 : c])
    rest = sum(len(t.value) + len(t.gap) for t in tail)
    if indent + len(toks[i].value) + 2 + annotation + rest <= width:
        raise _Refuse  # the parameter fits: black joins it
    if field and default and indent + len(toks[i].value) + 2 + annotation + len(" = (") <= width:
        raise _Refuse  # black splits at the default's parentheses instead
    if len(starts) > 1 and indent + 4 + annotation <= width:
        raise _Refuse  # the annotation fits: black keeps it on one line


def _split_operand(line: _Line, start: int, at: int, end: int, indent: int, width: int) -> None:
    """toks[start:end], an operand of a split union at column `indent`, split at its subscript's
    `[` (toks[at]), as black splits an operand line too long: what the subscript holds on one
    line, no trailing comma (black adds none there) (a lone name may be too long: black cannot
    split it); or one simple item per line, each with its comma (the last one magic)."""
    toks = line.toks
    inner = line.match[at]
    if indent + _flat(toks[start:end]) - (toks[inner - 1].value == ",") <= width:
        raise _Refuse  # the operand fits its line: black joins it
    _one_line(line, start, at + 1, width, "param")
    _one_line(line, inner, end, width, "param")
    firsts = [k for k in range(at + 1, inner) if toks[k].gap == "\n"]
    if any(toks[k].col != indent + 4 for k in firsts):
        raise _Refuse
    if toks[inner - 1].value != ",":
        if len(firsts) != 1:
            raise _Refuse
        if not (inner == at + 2 and toks[at + 1].kind == "name"):
            _one_line(line, at + 1, inner, width, "param")
        return
    if firsts != list(range(at + 1, inner, 2)) or len(firsts) < 2:
        raise _Refuse  # (one item: a single-element subscript's comma is not magic)
    for k in firsts:
        if not _simple(toks[k]) or toks[k + 1].value != ",":
            raise _Refuse
        _one_line(line, k, k + 2, width, "param")


def _split_field(line: _Line, i: int, j: int, indent: int, width: int) -> None:
    """toks[i:j], an annotated assignment over several lines, is a model field black splits
    this way: `name: annotation = default` (or `name: annotation`) that does not fit its line.

    Black puts the default in parentheses (invisible until needed) and splits there,
    `name: annotation = (`, the default, `)`, when that first line fits (`_wrapped_default`);
    otherwise at the annotation's own brackets: a `|` union's parentheses (`_split_param`),
    or `Annotated[`, the items on one line if they fit there, else one per line with a
    trailing comma, then `] = default`."""
    toks = line.toks
    if j - i >= 7 and [toks[j - 4].value, toks[j - 3].value, toks[j - 1].value] == ["=", "(", ")"]:
        _wrapped_default(line, i, j, indent, width)
        return
    if _keyword(toks[i]) or any(t.kind == "str" and not t.value.isascii() for t in toks[i:j]):
        raise _Refuse  # (widths of wide characters: not worth modelling here)
    s = i + 3  # the subscript's `[`
    close = line.match.get(s, j)
    if toks[i + 2].kind != "name" or _keyword(toks[i + 2]) or toks[s].value != "[":
        raise _Refuse
    if close + 1 == j:
        assignment = 0  # a required field: no default
    elif close + 3 == j and toks[close + 1].value == "=" and _simple(toks[close + 2]):
        assignment = len(" = ") + len(toks[close + 2].value)
    else:
        raise _Refuse  # a default of several tokens: its brackets would be split first
    # The items at the subscript's level, and how they are laid out.
    commas = _commas(line, s, close)
    magic = bool(commas) and commas[-1] == close - 1
    # The items joined on one line, without a magic comma.
    inside = toks[s + 1 : close - 1] if magic else toks[s + 1 : close]
    items = _joined(inside)
    if not commas or (magic and len(commas) < 2):
        raise _Refuse  # one item: black splits it differently
    subscript = len(toks[i + 2].value) + 1 + items + 1
    if indent + len(toks[i].value) + 2 + subscript + assignment <= width:
        raise _Refuse  # it fits: black joins it (or, with a magic comma, splits it its own way)
    if assignment and indent + len(toks[i].value) + 2 + subscript + len(" = (") <= width:
        raise _Refuse  # black would wrap the default instead
    first = toks[s + 1]
    if first.gap != "\n" or first.col != indent + 4 or toks[close].gap != "\n" or toks[close].col != indent:
        raise _Refuse
    _one_line(line, i, s + 1, width, "stmt")
    _one_line(line, close, j, width, "stmt")
    starts = [k for k in range(s + 1, close) if toks[k].gap == "\n"]
    if indent + 4 + items <= width:
        # The items together on one line, no trailing comma.
        if magic or len(starts) != 1:
            raise _Refuse
        _one_line(line, s + 1, close, width, "stmt")
        return
    # One item per line, each ending in its comma, split as any item black splits if need be.
    firsts = [s + 1] + [k + 1 for k in commas[:-1]]
    if not magic or any(k not in starts for k in firsts):
        raise _Refuse
    for start, end in zip(firsts, [k + 1 for k in commas], strict=True):
        _layout(line, start, end, indent + 4, "item", width)


def _wrapped_default(line: _Line, i: int, j: int, indent: int, width: int) -> None:
    """`name: annotation = (`, the default alone, `)`: black's split of a field too long for its
    line while that first line fits. Black puts both the annotation and the default in
    invisible parentheses; it keeps the default's when the line up to them fits (the left
    side of the assignment holds brackets and is short enough), whatever the annotation.
    `NAME = (`, a value alone, `)` too (an enum member): with no other bracket to split at,
    black makes the parentheses visible when the value then fits its line."""
    toks = line.toks
    default = toks[j - 2]
    if not _simple(default) or any(t.gap == "\n" for t in toks[i + 1 : j - 2]):
        raise _Refuse
    if [toks[j - 4].value, toks[j - 3].value, toks[j - 1].value] != ["=", "(", ")"] or _keyword(toks[i]):
        raise _Refuse
    if any(t.kind == "str" and not t.value.isascii() for t in toks[i:j]):
        raise _Refuse  # widths of wide characters: not worth modelling here
    if (
        default.gap != "\n"
        or default.col != indent + 4
        or toks[j - 1].gap != "\n"
        or toks[j - 1].col != indent
    ):
        raise _Refuse
    _one_line(line, i, j - 2, width, "stmt")
    _one_line(line, j - 2, j - 1, width, "stmt")
    if indent + _joined(toks[i : j - 3]) + 1 + len(default.value) <= width:
        raise _Refuse  # it fits: black joins it


def _simple(tok: _Tok) -> bool:
    """A default black never splits: one name, number or string."""
    return tok.kind in ("name", "num", "str") and not _keyword(tok)


def _opener(line: _Line, close: int) -> int:
    return next(o for o, c in line.match.items() if c == close)


def _joined(toks: list[_Tok]) -> int:
    """The width of toks joined on one line as black joins them: a line break is one space; the
    first token's own gap is not counted."""
    return sum(len(t.value) for t in toks) + sum(1 if t.gap == "\n" else len(t.gap) for t in toks[1:])


def _trailer(toks: list[_Tok], k: int, j: int, role: str) -> None:
    """After the exploded bracket: at most one empty `.name()` call, then `,` for an item (not
    for the `last`, the one argument of a call split further)."""
    values = [t.value for t in toks[k:j]]
    if role == "item":
        if not values or values[-1] != ",":
            raise _Refuse
        values = values[:-1]
    if values and not (len(values) == 4 and values[0] == "." and values[2:] == ["(", ")"]):
        raise _Refuse


def _head(toks: list[_Tok], i: int, b: int, role: str) -> None:
    """Before the exploded bracket: a prefix black does not split at, then a dotted name (or
    nothing, before a display or a tuple); or `super().` and a dotted name, as a statement of
    its own. In an item the name may be unpacked (`*name(`) or subscripted (`Name[T](`)."""
    values = [t.value for t in toks[i:b]]
    kinds = [t.kind for t in toks[i:b]]
    p = 0
    if role == "stmt" and values[0] == "from" and values[-1] == "import":
        return  # `from x import (`: its names are checked by _import
    if role == "stmt":
        if values[:4] == ["super", "(", ")", "."]:
            # A bare call statement has no invisible parentheses to weigh: black splits at
            # its last bracket whatever comes before it.
            _dotted(toks, i + 4, b, allow_empty=False)
            return
        if values[:2] == ["return", "await"]:
            p = 2
        elif values[:1] in (["return"], ["await"], ["raise"]):
            p = 1
        elif "=" in values:
            q = values.index("=")
            if q >= 3 and kinds[0] == "name" and values[0] not in _KEYWORDS and values[1] == ":":
                # An annotated target (`NAMES: dict[str, str] = {`): black splits at the value's
                # bracket while the first line fits (_one_line checks it, magic commas too).
                if any(t.kind == "op" and t.value in ("=", ":=", "lambda") for t in toks[i + 2 : i + q]):
                    raise _Refuse
            else:
                _dotted(toks, i, i + q, allow_empty=False)
            p = q + 1
    else:
        if len(values) >= 2 and kinds[0] == "name" and values[1] == "=" and values[0] not in _KEYWORDS:
            p = 2
        elif len(values) >= 2 and kinds[0] == "str" and values[1] == ":":
            p = 2
        elif values[:1] in (["*"], ["**"]):
            p = 1  # unpacked: not a delimiter to black
        elif values[:1] == ["lambda"]:
            p = 1
            if p < len(values) and kinds[p] == "name" and values[p] not in _KEYWORDS:
                p += 1
            if values[p : p + 1] != [":"]:
                raise _Refuse
            p += 1
        if values[p : p + 1] == ["await"]:
            p += 1
    display = toks[b].value in ("[", "{") or (role == "item" and toks[b].value == "(")
    if role == "item" and toks[b].value == "(" and toks[b - 1].value == "]":
        # A subscripted callee, `ByStatus[T](`: what its subscript holds is a level down, so
        # no delimiter of the item's own line (black's delimiter_split finds nothing there)
        b = _subscript_start(toks, i + p, b - 1)
    _dotted(toks, i + p, b, allow_empty=display)  # (an empty head before `(`: a one-tuple)


def _subscript_start(toks: list[_Tok], i: int, close: int) -> int:
    """Where the subscript ending at toks[close] (`]`) opens, within toks[i:close]."""
    depth = 0
    for k in range(close, i - 1, -1):
        depth += (toks[k].value in _CLOSERS) - (toks[k].value in _OPENERS)
        if depth == 0:
            if k == i or toks[k - 1].kind != "name":
                raise _Refuse
            return k
    raise _Refuse


def _dotted(toks: list[_Tok], i: int, j: int, allow_empty: bool) -> None:
    if i == j:
        if not allow_empty:
            raise _Refuse
        return
    for n, tok in enumerate(toks[i:j]):
        if n % 2 == 0:
            if tok.kind != "name" or tok.value in _KEYWORDS:
                raise _Refuse
        elif tok.value != ".":
            raise _Refuse
    if (j - i) % 2 == 0:
        raise _Refuse


def _chain(line: _Line, i: int, j: int, indent: int, width: int) -> None:
    """An item split before each `+`, or each `|` (black's delimiter_split): only when the
    joined item does not fit, that operator is its only delimiter, and every operand line fits."""
    toks = line.toks
    if toks[j - 1].value != ",":
        raise _Refuse
    starts = [i]
    k = i
    previous: _Tok | None = None
    operator: str | None = None
    while k < j - 1:
        tok = toks[k]
        if tok.kind == "op" and tok.value in _OPENERS:
            if any(t.gap == "\n" for t in toks[k + 1 : line.match[k] + 1]):
                raise _Refuse
            previous = toks[line.match[k]]
            k = line.match[k] + 1
            continue
        if tok.kind == "op":
            if tok.value in ("+", "|") and operator in (None, tok.value):
                if tok.gap != "\n" or tok.col != indent or not _operand(previous):
                    raise _Refuse
                operator = tok.value
                starts.append(k)
            elif tok.value == "." and previous is not None and previous.value in _CLOSERS:
                raise _Refuse  # a DOT delimiter
            elif tok.value not in (".", "=", ":") or tok.gap == "\n":
                raise _Refuse
        elif (
            (tok.gap == "\n" and k != i)
            or _keyword(tok)
            or (tok.kind == "str" and previous is not None and previous.kind == "str")
        ):
            raise _Refuse
        previous = tok
        k += 1
    if len(starts) < 2:
        raise _Refuse
    if not all(t.kind != "str" or t.value.isascii() for t in toks[i:j]):
        raise _Refuse  # widths of wide characters: not worth modelling here
    joined = indent + _joined(toks[i:j])
    if joined <= width:
        raise _Refuse  # it fits: black would join it
    for a, z in zip(starts, [*starts[1:], j], strict=True):
        _one_line(line, a, z, width, "item")
