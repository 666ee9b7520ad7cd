"""Stage 3 (render): black's line layout for the long lines templates build from spec data.

black formats its input twice whenever the first pass changes something (the second pass
checks the result is stable), so a module that already looks the way black would lay it
out costs about half as much to format. This mirrors black's stable style for the two
shapes generated code splits at: a bracketed, comma-separated list (one line if it fits;
else the items on a line of their own between the brackets; else one item per line with
a trailing comma), and operands joined by operators inside brackets (one operand per line,
each after its operator). Anything it does not model is left for black: a miss costs
time, never bytes, because black still formats everything.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Brackets:
    head: str  # everything up to and including the opening bracket
    items: tuple[Node, ...]
    tail: str  # the closing bracket and what follows it on the line
    one_line: str | None = None  # the unsplit text, when it is not head + items + tail
    explode: bool = False  # never items on one line: black splits imports one per line
    optional: bool = False  # brackets black adds only to split (`x = (...)`), if that helps


@dataclass(frozen=True)
class Chain:
    """Operands joined by operators, inside brackets: `a + b`, `x if c else y`."""

    first: Node
    rest: tuple[tuple[str, Node], ...]  # (operator, operand)


Node = str | Brackets | Chain


def flat(node: Node) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, Chain):
        return flat(node.first) + "".join(f" {op} {flat(item)}" for op, item in node.rest)
    if node.one_line is not None:
        return node.one_line
    return node.head + ", ".join(flat(item) for item in node.items) + node.tail


def lay(node: Node, indent: int, width: int) -> str:
    """node as black lays it out on a line starting at column `indent` (`width` = line length)."""
    text = flat(node)
    if indent + len(text) <= width or isinstance(node, str):
        return text
    pad = indent + 4
    if isinstance(node, Chain):
        here = "\n" + " " * indent
        rest = "".join(here + lay(with_prefix(f"{op} ", item), indent, width) for op, item in node.rest)
        return lay(node.first, indent, width) + rest
    inner = ", ".join(flat(item) for item in node.items)
    close = "\n" + " " * indent + node.tail
    if node.optional and (
        len(node.items) != 1 or (pad + len(inner) > width and isinstance(node.items[0], str))
    ):
        return text  # black adds the brackets only when the content then fits or can be split
    if not node.explode and pad + len(inner) <= width:
        return node.head + "\n" + " " * pad + inner + close
    if len(node.items) == 1 and not node.explode:  # no comma to split at: black splits the item
        return node.head + "\n" + " " * pad + lay(node.items[0], pad, width) + close
    lines = (lay(with_suffix(item, ","), pad, width) for item in node.items)
    return node.head + "".join("\n" + " " * pad + line for line in lines) + close


def with_suffix(node: Node, suffix: str) -> Node:
    """node followed by suffix on its last line (a trailing comma, say)."""
    if isinstance(node, str):
        return node + suffix
    if isinstance(node, Chain):
        if not node.rest:
            return replace(node, first=with_suffix(node.first, suffix))
        *rest, (op, last) = node.rest
        return replace(node, rest=(*rest, (op, with_suffix(last, suffix))))
    one_line = None if node.one_line is None else node.one_line + suffix
    return replace(node, tail=node.tail + suffix, one_line=one_line)


def with_prefix(prefix: str, node: Node) -> Node:
    """node preceded by prefix on its first line (an operator, say)."""
    if isinstance(node, str):
        return prefix + node
    if isinstance(node, Chain):
        return replace(node, first=with_prefix(prefix, node.first))
    one_line = None if node.one_line is None else prefix + node.one_line
    return replace(node, head=prefix + node.head, one_line=one_line)
