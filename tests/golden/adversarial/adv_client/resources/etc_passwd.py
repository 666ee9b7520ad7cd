"""EtcPasswd: the /etc/passwd operations, sync and async."""

from __future__ import annotations

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from .._runtime.codec import Decode, to_jsonable
from .._runtime.params import path_param
from ..models import Shape, ShapeNoMapping


class EtcPasswd:
    """/etc/passwd"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def put_shape(
        self,
        *,
        body: Shape,
        request_options: RequestOptions | None = None,
    ) -> Shape:
        """POST /shapes

        Args:
            body: The request body (application/json).
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            The shape back
        """
        return self._client.request(
            Request(
                "POST",
                "/shapes",
                json=to_jsonable(body),
                auth=("bearerAuth",),
            ),
            Decode[Shape](),
            request_options,
        )

    def put_shape2(
        self,
        id: int,
        *,
        request_options: RequestOptions | None = None,
    ) -> ShapeNoMapping:
        """GET /shapes/{id}

        Args:
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            A shape
        """
        return self._client.request(
            Request(
                "GET",
                "/shapes/" + path_param(id, "id"),
                auth=("bearerAuth",),
            ),
            Decode[ShapeNoMapping](),
            request_options,
        )


class AsyncEtcPasswd:
    """/etc/passwd"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def put_shape(
        self,
        *,
        body: Shape,
        request_options: RequestOptions | None = None,
    ) -> Shape:
        """POST /shapes

        Args:
            body: The request body (application/json).
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            The shape back
        """
        return await self._client.request(
            Request(
                "POST",
                "/shapes",
                json=to_jsonable(body),
                auth=("bearerAuth",),
            ),
            Decode[Shape](),
            request_options,
        )

    async def put_shape2(
        self,
        id: int,
        *,
        request_options: RequestOptions | None = None,
    ) -> ShapeNoMapping:
        """GET /shapes/{id}

        Args:
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            A shape
        """
        return await self._client.request(
            Request(
                "GET",
                "/shapes/" + path_param(id, "id"),
                auth=("bearerAuth",),
            ),
            Decode[ShapeNoMapping](),
            request_options,
        )
