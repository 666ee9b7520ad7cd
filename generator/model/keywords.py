"""Stage 2 (model): pure readings of JSON Schema keywords: what kind of schema a dict is, its
primitive type, whether a default fits a type. No state, no diagnostics."""

from __future__ import annotations

import base64
import binascii
import datetime
import uuid
from collections.abc import Callable
from typing import Any, Literal

from . import ir

SCALARS = (str, int, float, bool)
# Schema keywords the generated types cannot express; the report lists each use.
UNCHECKED = frozenset(
    {"not", "if", "then", "else", "patternProperties", "dependentSchemas", "dependentRequired"}
    | {"unevaluatedProperties", "unevaluatedItems", "prefixItems", "contains", "propertyNames"}
)
# Keywords that describe a value without constraining its type.
ANNOTATIONS = frozenset(
    {"description", "title", "nullable", "deprecated", "readOnly", "writeOnly", "example", "examples"}
    | {"default", "externalDocs", "xml", "$comment"}
)


def is_scalar_schema(part: Any) -> bool:
    """A schema of a plain value: a string, number, boolean or enum, with no structure."""
    structure = {"properties", "additionalProperties", "items", "allOf", "oneOf", "anyOf", "$ref"}
    return (
        isinstance(part, dict)
        and part.get("type") in ("string", "integer", "number", "boolean", None)
        and not structure & part.keys()
        and ("type" in part or "enum" in part)
    )


def annotates_only(part: Any) -> bool:
    if not isinstance(part, dict) or "$ref" in part:
        return False
    return not {key for key in part if not str(key).startswith("x-")} - ANNOTATIONS


def strings(value: Any, count: int) -> list[str]:
    """A vendor extension's list of strings, one per enum value ("" where it has none)."""
    items = value if isinstance(value, list) else []
    return [str(v) if isinstance(v, (str, int)) and str(v).strip() else "" for v in items[:count]] + [""] * (
        count - len(items[:count])
    )


def text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def placeholder(schema: Any, name: str) -> ir.TypeExpr:
    """What a reference to a component under construction will turn out to be."""
    if isinstance(schema, dict):
        if any(isinstance(schema.get(k), list) and len(schema[k]) > 1 for k in ("oneOf", "anyOf")):
            return ir.UnionRef(name)
        if isinstance(schema.get("enum"), list):
            return ir.EnumRef(name)
        if schema.get("properties") or schema.get("allOf"):
            return ir.ModelRef(name)
        kind = schema.get("type")
        if isinstance(kind, list) or kind == "array" or "items" in schema or "additionalProperties" in schema:
            return ir.UnionRef(name)  # an alias; see Schemas._named
    return ir.ModelRef(name)


def is_null_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and (schema.get("type") == "null" or schema.get("enum") == [None])


def enum_kind(value: Any) -> Literal["bool", "int", "float", "str"] | None:
    """The Python type of an enum value (a bool is not an int here); None for anything else."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str" if isinstance(value, str) else None


def primitive(kind: Any, fmt: Any) -> ir.TypeExpr:
    if kind == "string":
        return ir.Primitive(
            {"date-time": "datetime", "date": "date", "uuid": "uuid", "byte": "bytes", "binary": "file"}.get(
                str(fmt), "str"
            )  # type: ignore[arg-type]
        )
    if kind == "integer":
        return ir.Primitive("int")
    if kind == "number":
        return ir.Primitive("float")
    if kind == "boolean":
        return ir.Primitive("bool")
    return ir.Primitive("any")


def schema_flag(raw: Any, target: dict[str, Any], key: str) -> Any:
    """A keyword set beside a `$ref` (3.1) wins over the referenced schema's own."""
    if isinstance(raw, dict) and key in raw:
        return raw[key]
    return target.get(key)


def fits(t: ir.TypeExpr, value: Any, enums: dict[str, ir.Enum]) -> bool:
    """Whether a JSON default can become a Python default of type `t`."""
    if isinstance(t, ir.Nullable):
        return value is None or fits(t.inner, value, enums)
    if isinstance(t, ir.Const):
        return value == t.value and type(value) is type(t.value)
    if isinstance(t, ir.EnumRef):
        # Compared one by one: a list or object default is not hashable (and fits no member).
        return t.name in enums and any(value == m.value for m in enums[t.name].members)
    if isinstance(t, ir.ListOf):
        return isinstance(value, list) and all(fits(t.item, v, enums) for v in value)
    if isinstance(t, ir.MapOf):
        return isinstance(value, dict) and all(fits(t.value, v, enums) for v in value.values())
    if not isinstance(t, ir.Primitive):
        return False  # models and unions: the default stays in the docs
    if t.kind == "any":
        return True
    if t.kind in ("int", "float", "bool", "str"):
        kinds: dict[str, tuple[type, ...]] = {
            "int": (int,),
            "float": (int, float),
            "bool": (bool,),
            "str": (str,),
        }
        return isinstance(value, kinds[t.kind]) and (t.kind == "bool" or not isinstance(value, bool))
    if not isinstance(value, str):
        return False
    parsers: dict[str, Callable[[str], object]] = {
        "datetime": datetime.datetime.fromisoformat,
        "date": datetime.date.fromisoformat,
        "uuid": uuid.UUID,
        "bytes": lambda v: base64.b64decode(v, validate=True),
    }
    parse = parsers.get(t.kind)
    if parse is None:
        return False
    try:
        parse(value)
    except (ValueError, binascii.Error):
        return False
    return True
