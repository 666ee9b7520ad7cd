"""Python source fragments for IR types: annotations, decode and encode expressions.

Templates call these as Jinja filters, so the templates stay about layout while
the typing rules live in one place. Every spec string that reaches generated code
goes through `literal` or `docstring`, never raw.
"""

from __future__ import annotations

import math
import re

from . import ir, layout
from .names import snake

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
_DECODERS = {
    "datetime": "parse_datetime({})",
    "date": "datetime.date.fromisoformat({})",
    "uuid": "uuid.UUID({})",
    "bytes": "base64.b64decode({})",
}
_ENCODERS = {
    "datetime": "{}.isoformat()",
    "date": "{}.isoformat()",
    "uuid": "str({})",
    "bytes": "base64.b64encode({}).decode()",
}


def annotation(t: ir.TypeExpr) -> str:
    if isinstance(t, ir.Primitive):
        return _ANNOTATIONS[t.kind]
    if isinstance(t, ir.ListOf):
        return f"list[{annotation(t.item)}]"
    if isinstance(t, ir.MapOf):
        return f"dict[str, {annotation(t.value)}]"
    if isinstance(t, ir.EnumRef):
        # Unknown values from a newer server arrive as plain strings/ints.
        return f"{t.name} | {t.kind}"
    if isinstance(t, (ir.ModelRef, ir.UnionRef)):
        return t.name
    if isinstance(t, ir.Const):
        return f"Literal[{literal(t.value)}]"
    inner = annotation(t.inner)
    return inner if inner == "Any" else f"{inner} | None"


def decode(t: ir.TypeExpr, expr: str, path: str, depth: int = 0) -> str:
    """An expression turning JSON value `expr` into `t`; `path` is an f-string body."""
    return layout.flat(decode_node(t, expr, path, depth))


def decode_node(t: ir.TypeExpr, expr: str, path: str, depth: int = 0) -> layout.Node:
    """decode, with its calls, comprehensions and conditionals as nodes black may split."""
    if isinstance(t, ir.Primitive):
        return _DECODERS.get(t.kind, "{}").format(expr)
    if isinstance(t, ir.ModelRef):
        return layout.Brackets(f"{t.name}.from_dict(", (expr, _path_literal(path)), ")")
    if isinstance(t, ir.UnionRef):
        return layout.Brackets(f"decode_{snake(t.name)}(", (expr, _path_literal(path)), ")")
    if isinstance(t, ir.EnumRef):
        return layout.Brackets("parse_enum(", (t.name, expr), ")")
    if isinstance(t, ir.ListOf):
        var, index = f"v{depth}", f"i{depth}"
        item = decode_node(t.item, var, f"{path}[{{{index}}}]", depth + 1)
        if item == var:
            return expr
        return layout.Brackets(
            "[", (layout.Chain(item, (("for", f"{index}, {var} in enumerate({expr})"),)),), "]"
        )
    if isinstance(t, ir.MapOf):
        var, key = f"v{depth}", f"k{depth}"
        value = decode_node(t.value, var, f"{path}.{{{key}}}", depth + 1)
        if value == var:
            return expr
        entry = layout.with_prefix(f"{key}: ", value)
        return layout.Brackets(
            "{", (layout.Chain(entry, (("for", f"{key}, {var} in {expr}.items()"),)),), "}"
        )
    if isinstance(t, ir.Nullable):
        inner = decode_node(t.inner, expr, path, depth)
        return expr if inner == expr else layout.Chain("None", (("if", f"{expr} is None"), ("else", inner)))
    return expr  # Const


def _path_literal(path: str) -> str:
    """`path` is an f-string body; a plain literal when it has no placeholders."""
    return (
        f'f"{path}"'
        if "{" in path.replace("{{", "").replace("}}", "")
        else string(path.replace("{{", "{").replace("}}", "}"))
    )


def encode(t: ir.TypeExpr, expr: str, depth: int = 0) -> str:
    """An expression turning `expr` of type `t` into a JSON-ready value."""
    if isinstance(t, ir.Primitive):
        return _ENCODERS.get(t.kind, "{}").format(expr)
    if isinstance(t, ir.ModelRef):
        return f"{expr}.to_dict()"
    if isinstance(t, ir.UnionRef):
        return f"to_jsonable({expr})"
    if isinstance(t, ir.ListOf):
        var = f"v{depth}"
        item = encode(t.item, var, depth + 1)
        return expr if item == var else f"[{item} for {var} in {expr}]"
    if isinstance(t, ir.MapOf):
        var, key = f"v{depth}", f"k{depth}"
        value = encode(t.value, var, depth + 1)
        return expr if value == var else f"{{{key}: {value} for {key}, {var} in {expr}.items()}}"
    if isinstance(t, ir.Nullable):
        inner = encode(t.inner, expr, depth)
        return expr if inner == expr else f"None if {expr} is None else {inner}"
    return expr  # Enum members are str/int subclasses; Const is a literal


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
    return base if base == "Any" else f"{base} | None"


def default_expr(f: ir.Field | ir.Parameter) -> str:
    """The default as a Python expression of the field's type (`datetime.date(...)`)."""
    t = f.type.inner if isinstance(f.type, ir.Nullable) and f.default is not None else f.type
    if f.default in (None, [], {}) or isinstance(t, (ir.Const, ir.EnumRef)):
        return literal(f.default)  # an enum's annotation admits its plain values
    return decode(t, literal(f.default), "default")


def field_default(f: ir.Field | ir.Parameter) -> str:
    """` = default` for optional fields and arguments, empty for required ones."""
    if f.has_default and isinstance(f.default, (list, dict)):
        return f" = field(default_factory=lambda: {default_expr(f)})"
    if f.has_default:
        return f" = {default_expr(f)}"
    if f.required:
        return ""
    return " = UNSET" if isinstance(f.type, ir.Nullable) else " = None"


def field_decode(f: ir.Field) -> str:
    """The keyword argument's value in `from_dict`: one expression per field."""
    return layout.flat(field_decode_node(f))


def field_decode_node(f: ir.Field) -> layout.Node:
    """field_decode, with a conditional expression as a chain black may split at if/else."""
    key = literal(f.wire_name)
    # The path only labels errors, so odd characters are replaced rather than escaped.
    path = "{path}." + re.sub(r"[^A-Za-z0-9_.$@ -]", "?", f.wire_name)
    if f.required:
        return decode_node(f.type, f"data[{key}]", path)
    if isinstance(f.type, ir.Nullable):
        absent = default_expr(f) if f.has_default else "UNSET"  # the constructor's default
        value = decode_node(f.type, f"data[{key}]", path)
        return layout.Chain(absent, (("if", f"{key} not in data"), ("else", value)))
    fallback = default_expr(f) if f.has_default else "None"
    value = decode_node(f.type, "v", path)
    if value == "v":
        return f"data.get({key}, {fallback})" if f.has_default else f"data.get({key})"
    return layout.Chain(fallback, (("if", f"(v := data.get({key})) is None"), ("else", value)))


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


def field_encode(f: ir.Field) -> str:
    return encode(f.type, f"self.{f.name}")


def omit_check(f: ir.Field) -> str:
    """The condition under which an optional field is left out of `to_dict`."""
    if isinstance(f.type, ir.Nullable):
        return f"not isinstance(self.{f.name}, Unset)"
    return f"self.{f.name} is not None"


_ISINSTANCE = {
    "str": "isinstance(data, str)",
    "int": "isinstance(data, int) and not isinstance(data, bool)",
    "float": "isinstance(data, (int, float)) and not isinstance(data, bool)",
    "bool": "isinstance(data, bool)",
    "none": "data is None",
    "file": "isinstance(data, str)",
}
_CONTAINER_CHECK = {ir.ListOf: "isinstance(data, list)", ir.MapOf: "isinstance(data, dict)"}
_DECODE_ERRORS = "(DecodeError, TypeError, ValueError, KeyError, AttributeError)"


def union_body(u: ir.Union_) -> str:
    """The statements of a union's decode function (indented by 4).

    With a discriminator, a known tag picks its variant directly. Otherwise (and for
    variants without a tag) each variant is tried in the spec's order: plain JSON types
    by an isinstance check, the rest by decoding and catching the failure. When none
    fits, the DecodeError lists every variant and why it was rejected.
    """
    tagged = [v for v in u.variants if u.discriminator and v.tags]
    untagged = [v for v in u.variants if not (u.discriminator and v.tags)]
    how = [f"by its {literal(u.discriminator)} tag"] if tagged else []
    how += ["trying each variant in the spec's order"] if untagged else []
    lines = ['"""' + docstring(f"Decode a {u.name}: {', else '.join(how)}.") + '"""']
    if tagged:
        lines.append(f"tag = data.get({literal(u.discriminator)}) if isinstance(data, dict) else None")
        for v in tagged:
            lines.append(f"if tag in ({', '.join(literal(t) for t in v.tags)},):")
            lines.append(f"    return {decode(v.type, 'data', '{path}')}")
        if not untagged:
            lines.append(
                f'raise DecodeError(path, f"unknown tag {{tag!r}} in " + {literal(u.discriminator)})'
            )
            return _indent(lines)
    lines.append("reasons: list[str] = []")
    for v in untagged:
        name = annotation(v.type)
        block, catches_all = _variant_block(v.type, name)
        lines += block
        if catches_all:
            return _indent(lines)
    lines.append('raise DecodeError(path, "matches no variant (" + "; ".join(reasons) + ")")')
    return _indent(lines)


def _variant_block(t: ir.TypeExpr, name: str) -> tuple[list[str], bool]:
    """Lines trying one variant, and whether the variant accepts anything."""
    label = literal(name + ": ")
    if isinstance(t, ir.Nullable):
        inner, catches_all = _variant_block(t.inner, name)
        return ["if data is None:", "    return None", *inner], catches_all
    if isinstance(t, ir.Primitive) and t.kind == "any":
        return ["return data"], True
    if isinstance(t, ir.Primitive) and t.kind in _ISINSTANCE:
        check = _ISINSTANCE[t.kind]
        return [
            f"if {check}:",
            f"    return {'None' if t.kind == 'none' else 'data'}",
            f"reasons.append({label} + type(data).__name__)",
        ], False
    if isinstance(t, ir.Const):
        value = literal(t.value)
        check = (
            "data is None"
            if t.value is None
            else f"data == {value} and type(data) is {type(t.value).__name__}"
        )
        return [f"if {check}:", f"    return {value}", f"reasons.append({label} + repr(data))"], False
    if isinstance(t, ir.EnumRef):
        expr = f"{t.name}(data)"
    else:
        expr = decode(t, "data", "{path}")
    guard = _CONTAINER_CHECK.get(type(t))
    element = t.item if isinstance(t, ir.ListOf) else t.value if isinstance(t, ir.MapOf) else None
    if guard and isinstance(element, ir.Primitive) and element.kind in _ISINSTANCE:
        # A list of plain values is told apart by checking every element.
        values = "data" if isinstance(t, ir.ListOf) else "data.values()"
        check = _ISINSTANCE[element.kind].replace("data", "v")
        guard += f" and all({check} for v in {values})"
    if guard and expr == "data":
        return [f"if {guard}:", "    return data", f"reasons.append({label} + type(data).__name__)"], False
    body = [
        "try:",
        f"    return {expr}",
        f"except {_DECODE_ERRORS} as exc:",
        f"    reasons.append({label} + str(exc))",
    ]
    if guard:
        body = [f"if {guard}:", *("    " + line for line in body)] + [
            "else:",
            f"    reasons.append({label} + type(data).__name__)",
        ]
    return body, False


def _indent(lines: list[str]) -> str:
    return "\n".join("    " + line for line in lines)
