"""Every response shape a real API sends, end to end through a generated client (MockTransport):
several success codes, `default`, inline envelopes, typed error bodies, event streams, downloads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from conftest import mypy_strict
from specbuilder import content, generated_client
from specbuilder import ref as schema_ref


def op(op_id: str, responses: dict[str, Any], method: str = "get") -> dict[str, Any]:
    return {method: {"operationId": op_id, "tags": ["default"], "responses": responses}}


SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Shapes", "version": "1"},
    "servers": [{"url": "https://shapes.test"}],
    "paths": {
        "/created": op(
            "createOrFind",
            {
                "200": {"description": "found", **content(schema_ref("Found"))},
                "201": {"description": "made", **content(schema_ref("Made"))},
                "204": {"description": "nothing"},
            },
            "post",
        ),
        "/only-default": op("onlyDefault", {"default": {"description": "ok", **content(schema_ref("Ok"))}}),
        "/default-error": op(
            "withDefaultError",
            {
                "200": {"description": "ok", **content(schema_ref("Ok"))},
                "default": {
                    "description": "error",
                    **content(schema_ref("Problem"), "application/problem+json"),
                },
            },
        ),
        "/petstore-error": op(
            "petstoreError",
            {
                "200": {"description": "ok", **content(schema_ref("Ok"))},
                "500": {"description": "error", **content(schema_ref("Error"))},
            },
        ),
        "/inline-envelope": op(
            "inlineEnvelope",
            {
                "200": {
                    "description": "wrapped",
                    **content(
                        {
                            "type": "object",
                            "properties": {
                                "success": {"type": "boolean"},
                                "data": schema_ref("Ok"),
                                "error": {"type": "string"},
                            },
                        }
                    ),
                }
            },
        ),
        "/events": op(
            "streamEvents",
            {"200": {"description": "events", **content(schema_ref("Chunk"), "text/event-stream")}},
            "post",
        ),
        "/raw-events": op(
            "rawEvents",
            {"200": {"description": "events", **content({"type": "string"}, "text/event-stream")}},
        ),
        "/file": op(
            "download",
            {
                "200": {
                    "description": "a pdf",
                    **content({"type": "string", "format": "binary"}, "application/pdf"),
                }
            },
        ),
    },
    "components": {
        "schemas": {
            "Found": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            "Made": {
                "type": "object",
                "required": ["created"],
                "properties": {"created": {"type": "integer"}},
            },
            "Ok": {"type": "object", "required": ["ok"], "properties": {"ok": {"type": "boolean"}}},
            "Problem": {
                "type": "object",
                "properties": {
                    "title": {"type": "string"},
                    "detail": {"type": "string"},
                    "status": {"type": "integer"},
                },
            },
            "Error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
            },
            "Chunk": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
        }
    },
}


@pytest.fixture(scope="module")
def client_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, Path]]:
    root = tmp_path_factory.mktemp("shapes")
    with generated_client(SPEC, root, "shapes_client") as (module, _result):
        yield module, root / "out"


def sync(module: ModuleType, handler: Any) -> Any:
    return module.ShapesClient(
        http_client=httpx.Client(transport=httpx.MockTransport(handler)), max_retries=0
    )


def async_(module: ModuleType, handler: Any) -> Any:
    transport = httpx.MockTransport(handler)
    return module.AsyncShapesClient(http_client=httpx.AsyncClient(transport=transport), max_retries=0)


def answer(status: int, body: Any = None, **kwargs: Any) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        return (
            httpx.Response(status, json=body, **kwargs)
            if body is not None
            else httpx.Response(status, **kwargs)
        )

    return handler


def models(module: ModuleType) -> ModuleType:
    return __import__(module.__name__ + ".models", fromlist=["x"])


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (200, {"id": "a"}, ("Found", {"id": "a"})),
        (201, {"created": 7}, ("Made", {"created": 7})),
        (204, None, None),
    ],
)
def test_several_success_codes_decode_by_status(
    client_module: tuple[ModuleType, Path], status: int, body: Any, expected: Any
) -> None:
    module, _ = client_module
    result = sync(module, answer(status, body)).default.create_or_find()
    if expected is None:
        assert result is None
    else:
        assert type(result).__name__ == expected[0] and result.to_dict() == expected[1]


async def test_several_success_codes_async(client_module: tuple[ModuleType, Path]) -> None:
    module, _ = client_module
    result = await async_(module, answer(201, {"created": 3})).default.create_or_find()
    assert result == models(module).Made(created=3)


def test_a_default_only_response_is_the_success_body(client_module: tuple[ModuleType, Path]) -> None:
    module, _ = client_module
    assert sync(module, answer(200, {"ok": True})).default.only_default() == models(module).Ok(ok=True)


def test_a_default_next_to_a_200_describes_errors(client_module: tuple[ModuleType, Path]) -> None:
    module, _ = client_module
    problem = {"title": "Invalid", "detail": "name is required", "status": 422}
    handler = answer(
        422, body=None, content=json.dumps(problem), headers={"content-type": "application/problem+json"}
    )
    with pytest.raises(module.UnprocessableEntityError) as info:
        sync(module, handler).default.with_default_error()
    assert info.value.body == models(module).Problem(title="Invalid", detail="name is required", status=422)
    assert str(info.value) == "422 Unprocessable Entity: name is required"


def test_a_petstore_error_body_is_typed_and_in_the_message(client_module: tuple[ModuleType, Path]) -> None:
    module, _ = client_module
    with pytest.raises(module.InternalServerError) as info:
        sync(module, answer(500, {"code": 17, "message": "database down"})).default.petstore_error()
    assert info.value.body == models(module).Error(code=17, message="database down")
    assert "database down" in str(info.value) and info.value.code == "17"


def test_an_error_body_that_does_not_match_is_kept_as_sent(client_module: tuple[ModuleType, Path]) -> None:
    module, _ = client_module
    with pytest.raises(module.InternalServerError) as info:
        sync(module, answer(500, body=None, content=b"<html>oops</html>")).default.petstore_error()
    assert info.value.body == "<html>oops</html>" and "oops" in str(info.value)


def test_an_inline_envelope_is_unwrapped_and_checked(client_module: tuple[ModuleType, Path]) -> None:
    module, _ = client_module
    client = sync(module, answer(200, {"success": True, "data": {"ok": True}}))
    assert client.default.inline_envelope() == models(module).Ok(ok=True)
    failing = sync(module, answer(200, {"success": False, "error": "quota exceeded"}))
    with pytest.raises(module.UnsuccessfulResponseError, match="quota exceeded"):
        failing.default.inline_envelope()


def sse(*events: str) -> bytes:
    return "".join(f"{e}\n\n" for e in events).encode()


class Tracked(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that records whether it was closed."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield from (self.body[i : i + 7] for i in range(0, len(self.body), 7))

    async def __aiter__(self) -> Any:
        for i in range(0, len(self.body), 7):
            yield self.body[i : i + 7]

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def streaming(body: bytes) -> tuple[Any, list[Tracked]]:
    streams: list[Tracked] = []

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["accept"] == "text/event-stream"
        streams.append(Tracked(body))
        return httpx.Response(200, stream=streams[-1], headers={"content-type": "text/event-stream"})

    return handler, streams


def test_events_are_decoded_as_they_arrive_and_done_ends_the_stream(
    client_module: tuple[ModuleType, Path],
) -> None:
    module, _ = client_module
    handler, streams = streaming(sse('data: {"text": "a"}', ": ping", 'data: {"text": "b"}', "data: [DONE]"))
    with sync(module, handler).default.stream_events() as stream:
        assert [chunk.text for chunk in stream] == ["a", "b"]
    assert streams[0].closed


def test_breaking_out_of_a_stream_releases_the_connection(client_module: tuple[ModuleType, Path]) -> None:
    module, _ = client_module
    handler, streams = streaming(sse(*[f'data: {{"text": "{i}"}}' for i in range(50)]))
    stream = sync(module, handler).default.stream_events()
    for chunk in stream:
        if chunk.text == "2":
            break
    stream.close()
    assert streams[0].closed


def test_a_bad_event_names_its_position(client_module: tuple[ModuleType, Path]) -> None:
    module, _ = client_module
    handler, _ = streaming(sse('data: {"text": "a"}', 'data: {"text": 5}'))
    with pytest.raises(module.DecodeError) as info:
        list(sync(module, handler).default.stream_events())
    assert info.value.path == "event 1: Chunk.text"


def test_untyped_events_arrive_as_server_sent_events(client_module: tuple[ModuleType, Path]) -> None:
    module, _ = client_module
    handler, _ = streaming(sse("event: note\nid: 4\ndata: line 1\ndata: line 2", "retry: 10\ndata: x"))
    events = list(sync(module, handler).default.raw_events())
    assert (events[0].event, events[0].id, events[0].data) == ("note", "4", "line 1\nline 2")
    assert events[1].retry == 10 and events[1].data == "x"


async def test_async_streams(client_module: tuple[ModuleType, Path]) -> None:
    module, _ = client_module
    handler, streams = streaming(sse('data: {"text": "a"}', 'data: {"text": "b"}'))
    async with await async_(module, handler).default.stream_events() as stream:
        assert [chunk.text async for chunk in stream] == ["a", "b"]
    assert streams[0].closed


def test_a_download_streams_to_a_file(client_module: tuple[ModuleType, Path], tmp_path: Path) -> None:
    module, _ = client_module
    pdf = b"%PDF-1.7 " + bytes(range(256)) * 40
    handler, streams = downloads(pdf)
    with sync(module, handler).default.download() as response:
        assert response.headers["content-type"] == "application/pdf"
        response.write_to_file(tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == pdf and streams[0].closed
    handler, _ = downloads(pdf)
    assert sync(module, handler).default.download().read() == pdf


async def test_an_async_download(client_module: tuple[ModuleType, Path]) -> None:
    module, _ = client_module
    handler, streams = downloads(b"abc" * 1000)
    response = await async_(module, handler).default.download()
    assert b"".join([chunk async for chunk in response.iter_bytes()]) == b"abc" * 1000
    assert streams[0].closed


def downloads(body: bytes) -> tuple[Any, list[Tracked]]:
    streams: list[Tracked] = []

    def handler(request: httpx.Request) -> httpx.Response:
        streams.append(Tracked(body))
        return httpx.Response(200, stream=streams[-1], headers={"content-type": "application/pdf"})

    return handler, streams


@pytest.mark.slow
def test_the_client_passes_mypy_strict(client_module: tuple[ModuleType, Path]) -> None:
    _, out = client_module
    mypy_strict(out, "shapes_client")
