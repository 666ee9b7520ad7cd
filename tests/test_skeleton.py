"""Stage 1: the skeleton view (generator/load/skeleton.py): typed, with pointers, wrong types refused once."""

from __future__ import annotations

from typing import Any

import pytest
from specbuilder import STR, Spec, ok, param, ref

from generator.diagnostics import SpecError
from generator.load import skeleton


def view(spec: Spec) -> skeleton.Document:
    return skeleton.read(spec.document(), "spec.json")


def test_a_wrong_type_is_one_error_at_its_pointer_even_when_shared() -> None:
    spec = (
        Spec()
        .component("responses", "Broken", {"description": "x", "content": []})
        .get("/a", "GetA", ref("Broken", "responses"))
        .get("/b", "GetB", ref("Broken", "responses"))
        .operation("get", "/c", "GetC", [])  # type: ignore[arg-type]
    )
    with pytest.raises(SpecError) as caught:
        view(spec)
    assert [(p.pointer, p.message) for p in caught.value.problems] == [
        ("/components/responses/Broken/content", "`content` must be an object, not an array"),
        ("/paths/~1c/get/responses", "`responses` must be an object, not an array"),
    ]


def test_every_part_carries_its_pointer_after_its_refs() -> None:
    spec = (
        Spec()
        .component("parameters", "Limit", param("limit", schema={"type": "integer"}))
        .component("requestBodies", "NewPet", {"content": {"application/json": {"schema": STR}}})
        .operation(
            "post",
            "/pets/{id}",
            "AddPet",
            {"201": ok(STR), "default": ref("Oops", "responses")},
            parameters=[ref("Limit", "parameters")],
            requestBody=ref("NewPet", "requestBodies"),
        )
        .component("responses", "Oops", ok(None, description="failed"))
    )
    spec.doc["paths"]["/pets/{id}"]["parameters"] = [param("id", "path", required=True)]
    [item] = view(spec).paths
    [op] = item.operations
    assert (item.pointer, op.pointer, op.method) == (
        "/paths/~1pets~1{id}",
        "/paths/~1pets~1{id}/post",
        "post",
    )
    # The path item's parameters first, then the operation's own (a ref: where it points).
    assert [(p.name, p.location, p.pointer) for p in op.parameters] == [
        ("id", "path", "/paths/~1pets~1{id}/parameters/0"),
        ("limit", "query", "/components/parameters/Limit"),
    ]
    assert op.request_body is not None and op.request_body.pointer == "/components/requestBodies/NewPet"
    [media] = op.request_body.content
    assert media.schema_pointer == "/components/requestBodies/NewPet/content/application~1json/schema"
    assert [(r.status, r.pointer, r.description) for r in op.responses] == [
        ("201", "/paths/~1pets~1{id}/post/responses/201", "OK"),
        ("default", "/components/responses/Oops", "failed"),
    ]


def test_sloppy_fields_the_validator_only_warns_about_are_read_leniently() -> None:
    spec = Spec().get("/a", "  ", description=5, tags=[7, "x"], deprecated="yes", summary=None)
    [op] = view(spec).operations
    assert (op.operation_id, op.description, op.summary, op.tags, op.deprecated) == (
        None,
        "",
        "",
        ("7", "x"),
        True,
    )
    [p] = view(Spec().get("/b", "GetB", parameters=[{"name": "q", "in": "query", "required": 1}])).operations
    assert p.parameters[0].required is True and p.parameters[0].schema is None


def test_security_requirements_distinguish_absent_from_empty() -> None:
    doc: dict[str, Any] = {"security": [{"key": []}]}
    spec = Spec(**doc).get("/open", "Open", security=[]).get("/inherits", "Inherits")
    document = view(spec)
    assert document.security == (("key",),)
    assert [op.security for op in document.operations] == [(), None]


def test_servers_and_their_variables() -> None:
    servers = [
        {
            "url": "https://{region}.x.test",
            "variables": {"region": {"enum": ["eu", "us"], "description": "Where"}},
        }
    ]
    [server] = view(Spec(servers=servers)).servers
    assert (server.pointer, server.url) == ("/servers/0", "https://{region}.x.test")
    assert server.variables == (
        skeleton.ServerVariable("/servers/0/variables/region", "region", None, ("eu", "us"), "Where"),
    )
