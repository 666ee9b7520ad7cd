"""ProjectEditing: the Project Editing operations, sync and async."""

from __future__ import annotations

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from .._runtime.params import path_param
from ..models import (
    AddImageRequest,
    AddImageResponse,
    AddKnowledgeBaseEntryRequest,
    AddKnowledgeBaseEntryResponse,
    ApiError,
)


class ProjectEditing:
    """Edit project assets, logos, images, and knowledge base entries"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def add_image(
        self,
        project_id: str,
        *,
        url: str,
        description: str | None = None,
        tags: list[str] | None = None,
        request_options: RequestOptions | None = None,
    ) -> AddImageResponse:
        """Add Image

        Args:
            project_id: Project ID (MongoDB ObjectId)
            url: URL of the image
            description: Description of the image
            tags: Tags for the image
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Image added
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/projects/"
                + path_param(project_id, "projectId", "^[0-9a-fA-F]{24}$")
                + "/images",
                json=AddImageRequest(url=url, description=description, tags=tags).to_dict(),
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            AddImageResponse.from_dict,
            request_options,
        )

    def add_knowledge_base_entry(
        self,
        project_id: str,
        *,
        title: str,
        content: str,
        request_options: RequestOptions | None = None,
    ) -> AddKnowledgeBaseEntryResponse:
        """Add Knowledge Base Entry

        Args:
            project_id: Project ID (MongoDB ObjectId)
            title: Title of the knowledge base entry
            content: Content of the knowledge base entry
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Knowledge base entry added
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/projects/"
                + path_param(project_id, "projectId", "^[0-9a-fA-F]{24}$")
                + "/knowledge-base",
                json=AddKnowledgeBaseEntryRequest(title=title, content=content).to_dict(),
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            AddKnowledgeBaseEntryResponse.from_dict,
            request_options,
        )


class AsyncProjectEditing:
    """Edit project assets, logos, images, and knowledge base entries"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def add_image(
        self,
        project_id: str,
        *,
        url: str,
        description: str | None = None,
        tags: list[str] | None = None,
        request_options: RequestOptions | None = None,
    ) -> AddImageResponse:
        """Add Image

        Args:
            project_id: Project ID (MongoDB ObjectId)
            url: URL of the image
            description: Description of the image
            tags: Tags for the image
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Image added
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/projects/"
                + path_param(project_id, "projectId", "^[0-9a-fA-F]{24}$")
                + "/images",
                json=AddImageRequest(url=url, description=description, tags=tags).to_dict(),
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            AddImageResponse.from_dict,
            request_options,
        )

    async def add_knowledge_base_entry(
        self,
        project_id: str,
        *,
        title: str,
        content: str,
        request_options: RequestOptions | None = None,
    ) -> AddKnowledgeBaseEntryResponse:
        """Add Knowledge Base Entry

        Args:
            project_id: Project ID (MongoDB ObjectId)
            title: Title of the knowledge base entry
            content: Content of the knowledge base entry
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Knowledge base entry added
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/projects/"
                + path_param(project_id, "projectId", "^[0-9a-fA-F]{24}$")
                + "/knowledge-base",
                json=AddKnowledgeBaseEntryRequest(title=title, content=content).to_dict(),
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            AddKnowledgeBaseEntryResponse.from_dict,
            request_options,
        )
