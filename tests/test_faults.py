"""Faults and per-call settings of the generated client: retries, Retry-After, idempotency keys,
connection failures and timeouts, malformed bodies, header injection, User-Agent, debug logs.

Requests go to httpx.MockTransport (or to a local socket for real connection failures);
`time.sleep` and `asyncio.sleep` are replaced by recorders, so nothing really waits.
"""

from __future__ import annotations

import datetime
import email.utils
import importlib
import logging
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from migma_client import (
    APIConnectionError,
    APITimeoutError,
    AsyncMigmaClient,
    DecodeError,
    InternalServerError,
    MigmaClient,
    RateLimitError,
)
from specbuilder import generated_client

from generator import __version__ as generator_version

KEY = "sk-test-secret-123"
IMPORT_ID = "0123456789abcdef01234567"
Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A MockTransport handler answering from a script, one entry per request."""

    def __init__(self, *script: httpx.Response | Exception) -> None:
        self.script = list(script)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(step, Exception):
            raise step
        return step


def ok(data: Any = None) -> httpx.Response:
    return httpx.Response(200, json={"success": True, "data": data})


def status(code: int, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(code, json={"success": False, "error": "nope"}, headers=headers)


def import_payload() -> dict[str, Any]:
    return {"object": "contact_import", "id": IMPORT_ID, "status": "processing", "created_at": None}


def sync_client(handler: Handler, **kwargs: Any) -> MigmaClient:
    return MigmaClient(
        api_key=KEY, http_client=httpx.Client(transport=httpx.MockTransport(handler)), **kwargs
    )


def async_client(handler: Handler, **kwargs: Any) -> AsyncMigmaClient:
    transport = httpx.MockTransport(handler)
    return AsyncMigmaClient(api_key=KEY, http_client=httpx.AsyncClient(transport=transport), **kwargs)


# -- retries and idempotency keys --------------------------------------------------------


def test_503_503_200_succeeds_after_two_retries_with_one_idempotency_key(sleeps: list[float]) -> None:
    server = Recorder(status(503), status(503), ok({"deleted": 2, "notFound": []}))
    with sync_client(server) as client:
        result = client.contacts.batch_delete_contacts(emails=["a@example.com"], project_id="p")
    assert result.deleted == 2
    keys = [r.headers["Idempotency-Key"] for r in server.requests]
    assert len(keys) == 3 and len(set(keys)) == 1
    uuid.UUID(keys[0])  # a generated key is a UUID
    assert len(sleeps) == 2 and all(0 < d <= 8 for d in sleeps)
    assert sleeps[1] > sleeps[0] * 0.74  # backoff grows (jitter takes at most a quarter off)


async def test_async_503_503_200_with_a_given_idempotency_key(sleeps: list[float]) -> None:
    server = Recorder(status(503), status(502), ok({"deleted": 1}))
    async with async_client(server) as client:
        result = await client.contacts.batch_delete_contacts(
            emails=["a@example.com"], project_id="p", idempotency_key="my-key-1"
        )
    assert result.deleted == 1
    assert [r.headers["Idempotency-Key"] for r in server.requests] == ["my-key-1"] * 3
    assert len(sleeps) == 2


def test_each_call_gets_its_own_idempotency_key(sleeps: list[float]) -> None:
    server = Recorder(ok({"deleted": 0}))
    with sync_client(server) as client:
        client.contacts.batch_delete_contacts(emails=["a@example.com"], project_id="p")
        client.contacts.batch_delete_contacts(emails=["a@example.com"], project_id="p")
    first, second = (r.headers["Idempotency-Key"] for r in server.requests)
    assert first != second


def test_a_post_without_an_idempotency_key_is_not_retried(sleeps: list[float]) -> None:
    server = Recorder(status(503), ok({"id": "c1"}))
    with sync_client(server) as client, pytest.raises(InternalServerError):
        client.contacts.add_contact(email="a@example.com", project_id="p")
    assert len(server.requests) == 1
    assert sleeps == []


def test_retries_stop_after_max_retries_and_raise_the_last_error(sleeps: list[float]) -> None:
    server = Recorder(status(500))
    with sync_client(server) as client, pytest.raises(InternalServerError):
        client.contacts.get_contact_import(IMPORT_ID)
    assert len(server.requests) == 3  # the default: two retries
    assert len(sleeps) == 2


def test_4xx_other_than_408_and_429_is_not_retried(sleeps: list[float]) -> None:
    server = Recorder(status(400), ok(import_payload()))
    with sync_client(server) as client, pytest.raises(Exception, match="400"):
        client.contacts.get_contact_import(IMPORT_ID)
    assert len(server.requests) == 1


def test_x_should_retry_overrides_the_status(sleeps: list[float]) -> None:
    server = Recorder(status(400, {"x-should-retry": "true"}), ok(import_payload()))
    with sync_client(server) as client:
        assert client.contacts.get_contact_import(IMPORT_ID).id == IMPORT_ID
    assert len(server.requests) == 2
    server = Recorder(status(503, {"x-should-retry": "false"}))
    with sync_client(server) as client, pytest.raises(InternalServerError):
        client.contacts.get_contact_import(IMPORT_ID)
    assert len(server.requests) == 1


# -- Retry-After -----------------------------------------------------------------------------


def test_retry_after_seconds_is_waited_for(sleeps: list[float]) -> None:
    server = Recorder(status(429, {"Retry-After": "3"}), ok(import_payload()))
    with sync_client(server) as client:
        client.contacts.get_contact_import(IMPORT_ID)
    assert sleeps == [3.0]


def test_retry_after_http_date_is_waited_for(sleeps: list[float]) -> None:
    when = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=30)
    header = email.utils.format_datetime(when, usegmt=True)
    server = Recorder(status(503, {"Retry-After": header}), ok(import_payload()))
    with sync_client(server) as client:
        client.contacts.get_contact_import(IMPORT_ID)
    assert len(sleeps) == 1 and 25 < sleeps[0] <= 30  # whole seconds in the header; the clock moved


async def test_async_retry_after_ms_is_waited_for(sleeps: list[float]) -> None:
    server = Recorder(status(429, {"retry-after-ms": "1500"}), ok(import_payload()))
    async with async_client(server) as client:
        await client.contacts.get_contact_import(IMPORT_ID)
    assert sleeps == [1.5]


def test_an_unreasonable_retry_after_falls_back_to_backoff(sleeps: list[float]) -> None:
    server = Recorder(
        status(429, {"Retry-After": "86400"}), status(429, {"Retry-After": "soon"}), ok(import_payload())
    )
    with sync_client(server) as client:
        client.contacts.get_contact_import(IMPORT_ID)
    assert len(sleeps) == 2 and all(0 < d <= 8 for d in sleeps)


def test_a_429_after_the_retries_is_a_rate_limit_error(sleeps: list[float]) -> None:
    with sync_client(Recorder(status(429)), max_retries=1) as client, pytest.raises(RateLimitError):
        client.contacts.get_contact_import(IMPORT_ID)
    assert len(sleeps) == 1


# -- connection failures and timeouts ----------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when the block ends: nothing listens


def test_connection_refused_raises_api_connection_error_after_the_retries(sleeps: list[float]) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    with MigmaClient(api_key=KEY, base_url=url, max_retries=3) as client:
        with pytest.raises(APIConnectionError) as info:
            client.contacts.get_contact_import(IMPORT_ID)
    assert not isinstance(info.value, APITimeoutError)
    assert len(sleeps) == 3


def test_a_connect_error_is_retried_even_for_a_post_without_a_key(sleeps: list[float]) -> None:
    # The request never reached the server, so sending it again cannot apply it twice.
    server = Recorder(httpx.ConnectError("refused"), ok({"id": "c1"}))
    with sync_client(server) as client:
        client.contacts.add_contact(email="a@example.com", project_id="p")
    assert len(server.requests) == 2


def test_a_read_timeout_on_a_post_without_a_key_is_not_retried(sleeps: list[float]) -> None:
    server = Recorder(httpx.ReadTimeout("slow"))
    with sync_client(server) as client, pytest.raises(APITimeoutError):
        client.contacts.add_contact(email="a@example.com", project_id="p")
    assert len(server.requests) == 1


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(sock.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    sock.close()


def test_a_read_timeout_raises_api_timeout_error_after_the_retries(
    silent_server: str, sleeps: list[float]
) -> None:
    with MigmaClient(api_key=KEY, base_url=silent_server, timeout=0.2, max_retries=1) as client:
        with pytest.raises(APITimeoutError, match="timed out"):
            client.contacts.get_contact_import(IMPORT_ID)
    assert len(sleeps) == 1


async def test_async_read_timeout_with_a_per_call_timeout(silent_server: str, sleeps: list[float]) -> None:
    async with AsyncMigmaClient(api_key=KEY, base_url=silent_server, max_retries=2) as client:
        with pytest.raises(APITimeoutError):
            await client.contacts.get_contact_import(
                IMPORT_ID, request_options={"timeout": 0.2, "max_retries": 0}
            )
    assert sleeps == []


def test_timeouts_default_to_60_seconds_and_can_be_set_per_client_and_per_call() -> None:
    server = Recorder(ok(import_payload()))
    with sync_client(server) as client:
        assert client.timeout == 60.0
        client.contacts.get_contact_import(IMPORT_ID)
        client.contacts.get_contact_import(IMPORT_ID, request_options={"timeout": 2.5})
    with sync_client(server, timeout=httpx.Timeout(10.0, connect=3.0)) as client:
        client.contacts.get_contact_import(IMPORT_ID)
    timeouts = [r.extensions["timeout"] for r in server.requests]
    assert timeouts[0] == {"connect": 60.0, "read": 60.0, "write": 60.0, "pool": 60.0}
    assert timeouts[1] == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}
    assert timeouts[2] == {"connect": 3.0, "read": 10.0, "write": 10.0, "pool": 10.0}


# -- malformed bodies ---------------------------------------------------------------------------


def test_a_wrongly_typed_nested_field_names_its_path() -> None:
    body = {"success": True, "data": [{"id": "1"}, {"id": "2", "createdAt": "not a date"}], "count": 2}
    with sync_client(Recorder(httpx.Response(200, json=body))) as client:
        with pytest.raises(DecodeError) as info:
            client.contacts.list_contacts(project_id="p")
    assert info.value.path == "ListContactsResult.data[1].createdAt"


def test_a_body_that_is_not_json_is_a_decode_error() -> None:
    response = httpx.Response(200, content=b"{not json", headers={"Content-Type": "application/json"})
    with sync_client(Recorder(response)) as client, pytest.raises(DecodeError) as info:
        client.contacts.get_contact_import(IMPORT_ID)
    assert info.value.path == "$"


# -- headers, query, User-Agent ----------------------------------------------------------------


@pytest.mark.parametrize("value", ["a\r\nX-Injected: 1", "a\nb", "a\rb"])
def test_cr_lf_in_a_header_value_is_refused_before_sending(value: str) -> None:
    server = Recorder(ok(import_payload()))
    with sync_client(server) as client:
        with pytest.raises(ValueError, match="line break"):
            client.contacts.get_contact_import(IMPORT_ID, request_options={"extra_headers": {"X-Tag": value}})
        with pytest.raises(ValueError, match="line break"):
            client.contacts.batch_delete_contacts(
                emails=["a@example.com"], project_id="p", idempotency_key=value
            )
    with pytest.raises(ValueError, match="line break"):
        sync_client(server, default_headers={"X-Tag": value})
    assert server.requests == []


def test_per_call_extra_headers_and_query_and_max_retries(sleeps: list[float]) -> None:
    server = Recorder(status(503), ok(import_payload()))
    with sync_client(server, default_headers={"X-Team": "growth"}) as client:
        with pytest.raises(InternalServerError):
            client.contacts.get_contact_import(
                IMPORT_ID,
                request_options={
                    "extra_headers": {"X-Trace": "t1", "X-Team": "override"},
                    "extra_query": {"debug": True, "tags": ["a", "b"]},
                    "max_retries": 0,
                },
            )
    (request,) = server.requests
    assert request.headers["X-Trace"] == "t1" and request.headers["X-Team"] == "override"
    assert request.url.params.get_list("tags") == ["a", "b"] and request.url.params["debug"] == "true"
    assert request.headers["Authorization"] == f"Bearer {KEY}"
    server = Recorder(status(503))
    with sync_client(server, max_retries=0) as client, pytest.raises(InternalServerError):
        client.contacts.get_contact_import(IMPORT_ID, request_options={"max_retries": 4})
    assert len(server.requests) == 5


def test_user_agent_names_the_client_and_generator_versions() -> None:
    import migma_client

    server = Recorder(ok(import_payload()))
    with sync_client(server) as client:
        client.contacts.get_contact_import(IMPORT_ID)
    agent = server.requests[0].headers["User-Agent"]
    assert agent.startswith(f"migma_client/{migma_client.__version__} oagen/{generator_version} python/")
    assert f"httpx/{httpx.__version__}" in agent


# -- debug logging -------------------------------------------------------------------------------


def test_debug_logging_shows_requests_and_retries_but_never_the_key(
    caplog: pytest.LogCaptureFixture, sleeps: list[float]
) -> None:
    caplog.set_level(logging.DEBUG, logger="migma_client")
    server = Recorder(status(503), ok(import_payload()))
    with sync_client(server) as client:
        client.contacts.get_contact_import(IMPORT_ID, request_options={"extra_headers": {"Cookie": "s=1"}})
    assert KEY not in caplog.text and "s=1" not in caplog.text
    assert "<redacted>" in caplog.text
    assert f"GET https://api.migma.ai/v1/contacts/imports/{IMPORT_ID}" in caplog.text
    assert "-> 503" in caplog.text and "-> 200" in caplog.text
    assert "retrying after 503" in caplog.text


def test_no_debug_output_by_default(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="migma_client")
    with sync_client(Recorder(ok(import_payload()))) as client:
        client.contacts.get_contact_import(IMPORT_ID)
    assert caplog.text == ""


# -- request and response bodies besides JSON ----------------------------------------------------

BINARY = {"type": "string", "format": "binary"}
TEXT = {"type": "string"}
BODIES_SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Bodies", "version": "0.1.0"},
    "servers": [{"url": "https://bodies.test"}],
    "components": {"securitySchemes": {"key": {"type": "http", "scheme": "bearer"}}},
    "security": [{"key": []}],
    "paths": {
        "/form": {
            "post": {
                "operationId": "SubmitForm",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/x-www-form-urlencoded": {
                            "schema": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "count": {"type": "integer"},
                                    "meta": {"type": "object", "properties": {"a": {"type": "integer"}}},
                                },
                            }
                        }
                    },
                },
                "responses": {"204": {"description": "stored"}},
            }
        },
        "/raw": {
            "put": {
                "operationId": "UploadRaw",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "a receipt",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    }
                },
            }
        },
        "/download": {
            "get": {
                "operationId": "Download",
                "responses": {
                    "200": {
                        "description": "the file",
                        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
                    }
                },
            }
        },
        "/files": {
            "post": {
                "operationId": "UploadFiles",
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["document"],
                                "properties": {
                                    "document": {"type": "string", "format": "binary"},
                                    "thumbnail": {"type": "string", "format": "binary"},
                                    "title": {"type": "string"},
                                    "labels": {"type": "array", "items": {"type": "string"}},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "stored",
                        "content": {
                            "application/json": {
                                "schema": {"type": "object", "properties": {"id": {"type": "string"}}}
                            }
                        },
                    }
                },
            }
        },
    },
}


@pytest.fixture(scope="module")
def bodies_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A client generated from BODIES_SPEC into a temporary folder, imported as `bodies_client`."""
    with generated_client(BODIES_SPEC, tmp_path_factory.mktemp("bodies"), "bodies_client") as (module, _):
        yield module


def _bodies(module: Any, server: Recorder) -> Any:
    transport = httpx.MockTransport(server)
    return module.BodiesClient(api_key=KEY, http_client=httpx.Client(transport=transport))


def test_form_urlencoded_body(bodies_client: Any) -> None:
    server = Recorder(httpx.Response(204))
    with _bodies(bodies_client, server) as client:
        meta = importlib.import_module("bodies_client.models").SubmitFormRequestMeta(a=1)
        assert client.form.submit_form(name="Ada Lovelace", count=3, meta=meta) is None
    (request,) = server.requests
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    fields = dict(httpx.QueryParams(request.content.decode()))
    assert fields == {"name": "Ada Lovelace", "count": "3", "meta": '{"a": 1}'}


def test_raw_bytes_body_and_text_response(bodies_client: Any) -> None:
    server = Recorder(httpx.Response(200, text="received 4 bytes", headers={"Content-Type": "text/plain"}))
    with _bodies(bodies_client, server) as client:
        assert client.raw.upload_raw(body=b"\x00\x01\x02\x03") == "received 4 bytes"
    (request,) = server.requests
    assert request.content == b"\x00\x01\x02\x03"
    assert request.headers["Content-Type"] == "application/octet-stream"


def test_binary_response(bodies_client: Any) -> None:
    server = Recorder(httpx.Response(200, content=b"%PDF-1.7", headers={"Content-Type": "application/pdf"}))
    with _bodies(bodies_client, server) as client:
        assert client.download_.download()  # `download` is a method of the client.read() == b"%PDF-1.7"
    assert server.requests[0].headers["Accept"] == "*/*"


@pytest.mark.parametrize("form", ["bytes", "path", "open file", "tuple"])
def test_multipart_files_in_every_form(bodies_client: Any, form: str, tmp_path: Any) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(b"a,b\n1,2\n")
    document: Any = {
        "bytes": b"a,b\n1,2\n",
        "path": path,
        "open file": None,
        "tuple": ("named.csv", b"a,b\n1,2\n", "text/csv"),
    }[form]
    server = Recorder(httpx.Response(200, json={"id": "f1"}))
    with _bodies(bodies_client, server) as client, path.open("rb") as handle:
        result = client.files.upload_files(
            document=handle if form == "open file" else document, title="Q1", labels=["x", "y"]
        )
    assert result.id == "f1"
    (request,) = server.requests
    content_type = request.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    body = request.content
    assert b'name="document"; filename="' in body and b"a,b\r\n1,2\r\n" not in body and b"a,b\n1,2\n" in body
    assert b'name="title"\r\n\r\nQ1' in body
    # An array is one part per item (repeated name), as multipart forms send lists.
    assert b'name="labels"\r\n\r\nx\r\n' in body and b'name="labels"\r\n\r\ny\r\n' in body
    assert b'name="thumbnail"' not in body  # optional file left out
    expected_name = {"bytes": "upload", "path": "report.csv", "open file": "report.csv", "tuple": "named.csv"}
    assert f'filename="{expected_name[form]}"'.encode() in body


def test_migma_log_debug_turns_on_debug_output(tmp_path: Any) -> None:
    import os
    import subprocess
    import sys

    from conftest import GENERATED

    body = {"success": True, "data": import_payload()}
    script = (
        "import httpx, migma_client\n"
        f"reply = httpx.Response(200, json={body!r})\n"
        "transport = httpx.MockTransport(lambda request: reply)\n"
        f"client = migma_client.MigmaClient(api_key={KEY!r}, http_client=httpx.Client(transport=transport))\n"
        f"client.contacts.get_contact_import({IMPORT_ID!r})\n"
    )
    env = {**os.environ, "MIGMA_LOG": "debug", "PYTHONPATH": str(GENERATED)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert f"request: GET https://api.migma.ai/v1/contacts/imports/{IMPORT_ID}" in done.stderr, done.stderr
    assert "-> 200" in done.stderr and KEY not in done.stderr


async def test_async_with_raw_response() -> None:
    from migma_client import with_raw_response

    server = Recorder(
        httpx.Response(200, json={"success": True, "data": import_payload()}, headers={"X-Id": "r1"})
    )
    async with async_client(server) as client:
        raw = await with_raw_response(client.contacts.get_contact_import)(IMPORT_ID)
    assert raw.status_code == 200 and raw.headers["x-id"] == "r1"
    assert raw.parsed.id == IMPORT_ID
