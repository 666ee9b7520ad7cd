"""ProjectsBrands: the Projects/Brands operations, sync and async."""

from __future__ import annotations

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from .._runtime.params import path_param
from ..models import ApiError, GetImportStatus


class ProjectsBrands:
    """Manage projects (brands) and import from websites"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def get_import_status(
        self,
        project_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetImportStatus:
        """Get Import Status

        Args:
            project_id: Project ID (MongoDB ObjectId)
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Import status response
        """
        return self._client.request(
            Request(
                "GET",
                "/v1/projects/import/" + path_param(project_id, "projectId") + "/status",
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetImportStatus.from_dict,
            request_options,
        )


class AsyncProjectsBrands:
    """Manage projects (brands) and import from websites"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def get_import_status(
        self,
        project_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetImportStatus:
        """Get Import Status

        Args:
            project_id: Project ID (MongoDB ObjectId)
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Import status response
        """
        return await self._client.request(
            Request(
                "GET",
                "/v1/projects/import/" + path_param(project_id, "projectId") + "/status",
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetImportStatus.from_dict,
            request_options,
        )
