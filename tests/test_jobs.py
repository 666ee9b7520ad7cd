"""`wait_for_...` twins of job-status operations, on the Migma client (MockTransport)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from migma_client import AsyncMigmaClient, JobTimeoutError, MigmaClient, MigmaError

IMPORT_ID = "0123456789abcdef01234567"


def statuses(*states: str) -> Any:
    script = list(states)

    def handler(request: httpx.Request) -> httpx.Response:
        state = script.pop(0) if len(script) > 1 else script[0]
        data = {"object": "contact_import", "id": IMPORT_ID, "status": state, "created_at": None}
        return httpx.Response(200, json={"success": True, "data": data})

    return handler


def test_wait_polls_until_a_terminal_status(sleeps: list[float]) -> None:
    transport = httpx.MockTransport(statuses("pending", "processing", "completed"))
    with MigmaClient(api_key="k", http_client=httpx.Client(transport=transport)) as client:
        result = client.contacts.wait_for_contact_import(IMPORT_ID, interval=1.5)
    assert result.status == "completed" and sleeps == [1.5, 1.5]


def test_a_failed_job_is_terminal_too(sleeps: list[float]) -> None:
    transport = httpx.MockTransport(statuses("failed"))
    with MigmaClient(api_key="k", http_client=httpx.Client(transport=transport)) as client:
        assert client.contacts.wait_for_contact_import(IMPORT_ID).status == "failed"
    assert sleeps == []


def test_a_job_that_never_ends_times_out_with_the_last_result(sleeps: list[float]) -> None:
    transport = httpx.MockTransport(statuses("processing"))
    with MigmaClient(api_key="k", http_client=httpx.Client(transport=transport)) as client:
        with pytest.raises(JobTimeoutError, match="still 'processing' after 0 s") as info:
            client.contacts.wait_for_contact_import(IMPORT_ID, interval=1, timeout=0)
    assert isinstance(info.value, MigmaError) and info.value.last.status == "processing"


async def test_async_wait(sleeps: list[float]) -> None:
    transport = httpx.MockTransport(statuses("processing", "completed"))
    async with AsyncMigmaClient(api_key="k", http_client=httpx.AsyncClient(transport=transport)) as client:
        result = await client.contacts.wait_for_contact_import(IMPORT_ID, interval=2)
    assert result.status == "completed" and sleeps == [2]


def test_a_configured_string_status_gets_a_twin(sleeps: list[float]) -> None:
    states = iter(["running", "completed"])

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v1/projects/emails/c1/status"
        return httpx.Response(
            200, json={"success": True, "data": {"conversationId": "c1", "status": next(states)}}
        )

    with MigmaClient(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(handler))) as client:
        assert client.emails.wait_for_email_generation("c1").status == "completed"
