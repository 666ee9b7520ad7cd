"""Errors the client raises; the package's own base name (`<Api>Error`) is an alias of ClientError."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "ArgumentError",
    "AuthenticationError",
    "BadRequestError",
    "ClientError",
    "ConflictError",
    "DecodeError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "UnsuccessfulResponseError",
    "from_response",
]


class ClientError(Exception):
    """Base class of every error this package raises."""


class ArgumentError(ClientError, ValueError):
    """An argument the client refuses before sending anything (a pattern mismatch, an
    unknown `request_options` key, a line break in a header)."""


class DecodeError(ClientError):
    """A response did not have the shape the spec promised.

    `path` names the value (`Contact.tags[2]`); `response` is the HTTP response it came in.
    """

    def __init__(self, path: str, reason: str, response: httpx.Response | None = None) -> None:
        super().__init__(f"cannot decode {path}: {reason}")
        self.path = path
        self.reason = reason
        self.response = response


class APIConnectionError(ClientError):
    """The server could not be reached (after the configured retries)."""

    def __init__(self, request: httpx.Request, cause: Exception | None = None) -> None:
        detail = (
            f": {cause}" if cause and str(cause) else f": {type(cause).__name__}" if cause else ""
        )
        super().__init__(f"connection error on {request.method} {_where(request)}{detail}")
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out (after the configured retries)."""

    def __init__(self, request: httpx.Request, seconds: float | None = None) -> None:
        super().__init__(request)
        after = f" after {seconds:g} s" if seconds is not None else ""
        self.args = (f"request timed out{after}: {request.method} {_where(request)}",)


def _where(request: httpx.Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc.decode()}{request.url.path}"


class APIError(ClientError):
    """The server answered with an error status.

    `body` is the decoded error body: the spec's error model where it declares one for the
    status, else the parsed JSON (or the text). `error`, `code` and `data` are fields of a
    JSON body when it has them.
    """

    def __init__(
        self, response: httpx.Response, body: object, message_key: str | None = None
    ) -> None:
        fields: Mapping[str, Any] = _fields(body)
        self.response = response
        self.status_code = response.status_code
        self.body = body
        error = fields.get(message_key or "error")
        self.error: str | None = error if isinstance(error, str) else None
        code = fields.get("code")
        plain = isinstance(code, (str, int)) and not isinstance(code, bool) and code != ""
        self.code: str | None = str(code) if plain else None
        self.data: Any = fields.get("data")
        message = _message(fields, message_key) or _start(response)
        summary = f"{response.status_code} {response.reason_phrase}".strip()
        detail = f": {message}" if message else ""
        super().__init__(f"{summary}{detail}" + (f" ({self.code})" if self.code else ""))


def _fields(body: object) -> Mapping[str, Any]:
    if isinstance(body, Mapping):
        return body
    to_dict = getattr(body, "to_dict", None)
    return to_dict() if callable(to_dict) else {}  # a decoded error model


def _message(fields: Mapping[str, Any], key: str | None) -> str | None:
    """The server's own words: the first string among the usual message fields."""
    for name in (key, "message", "error", "detail", "title", "error_description"):
        value = fields.get(name) if name else None
        if isinstance(value, str) and value:
            return value
        if isinstance(value, Mapping):  # {"error": {"message": "..."}}
            inner = _message(value, None)
            if inner:
                return inner
    return None


def _start(response: httpx.Response) -> str:
    """The start of a body that has no message field, for the error's text."""
    try:
        text = response.text.strip()
    except (httpx.ResponseNotRead, UnicodeDecodeError):
        return ""
    if text.startswith(("{", "[")):
        return ""  # JSON without a message field says nothing useful in one line
    return text[:200] + ("..." if len(text) > 200 else "")


class UnsuccessfulResponseError(APIError):
    """A 2xx response whose envelope said `success: false`."""


class BadRequestError(APIError):
    """400 Bad Request."""


class AuthenticationError(APIError):
    """401 Unauthorized: the credentials are missing, wrong or revoked."""


class PermissionDeniedError(APIError):
    """403 Forbidden: the credentials lack a permission this call needs."""


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


def from_response(
    response: httpx.Response, body: object = None, message_key: str | None = None
) -> APIError:
    """The error for a 4xx/5xx response; `body` defaults to the parsed JSON (or text)."""
    if body is None:
        try:
            body = response.json()
        except ValueError:
            body = response.text
    cls = (
        InternalServerError
        if response.status_code >= 500
        else _BY_STATUS.get(response.status_code, APIError)
    )
    return cls(response, body, message_key)
