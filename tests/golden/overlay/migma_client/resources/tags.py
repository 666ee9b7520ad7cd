"""Tags: the Tags operations, sync and async."""

from __future__ import annotations

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from ..models import ApiError, CreateTag, CreateTagRequest


class Tags:
    """Organize contacts with tags"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def create_tag(
        self,
        *,
        name: str,
        project_id: str,
        color: str | None = None,
        description: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> CreateTag:
        """Create Tag

        Args:
            color: Hex color code (e.g., #FF5733). Auto-generated if omitted.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Tag created
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/tags",
                json=CreateTagRequest(
                    name=name, project_id=project_id, color=color, description=description
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateTag.from_dict,
            request_options,
        )


class AsyncTags:
    """Organize contacts with tags"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def create_tag(
        self,
        *,
        name: str,
        project_id: str,
        color: str | None = None,
        description: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> CreateTag:
        """Create Tag

        Args:
            color: Hex color code (e.g., #FF5733). Auto-generated if omitted.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Tag created
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/tags",
                json=CreateTagRequest(
                    name=name, project_id=project_id, color=color, description=description
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateTag.from_dict,
            request_options,
        )
