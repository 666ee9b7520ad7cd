"""Domains: the Domains operations, sync and async."""

from __future__ import annotations

from typing import Literal

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from .._runtime.params import path_param
from ..models import (
    ApiError,
    ConfirmDomainClaim,
    CreateManagedDomain,
    CreateManagedDomainRequest,
    CreateManagedDomainRequestRegion,
    InitiateDomainClaim,
    InitiateDomainClaimRequest,
)


class Domains:
    """Manage sending domains and verification"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def initiate_domain_claim(
        self,
        *,
        domain: str,
        idempotency_key: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> InitiateDomainClaim:
        """Initiate Domain Claim

        Start claiming a domain that is already in use by another workspace. Returns the DNS TXT
        record you must publish at _migma.<rootDomain> to prove ownership. Requires API key with
        domain:write.

        Args:
            domain: The domain you want to claim, e.g. 'acme.com' or 'send.acme.com'. The root
                apex is resolved automatically.
            idempotency_key: Sent as `Idempotency-Key`; a UUID is generated when not given.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Claim challenge returned. Publish the TXT record, then call
            /v1/domains/claims/{domain}/verify.
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/domains/claims",
                json=InitiateDomainClaimRequest(domain=domain).to_dict(),
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            InitiateDomainClaim.from_dict,
            request_options,
        )

    def confirm_domain_claim(
        self,
        domain: str,
        *,
        idempotency_key: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> ConfirmDomainClaim:
        """Confirm Domain Claim

        Complete a domain claim after the proof TXT record is live. Migma verifies DNS
        ownership, releases the domain from its current owner, and provisions fresh sending
        identities under your account. Domains that are actively sending require manual review.
        Requires API key with domain:write.

        Args:
            domain: Domain name from the initiate claim call (e.g., acme.com).
            idempotency_key: Sent as `Idempotency-Key`; a UUID is generated when not given.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Domain claimed and fresh identities provision… (truncated in excerpt)
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/domains/claims/" + path_param(domain, "domain") + "/verify",
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            ConfirmDomainClaim.from_dict,
            request_options,
        )

    def create_managed_domain(
        self,
        *,
        prefix: str,
        region: CreateManagedDomainRequestRegion | Literal["us-east-1", "eu-west-1"] = "us-east-1",
        request_options: RequestOptions | None = None,
    ) -> CreateManagedDomain:
        """Create Managed Domain

        Args:
            prefix: Subdomain prefix (e.g., 'acme' creates acme.migma.email). Lowercase letters,
                numbers, and hyphens only.
            region: AWS SES region for sending
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Managed domain created
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/domains/managed",
                json=CreateManagedDomainRequest(prefix=prefix, region=region).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateManagedDomain.from_dict,
            request_options,
        )


class AsyncDomains:
    """Manage sending domains and verification"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def initiate_domain_claim(
        self,
        *,
        domain: str,
        idempotency_key: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> InitiateDomainClaim:
        """Initiate Domain Claim

        Start claiming a domain that is already in use by another workspace. Returns the DNS TXT
        record you must publish at _migma.<rootDomain> to prove ownership. Requires API key with
        domain:write.

        Args:
            domain: The domain you want to claim, e.g. 'acme.com' or 'send.acme.com'. The root
                apex is resolved automatically.
            idempotency_key: Sent as `Idempotency-Key`; a UUID is generated when not given.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Claim challenge returned. Publish the TXT record, then call
            /v1/domains/claims/{domain}/verify.
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/domains/claims",
                json=InitiateDomainClaimRequest(domain=domain).to_dict(),
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            InitiateDomainClaim.from_dict,
            request_options,
        )

    async def confirm_domain_claim(
        self,
        domain: str,
        *,
        idempotency_key: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> ConfirmDomainClaim:
        """Confirm Domain Claim

        Complete a domain claim after the proof TXT record is live. Migma verifies DNS
        ownership, releases the domain from its current owner, and provisions fresh sending
        identities under your account. Domains that are actively sending require manual review.
        Requires API key with domain:write.

        Args:
            domain: Domain name from the initiate claim call (e.g., acme.com).
            idempotency_key: Sent as `Idempotency-Key`; a UUID is generated when not given.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Domain claimed and fresh identities provision… (truncated in excerpt)
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/domains/claims/" + path_param(domain, "domain") + "/verify",
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            ConfirmDomainClaim.from_dict,
            request_options,
        )

    async def create_managed_domain(
        self,
        *,
        prefix: str,
        region: CreateManagedDomainRequestRegion | Literal["us-east-1", "eu-west-1"] = "us-east-1",
        request_options: RequestOptions | None = None,
    ) -> CreateManagedDomain:
        """Create Managed Domain

        Args:
            prefix: Subdomain prefix (e.g., 'acme' creates acme.migma.email). Lowercase letters,
                numbers, and hyphens only.
            region: AWS SES region for sending
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Managed domain created
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/domains/managed",
                json=CreateManagedDomainRequest(prefix=prefix, region=region).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateManagedDomain.from_dict,
            request_options,
        )
