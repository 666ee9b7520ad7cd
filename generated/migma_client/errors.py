"""Errors raised by the Migma client. Catch `MigmaError` for all of them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx


class MigmaError(Exception):
    """Base class of every error this package raises."""


class DecodeError(MigmaError):
    """A response did not have the shape the spec promised."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot decode {path}: {reason}")
        self.path = path
        self.reason = reason


class APIConnectionError(MigmaError):
    """The server could not be reached (after the configured retries)."""

    def __init__(self, request: httpx.Request, cause: Exception | None = None) -> None:
        detail = f": {cause}" if cause else ""
        super().__init__(f"connection error on {request.method} {request.url.path}{detail}")
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out (after the configured retries)."""

    def __init__(self, request: httpx.Request) -> None:
        super().__init__(request)
        self.args = (f"request timed out: {request.method} {request.url.path}",)


class APIError(MigmaError):
    """The server answered with an error.

    `error`, `code` and `data` are the fields of the API's error body when it has them.
    """

    def __init__(
        self, response: httpx.Response, body: object, message_key: str | None = "error"
    ) -> None:
        fields: Mapping[str, Any] = body if isinstance(body, Mapping) else {}
        message = fields.get(message_key) if message_key else None
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.error: str | None = message if isinstance(message, str) else None
        code = fields.get("code")
        self.code: str | None = code if isinstance(code, str) else None
        self.data: Any = fields.get("data")
        summary = self.error or response.reason_phrase or "error"
        super().__init__(
            f"{response.status_code} {summary}" + (f" ({self.code})" if self.code else "")
        )


class UnsuccessfulResponseError(APIError):
    """A 2xx response whose envelope said `success: false`."""


class BadRequestError(APIError):
    """400 Bad Request."""


class AuthenticationError(APIError):
    """401 Unauthorized: the API key is missing, wrong or revoked."""


class PermissionDeniedError(APIError):
    """403 Forbidden: the key lacks a scope this call needs."""


class NotFoundError(APIError):
    """404 Not Found."""


class ConflictError(APIError):
    """409 Conflict."""


class UnprocessableEntityError(APIError):
    """422 Unprocessable Entity."""


class RateLimitError(APIError):
    """429 Too Many Requests."""


class InternalServerError(APIError):
    """5xx: the server failed."""


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def from_response(response: httpx.Response) -> APIError:
    """The error for a 4xx/5xx response, with its body decoded when it is JSON."""
    try:
        body: object = response.json()
    except ValueError:
        body = response.text
    if response.status_code >= 500:
        return InternalServerError(response, body)
    return _BY_STATUS.get(response.status_code, APIError)(response, body)
