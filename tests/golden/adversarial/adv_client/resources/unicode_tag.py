"""UnicodeTag: the Ünïcödé Tag operations, sync and async."""

from __future__ import annotations

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from .._runtime.params import FileInput, file_part


class UnicodeTag:
    """Ünïcödé Tag"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def upload_file(
        self,
        *,
        body: FileInput | None = None,
        request_options: RequestOptions | None = None,
    ) -> str:
        """POST /upload

        Args:
            body: The request body (application/octet-stream).
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Plain text answer
        """
        return self._client.request(
            Request(
                "POST",
                "/upload",
                content=None if body is None else file_part(body)[1],
                content_type="application/octet-stream",
                expect="text",
                auth=("bearerAuth",),
            ),
            str,
            request_options,
        )


class AsyncUnicodeTag:
    """Ünïcödé Tag"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def upload_file(
        self,
        *,
        body: FileInput | None = None,
        request_options: RequestOptions | None = None,
    ) -> str:
        """POST /upload

        Args:
            body: The request body (application/octet-stream).
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Plain text answer
        """
        return await self._client.request(
            Request(
                "POST",
                "/upload",
                content=None if body is None else file_part(body)[1],
                content_type="application/octet-stream",
                expect="text",
                auth=("bearerAuth",),
            ),
            str,
            request_options,
        )
