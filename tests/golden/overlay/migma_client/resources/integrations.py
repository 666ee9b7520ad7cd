"""Integrations: the Integrations operations, sync and async."""

from __future__ import annotations

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from ..models import ApiError, ConnectShopifyStore, ConnectShopifyStoreRequest


class Integrations:
    """Third-party platform integrations"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def connect_shopify_store(
        self,
        *,
        project_id: str,
        shopify_store_url: str,
        request_options: RequestOptions | None = None,
    ) -> ConnectShopifyStore:
        """Connect Shopify Store

        Args:
            project_id: The project ID to connect the Shopify store to
            shopify_store_url: The Shopify store URL (e.g., https://example.com or
                https://store.myshopify.com)
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Shopify store connected successfully
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/shopify/connect",
                json=ConnectShopifyStoreRequest(
                    project_id=project_id, shopify_store_url=shopify_store_url
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            ConnectShopifyStore.from_dict,
            request_options,
        )


class AsyncIntegrations:
    """Third-party platform integrations"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def connect_shopify_store(
        self,
        *,
        project_id: str,
        shopify_store_url: str,
        request_options: RequestOptions | None = None,
    ) -> ConnectShopifyStore:
        """Connect Shopify Store

        Args:
            project_id: The project ID to connect the Shopify store to
            shopify_store_url: The Shopify store URL (e.g., https://example.com or
                https://store.myshopify.com)
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Shopify store connected successfully
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/shopify/connect",
                json=ConnectShopifyStoreRequest(
                    project_id=project_id, shopify_store_url=shopify_store_url
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            ConnectShopifyStore.from_dict,
            request_options,
        )
