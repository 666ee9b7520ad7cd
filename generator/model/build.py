"""Stage 2: build the IR (generator/model/ir.py) from a loaded spec document.

This is the only module that reads raw spec dicts. Component schemas become named
classes; inline schemas are named after where they sit (`<Parent><Property>`,
`<Operation>Request`); recursion is cut at named references.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import re
import uuid
from typing import Any

from .. import pointer as pointer_module
from ..diagnostics import Diagnostics, SpecError, pointer
from . import ir, runtime_names
from .names import NameSet, constant, pascal, snake

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SCHEMA_PREFIX = "/components/schemas/"
# Names the generated model classes define themselves, or read inside the class body.
# Class-body annotations and defaults are resolved in the class scope, so a field must not
# shadow the builtins and imports they name (a field `int` would break `x: int`).
_FIELD_RESERVED = runtime_names.FIELD_RESERVED
# Keyword arguments every generated method takes besides the spec's, and the modules and
# runtime helpers its body reads (a parameter `query` must not hide the `query()` helper).
_PARAM_RESERVED = runtime_names.PARAM_RESERVED
_CLIENT_RESERVED = runtime_names.CLIENT_RESERVED
# Names a resource module defines or imports besides the models: its classes must differ.
_RESOURCE_MODULE_NAMES = runtime_names.CLASS_RESERVED
_SCALARS = (str, int, float, bool)
# Schema keywords the generated types cannot express; the report lists each use.
_UNCHECKED = frozenset(
    {"not", "if", "then", "else", "patternProperties", "dependentSchemas", "dependentRequired"}
    | {"unevaluatedProperties", "unevaluatedItems", "prefixItems", "contains", "propertyNames"}
)


class _Builder:
    def __init__(self, document: dict[str, Any], diags: Diagnostics) -> None:
        self.doc = document
        self.diags = diags
        self.is_31 = str(document.get("openapi", "")).startswith("3.1")
        self.unwrap = True  # recognise `{success, data, error}` envelopes and return their data
        self.class_names = NameSet(key=snake)
        self.models: dict[str, ir.Model] = {}
        self.enums: dict[str, ir.Enum] = {}
        self.unions: dict[str, ir.Union_] = {}
        self.requirements: dict[str, list[Any]] = {}  # operation pointer -> its security requirements
        self.by_pointer: dict[str, ir.TypeExpr] = {}
        self.building: set[str] = set()  # refs whose type is being built
        self.recursive: set[str] = set()  # refs reached again while being built
        self.unwrapped: set[str] = set()  # envelope schemas: the client returns their `data`
        # Component names are claimed first so they keep their spelling.
        self.component_names = {
            _SCHEMA_PREFIX + pointer_module.escape(key): self.class_names.claim(pascal(key))
            for key in (document.get("components", {}).get("schemas") or {})
        }

    # -- references -------------------------------------------------------------

    def deref(self, node: Any, ptr: str) -> tuple[Any, str]:
        """Follow `$ref` chains; return the target and its pointer."""
        seen = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if not ref.startswith("#") or ref in seen:
                break  # refused or reported by the loader
            seen.add(ref)
            ptr = ref[1:]
            node = pointer_module.resolve(self.doc, ptr)
        return node, ptr

    # -- schemas ---------------------------------------------------------------

    def type_of(self, schema: Any, hint: str, ptr: str) -> ir.TypeExpr:
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
            name = self.component_names[target_ptr] = self.class_names.claim(_pointer_name(target_ptr, hint))
        # Claim the slot before building so recursive references find it.
        placeholder = self.by_pointer[target_ptr] = _placeholder(target, name)
        self.building.add(target_ptr)
        result = self.type_of(target, name, target_ptr)
        self.building.discard(target_ptr)
        # A recursive union that is also nullable comes back as Nullable(itself): it is built.
        if target_ptr in self.recursive and result not in (placeholder, ir.Nullable(placeholder)):
            if isinstance(placeholder, ir.UnionRef):
                # A recursive array/map/nullable schema (`Tree = list[Tree]`): a named alias
                # with its own decode function, which the inner references already call.
                self.unions[name] = ir.Union_(name, target_ptr, [ir.UnionVariant(result)])
                result = placeholder
            else:
                self.diags.warn(target_ptr, f"recursive reference typed as {name} but it is not a model")
        self.by_pointer[target_ptr] = result
        return result

    def _class_name(self, hint: str, ptr: str) -> str:
        """A component keeps its own name; an inline schema gets a fresh one."""
        return self.component_names.get(ptr) or self.class_names.claim(hint)

    def _split_null(self, schema: dict[str, Any], ptr: str) -> tuple[bool, dict[str, Any]]:
        """Separate nullability (3.0 `nullable`, 3.1 `null` in type/oneOf/enum)."""
        nullable = schema.get("nullable") is True
        if nullable and self.is_31:
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
            self.diags.warn(
                pointer_join(ptr, "type"), '`type: "null"` beside a union: read as a nullable union'
            )
            nullable, schema = True, {k: v for k, v in schema.items() if k != "type"}
        for key in ("oneOf", "anyOf"):
            variants = schema.get(key)
            if isinstance(variants, list):
                non_null = [v for v in variants if not _is_null_schema(self.deref(v, ptr)[0])]
                if len(non_null) != len(variants):
                    nullable = True
                    schema = {**schema, key: non_null}
        enum = schema.get("enum")
        if isinstance(enum, list) and None in enum:
            nullable = True
            schema = {**schema, "enum": [v for v in enum if v is not None]}
        return nullable, schema

    def _non_null(self, schema: dict[str, Any], hint: str, ptr: str) -> ir.TypeExpr:
        for keyword in sorted(_UNCHECKED & schema.keys()):
            self.diags.note(pointer_join(ptr, keyword), f"`{keyword}` is not enforced by the client")
        if schema.get("type") == "null":
            return ir.Primitive("none")
        if "const" in schema:
            value = schema["const"]
            if isinstance(value, (*_SCALARS, type(None))):
                return ir.Const(value)
            self.diags.note(pointer_join(ptr, "const"), "non-scalar const typed by its schema")
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return self._enum(schema, hint, ptr)
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and all_of:
            extra = set(schema) - _ANNOTATIONS - {"allOf"}
            # Parts that only annotate (`{nullable: false}`, `{description: ...}`) add no type:
            # one typed part among them is the type (a string stays a string, not a model).
            typed = [i for i, part in enumerate(all_of) if not _annotates_only(self.deref(part, ptr)[0])]
            parts = [self.deref(all_of[i], pointer_join(ptr, "allOf", i))[0] for i in typed]
            if len(typed) > 1 and not extra and all(_is_scalar_schema(part) for part in parts):
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
        return _primitive(kind, schema.get("format"))

    def _enum(self, schema: dict[str, Any], hint: str, ptr: str) -> ir.TypeExpr:
        unique: dict[str, Any] = {}
        for v in schema["enum"]:
            if v is not None:  # JSON text as the key: lists and objects are not hashable
                unique.setdefault(json.dumps(v, sort_keys=True, default=str), v)
        values = list(unique.values())
        if not values:
            return ir.Primitive("none")
        if len(values) == 1 and schema.get("type") not in ("string", "integer"):
            return ir.Const(values[0]) if isinstance(values[0], _SCALARS) else ir.Primitive("any")
        kinds = {_enum_kind(v) for v in values}
        if len(kinds) != 1 or None in kinds:
            self.diags.note(
                pointer_join(ptr, "enum"), "enum of mixed or non-scalar values typed by its schema"
            )
            return _primitive(schema.get("type"), schema.get("format"))
        name = self._class_name(hint, ptr)
        members, member_names = [], NameSet({"name", "value"})
        # Vendor extensions name and describe the members (`x-enum-varnames`), index by index.
        varnames = _strings(schema.get("x-enum-varnames") or schema.get("x-enumNames"), len(values))
        descriptions = _strings(schema.get("x-enum-descriptions"), len(values))
        for index, value in enumerate(values):
            if varnames[index]:
                member = constant(varnames[index])
            else:
                member = constant(str(value)) if isinstance(value, str) else constant(f"V{value}")
            members.append(ir.EnumMember(member_names.claim(member), value, descriptions[index]))
        kind = kinds.pop()
        self.enums[name] = ir.Enum(  # type: ignore[arg-type]
            name, ptr, kind, members, _text(schema.get("description")), _text(schema.get("title"))
        )
        return ir.EnumRef(name, kind)

    def _union(self, schema: dict[str, Any], key: str, hint: str, ptr: str) -> ir.TypeExpr:
        name = self._class_name(hint, ptr)
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
            full = ref if ref.startswith("#") else "#" + _SCHEMA_PREFIX + ref
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
        self.unions[name] = ir.Union_(name, ptr, variants, prop, _text(schema.get("description")))
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
        name = self._class_name(hint, ptr)
        model = ir.Model(
            name,
            ptr,
            _text(schema.get("description")),
            deprecated=bool(schema.get("deprecated")),
            title=_text(schema.get("title")),
        )
        self.models[name] = model
        disc = schema.get("discriminator")
        if isinstance(disc, dict) and isinstance(disc.get("propertyName"), str):
            model.discriminator = disc["propertyName"]  # a base: subtypes are decoded by this tag
        props, required, additional = self.merged_object(schema, ptr)
        inherited = self._inherit(model, schema, ptr)
        props = {wire: prop for wire, prop in props.items() if wire not in inherited}
        field_names = NameSet(set(_FIELD_RESERVED))
        for wire, (prop_schema, prop_ptr) in props.items():
            target, _ = self.deref(prop_schema, prop_ptr)
            target = target if isinstance(target, dict) else {}
            ftype = self.type_of(prop_schema, name + pascal(wire), prop_ptr)
            read_only = bool(_schema_flag(prop_schema, target, "readOnly"))
            write_only = bool(_schema_flag(prop_schema, target, "writeOnly"))
            default, has_default = self._default(prop_schema, target, ftype, prop_ptr, containers=True)
            model.fields.append(
                ir.Field(
                    name=field_names.claim(snake(wire, _FIELD_RESERVED)),
                    wire_name=wire,
                    type=ftype,
                    # The server sets read-only fields, so a request need not; a response
                    # never holds write-only ones, so decoding must not demand them.
                    required=wire in required and not read_only and not write_only,
                    description=_text(_schema_flag(prop_schema, target, "description")),
                    default=default,
                    has_default=has_default,
                    deprecated=bool(_schema_flag(prop_schema, target, "deprecated")),
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
        if not tags and ptr.startswith(_SCHEMA_PREFIX):
            tags = [pointer_module.last(ptr)]  # its schema name
        model.tags = tuple(tags)
        return set(self.merged_object(base_schema, base_ptr)[0])

    def components(self) -> None:
        """Every component schema becomes a type, referenced by an operation or not (subtypes of
        a discriminated base typically are not), but envelopes the client unwraps."""
        for key in (self.doc.get("components") or {}).get("schemas") or {}:
            ptr = _SCHEMA_PREFIX + pointer_module.escape(str(key))
            if ptr in self.unwrapped:
                continue  # its payload is generated; the envelope itself never reaches users
            self.type_of({"$ref": "#" + ptr}, self.component_names.get(ptr, pascal(str(key))), ptr)

    def _default(
        self, raw: Any, target: dict[str, Any], t: ir.TypeExpr, ptr: str, containers: bool
    ) -> tuple[object, bool]:
        """The schema's default when it fits the type; arrays and objects only for fields
        (a method's signature cannot hold a mutable default)."""
        if not (isinstance(raw, dict) and "default" in raw) and "default" not in target:
            return None, False
        default = _schema_flag(raw, target, "default")
        if isinstance(default, (list, dict)) and not containers:
            self.diags.note(pointer_join(ptr, "default"), "array/object default left to the server")
            return None, False
        if not _fits(t, default, self.enums):
            self.diags.note(
                pointer_join(ptr, "default"), "default does not fit the schema; left to the server"
            )
            return None, False
        return default, True

    # -- operations ------------------------------------------------------------

    def operations(self) -> list[ir.Operation]:
        ops: list[ir.Operation] = []
        for path, item in (self.doc.get("paths") or {}).items():
            item_ptr = pointer("paths", path)
            item, item_ptr = self.deref(item, item_ptr)
            if not isinstance(item, dict):
                continue
            for method in HTTP_METHODS:
                if isinstance(item.get(method), dict):
                    ops.append(self.operation(str(path), method, item, item_ptr))
        return ops

    def operation(self, path: str, method: str, item: dict[str, Any], item_ptr: str) -> ir.Operation:
        spec = item[method]
        ptr = pointer_join(item_ptr, method)
        op_id = spec.get("operationId")
        if not isinstance(op_id, str) or not op_id.strip():
            op_id = f"{method} {path}"
            self.diags.note(ptr, f"no operationId; method named from `{op_id}`")
        tags = spec.get("tags") or [_path_group(path)]
        op = ir.Operation(
            name=snake(op_id, _PARAM_RESERVED),
            operation_id=op_id,
            method=method.upper(),
            path=path,
            tag=str(tags[0]),
            pointer=ptr,
            summary=_text(spec.get("summary")),
            description=_text(spec.get("description")),
            deprecated=bool(spec.get("deprecated")),
        )
        requirements = spec["security"] if "security" in spec else self.doc.get("security")
        self.requirements[ptr] = requirements if isinstance(requirements, list) else []
        stem = pascal(op_id)
        if spec.get("callbacks"):
            self.diags.note(
                pointer_join(ptr, "callbacks"), "`callbacks` ignored: callbacks are not generated"
            )
        servers = spec.get("servers") or item.get("servers")
        if servers:
            url = _server_url(servers)
            if url.startswith(("http://", "https://")):
                op.base_url = url
            else:
                self.diags.note(
                    pointer_join(ptr, "servers"), "relative operation server ignored: the client's is used"
                )
        self._parameters(op, item, spec, item_ptr, ptr, stem)
        body = spec.get("requestBody")
        if body is not None:
            self._request_bodies(op, body, pointer_join(ptr, "requestBody"), stem)
            if len(op.bodies) > 1 and op.body is not None:
                others = ", ".join(b.media_type for b in op.bodies if b is not op.body)
                self.diags.note(
                    pointer_join(ptr, "requestBody"), f"sent as {op.body.media_type}; not offered: {others}"
                )
        responses = spec.get("responses") or {}
        # `default` is the success response of an operation that declares no 2xx one.
        has_2xx = any(str(status).startswith("2") for status in responses)
        for status, response in responses.items():
            code = str(status).upper() if "x" in str(status).lower() else str(status)
            success = code.startswith("2") or (code == "default" and not has_2xx)
            self._responses(op, code, success, response, pointer_join(ptr, "responses", status), stem)
        return op

    def _parameters(
        self, op: ir.Operation, item: dict[str, Any], spec: dict[str, Any], item_ptr: str, ptr: str, stem: str
    ) -> None:
        merged: dict[tuple[str, str], tuple[Any, str]] = {}
        for base, params in ((item_ptr, item.get("parameters")), (ptr, spec.get("parameters"))):
            for index, raw in enumerate(params or []):
                param, pptr = self.deref(raw, pointer_join(base, "parameters", index))
                if isinstance(param, dict) and "name" in param and "in" in param:
                    merged[(str(param["name"]), str(param["in"]))] = (param, pptr)
        names = NameSet(set(_PARAM_RESERVED))
        for (wire, location), (param, pptr) in merged.items():
            if location == "header" and wire.lower() == "idempotency-key":
                op.idempotency_header = wire
                continue
            if location == "header" and wire.lower() in (
                "authorization",
                "content-type",
                "accept",
                "content-length",
            ):
                self.diags.note(pptr, f"header parameter {wire!r} is set by the client itself")
                continue
            if location not in ("path", "query", "header", "cookie"):
                self.diags.warn(pointer_join(pptr, "in"), f"unknown parameter location {location!r}; skipped")
                continue
            if location == "header" and not _HTTP_TOKEN.fullmatch(wire):
                self.diags.warn(
                    pointer_join(pptr, "name"),
                    f"header name {wire!r} is not a valid HTTP header name; the client refuses to send it",
                )
            schema = param.get("schema")
            if schema is None and isinstance(param.get("content"), dict) and param["content"]:
                schema = next(iter(param["content"].values())).get("schema")
            target, _ = self.deref(schema, pptr)
            target = target if isinstance(target, dict) else {}
            ptype = self.type_of(schema, stem + pascal(wire), pointer_join(pptr, "schema"))
            default, has_default = self._default(schema, target, ptype, pptr, containers=False)
            style = param.get("style") or ("form" if location in ("query", "cookie") else "simple")
            is_object = isinstance(ptype, (ir.ModelRef, ir.MapOf))
            sent_as_text = location != "query" or (
                style != "deepObject" and not param.get("explode", style == "form")
            )
            if is_object and sent_as_text:
                self.diags.note(
                    pointer_join(pptr, "style"), f"object parameter ({style}) is sent as its string form"
                )
            explode = param.get("explode", style == "form")
            op.parameters.append(
                ir.Parameter(
                    name=names.claim(_param_name(wire)),
                    wire_name=wire,
                    location=location,  # type: ignore[arg-type]
                    type=ptype,
                    required=bool(param.get("required")) or location == "path",
                    description=_text(param.get("description")),
                    default=default,
                    has_default=has_default,
                    deprecated=bool(param.get("deprecated")),
                    style=str(style),
                    explode=bool(explode),
                    pattern=target.get("pattern") if isinstance(target.get("pattern"), str) else None,
                )
            )
        # Required arguments first (they are positional for path parameters), spec order otherwise.
        op.parameters.sort(key=lambda p: (not p.required, p.location != "path"))

    def _request_bodies(self, op: ir.Operation, raw: Any, ptr: str, stem: str) -> None:
        body, bptr = self.deref(raw, ptr)
        if not isinstance(body, dict):
            return
        for media_type, media in (body.get("content") or {}).items():
            kind = _body_kind(str(media_type))
            media = media if isinstance(media, dict) else {}
            schema = media.get("schema", {})
            mptr = pointer_join(bptr, "content", media_type, "schema")
            if kind == "binary" and str(media_type).split(";")[0].strip() in ("*/*", "application/*"):
                target, _ = self.deref(schema, mptr)
                if isinstance(target, dict) and target.get("type") in ("object", "array"):
                    kind = "json"  # any media type, a structured schema: JSON is what it can be
            if kind == "binary":
                btype: ir.TypeExpr = ir.Primitive("file")
            elif kind == "text":
                btype = ir.Primitive("str")
            else:
                hint = (
                    stem + "Request"
                    if len(op.bodies) == 0
                    else stem + "Request" + pascal(_media_suffix(str(media_type)))
                )
                btype = self.type_of(schema, hint, mptr)
            model = self.models.get(btype.name) if isinstance(btype, ir.ModelRef) else None
            args: tuple[tuple[str, ir.Field], ...] = ()
            if model is not None and kind in ("json", "form", "multipart"):
                taken = NameSet({p.name for p in op.parameters} | _PARAM_RESERVED)
                args = tuple((taken.claim(f.name), f) for f in model.fields if not f.read_only)
            op.bodies.append(
                ir.RequestBody(
                    str(media_type),
                    kind,
                    btype,
                    bool(body.get("required")),
                    model.name if args or (model and kind != "binary") else None,
                    args,
                    _text(body.get("description")),
                )
            )

    def _responses(
        self, op: ir.Operation, status: str, is_success: bool, raw: Any, ptr: str, stem: str
    ) -> None:
        response, rptr = self.deref(raw, ptr)
        if not isinstance(response, dict):
            return
        description = _text(response.get("description"))
        content = response.get("content") or {}
        if not content:
            op.responses.append(ir.Response(status, description, None, "empty", None, success=is_success))
            return
        media_type = next((m for m in content if _body_kind(str(m)) == "json"), next(iter(content)))
        if len(content) > 1 and is_success:
            others = ", ".join(str(m) for m in content if m != media_type)
            self.diags.note(pointer_join(rptr, "content"), f"decoded as {media_type}; not offered: {others}")
        kind = _response_kind(str(media_type))
        media = content[media_type] if isinstance(content[media_type], dict) else {}
        schema = media.get("schema")
        mptr = pointer_join(rptr, "content", media_type, "schema")
        rtype: ir.TypeExpr | None = None
        envelope = None
        if not is_success:
            if kind == "json" and schema is not None:  # the error's body, typed
                rtype = self.type_of(
                    schema, stem + ("Error" if status == "default" else f"Error{status}"), mptr
                )
        elif kind == "json":
            envelope = self._envelope(schema, mptr, stem) if self.unwrap else None
            rtype = None if envelope else self.type_of(schema, stem + "Response", mptr)
        elif kind == "stream":
            rtype = self._event_type(schema, mptr, stem)
        elif kind == "text":
            rtype = ir.Primitive("str")
        op.responses.append(
            ir.Response(status, description, str(media_type), kind, rtype, envelope, success=is_success)
        )

    def _event_type(self, schema: Any, ptr: str, stem: str) -> ir.TypeExpr | None:
        """The type of each event's JSON data, when the schema describes one (an object, array
        or union of them); plain text or no schema: the events arrive as they are sent."""
        target, _ = self.deref(schema, ptr)
        if not isinstance(target, dict) or not target:
            return None
        if target.get("type") in ("string", None) and not any(
            k in target for k in ("properties", "oneOf", "anyOf", "allOf", "items", "$ref")
        ):
            return None
        return self.type_of(schema, stem + "Event", ptr)

    def _envelope(self, schema: Any, ptr: str, stem: str) -> ir.Envelope | None:
        """Recognise the `{success, data, error}` envelope however it is written: `allOf` with a
        shared base (`ApiResponse`), a `$ref`, or inline. The client returns `data`."""
        target, tptr = self.deref(schema, ptr)
        if not isinstance(target, dict):
            return None
        props, _required, _ = self.merged_object(target, tptr)
        success, sptr = props.get("success", (None, ""))
        success, _ = self.deref(success, sptr)
        if "data" not in props or not isinstance(success, dict) or success.get("type") != "boolean":
            return None
        base_name = ""
        base_props: dict[str, Any] = {"success": None, "data": None, "error": None}
        for part in target.get("allOf") or []:
            ref = part.get("$ref") if isinstance(part, dict) else None
            base, _ = self.deref(part, tptr)
            parts = base.get("properties") if isinstance(base, dict) else None
            if isinstance(ref, str) and isinstance(parts, dict) and "success" in parts and "data" in parts:
                base_name, base_props = ref.rsplit("/", 1)[-1], parts
                break
        self.unwrapped.add(tptr)
        data_schema, data_ptr = props["data"]
        component = tptr.rsplit("/", 1)[-1] if tptr.startswith(_SCHEMA_PREFIX) else ""
        trimmed = component.removeprefix(base_name) if base_name else ""
        name = pascal(trimmed) if trimmed else stem
        data = self.type_of(data_schema, name if component else stem + "Data", data_ptr)
        extras = {k: v for k, v in props.items() if k not in base_props}
        result = None
        if extras:
            result = self.class_names.claim((name if component else stem) + "Result")
            model = ir.Model(result, tptr, "The response's `data` with the envelope's other fields.")
            model.fields.append(ir.Field("data", "data", data, True, "The response payload."))
            names = NameSet({"data", *_FIELD_RESERVED})
            for wire, (prop_schema, prop_ptr) in extras.items():
                ftype = self.type_of(prop_schema, result + pascal(wire), prop_ptr)
                prop_target, _ = self.deref(prop_schema, prop_ptr)
                desc = prop_target.get("description") if isinstance(prop_target, dict) else None
                model.fields.append(
                    ir.Field(names.claim(snake(wire, _FIELD_RESERVED)), wire, ftype, False, _text(desc))
                )
            self.models[result] = model
        return ir.Envelope(
            data=data,
            success_field="success",
            error_field="error" if "error" in props else None,
            result=result,
        )

    # -- the whole API ---------------------------------------------------------

    def security(self) -> list[ir.SecurityScheme]:
        schemes = (self.doc.get("components") or {}).get("securitySchemes") or {}
        used: list[str] = []
        for requirement in self.doc.get("security") or []:
            used += [k for k in requirement if k not in used]
        for path_item in (self.doc.get("paths") or {}).values():
            for method in HTTP_METHODS:
                op = path_item.get(method) if isinstance(path_item, dict) else None
                for requirement in (op or {}).get("security") or [] if isinstance(op, dict) else []:
                    used += [k for k in requirement if k not in used]
        result = []
        for name in used:
            spec, sptr = self.deref(schemes.get(name), pointer("components", "securitySchemes", name))
            if not isinstance(spec, dict):
                self.diags.warn(pointer("security"), f"security scheme {name!r} is not defined; ignored")
                continue
            scheme = _security(name, spec, sptr, self.diags)
            if scheme:
                result.append(scheme)
        return result


def _accepted_schemes(requirements: list[Any], known: list[str]) -> tuple[str, ...]:
    """The known schemes an operation's security requirements (its own, else the document's)
    name: any one requirement is enough, so the client sends each one configured."""
    names: list[str] = []
    for requirement in requirements:
        if isinstance(requirement, dict):
            names += [str(name) for name in requirement if name in known and name not in names]
    return tuple(names)


def build(
    document: dict[str, Any], diags: Diagnostics, package: str, unwrap_envelopes: bool = True
) -> ir.Api:
    """Build the IR for one document; `package` names the generated package. With
    `unwrap_envelopes` false (`[tool.oagen.envelope] unwrap = false`), methods return the
    `{success, data, error}` envelope whole instead of its `data`."""
    builder = _Builder(document, diags)
    builder.unwrap = unwrap_envelopes
    try:
        ops = builder.operations()
        builder.components()
    except RecursionError:
        raise SpecError.single(diags.file, "", "schemas are nested too deeply to generate; refused") from None
    if document.get("webhooks"):
        diags.note(pointer("webhooks"), "webhooks are requests the API sends; no client code is generated")
    info = document.get("info") or {}
    tags = {
        str(t.get("name")): _text(t.get("description"))
        for t in document.get("tags") or []
        if isinstance(t, dict)
    }
    prefix = pascal(re.sub(r"_(client|sdk|api|python)$", "", package)) or "Api"
    # The client module defines these beside the resource classes it imports.
    client_names = runtime_names.client_names(prefix)
    resources: dict[str, ir.Resource] = {}
    resource_names = NameSet(set(_CLIENT_RESERVED))
    op_names: dict[str, NameSet] = {}
    for op in ops:
        if op.tag not in resources:
            attr = resource_names.claim(snake(op.tag, _CLIENT_RESERVED))
            resources[op.tag] = ir.Resource(
                attr,
                _resource_class(attr, builder.class_names, client_names),
                op.tag,
                tags.get(op.tag, ""),
                [],
            )
            op_names[op.tag] = NameSet(set(runtime_names.METHOD_RESERVED))
        op.name = op_names[op.tag].claim(op.name)
        resources[op.tag].operations.append(op)
    security = builder.security()
    known = [scheme.name for scheme in security]
    for op in ops:
        accepted = _accepted_schemes(builder.requirements[op.pointer], known)
        op.security = None if set(accepted) == set(known) else accepted
    taken = {"self", "api_key", "base_url", "timeout", "max_retries", "default_headers", "http_client"}
    taken |= {snake(scheme.name) for scheme in security}
    base_url, variables = _server_variables(document, taken)
    return ir.Api(
        title=_text(info.get("title")) or package,
        version=str(info.get("version", "")),
        description=_text(info.get("description")),
        base_url=base_url,
        server_variables=variables,
        package=package,
        prefix=prefix,
        security=security,
        resources=list(resources.values()),
        models=sorted(builder.models.values(), key=lambda m: m.name),
        enums=sorted(builder.enums.values(), key=lambda e: e.name),
        unions=sorted(builder.unions.values(), key=lambda u: u.name),
    )


# -- small pure helpers ------------------------------------------------------------


pointer_join = pointer_module.join


def _resource_class(attr: str, taken: NameSet, reserved: frozenset[str]) -> str:
    """`Contacts` (and `AsyncContacts`), unless a model or the client module has that name."""
    base = pascal(attr)
    clash = _RESOURCE_MODULE_NAMES | reserved
    while taken.is_taken(base) or taken.is_taken("Async" + base) or {base, "Async" + base} & clash:
        base += "Resource"
    taken.claim(base)
    taken.claim("Async" + base)
    return base


def _param_name(wire: str) -> str:
    """A method argument: never a helper the body calls (`query`, `decode_<union>`)."""
    name = snake(wire, _PARAM_RESERVED)
    return name + "_" if name.startswith("decode_") else name


def _pointer_name(ptr: str, hint: str) -> str:
    """A class name for a schema outside components: its pointer's last meaningful parts
    (`/components/schemas/Account/definitions/accountRef` -> `AccountRef`)."""
    generic = {"schema", "items", "additionalProperties", "properties", "content", "allOf", "oneOf", "anyOf"}
    generic |= {"definitions", "$defs", "components", "schemas", "parameters", "responses", "requestBodies"}
    parts = [p for p in pointer_module.split(ptr) if p]
    meaningful = [p for p in parts if p not in generic and not p.isdigit()]
    if not meaningful:
        return hint
    last = meaningful[-1]
    if len(meaningful) > 1 and snake(meaningful[-2]) not in snake(last):
        return pascal(meaningful[-2] + "_" + last)
    return pascal(last)


_HTTP_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")

# Keywords that describe a value without constraining its type.
_ANNOTATIONS = frozenset(
    {"description", "title", "nullable", "deprecated", "readOnly", "writeOnly", "example", "examples"}
    | {"default", "externalDocs", "xml", "$comment"}
)


def _is_scalar_schema(part: Any) -> bool:
    """A schema of a plain value: a string, number, boolean or enum, with no structure."""
    structure = {"properties", "additionalProperties", "items", "allOf", "oneOf", "anyOf", "$ref"}
    return (
        isinstance(part, dict)
        and part.get("type") in ("string", "integer", "number", "boolean", None)
        and not structure & part.keys()
        and ("type" in part or "enum" in part)
    )


def _annotates_only(part: Any) -> bool:
    if not isinstance(part, dict) or "$ref" in part:
        return False
    return not {key for key in part if not str(key).startswith("x-")} - _ANNOTATIONS


_VERSION_SEGMENT = re.compile(r"(v\d+([._]\d+)*|api|rest|latest)", re.IGNORECASE)


def _path_group(path: str) -> str:
    """The resource of an operation without tags: its path's first meaningful segment
    (`/v1/customers/{id}/sources` -> `customers`); `default` when there is none."""
    for segment in path.split("/"):
        if segment and not segment.startswith("{") and not _VERSION_SEGMENT.fullmatch(segment):
            return segment
    return "default"


def _strings(value: Any, count: int) -> list[str]:
    """A vendor extension's list of strings, one per enum value ("" where it has none)."""
    items = value if isinstance(value, list) else []
    return [str(v) if isinstance(v, (str, int)) and str(v).strip() else "" for v in items[:count]] + [""] * (
        count - len(items[:count])
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _placeholder(schema: Any, name: str) -> ir.TypeExpr:
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
            return ir.UnionRef(name)  # an alias; see _named
    return ir.ModelRef(name)


def _is_null_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and (schema.get("type") == "null" or schema.get("enum") == [None])


def _enum_kind(value: Any) -> str | None:
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return kind.__name__
    return None


def _primitive(kind: Any, fmt: Any) -> ir.TypeExpr:
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


def _schema_flag(raw: Any, target: dict[str, Any], key: str) -> Any:
    """A keyword set beside a `$ref` (3.1) wins over the referenced schema's own."""
    if isinstance(raw, dict) and key in raw:
        return raw[key]
    return target.get(key)


def _fits(t: ir.TypeExpr, value: Any, enums: dict[str, ir.Enum]) -> bool:
    """Whether a JSON default can become a Python default of type `t`."""
    if isinstance(t, ir.Nullable):
        return value is None or _fits(t.inner, value, enums)
    if isinstance(t, ir.Const):
        return value == t.value and type(value) is type(t.value)
    if isinstance(t, ir.EnumRef):
        # Compared one by one: a list or object default is not hashable (and fits no member).
        return t.name in enums and any(value == m.value for m in enums[t.name].members)
    if isinstance(t, ir.ListOf):
        return isinstance(value, list) and all(_fits(t.item, v, enums) for v in value)
    if isinstance(t, ir.MapOf):
        return isinstance(value, dict) and all(_fits(t.value, v, enums) for v in value.values())
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
    parse = {
        "datetime": datetime.datetime.fromisoformat,
        "date": datetime.date.fromisoformat,
        "uuid": uuid.UUID,
        "bytes": lambda v: base64.b64decode(v, validate=True),
    }.get(t.kind)
    if parse is None:
        return False
    try:
        parse(value)
    except (ValueError, binascii.Error):
        return False
    return True


def _body_kind(media_type: str) -> ir.BodyKind:
    mt = media_type.split(";")[0].strip().lower()
    if mt == "application/json" or mt.endswith("+json"):
        return "json"
    if mt == "multipart/form-data" or mt.startswith("multipart/"):
        return "multipart"
    if mt == "application/x-www-form-urlencoded":
        return "form"
    if mt.startswith("text/"):
        return "text"
    return "binary"


def _response_kind(media_type: str) -> ir.ResponseKind:
    mt = media_type.split(";")[0].strip().lower()
    if mt == "text/event-stream":
        return "stream"
    kind = _body_kind(mt)
    return "json" if kind == "json" else "text" if kind == "text" else "binary"


def _media_suffix(media_type: str) -> str:
    return media_type.split(";")[0].rsplit("/", 1)[-1]


def _server_url(servers: Any) -> str:
    """The first server's URL with its variables at their defaults."""
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
        return ""
    url = str(servers[0].get("url", ""))
    for name, var in (servers[0].get("variables") or {}).items():
        url = url.replace("{" + str(name) + "}", str((var or {}).get("default", "")))
    return url.rstrip("/")


def _server_variables(document: dict[str, Any], taken: set[str]) -> tuple[str, list[ir.ServerVariable]]:
    """The first server's URL, its `{placeholders}` kept, and each variable as a client argument
    (a variable with no default is filled in with its first value, or left to the user)."""
    servers = document.get("servers") or []
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
        return "", []
    url = str(servers[0].get("url", "")).rstrip("/")
    names = NameSet(set(taken))
    variables = []
    for wire, var in (servers[0].get("variables") or {}).items():
        var = var if isinstance(var, dict) else {}
        values = tuple(str(v) for v in var.get("enum") or [] if isinstance(v, (str, int, float)))
        default = str(var.get("default", values[0] if values else ""))
        if "{" + str(wire) + "}" not in url:
            continue
        name = names.claim(snake(str(wire), frozenset(taken)))
        variables.append(ir.ServerVariable(name, str(wire), default, values, _text(var.get("description"))))
    return url, variables


def _security(name: str, spec: dict[str, Any], ptr: str, diags: Diagnostics) -> ir.SecurityScheme | None:
    kind = spec.get("type")
    desc = _text(spec.get("description"))
    if kind == "http":
        scheme = str(spec.get("scheme", "")).lower()
        if scheme == "basic":
            return ir.SecurityScheme(name, "basic", "Authorization", "Basic ", desc)
        return ir.SecurityScheme(name, "bearer", "Authorization", "Bearer ", desc)
    if kind == "apiKey":
        where = spec.get("in")
        param = str(spec.get("name", "Authorization"))
        prefix = ""
        if where == "header" and param.lower() == "authorization" and "bearer" in desc.lower():
            # Documented as `Authorization: Bearer KEY` but declared as a bare apiKey.
            diags.note(ptr, "apiKey in the Authorization header described as Bearer; sent as `Bearer <key>`")
            prefix = "Bearer "
        kinds = {"header": "api_key_header", "query": "api_key_query", "cookie": "api_key_cookie"}
        if where not in kinds:
            diags.warn(pointer_join(ptr, "in"), f"apiKey location {where!r} unknown; scheme ignored")
            return None
        return ir.SecurityScheme(name, kinds[where], param, prefix, desc)  # type: ignore[arg-type]
    if kind in ("oauth2", "openIdConnect"):
        diags.note(ptr, f"{kind} scheme: the client takes an access token and sends it as a Bearer token")
        return ir.SecurityScheme(name, "bearer", "Authorization", "Bearer ", desc)
    diags.warn(ptr, f"security scheme type {kind!r} is not supported; ignored")
    return None
