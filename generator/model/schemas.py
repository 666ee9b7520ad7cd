"""Stage 2 (model): JSON Schemas to IR types: primitives, lists, maps, models (with `allOf`
merged and discriminated inheritance), enums, unions and defaults.

Component schemas become named classes and keep their names; inline schemas are named after
where they sit (`<Parent><Property>`, `<Operation>Request`); recursion is cut at named
references. `Schemas` holds what has been built so far, for the other model modules to add to.
"""

from __future__ import annotations

import json
from typing import Any

from .. import pointer as pointer_module
from ..diagnostics import Diagnostics
from ..load import skeleton
from . import ir, runtime_names
from .keywords import (
    ANNOTATIONS,
    SCALARS,
    UNCHECKED,
    annotates_only,
    enum_kind,
    fits,
    is_null_schema,
    is_scalar_schema,
    placeholder,
    primitive,
    schema_flag,
    strings,
    text,
)
from .names import NameSet, constant, pascal, pointer_name, snake

SCHEMA_PREFIX = "/components/schemas/"
# Names the generated model classes define themselves, or read inside the class body.
# Class-body annotations and defaults are resolved in the class scope, so a field must not
# shadow the builtins and imports they name (a field `int` would break `x: int`).
FIELD_RESERVED = runtime_names.FIELD_RESERVED
pointer_join = pointer_module.join


class Schemas:
    """The types built so far, by class name and by pointer, and the names they claimed."""

    def __init__(self, view: skeleton.Document, diags: Diagnostics) -> None:
        self.doc = view.raw
        self.diags = diags
        self.is_31 = view.openapi.startswith("3.1")
        self.class_names = NameSet(key=snake)
        self.models: dict[str, ir.Model] = {}
        self.enums: dict[str, ir.Enum] = {}
        self.unions: dict[str, ir.Union_] = {}
        self.by_pointer: dict[str, ir.TypeExpr] = {}
        self.building: set[str] = set()  # refs whose type is being built
        self.recursive: set[str] = set()  # refs reached again while being built
        self.unwrapped: set[str] = set()  # envelope schemas: the client returns their `data`
        self.component_keys = view.components.schemas
        # Component names are claimed first so they keep their spelling.
        self.component_names = {
            SCHEMA_PREFIX + pointer_module.escape(key): self.class_names.claim(pascal(key))
            for key in self.component_keys
        }

    def deref(self, node: Any, ptr: str) -> tuple[Any, str]:
        """Follow `$ref` chains; return the target and its pointer."""
        return pointer_module.deref(self.doc, node, ptr)

    def type_of(self, schema: Any, hint: str, ptr: str) -> ir.TypeExpr:
        """The type of `schema` (at `ptr`); a class it needs is named `hint` unless it has a name."""
        if isinstance(schema, bool) or schema is None:
            return ir.Primitive("any")  # `true` / `{}`-like schemas accept anything
        if not isinstance(schema, dict):
            self.diags.warn(ptr, "schema is not an object; typed as Any")
            return ir.Primitive("any")
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            return self._named(ref[1:], hint)
        nullable, schema = self._split_null(schema, ptr)
        inner = self._non_null(schema, hint, ptr)
        if nullable and not isinstance(inner, ir.Nullable):
            if inner == ir.Primitive("any"):
                return inner  # Any already admits None
            return ir.Nullable(inner)
        return inner

    def _named(self, target_ptr: str, hint: str) -> ir.TypeExpr:
        if target_ptr in self.by_pointer:
            if target_ptr in self.building:
                self.recursive.add(target_ptr)
            return self.by_pointer[target_ptr]
        target = pointer_module.resolve(self.doc, target_ptr)
        name = self.component_names.get(target_ptr)
        if name is None:
            # A ref to a schema outside components (or inside another schema): it gets a
            # class named after its pointer, claimed now so that loops through it end here.
            name = self.component_names[target_ptr] = self.class_names.claim(pointer_name(target_ptr, hint))
        # Claim the slot before building so recursive references find it, nullable if the
        # schema is (a recursive reference to a nullable union may hold null too).
        slot = placeholder(target, name)
        # Its notes are reported when the schema itself is built, not here as well.
        nullable = isinstance(target, dict) and self._split_null(target, target_ptr, report=False)[0]
        self.by_pointer[target_ptr] = ir.Nullable(slot) if nullable else slot
        self.building.add(target_ptr)
        result = self.type_of(target, name, target_ptr)
        self.building.discard(target_ptr)
        # A recursive union that is also nullable comes back as Nullable(itself): it is built.
        if target_ptr in self.recursive and result not in (slot, ir.Nullable(slot)):
            if isinstance(slot, ir.UnionRef):
                # A recursive array/map/nullable schema (`Tree = list[Tree]`): a named alias
                # with its own decode function, which the inner references already call.
                self.unions[name] = ir.Union_(name, target_ptr, [ir.UnionVariant(result)])
                result = slot
            else:
                self.diags.warn(target_ptr, f"recursive reference typed as {name} but it is not a model")
        self.by_pointer[target_ptr] = result
        return result

    def class_name(self, hint: str, ptr: str) -> str:
        """A component keeps its own name; an inline schema gets a fresh one."""
        return self.component_names.get(ptr) or self.class_names.claim(hint)

    def _split_null(
        self, schema: dict[str, Any], ptr: str, report: bool = True
    ) -> tuple[bool, dict[str, Any]]:
        """Separate nullability (3.0 `nullable`, 3.1 `null` in type/oneOf/enum); `report`: say
        what was worked around."""
        nullable = schema.get("nullable") is True
        if nullable and self.is_31 and report:
            self.diags.note(
                pointer_join(ptr, "nullable"), "3.0 keyword `nullable` in a 3.1 document; honoured"
            )
        types = schema.get("type")
        if isinstance(types, list):
            if "null" in types:
                nullable = True
            rest = [t for t in types if t != "null"]
            schema = {**schema, "type": rest[0] if len(rest) == 1 else rest}
            if not rest:
                schema.pop("type")
                if len(schema) == 0 or set(schema) <= {"description", "title"}:
                    return False, {"type": "null"}
        elif types == "null":
            if not (schema.get("oneOf") or schema.get("anyOf")):
                return False, schema
            # `{oneOf: [...], type: "null"}` admits nothing as written; real specs mean "one of
            # these, or null", and servers send the variants: read it that way, and say so.
            if report:
                self.diags.warn(
                    pointer_join(ptr, "type"), '`type: "null"` beside a union: read as a nullable union'
                )
            nullable, schema = True, {k: v for k, v in schema.items() if k != "type"}
        for key in ("oneOf", "anyOf"):
            variants = schema.get(key)
            if isinstance(variants, list):
                non_null = [v for v in variants if not is_null_schema(self.deref(v, ptr)[0])]
                if len(non_null) != len(variants):
                    nullable = True
                    schema = {**schema, key: non_null}
        enum = schema.get("enum")
        if isinstance(enum, list) and None in enum:
            nullable = True
            schema = {**schema, "enum": [v for v in enum if v is not None]}
        return nullable, schema

    def _non_null(self, schema: dict[str, Any], hint: str, ptr: str) -> ir.TypeExpr:
        for keyword in sorted(UNCHECKED & schema.keys()):
            self.diags.note(pointer_join(ptr, keyword), f"`{keyword}` is not enforced by the client")
        if schema.get("type") == "null":
            return ir.Primitive("none")
        if "const" in schema:
            value = schema["const"]
            if isinstance(value, (*SCALARS, type(None))):
                return ir.Const(value)
            self.diags.note(pointer_join(ptr, "const"), "non-scalar const typed by its schema")
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return self._enum(schema, hint, ptr)
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and all_of:
            extra = set(schema) - ANNOTATIONS - {"allOf"}
            # Parts that only annotate (`{nullable: false}`, `{description: ...}`) add no type:
            # one typed part among them is the type (a string stays a string, not a model).
            typed = [i for i, part in enumerate(all_of) if not annotates_only(self.deref(part, ptr)[0])]
            parts = [self.deref(all_of[i], pointer_join(ptr, "allOf", i))[0] for i in typed]
            if len(typed) > 1 and not extra and all(is_scalar_schema(part) for part in parts):
                # Several parts that each constrain the same plain value: one schema of them all.
                merged: dict[str, Any] = {}
                for part in parts:
                    merged.update(part)
                return self.type_of(merged, hint, pointer_join(ptr, "allOf", typed[0]))
            if len(typed) == 1 and not extra and not self._is_subtype(schema, ptr):
                result = self.type_of(all_of[typed[0]], hint, pointer_join(ptr, "allOf", typed[0]))
                # allOf means every part holds: one saying `nullable: false` rules null out.
                if isinstance(result, ir.Nullable) and any(
                    isinstance(part, dict) and part.get("nullable") is False for part in all_of
                ):
                    return result.inner
                return result
            return self._model(schema, hint, ptr)
        for key in ("oneOf", "anyOf"):
            variants = schema.get(key)
            if isinstance(variants, list) and variants:
                if len(variants) == 1 and not schema.get("properties"):
                    return self.type_of(variants[0], hint, pointer_join(ptr, key, 0))
                if schema.get("properties"):
                    self.diags.note(
                        pointer_join(ptr, "properties"),
                        f"properties beside `{key}` ignored; typed as the union",
                    )
                return self._union(schema, key, hint, ptr)
        kind = schema.get("type")
        if isinstance(kind, list):
            variants = [{**schema, "type": k} for k in kind]
            return self._union({"oneOf": variants}, "oneOf", hint, ptr)
        if kind == "array" or (kind is None and "items" in schema):
            items = schema.get("items", {})
            return ir.ListOf(self.type_of(items, hint + "Item", pointer_join(ptr, "items")))
        if kind == "object" or (
            kind is None and ("properties" in schema or "additionalProperties" in schema)
        ):
            if schema.get("properties"):
                return self._model(schema, hint, ptr)
            extra = schema.get("additionalProperties", True)
            if isinstance(extra, dict) and extra:
                return ir.MapOf(
                    self.type_of(extra, hint + "Value", pointer_join(ptr, "additionalProperties"))
                )
            return ir.MapOf(ir.Primitive("any"))
        return primitive(kind, schema.get("format"))

    def _enum(self, schema: dict[str, Any], hint: str, ptr: str) -> ir.TypeExpr:
        unique: dict[str, Any] = {}
        for v in schema["enum"]:
            if v is not None:  # JSON text as the key: lists and objects are not hashable
                unique.setdefault(json.dumps(v, sort_keys=True, default=str), v)
        values = list(unique.values())
        if not values:
            return ir.Primitive("none")
        if len(values) == 1 and schema.get("type") not in ("string", "integer"):
            return ir.Const(values[0]) if isinstance(values[0], SCALARS) else ir.Primitive("any")
        kinds = {enum_kind(v) for v in values}
        kind = kinds.pop() if len(kinds) == 1 else None
        if kind is None:
            self.diags.note(
                pointer_join(ptr, "enum"), "enum of mixed or non-scalar values typed by its schema"
            )
            return primitive(schema.get("type"), schema.get("format"))
        name = self.class_name(hint, ptr)
        members, member_names = [], NameSet({"name", "value"})
        # Vendor extensions name and describe the members (`x-enum-varnames`), index by index.
        varnames = strings(schema.get("x-enum-varnames") or schema.get("x-enumNames"), len(values))
        descriptions = strings(schema.get("x-enum-descriptions"), len(values))
        for index, value in enumerate(values):
            if varnames[index]:
                member = constant(varnames[index])
            else:
                member = constant(str(value)) if isinstance(value, str) else constant(f"V{value}")
            members.append(ir.EnumMember(member_names.claim(member), value, descriptions[index]))
        self.enums[name] = ir.Enum(
            name, ptr, kind, members, text(schema.get("description")), text(schema.get("title"))
        )
        return ir.EnumRef(name, kind)

    def _union(self, schema: dict[str, Any], key: str, hint: str, ptr: str) -> ir.TypeExpr:
        name = self.class_name(hint, ptr)
        disc = schema.get("discriminator")
        prop = disc.get("propertyName") if isinstance(disc, dict) else None
        prop = prop if isinstance(prop, str) else None
        mapping = (disc.get("mapping") or {}) if isinstance(disc, dict) else {}
        if not isinstance(mapping, dict) or not all(isinstance(r, str) for r in mapping.values()):
            self.diags.warn(
                pointer_join(ptr, "discriminator", "mapping"), "mapping is not names to refs; ignored"
            )
            mapping = {}
        tags_by_ref: dict[str, list[str]] = {}
        for tag, ref in mapping.items():
            full = ref if ref.startswith("#") else "#" + SCHEMA_PREFIX + ref
            tags_by_ref.setdefault(full, []).append(str(tag))
        variants: list[ir.UnionVariant] = []
        for index, variant in enumerate(schema[key]):
            vtype = self.type_of(variant, f"{name}{index + 1}", pointer_join(ptr, key, index))
            tags: tuple[str, ...] = ()
            if prop:
                ref = variant.get("$ref") if isinstance(variant, dict) else None
                if isinstance(ref, str):
                    tags = tuple(tags_by_ref.get(ref, ())) or (
                        (ref.rsplit("/", 1)[-1],) if not mapping else ()
                    )
                if not tags:
                    tags = self._const_tag(variant, prop, ptr)
            variants.append(ir.UnionVariant(vtype, tags))
        if prop and not all(v.tags for v in variants):
            self.diags.note(
                pointer_join(ptr, "discriminator"),
                "some variants have no discriminator value; tried in order",
            )
        self.unions[name] = ir.Union_(name, ptr, variants, prop, text(schema.get("description")))
        return ir.UnionRef(name)

    def _const_tag(self, variant: Any, prop: str, ptr: str) -> tuple[str, ...]:
        target, _ = self.deref(variant, ptr)
        spec = (target.get("properties") or {}).get(prop) if isinstance(target, dict) else None
        spec, _ = self.deref(spec, ptr)
        if isinstance(spec, dict):
            if "const" in spec:
                return (str(spec["const"]),)
            if isinstance(spec.get("enum"), list):
                return tuple(str(v) for v in spec["enum"])
        return ()

    def merged_object(
        self, schema: dict[str, Any], ptr: str
    ) -> tuple[dict[str, tuple[Any, str]], set[str], Any]:
        """Properties (with their pointers), required names and additionalProperties of an
        object schema, with every `allOf` part merged in order."""
        props: dict[str, tuple[Any, str]] = {}
        required: set[str] = set()
        additional: Any = schema.get("additionalProperties")
        for index, part in enumerate(schema.get("allOf") or []):
            target, tptr = self.deref(part, pointer_join(ptr, "allOf", index))
            if isinstance(target, dict):
                sub_props, sub_req, sub_add = self.merged_object(target, tptr)
                props.update(sub_props)
                required |= sub_req
                additional = sub_add if additional is None else additional
        for key, value in (schema.get("properties") or {}).items():
            props[str(key)] = (value, pointer_join(ptr, "properties", key))
        if isinstance(schema.get("required"), list):
            required |= {str(r) for r in schema["required"]}
        return props, required, additional

    def _model(self, schema: dict[str, Any], hint: str, ptr: str) -> ir.TypeExpr:
        name = self.class_name(hint, ptr)
        model = ir.Model(
            name,
            ptr,
            text(schema.get("description")),
            deprecated=bool(schema.get("deprecated")),
            title=text(schema.get("title")),
        )
        self.models[name] = model
        disc = schema.get("discriminator")
        if isinstance(disc, dict) and isinstance(disc.get("propertyName"), str):
            model.discriminator = disc["propertyName"]  # a base: subtypes are decoded by this tag
        props, required, additional = self.merged_object(schema, ptr)
        inherited = self._inherit(model, schema, ptr)
        props = {wire: prop for wire, prop in props.items() if wire not in inherited}
        field_names = NameSet(set(FIELD_RESERVED))
        for wire, (prop_schema, prop_ptr) in props.items():
            target, _ = self.deref(prop_schema, prop_ptr)
            target = target if isinstance(target, dict) else {}
            ftype = self.type_of(prop_schema, name + pascal(wire), prop_ptr)
            read_only = bool(schema_flag(prop_schema, target, "readOnly"))
            write_only = bool(schema_flag(prop_schema, target, "writeOnly"))
            default, has_default = self.default(prop_schema, target, ftype, prop_ptr, containers=True)
            model.fields.append(
                ir.Field(
                    name=field_names.claim(snake(wire, FIELD_RESERVED)),
                    wire_name=wire,
                    type=ftype,
                    # The server sets read-only fields, so a request need not; a response
                    # never holds write-only ones, so decoding must not demand them.
                    required=wire in required and not read_only and not write_only,
                    description=text(schema_flag(prop_schema, target, "description")),
                    default=default,
                    has_default=has_default,
                    deprecated=bool(schema_flag(prop_schema, target, "deprecated")),
                    read_only=read_only,
                    write_only=write_only,
                )
            )
        if model.base is not None:
            model.additional = False  # the base declares `additional_properties`, if it keeps any
        elif additional is False:
            model.additional = False
        elif isinstance(additional, dict) and additional:
            model.additional = self.type_of(
                additional, name + "Value", pointer_join(ptr, "additionalProperties")
            )
        return ir.ModelRef(name)

    def _base_of(self, schema: dict[str, Any], ptr: str) -> tuple[dict[str, Any], str] | None:
        """The first `allOf` part that is a `$ref` to a schema with a discriminator (and no
        oneOf/anyOf): the base this schema inherits from."""
        for index, part in enumerate(schema.get("allOf") or []):
            if not (isinstance(part, dict) and isinstance(part.get("$ref"), str)):
                continue
            target, tptr = self.deref(part, pointer_join(ptr, "allOf", index))
            if (
                isinstance(target, dict)
                and isinstance(target.get("discriminator"), dict)
                and not (target.get("oneOf") or target.get("anyOf"))
                and tptr != ptr
            ):
                return target, tptr
        return None

    def _is_subtype(self, schema: dict[str, Any], ptr: str) -> bool:
        return self._base_of(schema, ptr) is not None

    def _inherit(self, model: ir.Model, schema: dict[str, Any], ptr: str) -> set[str]:
        """Make `model` a subtype of its discriminated base, if it has one: the base's class,
        the tag values that select it, and the wire names of the fields it inherits."""
        found = self._base_of(schema, ptr)
        if found is None:
            return set()
        base_schema, base_ptr = found
        base = self.type_of({"$ref": "#" + base_ptr}, "Base", ptr)
        if not isinstance(base, ir.ModelRef) or base.name == model.name:
            return set()
        model.base = base.name
        mapping = base_schema["discriminator"].get("mapping")
        own = "#" + ptr
        if isinstance(mapping, dict):
            tags = [str(tag) for tag, ref in mapping.items() if ref == own or ref == ptr.rsplit("/", 1)[-1]]
        else:
            tags = []
        if not tags and ptr.startswith(SCHEMA_PREFIX):
            tags = [pointer_module.last(ptr)]  # its schema name
        model.tags = tuple(tags)
        return set(self.merged_object(base_schema, base_ptr)[0])

    def components(self) -> None:
        """Every component schema becomes a type, referenced by an operation or not (subtypes of
        a discriminated base typically are not), but envelopes the client unwraps."""
        for key in self.component_keys:
            ptr = SCHEMA_PREFIX + pointer_module.escape(key)
            if ptr in self.unwrapped:
                continue  # its payload is generated; the envelope itself never reaches users
            self.type_of({"$ref": "#" + ptr}, self.component_names.get(ptr, pascal(key)), ptr)

    def default(
        self, raw: Any, target: dict[str, Any], t: ir.TypeExpr, ptr: str, containers: bool
    ) -> tuple[object, bool]:
        """The schema's default when it fits the type; arrays and objects only for fields
        (a method's signature cannot hold a mutable default)."""
        if not (isinstance(raw, dict) and "default" in raw) and "default" not in target:
            return None, False
        default = schema_flag(raw, target, "default")
        if isinstance(default, (list, dict)) and not containers:
            self.diags.note(pointer_join(ptr, "default"), "array/object default left to the server")
            return None, False
        if not fits(t, default, self.enums):
            self.diags.note(
                pointer_join(ptr, "default"), "default does not fit the schema; left to the server"
            )
            return None, False
        return default, True
