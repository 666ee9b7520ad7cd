"""The Migma clients: one attribute per API tag, each loaded on first use."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

import httpx

from ._runtime.client import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    ApiConfig,
    AsyncClient,
    Scheme,
    SyncClient,
)

if TYPE_CHECKING:
    from .resources.projects_brands import AsyncProjectsBrands, ProjectsBrands
    from .resources.contacts import AsyncContacts, Contacts
    from .resources.segments import AsyncSegments, Segments
    from .resources.tags import AsyncTags, Tags
    from .resources.emails import AsyncEmails, Emails
    from .resources.email_validation import AsyncEmailValidation, EmailValidation
    from .resources.email_previews import AsyncEmailPreviews, EmailPreviews
    from .resources.domains import AsyncDomains, Domains
    from .resources.webhooks import AsyncWebhooks, Webhooks
    from .resources.integrations import AsyncIntegrations, Integrations
    from .resources.campaigns import AsyncCampaigns, Campaigns
    from .resources.project_editing import AsyncProjectEditing, ProjectEditing

VERSION = "1.0.0"

CONFIG = ApiConfig(
    package="migma_client",
    version=VERSION,
    generator="0.1.0",
    base_url="https://api.migma.ai",
    base_url_env="MIGMA_BASE_URL",
    log_env="MIGMA_LOG",
    schemes=(
        Scheme(
            name="apiKeyAuth",
            kind="api_key_header",
            parameter="Authorization",
            argument="api_key",
            env="MIGMA_API_KEY",
            prefix="Bearer ",
        ),
    ),
)
"""What the runtime needs to know about the Migma.ai API (v1)."""


class MigmaClient(SyncClient):
    """Client for the Migma.ai API (v1).

    Args:
        api_key: The API key for the apiKeyAuth scheme (api_key_header); defaults to the `MIGMA_API_KEY` environment variable.
        base_url: Defaults to `MIGMA_BASE_URL`, else https://api.migma.ai.
        timeout: Seconds (or an `httpx.Timeout`) a request may take, from sending it to the last
            byte of the response, 60 by default; past it the call raises `APITimeoutError`.
            `request_options={"timeout": ...}` changes it for one call.
        max_retries: Retries (2 by default) on connection errors, timeouts, 408, 429 and 5xx, after
            `Retry-After` or an exponential backoff with jitter; writes are retried only when they carry
            an idempotency key (requests that never reached the server always are).
        default_headers: Headers sent with every request.
        http_client: Your own `httpx.Client` (proxies, transports); you close it.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(
            CONFIG,
            credentials={"api_key": api_key},
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            http_client=http_client,
        )

    def __enter__(self) -> MigmaClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @cached_property
    def projects_brands(self) -> ProjectsBrands:
        """Manage projects (brands) and import from websites"""
        from .resources.projects_brands import ProjectsBrands

        return ProjectsBrands(self)

    @cached_property
    def contacts(self) -> Contacts:
        """Manage your contacts, segments, tags, and topics"""
        from .resources.contacts import Contacts

        return Contacts(self)

    @cached_property
    def segments(self) -> Segments:
        """Create and manage dynamic contact segments"""
        from .resources.segments import Segments

        return Segments(self)

    @cached_property
    def tags(self) -> Tags:
        """Organize contacts with tags"""
        from .resources.tags import Tags

        return Tags(self)

    @cached_property
    def emails(self) -> Emails:
        """Generate, send, and export emails"""
        from .resources.emails import Emails

        return Emails(self)

    @cached_property
    def email_validation(self) -> EmailValidation:
        """Validate email content for compatibility and deliverability"""
        from .resources.email_validation import EmailValidation

        return EmailValidation(self)

    @cached_property
    def email_previews(self) -> EmailPreviews:
        """Preview emails across devices and email clients"""
        from .resources.email_previews import EmailPreviews

        return EmailPreviews(self)

    @cached_property
    def domains(self) -> Domains:
        """Manage sending domains and verification"""
        from .resources.domains import Domains

        return Domains(self)

    @cached_property
    def webhooks(self) -> Webhooks:
        """Manage webhook endpoints for real-time event notifications"""
        from .resources.webhooks import Webhooks

        return Webhooks(self)

    @cached_property
    def integrations(self) -> Integrations:
        """Third-party platform integrations"""
        from .resources.integrations import Integrations

        return Integrations(self)

    @cached_property
    def campaigns(self) -> Campaigns:
        """Create, schedule, send, and manage email campaigns"""
        from .resources.campaigns import Campaigns

        return Campaigns(self)

    @cached_property
    def project_editing(self) -> ProjectEditing:
        """Edit project assets, logos, images, and knowledge base entries"""
        from .resources.project_editing import ProjectEditing

        return ProjectEditing(self)


class AsyncMigmaClient(AsyncClient):
    """Asynchronous client for the Migma.ai API (v1).

    Args:
        api_key: The API key for the apiKeyAuth scheme (api_key_header); defaults to the `MIGMA_API_KEY` environment variable.
        base_url: Defaults to `MIGMA_BASE_URL`, else https://api.migma.ai.
        timeout: Seconds (or an `httpx.Timeout`) a request may take, from sending it to the last
            byte of the response, 60 by default; past it the call raises `APITimeoutError`.
            `request_options={"timeout": ...}` changes it for one call.
        max_retries: Retries (2 by default) on connection errors, timeouts, 408, 429 and 5xx, after
            `Retry-After` or an exponential backoff with jitter; writes are retried only when they carry
            an idempotency key (requests that never reached the server always are).
        default_headers: Headers sent with every request.
        http_client: Your own `httpx.AsyncClient` (proxies, transports); you close it.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            CONFIG,
            credentials={"api_key": api_key},
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            http_client=http_client,
        )

    async def __aenter__(self) -> AsyncMigmaClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @cached_property
    def projects_brands(self) -> AsyncProjectsBrands:
        """Manage projects (brands) and import from websites"""
        from .resources.projects_brands import AsyncProjectsBrands

        return AsyncProjectsBrands(self)

    @cached_property
    def contacts(self) -> AsyncContacts:
        """Manage your contacts, segments, tags, and topics"""
        from .resources.contacts import AsyncContacts

        return AsyncContacts(self)

    @cached_property
    def segments(self) -> AsyncSegments:
        """Create and manage dynamic contact segments"""
        from .resources.segments import AsyncSegments

        return AsyncSegments(self)

    @cached_property
    def tags(self) -> AsyncTags:
        """Organize contacts with tags"""
        from .resources.tags import AsyncTags

        return AsyncTags(self)

    @cached_property
    def emails(self) -> AsyncEmails:
        """Generate, send, and export emails"""
        from .resources.emails import AsyncEmails

        return AsyncEmails(self)

    @cached_property
    def email_validation(self) -> AsyncEmailValidation:
        """Validate email content for compatibility and deliverability"""
        from .resources.email_validation import AsyncEmailValidation

        return AsyncEmailValidation(self)

    @cached_property
    def email_previews(self) -> AsyncEmailPreviews:
        """Preview emails across devices and email clients"""
        from .resources.email_previews import AsyncEmailPreviews

        return AsyncEmailPreviews(self)

    @cached_property
    def domains(self) -> AsyncDomains:
        """Manage sending domains and verification"""
        from .resources.domains import AsyncDomains

        return AsyncDomains(self)

    @cached_property
    def webhooks(self) -> AsyncWebhooks:
        """Manage webhook endpoints for real-time event notifications"""
        from .resources.webhooks import AsyncWebhooks

        return AsyncWebhooks(self)

    @cached_property
    def integrations(self) -> AsyncIntegrations:
        """Third-party platform integrations"""
        from .resources.integrations import AsyncIntegrations

        return AsyncIntegrations(self)

    @cached_property
    def campaigns(self) -> AsyncCampaigns:
        """Create, schedule, send, and manage email campaigns"""
        from .resources.campaigns import AsyncCampaigns

        return AsyncCampaigns(self)

    @cached_property
    def project_editing(self) -> AsyncProjectEditing:
        """Edit project assets, logos, images, and knowledge base entries"""
        from .resources.project_editing import AsyncProjectEditing

        return AsyncProjectEditing(self)
