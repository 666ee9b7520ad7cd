"""Stage 3 (render): Python source fragments for IR types: annotations, decode and encode expressions.

Templates call these as Jinja filters, so the templates stay about layout while
the typing rules live in one place. Every spec string that reaches generated code
goes through `literal` or `docstring`, never raw.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Mapping

from ..model import ir
from . import layout

_ANNOTATIONS = {
    "str": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "datetime": "datetime.datetime",
    "date": "datetime.date",
    "uuid": "uuid.UUID",
    "bytes": "bytes",
    "file": "FileInput",
    "any": "Any",
    "none": "None",
}
# Constructors that turn a default's JSON value into the field's Python type.
_CONSTRUCTORS = {
    "datetime": "datetime.datetime.fromisoformat({})",
    "date": "datetime.date.fromisoformat({})",
    "uuid": "uuid.UUID({})",
    "bytes": "base64.b64decode({})",
}


def annotation(t: ir.TypeExpr, quoted: frozenset[str] = frozenset()) -> str:
    """The Python annotation of `t`; aliases named in `quoted` are written as strings (forward
    references, for aliases that are not yet defined where this annotation is evaluated)."""
    if isinstance(t, ir.Primitive):
        return _ANNOTATIONS[t.kind]
    if isinstance(t, ir.ListOf):
        return f"list[{annotation(t.item, quoted)}]"
    if isinstance(t, ir.MapOf):
        return f"dict[str, {annotation(t.value, quoted)}]"
    if isinstance(t, ir.EnumRef):
        # Unknown values from a newer server arrive as plain strings/ints.
        return f"{t.name} | {t.kind}"
    if isinstance(t, ir.UnionRef) and t.name in quoted:
        return string(t.name)
    if isinstance(t, (ir.ModelRef, ir.UnionRef)):
        return t.name
    if isinstance(t, ir.Const):
        if isinstance(t.value, float):  # not a valid Literal for type checkers
            return "float"
        return f"Literal[{literal(t.value)}]"
    inner = annotation(t.inner, quoted)
    if inner in ("Any", "None"):
        return inner
    if inner[0] in "\"'":  # `"B" | None` fails at run time: the whole type becomes the string
        return string(inner[1:-1] + " | None")
    return f"{inner} | None"


def literal(value: object) -> str:
    """A Python literal for JSON data; repr() escapes every spec string safely."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({string(str(value))})"  # YAML's .inf / .nan have no literal
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        return string(value)
    return repr(value)


def string(text: str) -> str:
    """repr(text), in double quotes unless that needs more escapes: black's choice, so black
    has nothing to change (code black leaves alone it formats in one pass instead of two)."""
    quoted = repr(text)
    if quoted[0] == "'" and '"' not in text:  # then no quote in the body is escaped
        return f'"{quoted[1:-1]}"'
    return quoted


def docstring(text: str, indent: int = 4) -> str:
    """Spec text as the inside of a triple-quoted docstring: nothing can close it early.

    Backslashes and quotes are escaped, and control characters and lone surrogates
    (which Python source cannot hold) are written as escapes.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    text = _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text.replace("\\", "\\\\"))
    if text.endswith('"'):  # it would run into the closing quotes
        text = text[:-1] + '\\"'
    text = text.replace('"""', '\\"\\"\\"')
    pad = " " * indent
    lines = text.split("\n")
    # black re-indents a docstring's later lines by their common indentation: do it first.
    rest = [line for line in lines[1:] if line.strip()]
    if rest and not any("\t" in line[: len(line) - len(line.lstrip())] for line in rest):
        common = min(len(line) - len(line.lstrip()) for line in rest)
        lines = [lines[0], *(line[common:] for line in lines[1:])]
    body = "\n".join((pad + line).rstrip() if line.strip() else "" for line in lines).lstrip()
    # A multi-line docstring closes on a line of its own (PEP 257).
    return body + "\n" + pad if len(lines) > 1 else body


_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def field_annotation(f: ir.Field | ir.Parameter) -> str:
    """The annotation of a model field or method argument, with its optionality."""
    base = annotation(f.type)
    if f.required or (f.has_default and not isinstance(f.type, ir.Nullable)):
        return base
    if isinstance(f.type, ir.Nullable):
        # Absent (UNSET) and null (None) mean different things for a nullable field.
        return f"{base} | Unset"
    return base if base in ("Any", "None") else f"{base} | None"


def default_expr(f: ir.Field | ir.Parameter) -> str:
    """The default as a Python expression of the field's type (`datetime.date(...)`)."""
    t = f.type.inner if isinstance(f.type, ir.Nullable) and f.default is not None else f.type
    return _value_expr(t, f.default)


def _value_expr(t: ir.TypeExpr, value: object) -> str:
    if value is None or isinstance(t, (ir.Const, ir.EnumRef)):
        return literal(value)  # an enum's annotation admits its plain values
    if isinstance(t, ir.Primitive) and t.kind in _CONSTRUCTORS:
        return _CONSTRUCTORS[t.kind].format(literal(value))
    if isinstance(t, ir.ListOf) and isinstance(value, list):
        return "[" + ", ".join(_value_expr(t.item, v) for v in value) + "]"
    if isinstance(t, ir.MapOf) and isinstance(value, dict):
        return (
            "{" + ", ".join(f"{literal(str(k))}: {_value_expr(t.value, v)}" for k, v in value.items()) + "}"
        )
    if isinstance(t, ir.ModelRef):
        return f"{t.name}.from_dict({literal(value)})"
    if isinstance(t, ir.UnionRef) and isinstance(value, (list, dict)):
        return f"decode({t.name}, {literal(value)})"
    return literal(value)


def field_default(f: ir.Field | ir.Parameter) -> str:
    """` = default` for optional fields and arguments, empty for required ones."""
    if f.has_default and isinstance(f.default, (list, dict)):
        return f" = field(default_factory=lambda: {default_expr(f)})"
    if f.has_default:
        return f" = {default_expr(f)}"
    if f.required:
        return ""
    return " = UNSET" if isinstance(f.type, ir.Nullable) else " = None"


def model_field(f: ir.Field, indent: int = 4, width: int = 100) -> str:
    """A model's field declaration, `name: type = default`, with its JSON name where it differs,
    laid out as black would: the default in parentheses if `name: type = (` fits, else split at
    `Annotated[`, or (a `|` union, or one type without a default) at the parentheses black puts
    around the annotation."""
    ann = field_annotation(f)
    default = field_default(f)
    text = f"{f.name}: {ann}{default}"
    if f.name != f.wire_name:
        wire = f"Wire({literal(f.wire_name)})"
        text = f"{f.name}: Annotated[{ann}, {wire}]{default}"
        if indent + len(text) > width and not _fits_rhs_split(text, default, indent, width):
            items = (_union_node(ann), layout.Brackets("Wire(", (literal(f.wire_name),), ")"))
            node = layout.Brackets(f"{f.name}: Annotated[", items, f"]{default}")
            return layout.lay(node, indent, width)
    elif (
        indent + len(text) > width
        and not _fits_rhs_split(text, default, indent, width)
        and "(" not in default
        and len(_top_level_union(ann)) > 1
    ):
        node = layout.Brackets(f"{f.name}: (", (_union_node(ann),), f"){default}", text)
        return layout.lay(node, indent, width)
    elif not default and indent + len(text) > width and len(_top_level_union(ann)) == 1:
        operand = _operand_node(ann)
        if isinstance(operand, layout.Brackets) and indent + len(f.name) + 2 + len(operand.head) <= width:
            return layout.lay(layout.with_prefix(f"{f.name}: ", operand), indent, width)  # at `list[`
        wrap = indent + len(f.name) + len(": (") <= width and indent + 4 + len(ann) <= width
        if (_NAME.fullmatch(ann) or isinstance(operand, layout.Brackets)) and wrap:
            # Too long beside its name, and no bracket to split at: black parenthesises it.
            return layout.lay(layout.Brackets(f"{f.name}: (", (ann,), ")", text), indent, width)
    if default and indent + len(text) > width and _fits_rhs_split(text, default, indent, width):
        value = default.removeprefix(" = ")
        return layout.lay(
            layout.Brackets(text[: -len(value)] + "(", (value,), ")", text, optional=True), indent, width
        )
    return text


_NAME = re.compile(r"[A-Za-z_][\w.]*")


def _fits_rhs_split(text: str, default: str, indent: int, width: int) -> bool:
    """Whether black would wrap the default in parentheses: `name: type = (` fits the line."""
    return bool(default) and indent + len(text) - len(default) + len(" = (") <= width


def arg_line(name: str, ann: str, default: str, indent: int = 8, width: int = 100) -> str:
    """A method argument `name: type = default,` laid out as black would: a long annotation goes
    in parentheses, split before each `|` if it still does not fit."""
    text = f"{name}: {ann}{default},"
    if indent + len(text) <= width:
        return text
    return layout.lay(layout.Brackets(f"{name}: (", (_union_node(ann),), f"){default},", text), indent, width)


def alias_line(name: str, value: str, width: int = 100) -> str:
    """A union's alias, `Name: TypeAlias = value`, laid out as black would when it does not fit:
    `Union[...]` or `Annotated[...]` split at its bracket, the items on one line if they fit
    there, else one per line; a `|` union in the parentheses black puts around it, split before
    each `|` if it does not fit inside them. A head too long for even that is left to black."""
    text = f"{name}: TypeAlias = {value}"
    if len(text) <= width:
        return text
    head = f"{name}: TypeAlias = "
    subscript = re.fullmatch(r"(Union|Annotated)\[(.*)\]", value, re.DOTALL)
    if subscript is not None:
        if len(head) + len(subscript[1]) + 1 > width:
            return text
        items = tuple(_top_level(subscript[2], ", "))
        return layout.lay(layout.Brackets(f"{head}{subscript[1]}[", items, "]"), 0, width)
    if len(_top_level_union(value)) > 1 and len(head) + 1 <= width:
        node = layout.Brackets(head + "(", (_union_node(value),), ")", text, optional=True)
        return layout.lay(node, 0, width)
    return text


def _union_node(ann: str) -> layout.Node:
    """A `|` union as operands black may put one per line, each after its `|`."""
    parts = [_operand_node(p) for p in _top_level_union(ann)]
    return layout.Chain(parts[0], tuple(("|", p) for p in parts[1:])) if len(parts) > 1 else ann


def _operand_node(part: str) -> layout.Node:
    """`Literal[a, b, ...]` as brackets black may split at, one value per line if need be;
    `list[X]` too, X alone between the brackets (split before each `|` if X is a union that
    does not fit there)."""
    subscript = re.fullmatch(r"([A-Za-z_]\w*)\[(.+)\]", part)
    if subscript and subscript[1] != "Literal" and len(_top_level(subscript[2], ", ")) == 1:
        return layout.Brackets(subscript[1] + "[", (_union_node(subscript[2]),), "]")
    if not (part.startswith("Literal[") and part.endswith("]")):
        return part
    values = ast.parse(part, mode="eval").body
    assert isinstance(values, ast.Subscript)
    elements = values.slice.elts if isinstance(values.slice, ast.Tuple) else [values.slice]
    items = tuple(literal(e.value) for e in elements if isinstance(e, ast.Constant))
    if len(items) != len(elements) or f"Literal[{', '.join(items)}]" != part:
        return part  # not plain constants as `literal` writes them: black lays it out
    return layout.Brackets("Literal[", items, "]")


def _top_level_union(ann: str) -> list[str]:
    """The operands of the annotation's outermost `|`s (brackets inside strings do not count)."""
    return _top_level(ann, " | ")


def _top_level(ann: str, separator: str) -> list[str]:
    """ann cut at each separator outside brackets and strings."""
    parts, depth, start = [], 0, 0
    quote: str | None = None
    escaped = False
    for index, char in enumerate(ann):
        if quote is not None:
            escaped, quote = (False, quote) if escaped else (char == "\\", None if char == quote else quote)
            continue
        if char in "\"'":
            quote = char
        elif char in "[({":
            depth += 1
        elif char in "])}":
            depth -= 1
        elif depth == 0 and ann.startswith(separator, index):
            parts.append(ann[start:index])
            start = index + len(separator)
    return [*parts, ann[start:]]


def arg_annotation(f: ir.Field | ir.Parameter, enums: Mapping[str, ir.Enum]) -> str:
    """A method argument's annotation: an enum also takes its values as literals, so a typo is a
    type error; a list default is given as None (a signature cannot hold a mutable default)."""
    base = field_annotation(f)
    inner = f.type.inner if isinstance(f.type, ir.Nullable) else f.type
    enum = enums.get(inner.name) if isinstance(inner, ir.EnumRef) else None
    if isinstance(inner, ir.EnumRef) and enum is not None:
        values = ", ".join(literal(m.value) for m in enum.members)
        base = base.replace(f"{inner.name} | {inner.kind}", f"{inner.name} | Literal[{values}]", 1)
    if _mutable_default(f) and not base.endswith("| None"):
        base += " | None"
    return base


def arg_default(f: ir.Field | ir.Parameter) -> str:
    """` = default` of a method argument (see arg_annotation)."""
    return " = None" if _mutable_default(f) else field_default(f)


def arg_value(name: str, f: ir.Field) -> str:
    """The value a method passes on for argument `name`: its mutable default made afresh."""
    return f"{default_expr(f)} if {name} is None else {name}" if _mutable_default(f) else name


def _mutable_default(f: ir.Field | ir.Parameter) -> bool:
    return f.has_default and isinstance(f.default, (list, dict))


def query_entry(p: ir.Parameter) -> str:
    """A query parameter's entry in the dict given to `query()`; objects are spread out."""
    inner = p.type.inner if isinstance(p.type, ir.Nullable) else p.type
    if p.style == "deepObject":
        return f"**object_params({literal(p.wire_name)}, {p.name}, deep=True)"
    if p.style == "form" and p.explode and isinstance(inner, (ir.ModelRef, ir.MapOf)):
        return f"**object_params({literal(p.wire_name)}, {p.name}, deep=False)"
    return f"{literal(p.wire_name)}: {p.name}"


def given_check(p: ir.Parameter) -> str:
    """The condition under which the caller passed an optional argument."""
    if isinstance(p.type, ir.Nullable):
        return f"not isinstance({p.name}, Unset)"
    if p.has_default:
        return f"{p.name} != {default_expr(p)}"
    return f"{p.name} is not None"


def union_value(
    u: ir.Union_, quoted: frozenset[str] = frozenset(), external: frozenset[str] = frozenset()
) -> str:
    """The type a union alias stands for; with a discriminator, `Annotated` with the tag's
    property and the class each tag value selects. Aliases in `quoted` are not defined yet;
    names in `external` live in another module, loaded only when the alias is first decoded."""
    if external & set(_union_names(u, every=True)):
        return _lazy_union_value(u, quoted | external)
    variants = list(dict.fromkeys(annotation(v.type, quoted) for v in u.variants))
    if any(v.startswith(('"', "'")) for v in variants):
        value = f"Union[{', '.join(variants)}]"  # `|` cannot join a string at run time
    else:
        value = " | ".join(variants)
    return _tagged(u, value, frozenset())


def _tagged(u: ir.Union_, value: str, names: frozenset[str]) -> str:
    tagged = [(tag, annotation(v.type)) for v in u.variants if u.discriminator for tag in v.tags]
    if not tagged:
        return value
    mapping = ", ".join(f"{literal(tag)}: {string(name) if name in names else name}" for tag, name in tagged)
    return f"Annotated[{value}, Discriminator({literal(u.discriminator)}, {{{mapping}}})]"


def _lazy_union_value(u: ir.Union_, names: frozenset[str]) -> str:
    """A union naming classes of other modules: each such name is a string, so defining the
    alias imports nothing (the codec resolves the strings when it first decodes the alias)."""
    members = list(dict.fromkeys(m for v in u.variants for m in _members(v.type, names)))
    return _tagged(u, _join(members), names)


def _members(t: ir.TypeExpr, names: frozenset[str]) -> list[str]:
    """`t` as the members of a flat union, the classes in `names` written as strings."""
    if isinstance(t, ir.Nullable):
        inner = _members(t.inner, names)
        return inner if inner in (["Any"], ["None"]) else [*inner, "None"]
    if isinstance(t, ir.EnumRef) and t.name in names:
        return [string(t.name), t.kind]
    if isinstance(t, (ir.ModelRef, ir.UnionRef)) and t.name in names:
        return [string(t.name)]
    if isinstance(t, ir.ListOf):
        return [f"list[{_join(_members(t.item, names))}]"]
    if isinstance(t, ir.MapOf):
        return [f"dict[str, {_join(_members(t.value, names))}]"]
    return [annotation(t)]


def _join(members: list[str]) -> str:
    if any(m.startswith(('"', "'")) for m in members) and len(members) > 1:
        return f"Union[{', '.join(members)}]"  # `|` cannot join a string at run time
    return " | ".join(members)


def ordered_unions(
    unions: list[ir.Union_], external: frozenset[str] = frozenset()
) -> list[tuple[ir.Union_, str]]:
    """Each union alias with its value, in an order where an alias follows the aliases it
    names; a name that is not defined yet (a cycle of aliases) is written as a string, as are
    names in `external` (defined in another module)."""
    by_name = {u.name: u for u in unions}
    uses = {u.name: sorted(_union_names(u) & by_name.keys()) for u in unions}
    placed: set[str] = set()
    visiting: set[str] = set()
    order: list[tuple[ir.Union_, str]] = []

    def visit(name: str) -> None:
        if name in placed or name in visiting:
            return
        visiting.add(name)
        for used in uses[name]:
            visit(used)
        visiting.discard(name)
        later = frozenset(n for n in uses[name] if n not in placed)
        order.append((by_name[name], union_value(by_name[name], later, external)))
        placed.add(name)

    for u in unions:
        visit(u.name)
    return order


def _union_names(u: ir.Union_, every: bool = False) -> set[str]:
    """The aliases a union's variants name (`every`: models and enums too)."""
    names: set[str] = set()
    for v in u.variants:
        stack: list[ir.TypeExpr] = [v.type]
        while stack:
            t = stack.pop()
            if isinstance(t, ir.UnionRef) or (every and isinstance(t, (ir.ModelRef, ir.EnumRef))):
                names.add(t.name)
            elif isinstance(t, ir.ListOf):
                stack.append(t.item)
            elif isinstance(t, ir.MapOf):
                stack.append(t.value)
            elif isinstance(t, ir.Nullable):
                stack.append(t.inner)
    return names


def ordered_models(models: list[ir.Model]) -> list[ir.Model]:
    """Models in their order, except that a subtype follows its base (a class statement needs
    its base defined)."""
    by_name = {m.name: m for m in models}
    placed: set[str] = set()
    order: list[ir.Model] = []

    def place(m: ir.Model) -> None:
        if m.name in placed:
            return
        placed.add(m.name)
        if m.base in by_name:
            place(by_name[m.base])
        order.append(m)

    for m in models:
        place(m)
    return order


def model_bases(m: ir.Model) -> str:
    """The bases and class keywords of a model's class statement."""
    parts = [m.base or "ApiModel"]
    if m.discriminator is not None:
        parts.append(f"discriminator={literal(m.discriminator)}")
    if m.tags:
        values = ", ".join(literal(t) for t in m.tags)
        # A comma after the last of two values would be magic to black, which would explode it.
        parts.append(f"tags=({values},)" if len(m.tags) == 1 else f"tags=({values})")
    return ", ".join(parts)


def decoder(t: ir.TypeExpr) -> str:
    """A typed function decoding parsed JSON as `t`: a model's `from_dict`, else `Decode[...]()`."""
    if isinstance(t, ir.ModelRef):
        return f"{t.name}.from_dict"
    return f"Decode[{annotation(t)}]()"


def body_decoder(r: ir.Response) -> str | None:
    """How one success response's body becomes a value (None: no body)."""
    if r.kind == "empty":
        return None
    if r.kind == "text":
        return "str"  # the body as it came
    t = r.result_type
    return decoder(t) if t is not None else "Decode[Any]()"
