"""EmailPreviews: the Email Previews operations, sync and async."""

from __future__ import annotations

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from .._runtime.params import path_param
from ..models import (
    ApiError,
    CreateEmailPreviewData,
    CreateEmailPreviewRequest,
    GetPreviewStatusAndResultsData,
    GetPreviewStatusOnlyData,
)


class EmailPreviews:
    """Preview emails across devices and email clients"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def create_email_preview(
        self,
        *,
        html: str,
        subject: str = "Email Preview",
        devices: list[str] | None = None,
        name: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> CreateEmailPreviewData:
        """Create Email Preview

        Args:
            html: Email HTML content to preview
            subject: Email subject line (for display purposes)
            devices: Specific devices to render on (optional, defaults to 10 common devices)
            name: Custom name for the preview
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Preview creation started
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/emails/previews",
                json=CreateEmailPreviewRequest(
                    html=html, subject=subject, devices=devices, name=name
                ).to_dict(),
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateEmailPreviewData.from_dict,
            request_options,
        )

    def get_preview_status_and_results(
        self,
        preview_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetPreviewStatusAndResultsData:
        """Get Preview Status and Results

        Args:
            preview_id: Preview ID returned from create endpoint
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Preview retrieved successfully
        """
        return self._client.request(
            Request(
                "GET",
                "/v1/emails/previews/" + path_param(preview_id, "previewId"),
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetPreviewStatusAndResultsData.from_dict,
            request_options,
        )

    def get_preview_status_only(
        self,
        preview_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetPreviewStatusOnlyData:
        """Get Preview Status Only

        Lightweight endpoint to check preview status without downloading full preview data.
        Optimized for polling.

        Args:
            preview_id: Preview ID
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Status retrieved
        """
        return self._client.request(
            Request(
                "GET",
                "/v1/emails/previews/" + path_param(preview_id, "previewId") + "/status",
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetPreviewStatusOnlyData.from_dict,
            request_options,
        )


class AsyncEmailPreviews:
    """Preview emails across devices and email clients"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def create_email_preview(
        self,
        *,
        html: str,
        subject: str = "Email Preview",
        devices: list[str] | None = None,
        name: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> CreateEmailPreviewData:
        """Create Email Preview

        Args:
            html: Email HTML content to preview
            subject: Email subject line (for display purposes)
            devices: Specific devices to render on (optional, defaults to 10 common devices)
            name: Custom name for the preview
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Preview creation started
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/emails/previews",
                json=CreateEmailPreviewRequest(
                    html=html, subject=subject, devices=devices, name=name
                ).to_dict(),
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateEmailPreviewData.from_dict,
            request_options,
        )

    async def get_preview_status_and_results(
        self,
        preview_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetPreviewStatusAndResultsData:
        """Get Preview Status and Results

        Args:
            preview_id: Preview ID returned from create endpoint
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Preview retrieved successfully
        """
        return await self._client.request(
            Request(
                "GET",
                "/v1/emails/previews/" + path_param(preview_id, "previewId"),
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetPreviewStatusAndResultsData.from_dict,
            request_options,
        )

    async def get_preview_status_only(
        self,
        preview_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetPreviewStatusOnlyData:
        """Get Preview Status Only

        Lightweight endpoint to check preview status without downloading full preview data.
        Optimized for polling.

        Args:
            preview_id: Preview ID
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Status retrieved
        """
        return await self._client.request(
            Request(
                "GET",
                "/v1/emails/previews/" + path_param(preview_id, "previewId") + "/status",
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetPreviewStatusOnlyData.from_dict,
            request_options,
        )
