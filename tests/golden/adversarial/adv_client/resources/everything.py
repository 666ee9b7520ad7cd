"""EverythingResource: the everything operations, sync and async."""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Literal

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from .._runtime.codec import UNSET, Unset
from ..models import (
    ABTest,
    AbTest2,
    Closed,
    Error,
    Everything,
    EverythingAutoOrSize,
    EverythingMulti,
    FooBar,
    FooBar2,
    JsonValue,
    Nested,
    Open,
    Order,
    Person,
    Shape,
    Value,
)


class EverythingResource:
    """everything"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def everything(
        self,
        *,
        person: Person,
        json: JsonValue | None = None,
        nested: Nested | None = None,
        ab_test: ABTest | None = None,
        ab_test_2: AbTest2 | None = None,
        foo_bar_a: FooBar | None = None,
        foo_bar_b: FooBar2 | None = None,
        shape: Shape | None = None,
        value: Value | None = None,
        multi: EverythingMulti | None | Unset = UNSET,
        constant: Literal[42] | None = None,
        auto_or_size: EverythingAutoOrSize | None = None,
        when: datetime.datetime | None = None,
        day: datetime.date | None = None,
        uid: uuid.UUID | None = None,
        blob: bytes | None = None,
        big: int = 9007199254740993,
        ratio: float = 1.5,
        flag: bool = True,
        label: str = 'it\'s "quoted" \\ {{ x }}',
        order: Order | Literal["asc", "desc", "na me", "1st", "class", "None", '"""'] | None = None,
        closed: Closed | None = None,
        open: Open | None = None,
        anything: Any = None,
        list_default: list[str] | None = None,
        obj_default: dict[str, Any] | None = None,
        since: datetime.date = datetime.date.fromisoformat("2020-02-29"),
        token: uuid.UUID = uuid.UUID("6f1c1b0e-8b1a-4c1e-9a58-0a9b8c7d6e5f"),
        at: datetime.datetime = datetime.datetime.fromisoformat("2020-01-01T00:00:00+00:00"),
        sort: Order | Literal["asc", "desc", "na me", "1st", "class", "None", '"""'] = "desc",
        maybe: int | None | Unset = None,
        bad_default: int | None = None,
        no_pets: list[Error] | None = None,
        example: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> Everything:
        """POST /everything

        Args:
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Everything back
        """
        return self._client.request(
            Request(
                "POST",
                "/everything",
                json=Everything(
                    json=json,
                    nested=nested,
                    ab_test=ab_test,
                    ab_test_2=ab_test_2,
                    foo_bar_a=foo_bar_a,
                    foo_bar_b=foo_bar_b,
                    person=person,
                    shape=shape,
                    value=value,
                    multi=multi,
                    constant=constant,
                    auto_or_size=auto_or_size,
                    when=when,
                    day=day,
                    uid=uid,
                    blob=blob,
                    big=big,
                    ratio=ratio,
                    flag=flag,
                    label=label,
                    order=order,
                    closed=closed,
                    open=open,
                    anything=anything,
                    list_default=["a", "b"] if list_default is None else list_default,
                    obj_default={"k": "v"} if obj_default is None else obj_default,
                    since=since,
                    token=token,
                    at=at,
                    sort=sort,
                    maybe=maybe,
                    bad_default=bad_default,
                    no_pets=[] if no_pets is None else no_pets,
                    example=example,
                ).to_dict(),
                auth=("bearerAuth",),
            ),
            Everything.from_dict,
            request_options,
        )


class AsyncEverythingResource:
    """everything"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def everything(
        self,
        *,
        person: Person,
        json: JsonValue | None = None,
        nested: Nested | None = None,
        ab_test: ABTest | None = None,
        ab_test_2: AbTest2 | None = None,
        foo_bar_a: FooBar | None = None,
        foo_bar_b: FooBar2 | None = None,
        shape: Shape | None = None,
        value: Value | None = None,
        multi: EverythingMulti | None | Unset = UNSET,
        constant: Literal[42] | None = None,
        auto_or_size: EverythingAutoOrSize | None = None,
        when: datetime.datetime | None = None,
        day: datetime.date | None = None,
        uid: uuid.UUID | None = None,
        blob: bytes | None = None,
        big: int = 9007199254740993,
        ratio: float = 1.5,
        flag: bool = True,
        label: str = 'it\'s "quoted" \\ {{ x }}',
        order: Order | Literal["asc", "desc", "na me", "1st", "class", "None", '"""'] | None = None,
        closed: Closed | None = None,
        open: Open | None = None,
        anything: Any = None,
        list_default: list[str] | None = None,
        obj_default: dict[str, Any] | None = None,
        since: datetime.date = datetime.date.fromisoformat("2020-02-29"),
        token: uuid.UUID = uuid.UUID("6f1c1b0e-8b1a-4c1e-9a58-0a9b8c7d6e5f"),
        at: datetime.datetime = datetime.datetime.fromisoformat("2020-01-01T00:00:00+00:00"),
        sort: Order | Literal["asc", "desc", "na me", "1st", "class", "None", '"""'] = "desc",
        maybe: int | None | Unset = None,
        bad_default: int | None = None,
        no_pets: list[Error] | None = None,
        example: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> Everything:
        """POST /everything

        Args:
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Everything back
        """
        return await self._client.request(
            Request(
                "POST",
                "/everything",
                json=Everything(
                    json=json,
                    nested=nested,
                    ab_test=ab_test,
                    ab_test_2=ab_test_2,
                    foo_bar_a=foo_bar_a,
                    foo_bar_b=foo_bar_b,
                    person=person,
                    shape=shape,
                    value=value,
                    multi=multi,
                    constant=constant,
                    auto_or_size=auto_or_size,
                    when=when,
                    day=day,
                    uid=uid,
                    blob=blob,
                    big=big,
                    ratio=ratio,
                    flag=flag,
                    label=label,
                    order=order,
                    closed=closed,
                    open=open,
                    anything=anything,
                    list_default=["a", "b"] if list_default is None else list_default,
                    obj_default={"k": "v"} if obj_default is None else obj_default,
                    since=since,
                    token=token,
                    at=at,
                    sort=sort,
                    maybe=maybe,
                    bad_default=bad_default,
                    no_pets=[] if no_pets is None else no_pets,
                    example=example,
                ).to_dict(),
                auth=("bearerAuth",),
            ),
            Everything.from_dict,
            request_options,
        )
