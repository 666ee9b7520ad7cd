"""Contacts: the Contacts operations, sync and async."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, Literal

from .._runtime.client import AsyncClient, Request, RequestOptions, SyncClient
from .._runtime.codec import UNSET, Unset
from .._runtime.jobs import await_job, wait_for_job
from .._runtime.pagination import apaginate, paginate
from .._runtime.params import FileInput, file_part, multipart_fields, path_param, query
from ..models import (
    AddContact,
    AddContactRequest,
    AddContactRequestStatus,
    ApiError,
    BatchDeleteContacts,
    BatchDeleteContactsRequest,
    ContactImportStatus,
    CreateContactImport,
    CreateContactImportRequestOnConflict,
    ListContactsItem,
    ListContactsResult,
    ListContactsStatus,
    UpdateContact,
    UpdateContactRequest,
    UpdateContactRequestStatus,
)


class Contacts:
    """Manage your contacts, segments, tags, and topics"""

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def list_contacts(
        self,
        *,
        project_id: str,
        page: int = 1,
        limit: int = 20,
        tags: str | None = None,
        status: (
            ListContactsStatus | Literal["active", "unsubscribed", "bounced", "complained"] | None
        ) = None,
        search: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> ListContactsResult:
        """List Contacts

        Args:
            project_id: Project ID
            page: Page number for pagination
            limit: Number of results per page (max 100)
            tags: Comma-separated tag names
            status: Filter by contact status
            search: Search query to filter contacts
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Contacts list
        """
        return self._client.request(
            Request(
                "GET",
                "/v1/contacts",
                params=query(
                    {
                        "projectId": project_id,
                        "page": page,
                        "limit": limit,
                        "tags": tags,
                        "status": status,
                        "search": search,
                    },
                ),
                success_key="success",
                error_key="error",
                errors={"401": ApiError.from_dict},
            ),
            ListContactsResult.from_dict,
            request_options,
        )

    def iter_list_contacts(
        self,
        *,
        project_id: str,
        limit: int = 20,
        tags: str | None = None,
        status: (
            ListContactsStatus | Literal["active", "unsubscribed", "bounced", "complained"] | None
        ) = None,
        search: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> Iterator[ListContactsItem]:
        """Every item of `list_contacts`, across its pages; each page is fetched when iteration reaches it.

        Takes the arguments of `list_contacts` but `page`; a plain iterator.
        It stops once `count` items were seen, read as the total; should that field only ever
        equal the page's length, it is not trusted and the walk stops at a page shorter than
        `limit`.
        """
        return paginate(
            lambda page: self.list_contacts(
                project_id=project_id,
                page=page,
                limit=limit,
                tags=tags,
                status=status,
                search=search,
                request_options=request_options,
            ),
            lambda result: result.data,
            style="page",
            start=1,
            limit=limit,
            total=lambda result: result.count,
        )

    def add_contact(
        self,
        *,
        email: str,
        project_id: str,
        first_name: str | None = None,
        last_name: str | None = None,
        phone: str | None = None,
        country: str | None = None,
        language: str | None = None,
        tags: list[str] | None = None,
        custom_fields: dict[str, Any] | None = None,
        status: (
            AddContactRequestStatus
            | Literal["subscribed", "unsubscribed", "bounced", "non-subscribed"]
            | None
        ) = None,
        request_options: RequestOptions | None = None,
    ) -> AddContact:
        """Add Contact

        Args:
            phone: Phone number (free-form, max 30 chars)
            status: Contact subscription status. Defaults to subscribed.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Contact created
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/contacts",
                json=AddContactRequest(
                    email=email,
                    project_id=project_id,
                    first_name=first_name,
                    last_name=last_name,
                    phone=phone,
                    country=country,
                    language=language,
                    tags=tags,
                    custom_fields=custom_fields,
                    status=status,
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            AddContact.from_dict,
            request_options,
        )

    def batch_delete_contacts(
        self,
        *,
        emails: list[str],
        project_id: str,
        idempotency_key: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> BatchDeleteContacts:
        """Batch Delete Contacts

        Delete up to 1000 contacts by email in a single request. Requires API key with
        audience:write. Partial-success-safe: emails with no matching contact are returned in
        notFound, never treated as errors.

        Args:
            emails: Email addresses to delete (1-1000 per request).
            idempotency_key: Sent as `Idempotency-Key`; a UUID is generated when not given.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Batch delete result
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/contacts/bulk-delete",
                json=BatchDeleteContactsRequest(emails=emails, project_id=project_id).to_dict(),
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            BatchDeleteContacts.from_dict,
            request_options,
        )

    def create_contact_import(
        self,
        *,
        file: FileInput,
        project_id: str,
        column_map: str,
        on_conflict: CreateContactImportRequestOnConflict | Literal["skip", "upsert"] = "upsert",
        delimiter: str = ",",
        tags: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> CreateContactImport:
        """Create Contact Import

        Import contacts from an uploaded CSV file. The file is stored and processed in the
        background; poll `GET /v1/contacts/imports/{id}` for status and counts. Requires API key
        with audience:write.

        Args:
            file: CSV file to import
            project_id: Project ID
            column_map: JSON string mapping subscriber fields to CSV header names. Only email is
                required. Supported keys: email, firstName, lastName, name, phone, country,
                language, and customFields (an object mapping each custom field key to its CSV
                header). Example: {"email":"Email","firstName":"First
                Name","customFields":{"plan":"Plan"}}.
            on_conflict: How to handle rows whose email already exists.
            delimiter: CSV field delimiter.
            tags: Tag names to apply to every imported contact, as a JSON array (e.g.
                ["newsletter"]) or a comma-separated string. Tags are created if they do not
                exist.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Import accepted for background processing
        """
        return self._client.request(
            Request(
                "POST",
                "/v1/contacts/imports",
                files=[
                    *multipart_fields(
                        {
                            "projectId": project_id,
                            "columnMap": column_map,
                            "onConflict": on_conflict,
                            "delimiter": delimiter,
                            "tags": tags,
                        }
                    ),
                    ("file", file_part(file)),
                ],
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateContactImport.from_dict,
            request_options,
        )

    def get_contact_import(
        self,
        id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> ContactImportStatus:
        """Get Contact Import

        Get a contact import's status and counts. Requires API key with audience:read.

        Args:
            id: Import job ID (MongoDB ObjectId)
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Import status and counts
        """
        return self._client.request(
            Request(
                "GET",
                "/v1/contacts/imports/" + path_param(id, "id", "^[0-9a-fA-F]{24}$"),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            ContactImportStatus.from_dict,
            request_options,
        )

    def wait_for_contact_import(
        self,
        id: str,
        *,
        interval: float = 2.0,
        timeout: float = 600.0,
        request_options: RequestOptions | None = None,
    ) -> ContactImportStatus:
        """Call `get_contact_import` every `interval` seconds until `status` is one of: completed, failed.

        Takes the arguments of `get_contact_import`; returns its final result. Past `timeout` seconds
        it raises `JobTimeoutError`, holding the last result in `last`.
        """
        return wait_for_job(
            lambda: self.get_contact_import(
                id,
                request_options=request_options,
            ),
            lambda result: result.status,
            {"completed", "failed"},
            interval=interval,
            timeout=timeout,
        )

    def update_contact(
        self,
        id: str,
        *,
        project_id: str,
        first_name: str | None = None,
        last_name: str | None = None,
        phone: str | None | Unset = UNSET,
        country: str | None | Unset = UNSET,
        language: str | None | Unset = UNSET,
        tags: list[str] | None = None,
        custom_fields: dict[str, Any] | None = None,
        status: (
            UpdateContactRequestStatus
            | Literal["subscribed", "unsubscribed", "bounced", "non-subscribed"]
            | None
        ) = None,
        request_options: RequestOptions | None = None,
    ) -> UpdateContact:
        """Update Contact

        Update a contact’s details. Requires API key with audience:write.

        Args:
            id: Contact ID (MongoDB ObjectId)
            phone: Phone number (free-form, max 30 chars). Null clears the field.
            country: ISO 3166-1 alpha-2 country code
            language: Language code (ISO 639-1 or BCP 47)
            tags: Tag names (tags will be auto-created if they don't exist)
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Contact updated
        """
        return self._client.request(
            Request(
                "PATCH",
                "/v1/contacts/" + path_param(id, "id", "^[0-9a-fA-F]{24}$"),
                json=UpdateContactRequest(
                    project_id=project_id,
                    first_name=first_name,
                    last_name=last_name,
                    phone=phone,
                    country=country,
                    language=language,
                    tags=tags,
                    custom_fields=custom_fields,
                    status=status,
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            UpdateContact.from_dict,
            request_options,
        )


class AsyncContacts:
    """Manage your contacts, segments, tags, and topics"""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def list_contacts(
        self,
        *,
        project_id: str,
        page: int = 1,
        limit: int = 20,
        tags: str | None = None,
        status: (
            ListContactsStatus | Literal["active", "unsubscribed", "bounced", "complained"] | None
        ) = None,
        search: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> ListContactsResult:
        """List Contacts

        Args:
            project_id: Project ID
            page: Page number for pagination
            limit: Number of results per page (max 100)
            tags: Comma-separated tag names
            status: Filter by contact status
            search: Search query to filter contacts
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Contacts list
        """
        return await self._client.request(
            Request(
                "GET",
                "/v1/contacts",
                params=query(
                    {
                        "projectId": project_id,
                        "page": page,
                        "limit": limit,
                        "tags": tags,
                        "status": status,
                        "search": search,
                    },
                ),
                success_key="success",
                error_key="error",
                errors={"401": ApiError.from_dict},
            ),
            ListContactsResult.from_dict,
            request_options,
        )

    def iter_list_contacts(
        self,
        *,
        project_id: str,
        limit: int = 20,
        tags: str | None = None,
        status: (
            ListContactsStatus | Literal["active", "unsubscribed", "bounced", "complained"] | None
        ) = None,
        search: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> AsyncIterator[ListContactsItem]:
        """Every item of `list_contacts`, across its pages; each page is fetched when iteration reaches it.

        Takes the arguments of `list_contacts` but `page`; use it with `async for`.
        It stops once `count` items were seen, read as the total; should that field only ever
        equal the page's length, it is not trusted and the walk stops at a page shorter than
        `limit`.
        """
        return apaginate(
            lambda page: self.list_contacts(
                project_id=project_id,
                page=page,
                limit=limit,
                tags=tags,
                status=status,
                search=search,
                request_options=request_options,
            ),
            lambda result: result.data,
            style="page",
            start=1,
            limit=limit,
            total=lambda result: result.count,
        )

    async def add_contact(
        self,
        *,
        email: str,
        project_id: str,
        first_name: str | None = None,
        last_name: str | None = None,
        phone: str | None = None,
        country: str | None = None,
        language: str | None = None,
        tags: list[str] | None = None,
        custom_fields: dict[str, Any] | None = None,
        status: (
            AddContactRequestStatus
            | Literal["subscribed", "unsubscribed", "bounced", "non-subscribed"]
            | None
        ) = None,
        request_options: RequestOptions | None = None,
    ) -> AddContact:
        """Add Contact

        Args:
            phone: Phone number (free-form, max 30 chars)
            status: Contact subscription status. Defaults to subscribed.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Contact created
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/contacts",
                json=AddContactRequest(
                    email=email,
                    project_id=project_id,
                    first_name=first_name,
                    last_name=last_name,
                    phone=phone,
                    country=country,
                    language=language,
                    tags=tags,
                    custom_fields=custom_fields,
                    status=status,
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            AddContact.from_dict,
            request_options,
        )

    async def batch_delete_contacts(
        self,
        *,
        emails: list[str],
        project_id: str,
        idempotency_key: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> BatchDeleteContacts:
        """Batch Delete Contacts

        Delete up to 1000 contacts by email in a single request. Requires API key with
        audience:write. Partial-success-safe: emails with no matching contact are returned in
        notFound, never treated as errors.

        Args:
            emails: Email addresses to delete (1-1000 per request).
            idempotency_key: Sent as `Idempotency-Key`; a UUID is generated when not given.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Batch delete result
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/contacts/bulk-delete",
                json=BatchDeleteContactsRequest(emails=emails, project_id=project_id).to_dict(),
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            BatchDeleteContacts.from_dict,
            request_options,
        )

    async def create_contact_import(
        self,
        *,
        file: FileInput,
        project_id: str,
        column_map: str,
        on_conflict: CreateContactImportRequestOnConflict | Literal["skip", "upsert"] = "upsert",
        delimiter: str = ",",
        tags: str | None = None,
        request_options: RequestOptions | None = None,
    ) -> CreateContactImport:
        """Create Contact Import

        Import contacts from an uploaded CSV file. The file is stored and processed in the
        background; poll `GET /v1/contacts/imports/{id}` for status and counts. Requires API key
        with audience:write.

        Args:
            file: CSV file to import
            project_id: Project ID
            column_map: JSON string mapping subscriber fields to CSV header names. Only email is
                required. Supported keys: email, firstName, lastName, name, phone, country,
                language, and customFields (an object mapping each custom field key to its CSV
                header). Example: {"email":"Email","firstName":"First
                Name","customFields":{"plan":"Plan"}}.
            on_conflict: How to handle rows whose email already exists.
            delimiter: CSV field delimiter.
            tags: Tag names to apply to every imported contact, as a JSON array (e.g.
                ["newsletter"]) or a comma-separated string. Tags are created if they do not
                exist.
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Import accepted for background processing
        """
        return await self._client.request(
            Request(
                "POST",
                "/v1/contacts/imports",
                files=[
                    *multipart_fields(
                        {
                            "projectId": project_id,
                            "columnMap": column_map,
                            "onConflict": on_conflict,
                            "delimiter": delimiter,
                            "tags": tags,
                        }
                    ),
                    ("file", file_part(file)),
                ],
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict},
            ),
            CreateContactImport.from_dict,
            request_options,
        )

    async def get_contact_import(
        self,
        id: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> ContactImportStatus:
        """Get Contact Import

        Get a contact import's status and counts. Requires API key with audience:read.

        Args:
            id: Import job ID (MongoDB ObjectId)
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Import status and counts
        """
        return await self._client.request(
            Request(
                "GET",
                "/v1/contacts/imports/" + path_param(id, "id", "^[0-9a-fA-F]{24}$"),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            ContactImportStatus.from_dict,
            request_options,
        )

    async def wait_for_contact_import(
        self,
        id: str,
        *,
        interval: float = 2.0,
        timeout: float = 600.0,
        request_options: RequestOptions | None = None,
    ) -> ContactImportStatus:
        """Call `get_contact_import` every `interval` seconds until `status` is one of: completed, failed.

        Takes the arguments of `get_contact_import`; returns its final result. Past `timeout` seconds
        it raises `JobTimeoutError`, holding the last result in `last`.
        """
        return await await_job(
            lambda: self.get_contact_import(
                id,
                request_options=request_options,
            ),
            lambda result: result.status,
            {"completed", "failed"},
            interval=interval,
            timeout=timeout,
        )

    async def update_contact(
        self,
        id: str,
        *,
        project_id: str,
        first_name: str | None = None,
        last_name: str | None = None,
        phone: str | None | Unset = UNSET,
        country: str | None | Unset = UNSET,
        language: str | None | Unset = UNSET,
        tags: list[str] | None = None,
        custom_fields: dict[str, Any] | None = None,
        status: (
            UpdateContactRequestStatus
            | Literal["subscribed", "unsubscribed", "bounced", "non-subscribed"]
            | None
        ) = None,
        request_options: RequestOptions | None = None,
    ) -> UpdateContact:
        """Update Contact

        Update a contact’s details. Requires API key with audience:write.

        Args:
            id: Contact ID (MongoDB ObjectId)
            phone: Phone number (free-form, max 30 chars). Null clears the field.
            country: ISO 3166-1 alpha-2 country code
            language: Language code (ISO 639-1 or BCP 47)
            tags: Tag names (tags will be auto-created if they don't exist)
            request_options: Per-call headers, query parameters, timeout and retries.

        Returns:
            Contact updated
        """
        return await self._client.request(
            Request(
                "PATCH",
                "/v1/contacts/" + path_param(id, "id", "^[0-9a-fA-F]{24}$"),
                json=UpdateContactRequest(
                    project_id=project_id,
                    first_name=first_name,
                    last_name=last_name,
                    phone=phone,
                    country=country,
                    language=language,
                    tags=tags,
                    custom_fields=custom_fields,
                    status=status,
                ).to_dict(),
                success_key="success",
                error_key="error",
                unwrap="data",
                errors={"401": ApiError.from_dict, "404": ApiError.from_dict},
            ),
            UpdateContact.from_dict,
            request_options,
        )
