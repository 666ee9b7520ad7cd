"""Stage 2, model/envelope.py: the `{success, data, error}` envelope, unwrapped to its `data`."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import SPEC
from specbuilder import BOOL, INT, STR, Spec, model, obj, ok, ref

from generator.load import document as load
from generator.model import build, ir


@pytest.fixture(scope="module")
def migma() -> ir.Api:
    loaded = load.load(SPEC)
    return build.build(loaded.skeleton, loaded.diagnostics, "migma_client")


def op(api: ir.Api, operation_id: str) -> ir.Operation:
    return next(o for o in api.operations if o.operation_id == operation_id)


def test_the_seed_operation_unwraps_to_typed_data(migma: ir.Api) -> None:
    get = op(migma, "GetContactImport")
    assert (get.name, get.method, get.path) == ("get_contact_import", "GET", "/v1/contacts/imports/{id}")
    [param] = get.parameters
    assert (param.location, param.required, param.pattern) == ("path", True, "^[0-9a-fA-F]{24}$")
    success = get.success
    assert success is not None and success.envelope is not None
    assert success.envelope.data == ir.ModelRef("ContactImportStatus")
    assert success.envelope.result is None
    data = next(m for m in migma.models if m.name == "ContactImportStatus")
    fields = {f.wire_name: f for f in data.fields}
    assert fields["status"].type == ir.EnumRef("ContactImportStatusStatus")
    assert fields["completed_at"].type == ir.Nullable(ir.Primitive("datetime"))
    assert fields["created_at"].type == ir.Primitive("datetime")
    assert fields["counts"].type == ir.ModelRef("ContactImportStatusCounts")
    enum = next(e for e in migma.enums if e.name == "ContactImportStatusStatus")
    assert [m.value for m in enum.members] == ["pending", "processing", "completed", "failed"]


def test_an_envelope_with_extra_fields_gets_a_result_model(migma: ir.Api) -> None:
    success = op(migma, "ListContacts").success
    assert success is not None and success.envelope is not None
    assert success.envelope.result == "ListContactsResult"
    result = next(m for m in migma.models if m.name == "ListContactsResult")
    assert [(f.name, f.type) for f in result.fields] == [
        ("data", ir.ListOf(ir.ModelRef("ListContactsItem"))),
        ("count", ir.Primitive("int")),
    ]


def enveloped() -> Spec:
    base = obj(("success",), success=BOOL, data={}, error={"type": ["string", "null"]})
    spec = Spec().schema("ApiResponse", base)
    spec.schema("ApiResponsePet", {"allOf": [ref("ApiResponse"), obj(data=obj(name=STR), count=INT)]})
    spec.get("/pets/1", "GetPet", ok(ref("ApiResponsePet")))
    spec.get("/ping", "Ping", ok(obj(success=BOOL, data=obj(pong=BOOL))))
    return spec


def test_a_component_envelope_names_its_payload_and_is_not_generated() -> None:
    api = model(enveloped())
    get = op(api, "GetPet").success
    assert get is not None and get.envelope == ir.Envelope(
        ir.ModelRef("Pet"), "success", "error", "PetResult"
    )
    assert get.result_type == ir.ModelRef("PetResult")
    names = {m.name for m in api.models}
    assert {"Pet", "PetResult", "PingData", "ApiResponse"} <= names and "ApiResponsePet" not in names


def test_an_inline_envelope_names_its_payload_after_the_operation() -> None:
    ping = op(model(enveloped()), "Ping").success
    assert ping is not None and ping.envelope == ir.Envelope(ir.ModelRef("PingData"), "success", None, None)


def test_unwrapping_off_returns_the_envelope_whole() -> None:
    api = model(enveloped(), envelope={"unwrap": False})
    get = op(api, "GetPet").success
    assert get is not None and get.envelope is None and get.result_type == ir.ModelRef("ApiResponsePet")


@pytest.mark.parametrize("success", [STR, None])
def test_without_a_boolean_success_it_is_no_envelope(success: Any) -> None:
    props = {"data": STR, **({"success": success} if success else {})}
    response = op(model(Spec().get("/a", "GetA", ok(obj(**props)))), "GetA").success
    assert response is not None and response.envelope is None and response.type == ir.ModelRef("GetAResponse")
