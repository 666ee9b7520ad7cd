"""Campaigns: the Campaigns operations, sync and async."""

from __future__ import annotations

import datetime
from typing import Literal

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from .._runtime.params import path_param
from ..models import (
    ApiError,
    CancelCampaign,
    CreateCampaign,
    CreateCampaignRequest,
    CreateCampaignRequestRecipientType,
    ScheduleCampaign,
    ScheduleCampaignRequest,
)


class Campaigns:
    """Create, schedule, send, and manage email campaigns"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def create_campaign(
        self,
        *,
        project_id: str,
        name: str,
        conversation_id: str,
        from_: str,
        from_name: str,
        recipient_type: CreateCampaignRequestRecipientType | Literal["audience", "tag"],
        recipient_id: str,
        subject: str | None = None,
        preheader_text: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> CreateCampaign:
        """Create Campaign

        Args:
            project_id: Project ID
            name: Campaign name
            conversation_id: Conversation ID of the generated email to use as template
            from_: Sender email address
            from_name: Sender display name
            recipient_type: Send to a segment (audience) or tag
            recipient_id: Segment or tag ID
            subject: Email subject (auto-populated from conversation if omitted)
            preheader_text: Preheader text
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Successful response
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/campaigns",
                json=CreateCampaignRequest(
                    project_id=project_id,
                    name=name,
                    conversation_id=conversation_id,
                    from_=from_,
                    from_name=from_name,
                    recipient_type=recipient_type,
                    recipient_id=recipient_id,
                    subject=subject,
                    preheader_text=preheader_text,
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateCampaign.from_dict,
            request_options,
        )

    def cancel_campaign(
        self,
        id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> CancelCampaign:
        """Cancel Campaign

        Args:
            id: Campaign ID
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Campaign cancelled
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/campaigns/" + path_param(id, "id") + "/cancel",
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            CancelCampaign.from_dict,
            request_options,
        )

    def schedule_campaign(
        self,
        id: str,
        *,
        scheduled_at: datetime.datetime,
        scheduled_timezone: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> ScheduleCampaign:
        """Schedule Campaign

        Args:
            id: Campaign ID
            scheduled_at: ISO 8601 datetime for sending
            scheduled_timezone: IANA timezone (e.g. America/New_York). Defaults to UTC.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Campaign scheduled
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/campaigns/" + path_param(id, "id") + "/schedule",
                json=ScheduleCampaignRequest(
                    scheduled_at=scheduled_at, scheduled_timezone=scheduled_timezone
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            ScheduleCampaign.from_dict,
            request_options,
        )


class AsyncCampaigns:
    """Create, schedule, send, and manage email campaigns"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def create_campaign(
        self,
        *,
        project_id: str,
        name: str,
        conversation_id: str,
        from_: str,
        from_name: str,
        recipient_type: CreateCampaignRequestRecipientType | Literal["audience", "tag"],
        recipient_id: str,
        subject: str | None = None,
        preheader_text: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> CreateCampaign:
        """Create Campaign

        Args:
            project_id: Project ID
            name: Campaign name
            conversation_id: Conversation ID of the generated email to use as template
            from_: Sender email address
            from_name: Sender display name
            recipient_type: Send to a segment (audience) or tag
            recipient_id: Segment or tag ID
            subject: Email subject (auto-populated from conversation if omitted)
            preheader_text: Preheader text
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Successful response
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/campaigns",
                json=CreateCampaignRequest(
                    project_id=project_id,
                    name=name,
                    conversation_id=conversation_id,
                    from_=from_,
                    from_name=from_name,
                    recipient_type=recipient_type,
                    recipient_id=recipient_id,
                    subject=subject,
                    preheader_text=preheader_text,
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateCampaign.from_dict,
            request_options,
        )

    async def cancel_campaign(
        self,
        id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> CancelCampaign:
        """Cancel Campaign

        Args:
            id: Campaign ID
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Campaign cancelled
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/campaigns/" + path_param(id, "id") + "/cancel",
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            CancelCampaign.from_dict,
            request_options,
        )

    async def schedule_campaign(
        self,
        id: str,
        *,
        scheduled_at: datetime.datetime,
        scheduled_timezone: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> ScheduleCampaign:
        """Schedule Campaign

        Args:
            id: Campaign ID
            scheduled_at: ISO 8601 datetime for sending
            scheduled_timezone: IANA timezone (e.g. America/New_York). Defaults to UTC.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Campaign scheduled
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/campaigns/" + path_param(id, "id") + "/schedule",
                json=ScheduleCampaignRequest(
                    scheduled_at=scheduled_at, scheduled_timezone=scheduled_timezone
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            ScheduleCampaign.from_dict,
            request_options,
        )
