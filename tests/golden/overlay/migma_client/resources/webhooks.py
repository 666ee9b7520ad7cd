"""Webhooks: the Webhooks operations, sync and async."""

from __future__ import annotations

from typing import Any

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from ..models import ApiError, CreateWebhook, CreateWebhookRequest


class Webhooks:
    """Manage webhook endpoints for real-time event notifications"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def create_webhook(
        self,
        *,
        url: str,
        events: list[str],
        description: str | None = None,
        custom_headers: dict[str, Any] | None = None,
        request_options: RequestOptions | None = None,
    ) -> CreateWebhook:
        """Create Webhook

        Args:
            url: The webhook endpoint URL (must be HTTPS)
            events: Array of event types to subscribe to (e.g., email.generation.completed)
            description: Optional description for the webhook
            custom_headers: Optional custom headers to include in webhook requests
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Webhook created
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/webhooks",
                json=CreateWebhookRequest(
                    url=url, events=events, description=description, custom_headers=custom_headers
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateWebhook.from_dict,
            request_options,
        )


class AsyncWebhooks:
    """Manage webhook endpoints for real-time event notifications"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def create_webhook(
        self,
        *,
        url: str,
        events: list[str],
        description: str | None = None,
        custom_headers: dict[str, Any] | None = None,
        request_options: RequestOptions | None = None,
    ) -> CreateWebhook:
        """Create Webhook

        Args:
            url: The webhook endpoint URL (must be HTTPS)
            events: Array of event types to subscribe to (e.g., email.generation.completed)
            description: Optional description for the webhook
            custom_headers: Optional custom headers to include in webhook requests
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Webhook created
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/webhooks",
                json=CreateWebhookRequest(
                    url=url, events=events, description=description, custom_headers=custom_headers
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateWebhook.from_dict,
            request_options,
        )
