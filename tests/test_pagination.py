"""Pagination: detection from the spec (generator/model/pagination.py) and the generated `iter_...` methods.

The three Migma styles are exercised over httpx.MockTransport, sync and async: page numbers
with a total `count` (ListContacts), page numbers with a `pagination` object (ListEmails) and
cursors (GetEmailLogs). Each test checks which pages were requested, and when.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import SPEC
from migma_client import AsyncMigmaClient, MigmaClient
from specbuilder import built, generated_client

from generator.diagnostics import Diagnostics
from generator.load import document as load
from generator.model import build as model
from generator.model import ir, pagination

EMAIL_ID = "0123456789abcdef01234567"
Handler = Callable[[httpx.Request], httpx.Response]


def sync_client(handler: Handler) -> MigmaClient:
    return MigmaClient(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(handler)))


def async_client(handler: Handler) -> AsyncMigmaClient:
    return AsyncMigmaClient(
        api_key="k", http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler))
    )


class Server:
    """Serves numbered pages of `per_page` items out of `total`, recording each request's query."""

    def __init__(self, total: int, per_page: int, body: Callable[[list[dict[str, Any]], int, bool], Any]):
        self.items = [{"id": str(i), "email": f"u{i}@example.com"} for i in range(total)]
        self.per_page = per_page
        self.body = body
        self.queries: list[dict[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        query = dict(request.url.params)
        self.queries.append(query)
        if "cursor" in query or request.url.path.endswith("/logs"):
            start = int(query.get("cursor", "0"))
        else:
            start = (int(query["page"]) - 1) * self.per_page
        chunk = self.items[start : start + self.per_page]
        more = start + self.per_page < len(self.items)
        return httpx.Response(200, json={"success": True, "data": None, **self.body(chunk, start, more)})


def contacts_body(chunk: list[dict[str, Any]], start: int, more: bool) -> dict[str, Any]:
    return {"data": chunk, "count": 5}


def emails_body(chunk: list[dict[str, Any]], start: int, more: bool) -> dict[str, Any]:
    emails = [{"conversationId": item["id"]} for item in chunk]
    return {"data": {"emails": emails, "pagination": {"total": 5, "page": 0, "limit": 2, "hasMore": more}}}


def logs_body(chunk: list[dict[str, Any]], start: int, more: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"emails": [{"id": int(item["id"])} for item in chunk], "hasMore": more}
    if more:
        data["nextCursor"] = str(start + len(chunk))
    return {"data": data}


# -- detection ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api() -> ir.Api:
    loaded = load.load(SPEC)
    built = model.build(loaded.skeleton, loaded.diagnostics, "migma_client")
    pagination.annotate(built, loaded.diagnostics)
    return built


def by_id(api: ir.Api, operation_id: str) -> ir.Operation:
    return next(op for op in api.operations if op.operation_id == operation_id)


def test_detects_the_three_migma_styles(api: ir.Api) -> None:
    paged = {op.operation_id: op.pagination for op in api.operations if op.pagination}
    assert set(paged) == {"ListContacts", "ListEmails", "GetEmailLogs"}
    contacts, emails, logs = paged["ListContacts"], paged["ListEmails"], paged["GetEmailLogs"]
    assert contacts is not None and emails is not None and logs is not None
    assert (contacts.style, contacts.param, contacts.limit_param, contacts.start) == (
        "page",
        "page",
        "limit",
        1,
    )
    assert [s.name for s in contacts.items] == ["data"]
    assert contacts.total is not None and [s.name for s in contacts.total] == ["count"]
    assert contacts.item_type == ir.ModelRef("ListContactsItem")
    assert emails.style == "page" and [s.name for s in emails.items] == ["emails"]
    assert emails.has_more is not None and [s.name for s in emails.has_more] == ["pagination", "has_more"]
    assert (logs.style, logs.param, logs.start) == ("cursor", "cursor", None)
    assert logs.next_cursor is not None and [s.name for s in logs.next_cursor] == ["next_cursor"]
    assert logs.method == "iter_get_email_logs"


def test_config_declares_or_turns_off_paging(api: ir.Api) -> None:
    diags = Diagnostics("spec")
    config = {
        "ListContacts": False,
        "ListEmails": {"style": "offset", "param": "page", "items": "emails", "total": "pagination.total"},
        "GetEmailLogs": {"style": "cursor", "param": "cursor", "items": "emails"},  # no next_cursor
    }
    pagination.annotate(api, diags, config)
    try:
        assert by_id(api, "ListContacts").pagination is None
        emails = by_id(api, "ListEmails").pagination
        assert emails is not None and emails.style == "offset" and emails.start == 1  # the spec's default
        assert by_id(api, "GetEmailLogs").pagination is None
        assert [p.message for p in diags.warnings] == [
            "pagination declared for GetEmailLogs ignored: "
            "a cursor style needs `next_cursor` or `item_cursor`"
        ]
    finally:
        pagination.annotate(api, Diagnostics("spec"))  # restore for the other tests of the module


def test_config_with_an_unknown_field_is_reported(api: ir.Api) -> None:
    diags = Diagnostics("spec")
    pagination.annotate(api, diags, {"ListEmails": {"style": "page", "param": "page", "items": "nope"}})
    try:
        assert by_id(api, "ListEmails").pagination is None
        assert "no field 'nope'" in diags.warnings[0].message
    finally:
        pagination.annotate(api, Diagnostics("spec"))


def test_non_list_operations_do_not_page(api: ir.Api) -> None:
    assert by_id(api, "GetContactImport").pagination is None
    assert by_id(api, "AddContact").pagination is None


# -- generated iterators, sync ----------------------------------------------------------


def test_page_style_with_total_is_lazy_and_stops_at_the_total() -> None:
    server = Server(total=5, per_page=2, body=contacts_body)
    with sync_client(server) as client:
        items = client.contacts.iter_list_contacts(project_id="p", limit=2)
        assert server.queries == []  # nothing fetched before iterating
        first = next(items)
        assert first.id == "0" and len(server.queries) == 1
        assert [next(items).id] == ["1"] and len(server.queries) == 1  # still on page 1
        assert next(items).id == "2" and len(server.queries) == 2
        rest = [c.id for c in items]
    assert rest == ["3", "4"]
    assert [q["page"] for q in server.queries] == ["1", "2", "3"]
    assert all(q["limit"] == "2" and q["projectId"] == "p" for q in server.queries)


def test_page_style_with_has_more_stops_when_it_is_false() -> None:
    server = Server(total=5, per_page=2, body=emails_body)
    with sync_client(server) as client:
        ids = [e.conversation_id for e in client.emails.iter_list_emails(project_id="p", limit=2)]
    assert ids == ["0", "1", "2", "3", "4"]
    assert [q["page"] for q in server.queries] == ["1", "2", "3"]


def test_page_style_stops_at_an_empty_page() -> None:
    # `count` says 50 but the server runs dry: the empty page ends the walk.
    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        data = [{"id": str(page)}] if page <= 2 else []
        return httpx.Response(200, json={"success": True, "data": data, "count": 50})

    seen: list[httpx.Request] = []
    with sync_client(lambda r: seen.append(r) or handler(r)) as client:
        ids = [c.id for c in client.contacts.iter_list_contacts(project_id="p", limit=1)]
    assert ids == ["1", "2"]
    assert len(seen) == 3


def test_cursor_style_follows_next_cursor_until_it_is_gone() -> None:
    server = Server(total=5, per_page=2, body=logs_body)
    with sync_client(server) as client:
        items = client.emails.iter_get_email_logs(EMAIL_ID, limit=2)
        assert server.queries == []
        ids = [log.id for log in items]
    assert ids == [0, 1, 2, 3, 4]
    assert [q.get("cursor") for q in server.queries] == [None, "2", "4"]


def test_cursor_style_stops_on_a_repeated_cursor() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        data = {"emails": [{"id": 1}], "nextCursor": "same", "hasMore": True}
        return httpx.Response(200, json={"success": True, "data": data})

    seen: list[httpx.Request] = []
    with sync_client(lambda r: seen.append(r) or handler(r)) as client:
        assert len(list(client.emails.iter_get_email_logs(EMAIL_ID))) == 2
    assert len(seen) == 2  # the first page, then "same" once; a server looping is not followed forever


def test_breaking_early_fetches_no_more_pages() -> None:
    server = Server(total=100, per_page=10, body=contacts_body)
    with sync_client(server) as client:
        for contact in client.contacts.iter_list_contacts(project_id="p", limit=10):
            if contact.id == "3":
                break
    assert len(server.queries) == 1


# -- generated iterators, async ----------------------------------------------------------


async def test_async_page_style_with_total() -> None:
    server = Server(total=5, per_page=2, body=contacts_body)
    async with async_client(server) as client:
        items = client.contacts.iter_list_contacts(project_id="p", limit=2)
        assert server.queries == []
        ids = [c.id async for c in items]
    assert ids == ["0", "1", "2", "3", "4"]
    assert [q["page"] for q in server.queries] == ["1", "2", "3"]


async def test_async_page_style_with_has_more() -> None:
    server = Server(total=4, per_page=2, body=emails_body)
    async with async_client(server) as client:
        ids = [e.conversation_id async for e in client.emails.iter_list_emails(project_id="p", limit=2)]
    assert ids == ["0", "1", "2", "3"]
    assert [q["page"] for q in server.queries] == ["1", "2"]


async def test_async_cursor_style_is_lazy() -> None:
    server = Server(total=5, per_page=2, body=logs_body)
    async with async_client(server) as client:
        items = client.emails.iter_get_email_logs(EMAIL_ID, limit=2)
        assert server.queries == []
        first = await items.__anext__()
        assert first.id == 0 and len(server.queries) == 1
        rest = [log.id async for log in items]
    assert rest == [1, 2, 3, 4]
    assert [q.get("cursor") for q in server.queries] == [None, "2", "4"]


# -- other shapes: offsets, a bare list, other names ---------------------------------------------

CUSTOMER = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
THING = {"type": "object", "properties": {"id": {"type": "integer"}}}
PAGER_SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Pager", "version": "0.1.0"},
    "servers": [{"url": "https://pager.test"}],
    "paths": {
        "/things": {
            "get": {
                "operationId": "ListThings",
                "parameters": [
                    {"name": "offset", "in": "query", "schema": {"type": "integer"}},
                    {"name": "page_size", "in": "query", "schema": {"type": "integer"}},
                ],
                "responses": {
                    "200": {
                        "description": "a bare list",
                        "content": {"application/json": {"schema": {"type": "array", "items": THING}}},
                    }
                },
            }
        },
        "/events": {
            "get": {
                "operationId": "ListEvents",
                "parameters": [{"name": "after", "in": "query", "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "a page of events",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["items"],
                                    "properties": {
                                        "items": {"type": "array", "items": THING},
                                        "links": {
                                            "type": "object",
                                            "nullable": True,
                                            "properties": {
                                                "next_page_token": {"type": "string", "nullable": True}
                                            },
                                        },
                                    },
                                }
                            }
                        },
                    }
                },
            }
        },
        "/customers": {
            "get": {
                "operationId": "ListCustomers",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    {"name": "starting_after", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {
                        "description": "a list object: `after=<last id>` cursors",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["data", "has_more"],
                                    "properties": {
                                        "data": {"type": "array", "items": CUSTOMER},
                                        "has_more": {"type": "boolean"},
                                        "url": {"type": "string"},
                                    },
                                }
                            }
                        },
                    }
                },
            }
        },
        "/tags": {
            "get": {
                "operationId": "ListTags",
                "parameters": [{"name": "offset", "in": "query", "schema": {"type": "integer"}}],
                "responses": {
                    "200": {
                        "description": "two lists: ambiguous, so not paged without configuration",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "names": {"type": "array", "items": {"type": "string"}},
                                        "colours": {"type": "array", "items": {"type": "string"}},
                                    },
                                }
                            }
                        },
                    }
                },
            }
        },
    },
}


@pytest.fixture(scope="module")
def pager(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A client generated from PAGER_SPEC into a temporary folder, imported as `pager_client`."""
    config = {"ListTags": {"style": "offset", "param": "offset", "items": "names"}}
    root = tmp_path_factory.mktemp("pager")
    with generated_client(PAGER_SPEC, root, "pager_client", pagination=config) as (module, result):
        yield module, result.api


def test_other_shapes_are_detected(pager: Any) -> None:
    _, api = pager
    things, events, tags = (by_id(api, name).pagination for name in ("ListThings", "ListEvents", "ListTags"))
    assert things is not None and (things.style, things.items, things.start) == ("offset", (), 0)
    assert things.limit_param == "page_size"
    assert events is not None and (events.style, events.param) == ("cursor", "after")
    assert events.next_cursor is not None and [s.name for s in events.next_cursor] == [
        "links",
        "next_page_token",
    ]
    assert tags is not None and tags.style == "offset"  # from the configuration only
    unconfigured = built(PAGER_SPEC, "pager_client")
    pagination.annotate(unconfigured, Diagnostics("spec"))
    assert by_id(unconfigured, "ListTags").pagination is None  # two lists: ambiguous


def test_offset_style_over_a_bare_list_stops_at_a_short_page(pager: Any) -> None:
    module, _ = pager
    seen: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(dict(request.url.params))
        offset, size = int(request.url.params["offset"]), int(request.url.params.get("page_size", 3))
        return httpx.Response(200, json=[{"id": i} for i in range(offset, min(offset + size, 5))])

    transport = httpx.MockTransport(handler)
    with module.PagerClient(http_client=httpx.Client(transport=transport)) as client:
        assert [t.id for t in client.things.iter_list_things(page_size=2)] == [0, 1, 2, 3, 4]
        assert [q["offset"] for q in seen] == ["0", "2", "4"]  # 1 < 2 items: the last page
        seen.clear()
        assert [t.id for t in client.things.iter_list_things()] == [0, 1, 2, 3, 4]
        assert [q["offset"] for q in seen] == ["0", "3", "5"]  # no limit known: an empty page ends it


async def test_cursor_in_a_nested_nullable_field(pager: Any) -> None:
    module, _ = pager
    pages: dict[str | None, tuple[list[int], Any]] = {
        None: ([1, 2], {"next_page_token": "t2"}),
        "t2": ([3], {"next_page_token": "t3"}),
        "t3": ([4], None),  # `links` is null: no cursor, the end
    }
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        after = request.url.params.get("after")
        seen.append(after)
        ids, links = pages[after]
        return httpx.Response(200, json={"items": [{"id": i} for i in ids], "links": links})

    transport = httpx.MockTransport(handler)
    async with module.AsyncPagerClient(http_client=httpx.AsyncClient(transport=transport)) as client:
        assert [e.id async for e in client.events.iter_list_events()] == [1, 2, 3, 4]
    assert seen == [None, "t2", "t3"]


@pytest.mark.slow
def test_the_generated_pager_client_is_mypy_strict_clean(pager: Any) -> None:
    module, _ = pager
    out = Path(module.__file__).parent.parent
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "pager_client"],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_item_cursor_style_sends_the_last_id(pager: Any) -> None:
    module, api = pager
    customers = by_id(api, "ListCustomers").pagination
    assert customers is not None and customers.style == "cursor" and customers.param == "starting_after"
    assert customers.item_cursor is not None and [s.name for s in customers.item_cursor] == ["id"]
    ids = [f"cus_{i}" for i in range(5)]
    seen: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(dict(request.url.params))
        after = request.url.params.get("starting_after")
        start = ids.index(after) + 1 if after else 0
        chunk = ids[start : start + 2]
        more = start + 2 < len(ids)
        return httpx.Response(200, json={"data": [{"id": i} for i in chunk], "has_more": more})

    transport = httpx.MockTransport(handler)
    with module.PagerClient(http_client=httpx.Client(transport=transport)) as client:
        assert [c.id for c in client.customers.iter_list_customers(limit=2)] == ids
    assert [q.get("starting_after") for q in seen] == [None, "cus_1", "cus_3"]
