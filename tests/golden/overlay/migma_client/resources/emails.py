"""Emails: the Emails operations, sync and async."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, Literal

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from .._runtime.jobs import await_job, wait_for_job
from .._runtime.pagination import apaginate, paginate
from .._runtime.params import path_param, query
from ..models import (
    ApiError,
    GenerateEmailAsync,
    GenerateEmailAsyncRequest,
    GenerateEmailAsyncRequestVisibility,
    GetEmailArtifact,
    GetEmailGenerationStatus,
    GetEmailLogs,
    GetEmailLogsEmailsItem,
    GetEmailLogsStatus,
    GetEmailMetrics,
    GetExportStatus,
    ListEmails,
    ListEmailsEmailsItem,
    ListEmailsPagination,
    ListEmailsStatus,
    SendEmail,
    SendEmailRequest,
    SendEmailRequestProviderType,
    SendEmailRequestRecipientType,
    SendTestEmail,
    SendTestEmailRequest,
    UpdateEmailArtifact,
    UpdateEmailArtifactRequest,
)


class Emails:
    """Generate, send, and export emails"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def send_test_email(
        self,
        *,
        conversation_id: str,
        to: str,
        request_options: RequestOptions | None = None,
    ) -> SendTestEmail:
        """Send Test Email

        Args:
            conversation_id: The conversation ID containing the email to send
            to: Recipient email address
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Test email sent successfully
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/emails/test/send",
                json=SendTestEmailRequest(conversation_id=conversation_id, to=to).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            SendTestEmail.from_dict,
            request_options,
        )

    def get_email_artifact(
        self,
        artifact_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetEmailArtifact:
        """Get Email Artifact

        Args:
            artifact_id: Email artifact ID returned in generation status
                result.emails[].artifactId or shown in Publish -> Send via API.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Email artifact retrieved
        """
        return self._client.request(
            Request(
                "GET",
                "/v1/emails/" + path_param(artifact_id, "artifactId", "^[0-9a-fA-F]{24}$"),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetEmailArtifact.from_dict,
            request_options,
        )

    def update_email_artifact(
        self,
        artifact_id: str,
        *,
        source: str,
        vars: dict[str, Any] | None = None,
        lang: str | None = None,
        label: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> UpdateEmailArtifact:
        """Update Email Artifact

        Args:
            artifact_id: Email artifact ID returned in generation status
                result.emails[].artifactId or shown in Publish -> Send via API.
            source: Replacement Migma Email source to compile and save.
            vars: Preview variables used while compiling.
            lang: Preview locale used while compiling.
            label: Optional version label.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Email artifact updated
        """
        return self._client.request(
            Request(
                "PATCH",
                "/v1/emails/" + path_param(artifact_id, "artifactId", "^[0-9a-fA-F]{24}$"),
                json=UpdateEmailArtifactRequest(
                    source=source, vars=vars, lang=lang, label=label
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            UpdateEmailArtifact.from_dict,
            request_options,
        )

    def get_email_logs(
        self,
        email_id: str,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        status: (
            GetEmailLogsStatus
            | Literal[
                "delivered", "opened", "clicked", "bounced", "complained", "suppressed", "sent"
            ]
            | None
        ) = None,
        request_options: RequestOptions | None = None,
    ) -> GetEmailLogs:
        """Get Email Logs

        Per-recipient send log for one generated email, cursor-paginated. Filter by status.
        Returns { emails, nextCursor, hasMore }. Individual rows are retained roughly 30 days.
        Requires the email:read scope.

        Args:
            email_id: Email ID returned in generation status result.emails[].emailId.
            limit: Max rows per page (capped at 100).
            cursor: Pagination cursor from a previous response's nextCursor.
            status: Filter rows by delivery/engagement status.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Email send log
        """
        return self._client.request(
            Request(
                "GET",
                "/v1/emails/" + path_param(email_id, "emailId", "^[0-9a-fA-F]{24}$") + "/logs",
                params=query(
                    {
                        "limit": limit,
                        "cursor": cursor,
                        "status": status,
                    },
                ),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetEmailLogs.from_dict,
            request_options,
        )

    def iter_get_email_logs(
        self,
        email_id: str,
        *,
        limit: int | None = None,
        status: (
            GetEmailLogsStatus
            | Literal[
                "delivered", "opened", "clicked", "bounced", "complained", "suppressed", "sent"
            ]
            | None
        ) = None,
        request_options: RequestOptions | None = None,
    ) -> Iterator[GetEmailLogsEmailsItem]:
        """Every item of `get_email_logs`, across its pages; each page is fetched when iteration reaches it.

        Takes the arguments of `get_email_logs` but `cursor`; a plain iterator.
        It follows `next_cursor` and stops when that is empty or repeats, or at an empty page.
        """
        return paginate(
            lambda cursor: self.get_email_logs(
                email_id,
                limit=limit,
                cursor=cursor,
                status=status,
                request_options=request_options,
            ),
            lambda result: result.emails,
            style="cursor",
            start=None,
            limit=limit,
            has_more=lambda result: result.has_more,
            next_cursor=lambda result: result.next_cursor,
        )

    def get_email_metrics(
        self,
        email_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetEmailMetrics:
        """Get Email Metrics

        Aggregate performance for one generated email across every API send of it: delivery,
        opens, clicks, bounces, complaints, unsubscribes, plus a daily time series and country
        breakdown. Numbers arrive asynchronously and cover roughly the last 30 days of raw
        history (aggregates persist longer). Opens are directional — Apple Mail Privacy
        Protection and bots inflate them; clicks and delivery events are stronger signals.
        Requires the email:read scope.

        Args:
            email_id: Email ID returned in generation status result.emails[].emailId.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Email metrics
        """
        return self._client.request(
            Request(
                "GET",
                "/v1/emails/" + path_param(email_id, "emailId", "^[0-9a-fA-F]{24}$") + "/metrics",
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetEmailMetrics.from_dict,
            request_options,
        )

    def get_export_status(
        self,
        conversation_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetExportStatus:
        """Get Export Status

        Args:
            conversation_id: The conversation ID to check
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Export status retrieved
        """
        return self._client.request(
            Request(
                "GET",
                "/v1/export/status/" + path_param(conversation_id, "conversationId"),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetExportStatus.from_dict,
            request_options,
        )

    def list_emails(
        self,
        *,
        project_id: str,
        limit: int = 20,
        page: int = 1,
        status: (
            ListEmailsStatus | Literal["pending", "processing", "completed", "failed"] | None
        ) = None,
        search: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> ListEmails:
        """List Emails

        Args:
            project_id: Project ID to list emails for
            limit: Maximum number of results (1-100)
            page: Page number
            status: Filter by generation status
            search: Search by title or subject
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            List of emails
        """
        return self._client.request(
            Request(
                "GET",
                "/v1/projects/emails",
                params=query(
                    {
                        "projectId": project_id,
                        "limit": limit,
                        "page": page,
                        "status": status,
                        "search": search,
                    },
                ),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            ListEmails.from_dict,
            request_options,
        )

    def iter_list_emails(
        self,
        *,
        project_id: str,
        limit: int = 20,
        status: (
            ListEmailsStatus | Literal["pending", "processing", "completed", "failed"] | None
        ) = None,
        search: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> Iterator[ListEmailsEmailsItem]:
        """Every item of `list_emails`, across its pages; each page is fetched when iteration reaches it.

        Takes the arguments of `list_emails` but `page`; a plain iterator.
        It stops when `pagination.has_more` is false, or at an empty page.
        """
        return paginate(
            lambda page: self.list_emails(
                project_id=project_id,
                limit=limit,
                page=page,
                status=status,
                search=search,
                request_options=request_options,
            ),
            lambda result: result.emails,
            style="page",
            start=1,
            limit=limit,
            has_more=lambda result: (
                result.pagination.has_more
                if isinstance(result.pagination, ListEmailsPagination)
                else None
            ),
            total=lambda result: (
                result.pagination.total
                if isinstance(result.pagination, ListEmailsPagination)
                else None
            ),
        )

    def generate_email_async(
        self,
        *,
        project_id: str,
        prompt: str,
        images: list[dict[str, Any]] | None = None,
        model: str = "migmaAI-model-v0.1",
        web_mode: bool = True,
        languages: list[str] | None = None,
        visibility: (
            GenerateEmailAsyncRequestVisibility | Literal["private", "unlisted", "public"]
        ) = "private",
        reference_id: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> GenerateEmailAsync:
        """Generate Email (Async)

        Generate one email or a multi-email series for a project using its brand context and
        optional images. Provide count (1-12) to request a specific series length, or omit it to
        infer from the prompt. Returns immediately with a conversationId and pending status. Use
        GET /v1/projects/emails/{conversationId}/status to retrieve production HTML,
        screenshots, and per-email IDs.

        Args:
            web_mode: Allow MigmaAI to do research, use connectors, mcp and more. It may take
                longer to generate the email. Use only if the prompt is unclear or requires
                additional information.
            languages: The languages to generate the email in. If not provided, the email will
                be generated as instructed by the prompt.
            visibility: Set the visibility of the generated conversation. Private conversations
                are only visible to the user, unlisted conversations are accessible via direct
                link but not listed publicly, and public conversations are visible in the public
                gallery.
            reference_id: Optional conversation ID to remix so you can create personalized
                variants from an existing conversation.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Email generation started
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/projects/emails/generate",
                json=GenerateEmailAsyncRequest(
                    project_id=project_id,
                    prompt=prompt,
                    images=images,
                    model=model,
                    web_mode=web_mode,
                    languages=languages,
                    visibility=visibility,
                    reference_id=reference_id,
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            GenerateEmailAsync.from_dict,
            request_options,
        )

    def get_email_generation_status(
        self,
        conversation_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetEmailGenerationStatus:
        """Get Email Generation Status

        Check email generation status. When completed, returns primary email HTML plus
        result.emails[] for every generated email, including emailId, subject, HTML, screenshot
        URL, and series order.

        Args:
            conversation_id: The conversation ID returned from the generate endpoint
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Email status retrieved
        """
        return self._client.request(
            Request(
                "GET",
                "/v1/projects/emails/" + path_param(conversation_id, "conversationId") + "/status",
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetEmailGenerationStatus.from_dict,
            request_options,
        )

    def wait_for_email_generation(
        self,
        conversation_id: str,
        *,
        interval: float = 2.0,
        timeout: float = 600.0,
        request_options: RequestOptions | None = None,
    ) -> GetEmailGenerationStatus:
        """Call `get_email_generation_status` every `interval` seconds until `status` is one of: completed, failed.

        Takes the arguments of `get_email_generation_status`; returns its final result. Past `timeout` seconds
        it raises `JobTimeoutError`, holding the last result in `last`.
        """
        return wait_for_job(
            lambda: self.get_email_generation_status(
                conversation_id,
                request_options=request_options,
            ),
            lambda result: result.status,
            {"completed", "failed"},
            interval=interval,
            timeout=timeout,
        )

    def send_email(
        self,
        *,
        recipient_type: (
            SendEmailRequestRecipientType | Literal["email", "audience", "segment", "tag"]
        ),
        from_: str,
        from_name: str,
        subject: str,
        recipient_id: str | None = None,
        recipient_email: str | None = None,
        reply_to: str | None = None,
        template: str | None = None,
        variables: dict[str, Any] | None = None,
        provider_type: (
            SendEmailRequestProviderType | Literal["ses", "resend", "sendgrid", "mailgun", "migma"]
        ) = "migma",
        project_id: str | None = None,
        conversation_id: str | None = None,
        transactional: bool | None = None,
        email_id: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> SendEmail:
        """Send Email

        Send one generated email to a single recipient, audience, segment, or tag. Provide
        emailId to send a specific email from a conversation or series. conversationId remains
        supported for single-email conversations. All sends are queued for background delivery
        and return immediately with status queued. Single-recipient sends are transactional by
        default; batch sends default to marketing. Requires API key with email:send.

        Args:
            recipient_type: Type of recipient. 'email' for single send, 'audience' or 'segment'
                for segment-based batch sends, 'tag' for tag-based batch sends.
            from_: Sender email address (must be from a verified domain)
            from_name: Sender display name
            recipient_id: Required for audience/segment/tag sends. The segment or tag ID.
            recipient_email: Required for single email sends.
            template: Email HTML template. Required unless conversationId is provided, in which
                case the template is resolved from the conversation.
            variables: Template variables for personalization
            provider_type: Email service provider to send through. Defaults to Migma's built-in
                sending. To use an external provider, connect it first in Settings →
                Integrations → Email Providers.
            project_id: Project ID. Optional when emailId or conversationId resolves the project
                automatically.
            conversation_id: Conversation ID from a generated email. Works for single-email
                conversations. For series, use emailId.
            transactional: Controls whether the email is treated as transactional (order
                confirmations, password resets) or marketing. Defaults to true for single sends
                (recipientType 'email') and false for batch sends (recipientType 'audience',
                'segment', 'tag'). Transactional emails bypass subscription status and topic
                preference filters, and omit List-Unsubscribe headers. Bounced and invalid
                addresses are always excluded. Set explicitly to override the default.
            email_id: Generated email ID from result.emails[].emailId. Recommended for all
                generated emails and required for series slots.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Successful response
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/sending",
                json=SendEmailRequest(
                    recipient_type=recipient_type,
                    from_=from_,
                    from_name=from_name,
                    subject=subject,
                    recipient_id=recipient_id,
                    recipient_email=recipient_email,
                    reply_to=reply_to,
                    template=template,
                    variables=variables,
                    provider_type=provider_type,
                    project_id=project_id,
                    conversation_id=conversation_id,
                    transactional=transactional,
                    email_id=email_id,
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            SendEmail.from_dict,
            request_options,
        )


class AsyncEmails:
    """Generate, send, and export emails"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def send_test_email(
        self,
        *,
        conversation_id: str,
        to: str,
        request_options: RequestOptions | None = None,
    ) -> SendTestEmail:
        """Send Test Email

        Args:
            conversation_id: The conversation ID containing the email to send
            to: Recipient email address
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Test email sent successfully
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/emails/test/send",
                json=SendTestEmailRequest(conversation_id=conversation_id, to=to).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            SendTestEmail.from_dict,
            request_options,
        )

    async def get_email_artifact(
        self,
        artifact_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetEmailArtifact:
        """Get Email Artifact

        Args:
            artifact_id: Email artifact ID returned in generation status
                result.emails[].artifactId or shown in Publish -> Send via API.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Email artifact retrieved
        """
        return await self._client.request(
            Request(
                "GET",
                "/v1/emails/" + path_param(artifact_id, "artifactId", "^[0-9a-fA-F]{24}$"),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetEmailArtifact.from_dict,
            request_options,
        )

    async def update_email_artifact(
        self,
        artifact_id: str,
        *,
        source: str,
        vars: dict[str, Any] | None = None,
        lang: str | None = None,
        label: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> UpdateEmailArtifact:
        """Update Email Artifact

        Args:
            artifact_id: Email artifact ID returned in generation status
                result.emails[].artifactId or shown in Publish -> Send via API.
            source: Replacement Migma Email source to compile and save.
            vars: Preview variables used while compiling.
            lang: Preview locale used while compiling.
            label: Optional version label.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Email artifact updated
        """
        return await self._client.request(
            Request(
                "PATCH",
                "/v1/emails/" + path_param(artifact_id, "artifactId", "^[0-9a-fA-F]{24}$"),
                json=UpdateEmailArtifactRequest(
                    source=source, vars=vars, lang=lang, label=label
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            UpdateEmailArtifact.from_dict,
            request_options,
        )

    async def get_email_logs(
        self,
        email_id: str,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        status: (
            GetEmailLogsStatus
            | Literal[
                "delivered", "opened", "clicked", "bounced", "complained", "suppressed", "sent"
            ]
            | None
        ) = None,
        request_options: RequestOptions | None = None,
    ) -> GetEmailLogs:
        """Get Email Logs

        Per-recipient send log for one generated email, cursor-paginated. Filter by status.
        Returns { emails, nextCursor, hasMore }. Individual rows are retained roughly 30 days.
        Requires the email:read scope.

        Args:
            email_id: Email ID returned in generation status result.emails[].emailId.
            limit: Max rows per page (capped at 100).
            cursor: Pagination cursor from a previous response's nextCursor.
            status: Filter rows by delivery/engagement status.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Email send log
        """
        return await self._client.request(
            Request(
                "GET",
                "/v1/emails/" + path_param(email_id, "emailId", "^[0-9a-fA-F]{24}$") + "/logs",
                params=query(
                    {
                        "limit": limit,
                        "cursor": cursor,
                        "status": status,
                    },
                ),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetEmailLogs.from_dict,
            request_options,
        )

    def iter_get_email_logs(
        self,
        email_id: str,
        *,
        limit: int | None = None,
        status: (
            GetEmailLogsStatus
            | Literal[
                "delivered", "opened", "clicked", "bounced", "complained", "suppressed", "sent"
            ]
            | None
        ) = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncIterator[GetEmailLogsEmailsItem]:
        """Every item of `get_email_logs`, across its pages; each page is fetched when iteration reaches it.

        Takes the arguments of `get_email_logs` but `cursor`; use it with `async for`.
        It follows `next_cursor` and stops when that is empty or repeats, or at an empty page.
        """
        return apaginate(
            lambda cursor: self.get_email_logs(
                email_id,
                limit=limit,
                cursor=cursor,
                status=status,
                request_options=request_options,
            ),
            lambda result: result.emails,
            style="cursor",
            start=None,
            limit=limit,
            has_more=lambda result: result.has_more,
            next_cursor=lambda result: result.next_cursor,
        )

    async def get_email_metrics(
        self,
        email_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetEmailMetrics:
        """Get Email Metrics

        Aggregate performance for one generated email across every API send of it: delivery,
        opens, clicks, bounces, complaints, unsubscribes, plus a daily time series and country
        breakdown. Numbers arrive asynchronously and cover roughly the last 30 days of raw
        history (aggregates persist longer). Opens are directional — Apple Mail Privacy
        Protection and bots inflate them; clicks and delivery events are stronger signals.
        Requires the email:read scope.

        Args:
            email_id: Email ID returned in generation status result.emails[].emailId.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Email metrics
        """
        return await self._client.request(
            Request(
                "GET",
                "/v1/emails/" + path_param(email_id, "emailId", "^[0-9a-fA-F]{24}$") + "/metrics",
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetEmailMetrics.from_dict,
            request_options,
        )

    async def get_export_status(
        self,
        conversation_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetExportStatus:
        """Get Export Status

        Args:
            conversation_id: The conversation ID to check
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Export status retrieved
        """
        return await self._client.request(
            Request(
                "GET",
                "/v1/export/status/" + path_param(conversation_id, "conversationId"),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetExportStatus.from_dict,
            request_options,
        )

    async def list_emails(
        self,
        *,
        project_id: str,
        limit: int = 20,
        page: int = 1,
        status: (
            ListEmailsStatus | Literal["pending", "processing", "completed", "failed"] | None
        ) = None,
        search: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> ListEmails:
        """List Emails

        Args:
            project_id: Project ID to list emails for
            limit: Maximum number of results (1-100)
            page: Page number
            status: Filter by generation status
            search: Search by title or subject
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            List of emails
        """
        return await self._client.request(
            Request(
                "GET",
                "/v1/projects/emails",
                params=query(
                    {
                        "projectId": project_id,
                        "limit": limit,
                        "page": page,
                        "status": status,
                        "search": search,
                    },
                ),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            ListEmails.from_dict,
            request_options,
        )

    def iter_list_emails(
        self,
        *,
        project_id: str,
        limit: int = 20,
        status: (
            ListEmailsStatus | Literal["pending", "processing", "completed", "failed"] | None
        ) = None,
        search: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncIterator[ListEmailsEmailsItem]:
        """Every item of `list_emails`, across its pages; each page is fetched when iteration reaches it.

        Takes the arguments of `list_emails` but `page`; use it with `async for`.
        It stops when `pagination.has_more` is false, or at an empty page.
        """
        return apaginate(
            lambda page: self.list_emails(
                project_id=project_id,
                limit=limit,
                page=page,
                status=status,
                search=search,
                request_options=request_options,
            ),
            lambda result: result.emails,
            style="page",
            start=1,
            limit=limit,
            has_more=lambda result: (
                result.pagination.has_more
                if isinstance(result.pagination, ListEmailsPagination)
                else None
            ),
            total=lambda result: (
                result.pagination.total
                if isinstance(result.pagination, ListEmailsPagination)
                else None
            ),
        )

    async def generate_email_async(
        self,
        *,
        project_id: str,
        prompt: str,
        images: list[dict[str, Any]] | None = None,
        model: str = "migmaAI-model-v0.1",
        web_mode: bool = True,
        languages: list[str] | None = None,
        visibility: (
            GenerateEmailAsyncRequestVisibility | Literal["private", "unlisted", "public"]
        ) = "private",
        reference_id: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> GenerateEmailAsync:
        """Generate Email (Async)

        Generate one email or a multi-email series for a project using its brand context and
        optional images. Provide count (1-12) to request a specific series length, or omit it to
        infer from the prompt. Returns immediately with a conversationId and pending status. Use
        GET /v1/projects/emails/{conversationId}/status to retrieve production HTML,
        screenshots, and per-email IDs.

        Args:
            web_mode: Allow MigmaAI to do research, use connectors, mcp and more. It may take
                longer to generate the email. Use only if the prompt is unclear or requires
                additional information.
            languages: The languages to generate the email in. If not provided, the email will
                be generated as instructed by the prompt.
            visibility: Set the visibility of the generated conversation. Private conversations
                are only visible to the user, unlisted conversations are accessible via direct
                link but not listed publicly, and public conversations are visible in the public
                gallery.
            reference_id: Optional conversation ID to remix so you can create personalized
                variants from an existing conversation.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Email generation started
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/projects/emails/generate",
                json=GenerateEmailAsyncRequest(
                    project_id=project_id,
                    prompt=prompt,
                    images=images,
                    model=model,
                    web_mode=web_mode,
                    languages=languages,
                    visibility=visibility,
                    reference_id=reference_id,
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            GenerateEmailAsync.from_dict,
            request_options,
        )

    async def get_email_generation_status(
        self,
        conversation_id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> GetEmailGenerationStatus:
        """Get Email Generation Status

        Check email generation status. When completed, returns primary email HTML plus
        result.emails[] for every generated email, including emailId, subject, HTML, screenshot
        URL, and series order.

        Args:
            conversation_id: The conversation ID returned from the generate endpoint
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Email status retrieved
        """
        return await self._client.request(
            Request(
                "GET",
                "/v1/projects/emails/" + path_param(conversation_id, "conversationId") + "/status",
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            GetEmailGenerationStatus.from_dict,
            request_options,
        )

    async def wait_for_email_generation(
        self,
        conversation_id: str,
        *,
        interval: float = 2.0,
        timeout: float = 600.0,
        request_options: RequestOptions | None = None,
    ) -> GetEmailGenerationStatus:
        """Call `get_email_generation_status` every `interval` seconds until `status` is one of: completed, failed.

        Takes the arguments of `get_email_generation_status`; returns its final result. Past `timeout` seconds
        it raises `JobTimeoutError`, holding the last result in `last`.
        """
        return await await_job(
            lambda: self.get_email_generation_status(
                conversation_id,
                request_options=request_options,
            ),
            lambda result: result.status,
            {"completed", "failed"},
            interval=interval,
            timeout=timeout,
        )

    async def send_email(
        self,
        *,
        recipient_type: (
            SendEmailRequestRecipientType | Literal["email", "audience", "segment", "tag"]
        ),
        from_: str,
        from_name: str,
        subject: str,
        recipient_id: str | None = None,
        recipient_email: str | None = None,
        reply_to: str | None = None,
        template: str | None = None,
        variables: dict[str, Any] | None = None,
        provider_type: (
            SendEmailRequestProviderType | Literal["ses", "resend", "sendgrid", "mailgun", "migma"]
        ) = "migma",
        project_id: str | None = None,
        conversation_id: str | None = None,
        transactional: bool | None = None,
        email_id: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> SendEmail:
        """Send Email

        Send one generated email to a single recipient, audience, segment, or tag. Provide
        emailId to send a specific email from a conversation or series. conversationId remains
        supported for single-email conversations. All sends are queued for background delivery
        and return immediately with status queued. Single-recipient sends are transactional by
        default; batch sends default to marketing. Requires API key with email:send.

        Args:
            recipient_type: Type of recipient. 'email' for single send, 'audience' or 'segment'
                for segment-based batch sends, 'tag' for tag-based batch sends.
            from_: Sender email address (must be from a verified domain)
            from_name: Sender display name
            recipient_id: Required for audience/segment/tag sends. The segment or tag ID.
            recipient_email: Required for single email sends.
            template: Email HTML template. Required unless conversationId is provided, in which
                case the template is resolved from the conversation.
            variables: Template variables for personalization
            provider_type: Email service provider to send through. Defaults to Migma's built-in
                sending. To use an external provider, connect it first in Settings →
                Integrations → Email Providers.
            project_id: Project ID. Optional when emailId or conversationId resolves the project
                automatically.
            conversation_id: Conversation ID from a generated email. Works for single-email
                conversations. For series, use emailId.
            transactional: Controls whether the email is treated as transactional (order
                confirmations, password resets) or marketing. Defaults to true for single sends
                (recipientType 'email') and false for batch sends (recipientType 'audience',
                'segment', 'tag'). Transactional emails bypass subscription status and topic
                preference filters, and omit List-Unsubscribe headers. Bounced and invalid
                addresses are always excluded. Set explicitly to override the default.
            email_id: Generated email ID from result.emails[].emailId. Recommended for all
                generated emails and required for series slots.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Successful response
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/sending",
                json=SendEmailRequest(
                    recipient_type=recipient_type,
                    from_=from_,
                    from_name=from_name,
                    subject=subject,
                    recipient_id=recipient_id,
                    recipient_email=recipient_email,
                    reply_to=reply_to,
                    template=template,
                    variables=variables,
                    provider_type=provider_type,
                    project_id=project_id,
                    conversation_id=conversation_id,
                    transactional=transactional,
                    email_id=email_id,
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            SendEmail.from_dict,
            request_options,
        )
