"""Segments: the Segments operations, sync and async."""

from __future__ import annotations

from typing import Any

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from ..models import ApiError, CreateSegment, CreateSegmentRequest


class Segments:
    """Create and manage dynamic contact segments"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def create_segment(
        self,
        *,
        name: str,
        project_id: str,
        description: str | None = None,
        filters: dict[str, Any] | None = None,
        request_options: RequestOptions | None = None,
    ) -> CreateSegment:
        """Create Segment

        Args:
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Segment created
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/segments",
                json=CreateSegmentRequest(
                    name=name, project_id=project_id, description=description, filters=filters
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateSegment.from_dict,
            request_options,
        )


class AsyncSegments:
    """Create and manage dynamic contact segments"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def create_segment(
        self,
        *,
        name: str,
        project_id: str,
        description: str | None = None,
        filters: dict[str, Any] | None = None,
        request_options: RequestOptions | None = None,
    ) -> CreateSegment:
        """Create Segment

        Args:
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Segment created
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/segments",
                json=CreateSegmentRequest(
                    name=name, project_id=project_id, description=description, filters=filters
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateSegment.from_dict,
            request_options,
        )
