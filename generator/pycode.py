"""Python source fragments for IR types: annotations, decode and encode expressions.

Templates call these as Jinja filters, so the templates stay about layout while
the typing rules live in one place. Every spec string that reaches generated code
goes through `literal` or `docstring`, never raw.
"""

from __future__ import annotations

import re

from . import ir
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
    if isinstance(t, ir.Primitive):
        return _DECODERS.get(t.kind, "{}").format(expr)
    if isinstance(t, ir.ModelRef):
        return f"{t.name}.from_dict({expr}, {_path_literal(path)})"
    if isinstance(t, ir.UnionRef):
        return f"decode_{snake(t.name)}({expr}, {_path_literal(path)})"
    if isinstance(t, ir.EnumRef):
        return f"parse_enum({t.name}, {expr})"
    if isinstance(t, ir.ListOf):
        var, index = f"v{depth}", f"i{depth}"
        item = decode(t.item, var, f"{path}[{{{index}}}]", depth + 1)
        if item == var:
            return expr
        return f"[{item} for {index}, {var} in enumerate({expr})]"
    if isinstance(t, ir.MapOf):
        var, key = f"v{depth}", f"k{depth}"
        value = decode(t.value, var, f"{path}.{{{key}}}", depth + 1)
        if value == var:
            return expr
        return f"{{{key}: {value} for {key}, {var} in {expr}.items()}}"
    if isinstance(t, ir.Nullable):
        inner = decode(t.inner, expr, path, depth)
        return expr if inner == expr else f"None if {expr} is None else {inner}"
    return expr  # Const


def _path_literal(path: str) -> str:
    """`path` is an f-string body; a plain literal when it has no placeholders."""
    return (
        f'f"{path}"'
        if "{" in path.replace("{{", "").replace("}}", "")
        else repr(path.replace("{{", "{").replace("}}", "}"))
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
    """A Python literal for a JSON scalar; repr() escapes every spec string safely."""
    return repr(value)


def docstring(text: str, indent: int = 4) -> str:
    """Spec text as the inside of a triple-quoted docstring: nothing can close it early."""
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').replace("\r", "")
    if text.endswith('"'):
        text = text[:-1] + '\\"'
    pad = " " * indent
    lines = text.strip().split("\n")
    body = "\n".join((pad + line).rstrip() if line.strip() else "" for line in lines).lstrip()
    # A multi-line docstring closes on a line of its own (PEP 257).
    return body + "\n" + pad if len(lines) > 1 else body


def field_annotation(f: ir.Field | ir.Parameter) -> str:
    """The annotation of a model field or method argument, with its optionality."""
    base = annotation(f.type)
    if f.required or (f.has_default and not isinstance(f.type, ir.Nullable)):
        return base
    if isinstance(f.type, ir.Nullable):
        # Absent (UNSET) and null (None) mean different things for a nullable field.
        return f"{base} | Unset"
    return base if base == "Any" else f"{base} | None"


def field_default(f: ir.Field | ir.Parameter) -> str:
    """` = default` for optional fields and arguments, empty for required ones."""
    if f.has_default:
        return f" = {literal(f.default)}"
    if f.required:
        return ""
    return " = UNSET" if isinstance(f.type, ir.Nullable) else " = None"


def field_decode(f: ir.Field) -> str:
    """The keyword argument's value in `from_dict`: one expression per field."""
    key = literal(f.wire_name)
    # The path only labels errors, so odd characters are replaced rather than escaped.
    path = "{path}." + re.sub(r"[^A-Za-z0-9_.$@ -]", "?", f.wire_name)
    if f.required:
        return decode(f.type, f"data[{key}]", path)
    if isinstance(f.type, ir.Nullable):
        return f"UNSET if {key} not in data else {decode(f.type, f'data[{key}]', path)}"
    fallback = literal(f.default) if f.has_default else "None"
    value = decode(f.type, "v", path)
    if value == "v":
        return f"data.get({key}, {fallback})" if f.has_default else f"data.get({key})"
    return f"{fallback} if (v := data.get({key})) is None else {value}"


def field_encode(f: ir.Field) -> str:
    return encode(f.type, f"self.{f.name}")


def omit_check(f: ir.Field) -> str:
    """The condition under which an optional field is left out of `to_dict`."""
    if isinstance(f.type, ir.Nullable):
        return f"not isinstance(self.{f.name}, Unset)"
    return f"self.{f.name} is not None"


def variant_check(t: ir.TypeExpr, path_var: str) -> str:
    """A callable that decodes one union variant or raises."""
    if isinstance(t, ir.Primitive):
        kinds = {"str": "str", "int": "int", "float": "(int, float)", "bool": "bool", "none": "type(None)"}
        if t.kind in kinds:
            return f"lambda d: expect(d, {kinds[t.kind]})"
        if t.kind == "any":
            return "lambda d: d"
        return f"lambda d: {decode(t, 'expect(d, str)', '{' + path_var + '}')}"
    if isinstance(t, ir.ListOf):
        return f"lambda d: {decode(t, 'expect(d, list)', '{' + path_var + '}')}"
    if isinstance(t, ir.MapOf):
        return f"lambda d: {decode(t, 'expect(d, dict)', '{' + path_var + '}')}"
    if isinstance(t, ir.Const):
        return f"lambda d: expect_const(d, {literal(t.value)})"
    return f"lambda d: {decode(t, 'd', '{' + path_var + '}')}"
