"""The runtime's client core and request helpers, tested directly with httpx's MockTransport."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from _runtime import client as core
from _runtime.client import ApiConfig, Request, Scheme, SyncClient
from _runtime.codec import ApiModel
from _runtime.errors import (
    APITimeoutError,
    ArgumentError,
    ClientError,
    DecodeError,
    UnprocessableEntityError,
)
from _runtime.params import path_param, query

CONFIG = ApiConfig(
    package="acme_client",
    version="1.0",
    generator="0.1.0",
    base_url="https://api.acme.test",
    base_url_env="ACME_BASE_URL",
    log_env="ACME_LOG",
    schemes=(
        Scheme("token", "api_key_header", "X-Acme-Token", "api_key", "ACME_API_KEY"),
        Scheme("query", "api_key_query", "apiKey", "query_key", "ACME_QUERY_KEY"),
    ),
)
SECRET, QUERY_SECRET = "header-secret-1", "query-secret-2"


class Thing(ApiModel):
    id: str


class Recorder:
    def __init__(self, *responses: httpx.Response) -> None:
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]


def make(handler: Any, **kwargs: Any) -> SyncClient:
    options: dict[str, Any] = {"timeout": 5.0, "max_retries": 2, "default_headers": None, "base_url": None}
    options.update(kwargs)
    return SyncClient(
        CONFIG,
        credentials={"api_key": SECRET, "query_key": QUERY_SECRET},
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        **options,
    )


def test_dot_segments_in_a_path_parameter_keep_the_endpoint() -> None:
    server = Recorder(httpx.Response(200, json={"id": "x"}))
    client = make(server)
    for value in (".", ".."):
        client.request(Request("GET", "/items/" + path_param(value, "id")), Thing.from_dict, None)
    assert [r.url.raw_path for r in server.requests] == [
        b"/items/%2E?apiKey=query-secret-2",
        b"/items/%2E%2E?apiKey=query-secret-2",
    ]


def test_a_pattern_does_not_accept_a_trailing_newline() -> None:
    assert path_param("0123456789abcdef01234567", "id", "^[0-9a-f]{24}$") == "0123456789abcdef01234567"
    with pytest.raises(ArgumentError) as info:
        path_param("0123456789abcdef01234567\n", "id", "^[0-9a-f]{24}$")
    assert isinstance(info.value, ClientError) and isinstance(info.value, ValueError)
    assert path_param("a$", "id", "[$]$") == "a%24"  # a `$` inside a class stays a character


@pytest.mark.parametrize("header", ["-5", "nan", "inf", "abc"])
def test_a_bad_retry_after_ms_falls_back_to_backoff(header: str, sleeps: list[float]) -> None:
    server = Recorder(
        httpx.Response(503, headers={"retry-after-ms": header}), httpx.Response(200, json={"id": "a"})
    )
    assert make(server).request(Request("GET", "/t"), Thing.from_dict, None) == Thing(id="a")
    assert len(sleeps) == 1 and 0.3 <= sleeps[0] <= 0.5


def test_a_dripping_server_is_cut_off_at_the_timeout() -> None:
    def drip() -> Iterator[bytes]:
        for byte in b'{"id": "slow"}':
            time.sleep(0.1)  # each byte well inside any read timeout
            yield bytes([byte])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=_Stream(drip()))

    client = make(handler, timeout=0.5, max_retries=0)
    with pytest.raises(APITimeoutError, match=r"timed out after 0.5 s: GET https://api.acme.test/t"):
        client.request(Request("GET", "/t"), Thing.from_dict, None)


class _Stream(httpx.SyncByteStream):
    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks

    def __iter__(self) -> Iterator[bytes]:
        yield from self._chunks


def test_the_debug_log_redacts_every_credential(
    caplog: pytest.LogCaptureFixture, sleeps: list[float]
) -> None:
    caplog.set_level(logging.DEBUG, logger="acme_client")
    server = Recorder(httpx.Response(503), httpx.Response(200, json={"id": "a"}))
    make(server).request(Request("GET", "/t"), Thing.from_dict, None)
    assert SECRET not in caplog.text and QUERY_SECRET not in caplog.text
    assert "response: GET https://api.acme.test/t?apiKey=%3Credacted%3E -> 503" in caplog.text
    assert server.requests[0].headers["X-Acme-Token"] == SECRET
    assert server.requests[0].url.params["apiKey"] == QUERY_SECRET


def test_request_options_reject_unknown_keys_and_merge_extra_body() -> None:
    server = Recorder(httpx.Response(200, json={"id": "a"}))
    client = make(server)
    with pytest.raises(ArgumentError, match="request_options: unknown key 'timout'"):
        client.request(Request("GET", "/t"), Thing.from_dict, {"timout": 1})  # type: ignore[typeddict-unknown-key]
    client.request(Request("POST", "/t", json={"a": 1}), Thing.from_dict, {"extra_body": {"b": 2}})
    assert server.requests[-1].content == b'{"a":1,"b":2}'


def test_a_decode_error_carries_the_response() -> None:
    server = Recorder(httpx.Response(200, json={"id": 5}))
    with pytest.raises(DecodeError) as info:
        make(server).request(Request("GET", "/t"), Thing.from_dict, None)
    assert info.value.path == "Thing.id" and info.value.response is not None
    assert info.value.response.status_code == 200


def test_an_error_names_the_servers_message() -> None:
    body = {"type": "about:blank", "title": "Invalid", "detail": "email is not valid", "status": 422}
    server = Recorder(httpx.Response(422, json=body, headers={"content-type": "application/problem+json"}))
    with pytest.raises(UnprocessableEntityError) as info:
        make(server).request(Request("POST", "/t"), Thing.from_dict, None)
    assert str(info.value) == "422 Unprocessable Entity: email is not valid"
    assert info.value.body == body


def test_a_header_name_that_is_not_a_token_is_refused() -> None:
    server = Recorder(httpx.Response(200, json={"id": "a"}))
    with pytest.raises(ArgumentError, match="not a valid HTTP header name"):
        make(server).request(Request("GET", "/t", headers={"header param": "x"}), Thing.from_dict, None)
    assert not server.requests


def test_query_spreads_objects_and_drops_none_items() -> None:
    assert query({"filter": Thing(id="7"), "ids": [1, None, 2], "gone": None}) == [
        ("id", "7"),
        ("ids", "1"),
        ("ids", "2"),
    ]


def test_no_credentials_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACME_API_KEY", raising=False)
    monkeypatch.delenv("ACME_QUERY_KEY", raising=False)
    with pytest.raises(ClientError, match=r"no credentials: pass api_key=\.\.\. \(or set ACME_API_KEY\) or"):
        SyncClient(
            CONFIG,
            credentials={},
            base_url=None,
            timeout=1.0,
            max_retries=0,
            default_headers=None,
            http_client=None,
        )
    assert core.DEFAULT_TIMEOUT == 60.0
