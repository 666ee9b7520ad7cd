"""Stage 2 (model), a convention: the `{success, data, error}` envelope, whose `data` the client
returns (`ir.Envelope`); `[tool.oagen.envelope] unwrap = false` turns it off.

Recognised however it is written: `allOf` with a shared base (`ApiResponse`), a `$ref`, or
inline. A step of building a success response (model/responses.py), not a pass over the finished
IR: the payload's class is named after the envelope's component (less the base's name), and the
envelope's own schema is never generated (`Schemas.unwrapped`); a pass would find both already
built under other names, so the output would change.
"""

from __future__ import annotations

from typing import Any

from . import ir
from .keywords import text
from .names import NameSet, pascal, snake
from .schemas import FIELD_RESERVED, SCHEMA_PREFIX, Schemas


def recognise(schemas: Schemas, schema: Any, ptr: str, stem: str) -> ir.Envelope | None:
    """The envelope `schema` (at `ptr`) is, its payload typed; None when it is not one.
    `stem` names what has no component name (`<Operation>Data`)."""
    target, tptr = schemas.deref(schema, ptr)
    if not isinstance(target, dict):
        return None
    props, _required, _ = schemas.merged_object(target, tptr)
    success, sptr = props.get("success", (None, ""))
    success, _ = schemas.deref(success, sptr)
    if "data" not in props or not isinstance(success, dict) or success.get("type") != "boolean":
        return None
    base_name = ""
    base_props: dict[str, Any] = {"success": None, "data": None, "error": None}
    for part in target.get("allOf") or []:
        ref = part.get("$ref") if isinstance(part, dict) else None
        base, _ = schemas.deref(part, tptr)
        parts = base.get("properties") if isinstance(base, dict) else None
        if isinstance(ref, str) and isinstance(parts, dict) and "success" in parts and "data" in parts:
            base_name, base_props = ref.rsplit("/", 1)[-1], parts
            break
    schemas.unwrapped.add(tptr)
    data_schema, data_ptr = props["data"]
    component = tptr.rsplit("/", 1)[-1] if tptr.startswith(SCHEMA_PREFIX) else ""
    trimmed = component.removeprefix(base_name) if base_name else ""
    name = pascal(trimmed) if trimmed else stem
    data = schemas.type_of(data_schema, name if component else stem + "Data", data_ptr)
    extras = {k: v for k, v in props.items() if k not in base_props}
    result = None
    if extras:
        result = schemas.class_names.claim((name if component else stem) + "Result")
        model = ir.Model(result, tptr, "The response's `data` with the envelope's other fields.")
        model.fields.append(ir.Field("data", "data", data, True, "The response payload."))
        names = NameSet({"data", *FIELD_RESERVED})
        for wire, (prop_schema, prop_ptr) in extras.items():
            ftype = schemas.type_of(prop_schema, result + pascal(wire), prop_ptr)
            prop_target, _ = schemas.deref(prop_schema, prop_ptr)
            desc = prop_target.get("description") if isinstance(prop_target, dict) else None
            model.fields.append(
                ir.Field(names.claim(snake(wire, FIELD_RESERVED)), wire, ftype, False, text(desc))
            )
        schemas.models[result] = model
    return ir.Envelope(
        data=data,
        success_field="success",
        error_field="error" if "error" in props else None,
        result=result,
    )
