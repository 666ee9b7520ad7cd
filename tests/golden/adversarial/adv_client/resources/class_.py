"""Class: the class operations, sync and async."""

from __future__ import annotations

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from .._runtime.codec import Decode
from ..models import Forest, Tree, Value


class Class:
    """class"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def get_values(
        self,
        *,
        request_options: RequestOptions | None = None,
    ) -> Value:
        """GET /values

        Args:
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Untagged union
        """
        return self._client.request(
            Request(
                "GET",
                "/values",
                auth=("bearerAuth",),
            ),
            Decode[Value](),
            request_options,
        )

    def put_tree(
        self,
        *,
        value: int,
        children: list[Tree] | None = None,
        forest: Forest | None = None,
        request_options: RequestOptions | None = None,
    ) -> Tree:
        """PUT /trees

        Args:
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            The tree back
        """
        return self._client.request(
            Request(
                "PUT",
                "/trees",
                json=Tree(value=value, children=children, forest=forest).to_dict(),
                auth=("apiKeyHeader", "apiKeyQuery", "basicAuth"),
            ),
            Tree.from_dict,
            request_options,
        )


class AsyncClass:
    """class"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def get_values(
        self,
        *,
        request_options: RequestOptions | None = None,
    ) -> Value:
        """GET /values

        Args:
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Untagged union
        """
        return await self._client.request(
            Request(
                "GET",
                "/values",
                auth=("bearerAuth",),
            ),
            Decode[Value](),
            request_options,
        )

    async def put_tree(
        self,
        *,
        value: int,
        children: list[Tree] | None = None,
        forest: Forest | None = None,
        request_options: RequestOptions | None = None,
    ) -> Tree:
        """PUT /trees

        Args:
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            The tree back
        """
        return await self._client.request(
            Request(
                "PUT",
                "/trees",
                json=Tree(value=value, children=children, forest=forest).to_dict(),
                auth=("apiKeyHeader", "apiKeyQuery", "basicAuth"),
            ),
            Tree.from_dict,
            request_options,
        )
