"""Stage 2, model/responses.py: responses by status: success or error, media type, body type."""

from __future__ import annotations

from specbuilder import INT, JSON, STR, Spec, model, modelled, obj, ok

from generator.model import ir


def only(api: ir.Api) -> ir.Operation:
    [op] = api.operations
    return op


def test_success_codes_and_typed_errors() -> None:
    responses = {
        "201": ok(obj(id=STR)),
        "200": ok(obj(n=INT)),
        "404": ok(obj(missing=STR)),
        "default": ok(obj(message=STR)),
        "2xx": ok(),
    }
    op = only(model(Spec().operation("post", "/things", "MakeThing", responses)))
    assert [r.status for r in op.successes] == ["200", "201", "2XX"]
    # Inline types are named in the spec's order: the 201's body came first.
    assert [r.type for r in op.successes] == [
        ir.ModelRef("MakeThingResponse2"),
        ir.ModelRef("MakeThingResponse"),
        None,
    ]
    assert [(r.status, r.type) for r in op.errors] == [
        ("404", ir.ModelRef("MakeThingError404")),
        ("default", ir.ModelRef("MakeThingError")),
    ]


def test_a_default_alone_is_the_success() -> None:
    op = only(model(Spec().operation("get", "/a", "GetA", {"default": ok(STR)})))
    assert [(r.status, r.success, r.type) for r in op.responses] == [("default", True, ir.Primitive("str"))]


def test_json_is_decoded_first_and_the_others_are_noted() -> None:
    response = {"description": "x", "content": {"text/csv": {"schema": STR}, JSON: {"schema": INT}}}
    api, diags = modelled(Spec().get("/a", "GetA", response))
    success = only(api).success
    assert success is not None and (success.media_type, success.kind, success.type) == (
        JSON,
        "json",
        ir.Primitive("int"),
    )
    assert ("/paths/~1a/get/responses/200/content", "decoded as application/json; not offered: text/csv") in {
        (p.pointer, p.message) for p in diags.problems
    }


def test_streams_text_downloads_and_empty_bodies() -> None:
    spec = Spec()
    spec.get("/events", "Events", ok(obj(delta=STR), "text/event-stream"))
    spec.get("/raw-events", "RawEvents", ok(STR, "text/event-stream"))
    spec.get("/text", "Text", ok(STR, "text/plain"))
    spec.get("/file", "File", ok({"type": "string", "format": "binary"}, "application/pdf"))
    spec.operation("delete", "/gone", "Gone", {"204": ok()})
    kinds = {
        op.operation_id: (op.success.kind, op.success.type) for op in model(spec).operations if op.success
    }
    assert kinds == {
        "Events": ("stream", ir.ModelRef("EventsEvent")),
        "RawEvents": ("stream", None),  # plain text events arrive as they are sent
        "Text": ("text", ir.Primitive("str")),
        "File": ("binary", None),
        "Gone": ("empty", None),
    }


def test_an_error_without_a_json_body_is_untyped() -> None:
    op = only(model(Spec().operation("get", "/a", "GetA", {"200": ok(), "500": ok(STR, "text/html")})))
    assert op.errors == [] and [r.status for r in op.responses if not r.success] == ["500"]
