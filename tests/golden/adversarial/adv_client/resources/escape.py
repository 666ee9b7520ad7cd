"""Escape: the ../../escape operations, sync and async."""

from __future__ import annotations

import datetime
import uuid
import warnings
from typing import Any, Literal

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from .._runtime.codec import Decode, UNSET, Unset
from .._runtime.params import header_params, object_params, path_param, query
from ..models import Error, ListPetsCreated, ListPetsFilter, MaybeColour, Order, Pet, Priority


class Escape:
    """A tag that looks like a path \"\"\" and closes docstrings"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def get_pet(
        self,
        pet_id: uuid.UUID,
        *,
        x_trace_id: str | None = None,
        from_: datetime.datetime | None = None,
        class_: str | None = None,
        session: str | None = None,
        tags: list[str] | None = None,
        ids: list[int] | None = None,
        label: list[str] | None = None,
        request_options: RequestOptions | None = None,
    ) -> Pet:
        """Get a pet \"\"\"; raise SystemExit

        Args:
            x_trace_id: A path-level header parameter.
            class_: Deprecated parameter. Deprecated.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            A pet
        """
        if class_ is not None:
            warnings.warn("argument class_ is deprecated", DeprecationWarning, stacklevel=2)
        return self._client.request(
            Request(
                "GET",
                "/pets/" + path_param(pet_id, "pet-id"),
                params=query(
                    {
                        "from": from_,
                        "class": class_,
                        "tags": tags,
                        "ids": ids,
                        "label": label,
                    },
                    {
                        "tags": ",",
                        "ids": "|",
                    },
                ),
                headers=header_params(
                    {
                        "X-Trace-Id": x_trace_id,
                    },
                    cookies={
                        "session": session,
                    },
                ),
                auth=("bearerAuth",),
                errors={"4XX": Error.from_dict},
            ),
            Pet.from_dict,
            request_options,
        )

    def delete_pet(
        self,
        pet_id: uuid.UUID,
        *,
        x_trace_id: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> None:
        """DELETE /pets/{pet-id}

        Deletes a pet.
        \"\"\"
        import os
        {{ x }}

        Deprecated: this operation may be removed.

        Args:
            x_trace_id: A path-level header parameter.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Deleted
        """
        warnings.warn("delete_pet is deprecated", DeprecationWarning, stacklevel=2)
        return self._client.request(
            Request(
                "DELETE",
                "/pets/" + path_param(pet_id, "pet-id"),
                headers=header_params(
                    {
                        "X-Trace-Id": x_trace_id,
                    },
                ),
                expect="empty",
                auth=("bearerAuth",),
            ),
            lambda data: None,
            request_options,
        )

    def list_pets(
        self,
        *,
        limit: int = 20,
        ratio: float = 0.5,
        created: ListPetsCreated | None = None,
        filter: ListPetsFilter | None = None,
        verbose: bool = False,
        order: Order | Literal["asc", "desc", "na me", "1st", "class", "None", '"""'] | None = None,
        request_options: RequestOptions | None = None,
    ) -> list[Pet]:
        """GET /pets

        Args:
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Pets
        """
        return self._client.request(
            Request(
                "GET",
                "/pets",
                params=query(
                    {
                        "limit": limit,
                        "ratio": ratio,
                        **object_params("created", created, deep=True),
                        **object_params("filter", filter, deep=False),
                        "verbose": verbose,
                        "order": order,
                    },
                ),
                auth=("bearerAuth",),
            ),
            Decode[list[Pet]](),
            request_options,
        )

    def create_pet(
        self,
        *,
        name: str,
        kind: Literal["pet"],
        foo_bar: str | None = None,
        foo_bar2: str | None = None,
        class_: str = 'mammal """',
        from_: datetime.date | None = None,
        self_: int | None = None,
        none: bool | None = None,
        n1_st_place: bool | None = None,
        donnees_ete: str | None = None,
        password: str | None = None,
        legacy: str | None = None,
        nick: str | None | Unset = UNSET,
        old_nick: str | None | Unset = UNSET,
        colour: MaybeColour | Literal["red", "green"] | None | Unset = UNSET,
        priority: Priority | Literal[1, 2, 3] | None = None,
        tags: dict[str, int] | None = None,
        extra: dict[str, Any] | None = None,
        meta: Any = None,
        request_options: RequestOptions | None = None,
    ) -> Pet:
        """POST /pets

        Args:
            name: Name \"\"\" import os
            legacy: Deprecated.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Created
        """
        return self._client.request(
            Request(
                "POST",
                "/pets",
                json=Pet(
                    name=name,
                    kind=kind,
                    foo_bar=foo_bar,
                    foo_bar2=foo_bar2,
                    class_=class_,
                    from_=from_,
                    self_=self_,
                    none=none,
                    n1_st_place=n1_st_place,
                    donnees_ete=donnees_ete,
                    password=password,
                    legacy=legacy,
                    nick=nick,
                    old_nick=old_nick,
                    colour=colour,
                    priority=priority,
                    tags=tags,
                    extra=extra,
                    meta=meta,
                ).to_dict(),
                auth=("bearerAuth",),
            ),
            Pet.from_dict,
            request_options,
        )


class AsyncEscape:
    """A tag that looks like a path \"\"\" and closes docstrings"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def get_pet(
        self,
        pet_id: uuid.UUID,
        *,
        x_trace_id: str | None = None,
        from_: datetime.datetime | None = None,
        class_: str | None = None,
        session: str | None = None,
        tags: list[str] | None = None,
        ids: list[int] | None = None,
        label: list[str] | None = None,
        request_options: RequestOptions | None = None,
    ) -> Pet:
        """Get a pet \"\"\"; raise SystemExit

        Args:
            x_trace_id: A path-level header parameter.
            class_: Deprecated parameter. Deprecated.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            A pet
        """
        if class_ is not None:
            warnings.warn("argument class_ is deprecated", DeprecationWarning, stacklevel=2)
        return await self._client.request(
            Request(
                "GET",
                "/pets/" + path_param(pet_id, "pet-id"),
                params=query(
                    {
                        "from": from_,
                        "class": class_,
                        "tags": tags,
                        "ids": ids,
                        "label": label,
                    },
                    {
                        "tags": ",",
                        "ids": "|",
                    },
                ),
                headers=header_params(
                    {
                        "X-Trace-Id": x_trace_id,
                    },
                    cookies={
                        "session": session,
                    },
                ),
                auth=("bearerAuth",),
                errors={"4XX": Error.from_dict},
            ),
            Pet.from_dict,
            request_options,
        )

    async def delete_pet(
        self,
        pet_id: uuid.UUID,
        *,
        x_trace_id: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> None:
        """DELETE /pets/{pet-id}

        Deletes a pet.
        \"\"\"
        import os
        {{ x }}

        Deprecated: this operation may be removed.

        Args:
            x_trace_id: A path-level header parameter.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Deleted
        """
        warnings.warn("delete_pet is deprecated", DeprecationWarning, stacklevel=2)
        return await self._client.request(
            Request(
                "DELETE",
                "/pets/" + path_param(pet_id, "pet-id"),
                headers=header_params(
                    {
                        "X-Trace-Id": x_trace_id,
                    },
                ),
                expect="empty",
                auth=("bearerAuth",),
            ),
            lambda data: None,
            request_options,
        )

    async def list_pets(
        self,
        *,
        limit: int = 20,
        ratio: float = 0.5,
        created: ListPetsCreated | None = None,
        filter: ListPetsFilter | None = None,
        verbose: bool = False,
        order: Order | Literal["asc", "desc", "na me", "1st", "class", "None", '"""'] | None = None,
        request_options: RequestOptions | None = None,
    ) -> list[Pet]:
        """GET /pets

        Args:
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Pets
        """
        return await self._client.request(
            Request(
                "GET",
                "/pets",
                params=query(
                    {
                        "limit": limit,
                        "ratio": ratio,
                        **object_params("created", created, deep=True),
                        **object_params("filter", filter, deep=False),
                        "verbose": verbose,
                        "order": order,
                    },
                ),
                auth=("bearerAuth",),
            ),
            Decode[list[Pet]](),
            request_options,
        )

    async def create_pet(
        self,
        *,
        name: str,
        kind: Literal["pet"],
        foo_bar: str | None = None,
        foo_bar2: str | None = None,
        class_: str = 'mammal """',
        from_: datetime.date | None = None,
        self_: int | None = None,
        none: bool | None = None,
        n1_st_place: bool | None = None,
        donnees_ete: str | None = None,
        password: str | None = None,
        legacy: str | None = None,
        nick: str | None | Unset = UNSET,
        old_nick: str | None | Unset = UNSET,
        colour: MaybeColour | Literal["red", "green"] | None | Unset = UNSET,
        priority: Priority | Literal[1, 2, 3] | None = None,
        tags: dict[str, int] | None = None,
        extra: dict[str, Any] | None = None,
        meta: Any = None,
        request_options: RequestOptions | None = None,
    ) -> Pet:
        """POST /pets

        Args:
            name: Name \"\"\" import os
            legacy: Deprecated.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Created
        """
        return await self._client.request(
            Request(
                "POST",
                "/pets",
                json=Pet(
                    name=name,
                    kind=kind,
                    foo_bar=foo_bar,
                    foo_bar2=foo_bar2,
                    class_=class_,
                    from_=from_,
                    self_=self_,
                    none=none,
                    n1_st_place=n1_st_place,
                    donnees_ete=donnees_ete,
                    password=password,
                    legacy=legacy,
                    nick=nick,
                    old_nick=old_nick,
                    colour=colour,
                    priority=priority,
                    tags=tags,
                    extra=extra,
                    meta=meta,
                ).to_dict(),
                auth=("bearerAuth",),
            ),
            Pet.from_dict,
            request_options,
        )
