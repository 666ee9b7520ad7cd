"""The generated Migma client over httpx.MockTransport: requests sent, responses decoded."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from migma_client import (
    AuthenticationError,
    MigmaClient,
    MigmaError,
    NotFoundError,
    UnsuccessfulResponseError,
    with_raw_response,
)
from migma_client.models import ContactImportStatus, ContactImportStatusStatus

IMPORT_ID = "0123456789abcdef01234567"
Handler = Callable[[httpx.Request], httpx.Response]


def client_with(handler: Handler, **kwargs: Any) -> MigmaClient:
    return MigmaClient(
        api_key="sk-test-secret",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        **kwargs,
    )


def seed_payload() -> dict[str, Any]:
    return {
        "success": True,
        "data": {
            "object": "contact_import",
            "id": IMPORT_ID,
            "status": "processing",
            "counts": {"total": 10, "created": 4, "updated": 1, "skipped": 0, "failed": 0},
            "error": None,
            "created_at": "2026-01-02T03:04:05Z",
            "completed_at": None,
        },
    }


def test_get_contact_import_decodes_the_seed_payload() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=seed_payload())

    result = client_with(handler).contacts.get_contact_import(IMPORT_ID)

    assert isinstance(result, ContactImportStatus)
    assert result.status is ContactImportStatusStatus.PROCESSING
    assert result.counts is not None and result.counts.total == 10 and result.counts.created == 4
    assert result.created_at == datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    assert result.completed_at is None  # null, which is not the same as absent
    assert result.error is None
    request = seen[0]
    assert request.method == "GET"
    assert request.url == f"https://api.migma.ai/v1/contacts/imports/{IMPORT_ID}"
    assert request.headers["Authorization"] == "Bearer sk-test-secret"
    assert request.headers["User-Agent"].startswith("migma_client/")


def test_absent_nullable_field_is_unset_not_none() -> None:
    payload = seed_payload()
    del payload["data"]["completed_at"]
    payload["data"]["status"] = "paused"  # a status this client does not know
    payload["data"]["newField"] = {"x": 1}

    result = client_with(lambda r: httpx.Response(200, json=payload)).contacts.get_contact_import(IMPORT_ID)

    from migma_client import UNSET

    assert result.completed_at is UNSET
    assert result.status == "paused"
    assert result.additional_properties == {"newField": {"x": 1}}
    assert result.to_dict()["newField"] == {"x": 1}
    assert "completed_at" not in result.to_dict()


def test_path_parameter_is_checked_against_its_pattern_before_sending() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request may be sent")

    with pytest.raises(ValueError, match="pattern"):
        client_with(handler).contacts.get_contact_import("../../admin")


def test_json_body_operation_sends_wire_names() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"success": True, "data": {"id": "c1", "email": "a@b.co"}})

    result = client_with(handler).contacts.add_contact(
        email="a@b.co", project_id="p1", first_name="Ada", tags=["vip"]
    )

    body = json.loads(seen[0].content)
    assert body == {"email": "a@b.co", "projectId": "p1", "firstName": "Ada", "tags": ["vip"]}
    assert seen[0].headers["Content-Type"] == "application/json"
    assert result.id == "c1"


def test_query_parameter_operation_and_envelope_extras() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        contact = {"id": "c1", "email": "a@b.co", "createdAt": "2026-01-01T00:00:00Z"}
        return httpx.Response(200, json={"success": True, "data": [contact], "count": 41})

    page = client_with(handler).contacts.list_contacts(project_id="p1", status="active", limit=5)

    params = dict(seen[0].url.params)
    assert params == {"projectId": "p1", "page": "1", "limit": "5", "status": "active"}
    assert page.count == 41
    assert page.data[0].email == "a@b.co"
    assert page.data[0].created_at == datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


@pytest.mark.parametrize(("status", "error_type"), [(401, AuthenticationError), (404, NotFoundError)])
def test_error_statuses_map_to_typed_errors(status: int, error_type: type[Exception]) -> None:
    body = {"success": False, "error": "Nope", "code": "NOT_ALLOWED", "data": {"domain": "x.io"}}
    client = client_with(lambda r: httpx.Response(status, json=body))

    with pytest.raises(error_type) as caught:
        client.contacts.get_contact_import(IMPORT_ID)

    error = caught.value
    assert error.status_code == status  # type: ignore[attr-defined]
    assert error.error == "Nope"  # type: ignore[attr-defined]
    assert error.code == "NOT_ALLOWED"  # type: ignore[attr-defined]
    assert error.data == {"domain": "x.io"}  # type: ignore[attr-defined]
    assert "sk-test-secret" not in str(error) and "sk-test-secret" not in repr(error)


def test_success_false_in_a_2xx_raises() -> None:
    client = client_with(lambda r: httpx.Response(200, json={"success": False, "error": "quota"}))
    with pytest.raises(UnsuccessfulResponseError, match="quota"):
        client.contacts.get_contact_import(IMPORT_ID)


def test_missing_api_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MIGMA_API_KEY", raising=False)
    with pytest.raises(MigmaError, match="MIGMA_API_KEY"):
        MigmaClient()


def test_api_key_from_environment_and_never_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGMA_API_KEY", "sk-env-secret")
    client = MigmaClient()
    assert "sk-env-secret" not in repr(client)
    assert client.base_url == "https://api.migma.ai"


def test_raw_response_gives_status_headers_and_body() -> None:
    client = client_with(
        lambda r: httpx.Response(200, json=seed_payload(), headers={"X-Request-Id": "req_1"})
    )
    raw = with_raw_response(client.contacts.get_contact_import)(IMPORT_ID)
    assert raw.status_code == 200
    assert raw.headers["x-request-id"] == "req_1"
    assert json.loads(raw.content)["data"]["id"] == IMPORT_ID
    assert raw.parsed.id == IMPORT_ID


def test_malformed_body_names_the_field_path() -> None:
    payload = seed_payload()
    payload["data"]["counts"] = "ten"
    client = client_with(lambda r: httpx.Response(200, json=payload))
    from migma_client import DecodeError

    with pytest.raises(DecodeError, match=r"ContactImportStatus\.counts"):
        client.contacts.get_contact_import(IMPORT_ID)
