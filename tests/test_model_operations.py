"""Stage 2, model/operations.py: operations, their names and groups, parameters and request bodies."""

from __future__ import annotations

from typing import Any

from specbuilder import INT, JSON, STR, Spec, content, model, modelled, obj, param, ref

from generator.model import ir


def only(api: ir.Api) -> ir.Operation:
    [op] = api.operations
    return op


def messages(diags: Any) -> set[tuple[str, str]]:
    return {(p.pointer, p.message) for p in diags.problems}


def test_untagged_operations_are_grouped_by_their_first_meaningful_path_segment() -> None:
    spec = Spec()
    for path, op_id in [
        ("/v1/customers", "ListCustomers"),
        ("/v1/customers/{customer}/sources", "ListSources"),
        ("/v1/charges/{id}", "GetCharge"),
        ("/api/v2.1/3d_secure", "Get3ds"),
        ("/{tenant}", "GetTenant"),
    ]:
        spec.get(path, op_id)
    spec.get("/v1/charges/search", "SearchCharges", tags=["Search"])
    groups = {r.name: sorted(o.operation_id for o in r.operations) for r in model(spec).resources}
    assert groups == {
        "customers": ["ListCustomers", "ListSources"],
        "charges": ["GetCharge"],
        "n3_d_secure": ["Get3ds"],
        "default": ["GetTenant"],
        "search": ["SearchCharges"],
    }


def test_without_an_operation_id_the_method_is_named_from_method_and_path() -> None:
    api, diags = modelled(Spec().operation("post", "/pets/{id}/photos"))
    assert (only(api).name, only(api).operation_id) == ("post_pets_id_photos", "post /pets/{id}/photos")
    assert (
        "/paths/~1pets~1{id}~1photos/post",
        "no operationId; method named from `post /pets/{id}/photos`",
    ) in messages(diags)


def test_parameters_merge_path_item_and_operation_and_required_come_first() -> None:
    spec = Spec().get(
        "/pets/{id}",
        "GetPet",
        parameters=[param("verbose", schema={"type": "boolean"}), param("limit", schema=INT, required=True)],
    )
    spec.doc["paths"]["/pets/{id}"]["parameters"] = [param("id", "path"), param("verbose", schema=STR)]
    params = only(model(spec)).parameters
    assert [(p.name, p.location, p.required) for p in params] == [
        ("id", "path", True),  # a path parameter is required, whatever it says
        ("limit", "query", True),
        ("verbose", "query", False),
    ]
    assert params[2].type == ir.Primitive("bool")  # the operation's replaces the path item's


def test_parameters_the_client_sets_or_cannot_send_are_left_out() -> None:
    spec = Spec().get(
        "/a",
        "GetA",
        parameters=[
            param("Authorization", "header"),
            param("x", "body"),
            param("X Bad", "header"),
            param("q"),
        ],
    )
    api, diags = modelled(spec)
    assert [p.wire_name for p in only(api).parameters] == ["X Bad", "q"]
    found = messages(diags)
    assert (
        "/paths/~1a/get/parameters/0",
        "header parameter 'Authorization' is set by the client itself",
    ) in found
    assert ("/paths/~1a/get/parameters/1/in", "unknown parameter location 'body'; skipped") in found
    bad = "header name 'X Bad' is not a valid HTTP header name; the client refuses to send it"
    assert ("/paths/~1a/get/parameters/2/name", bad) in found


def test_parameter_style_explode_and_argument_names() -> None:
    spec = Spec().get(
        "/a",
        "GetA",
        parameters=[
            param("filter", schema=obj(a=STR), explode=False),
            param("deep", schema=obj(b=STR), style="deepObject"),
            param("query"),  # a helper the method body calls: the argument is renamed
        ],
    )
    api, diags = modelled(spec)
    by_wire = {p.wire_name: p for p in only(api).parameters}
    assert (by_wire["filter"].style, by_wire["filter"].explode) == ("form", False)
    assert (by_wire["deep"].style, by_wire["deep"].explode) == ("deepObject", False)
    assert by_wire["query"].name == "query_"
    assert (
        "/paths/~1a/get/parameters/0/style",
        "object parameter (form) is sent as its string form",
    ) in messages(diags)
    assert not any(p.pointer.startswith("/paths/~1a/get/parameters/1") for p in diags.problems)


def test_request_bodies_json_first_and_object_fields_as_arguments() -> None:
    pet = obj(("name",), name=STR, id={"type": "string", "readOnly": True})
    body = {
        "required": True,
        "content": {"application/xml": {"schema": ref("Pet")}, JSON: {"schema": ref("Pet")}},
    }
    api, diags = modelled(Spec().schema("Pet", pet).operation("post", "/pets", "AddPet", requestBody=body))
    op = only(api)
    assert op.body is not None and (op.body.media_type, op.body.kind, op.body.model) == (JSON, "json", "Pet")
    assert [(name, f.required) for name, f in op.body.args] == [("name", True)]  # read-only left out
    assert (
        "/paths/~1pets/post/requestBody",
        "sent as application/json; not offered: application/xml",
    ) in messages(diags)


def test_any_media_type_with_a_structured_schema_is_json_and_bytes_otherwise() -> None:
    spec = Spec().operation("put", "/a", "PutA", requestBody=content(obj(a=STR), "*/*"))
    spec.operation("put", "/b", "PutB", requestBody=content({"type": "string", "format": "binary"}, "*/*"))
    a, b = model(spec).operations
    assert a.body is not None and (a.body.kind, a.body.type) == ("json", ir.ModelRef("PutARequest"))
    assert b.body is not None and (b.body.kind, b.body.type) == ("binary", ir.Primitive("file"))


def test_an_operation_server_is_used_when_absolute() -> None:
    spec = Spec().get(
        "/a", "GetA", servers=[{"url": "https://{r}.up.test/", "variables": {"r": {"default": "eu"}}}]
    )
    spec.get("/b", "GetB", servers=[{"url": "/relative"}])
    api, diags = modelled(spec)
    assert [op.base_url for op in api.operations] == ["https://eu.up.test", None]
    assert ("/paths/~1b/get/servers", "relative operation server ignored: the client's is used") in messages(
        diags
    )


def test_callbacks_and_webhooks_are_noted() -> None:
    spec = Spec(webhooks={"ping": {}}).operation("get", "/a", "GetA", callbacks={"x": {}})
    _, diags = modelled(spec)
    found = messages(diags)
    assert ("/paths/~1a/get/callbacks", "`callbacks` ignored: callbacks are not generated") in found
    assert ("/webhooks", "webhooks are requests the API sends; no client code is generated") in found
