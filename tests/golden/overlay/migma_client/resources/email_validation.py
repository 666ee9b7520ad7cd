"""EmailValidation: the Email Validation operations, sync and async."""

from __future__ import annotations

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from ..models import (
    AnalyzeEmailDeliverabilityData,
    AnalyzeEmailDeliverabilityRequest,
    AnalyzeEmailLinksData,
    AnalyzeEmailLinksRequest,
    ApiError,
    CheckEmailCompatibilityData,
    CheckEmailCompatibilityRequest,
    CheckSpellingGrammarData,
    CheckSpellingGrammarRequest,
)


class EmailValidation:
    """Validate email content for compatibility and deliverability"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def check_email_compatibility(
        self,
        *,
        html: str,
        clients: list[str] | None = None,
        request_options: RequestOptions | None = None,
    ) -> CheckEmailCompatibilityData:
        """Check Email Compatibility

        Args:
            html: Email HTML content to validate
            clients: Specific email clients to test (optional, defaults to all 40+ clients)
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Compatibility check completed
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/emails/validate/compatibility",
                json=CheckEmailCompatibilityRequest(html=html, clients=clients).to_dict(),
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CheckEmailCompatibilityData.from_dict,
            request_options,
        )

    def analyze_email_deliverability(
        self,
        *,
        html: str,
        subject: str | None = None,
        from_name: str | None = None,
        from_email: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> AnalyzeEmailDeliverabilityData:
        """Analyze Email Deliverability

        Args:
            html: Email HTML content to analyze
            subject: Email subject line
            from_name: Sender name
            from_email: Sender email address
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Deliverability analysis completed
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/emails/validate/deliverability",
                json=AnalyzeEmailDeliverabilityRequest(
                    html=html, subject=subject, from_name=from_name, from_email=from_email
                ).to_dict(),
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            AnalyzeEmailDeliverabilityData.from_dict,
            request_options,
        )

    def analyze_email_links(
        self,
        *,
        html: str,
        timeout: int = 10000,
        follow_redirects: bool = True,
        request_options: RequestOptions | None = None,
    ) -> AnalyzeEmailLinksData:
        """Analyze Email Links

        Args:
            html: Email HTML content containing links
            timeout: Timeout per link in milliseconds
            follow_redirects: Follow HTTP redirects when checking links
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Link analysis completed
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/emails/validate/links",
                json=AnalyzeEmailLinksRequest(
                    html=html, timeout=timeout, follow_redirects=follow_redirects
                ).to_dict(),
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            AnalyzeEmailLinksData.from_dict,
            request_options,
        )

    def check_spelling_grammar(
        self,
        *,
        html: str,
        languages: list[str] | None = None,
        check_grammar: bool = True,
        request_options: RequestOptions | None = None,
    ) -> CheckSpellingGrammarData:
        """Check Spelling & Grammar

        Args:
            html: Email HTML content to check
            languages: Languages to check (auto-detected if not provided)
            check_grammar: Include grammar checking
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Spelling check completed
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/emails/validate/spelling",
                json=CheckSpellingGrammarRequest(
                    html=html, languages=languages, check_grammar=check_grammar
                ).to_dict(),
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CheckSpellingGrammarData.from_dict,
            request_options,
        )


class AsyncEmailValidation:
    """Validate email content for compatibility and deliverability"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def check_email_compatibility(
        self,
        *,
        html: str,
        clients: list[str] | None = None,
        request_options: RequestOptions | None = None,
    ) -> CheckEmailCompatibilityData:
        """Check Email Compatibility

        Args:
            html: Email HTML content to validate
            clients: Specific email clients to test (optional, defaults to all 40+ clients)
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Compatibility check completed
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/emails/validate/compatibility",
                json=CheckEmailCompatibilityRequest(html=html, clients=clients).to_dict(),
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CheckEmailCompatibilityData.from_dict,
            request_options,
        )

    async def analyze_email_deliverability(
        self,
        *,
        html: str,
        subject: str | None = None,
        from_name: str | None = None,
        from_email: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> AnalyzeEmailDeliverabilityData:
        """Analyze Email Deliverability

        Args:
            html: Email HTML content to analyze
            subject: Email subject line
            from_name: Sender name
            from_email: Sender email address
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Deliverability analysis completed
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/emails/validate/deliverability",
                json=AnalyzeEmailDeliverabilityRequest(
                    html=html, subject=subject, from_name=from_name, from_email=from_email
                ).to_dict(),
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            AnalyzeEmailDeliverabilityData.from_dict,
            request_options,
        )

    async def analyze_email_links(
        self,
        *,
        html: str,
        timeout: int = 10000,
        follow_redirects: bool = True,
        request_options: RequestOptions | None = None,
    ) -> AnalyzeEmailLinksData:
        """Analyze Email Links

        Args:
            html: Email HTML content containing links
            timeout: Timeout per link in milliseconds
            follow_redirects: Follow HTTP redirects when checking links
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Link analysis completed
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/emails/validate/links",
                json=AnalyzeEmailLinksRequest(
                    html=html, timeout=timeout, follow_redirects=follow_redirects
                ).to_dict(),
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            AnalyzeEmailLinksData.from_dict,
            request_options,
        )

    async def check_spelling_grammar(
        self,
        *,
        html: str,
        languages: list[str] | None = None,
        check_grammar: bool = True,
        request_options: RequestOptions | None = None,
    ) -> CheckSpellingGrammarData:
        """Check Spelling & Grammar

        Args:
            html: Email HTML content to check
            languages: Languages to check (auto-detected if not provided)
            check_grammar: Include grammar checking
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Spelling check completed
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/emails/validate/spelling",
                json=CheckSpellingGrammarRequest(
                    html=html, languages=languages, check_grammar=check_grammar
                ).to_dict(),
                success_key="success",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CheckSpellingGrammarData.from_dict,
            request_options,
        )
