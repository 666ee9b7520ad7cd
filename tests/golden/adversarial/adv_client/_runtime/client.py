"""The client core: configuration, authentication, retries, timeouts, logging and decoding.

Everything that depends on the API (its name, base URL, security schemes) arrives as an
`ApiConfig` from the generated `_client.py`; this module is the same in every client.
"""

from __future__ import annotations

import base64
import contextvars
import datetime
import email.utils
import logging
import math
import os
import platform
import random
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any, Generic, Literal, ParamSpec, TypedDict, TypeVar

import httpx

from . import errors
from .params import check_headers, query
from .streaming import AsyncBinaryResponse, AsyncStream, BinaryResponse, Stream

__all__ = [
    "ApiConfig",
    "APIResponse",
    "AsyncClient",
    "ByStatus",
    "Request",
    "RequestOptions",
    "Scheme",
    "SyncClient",
    "with_raw_response",
]

T = TypeVar("T")
P = ParamSpec("P")

DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 2
_INITIAL_RETRY_DELAY = 0.5
_MAX_RETRY_DELAY = 8.0
_MAX_RETRY_AFTER = 60.0
_RETRY_STATUSES = frozenset({408, 429})
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
# Failures that happen before the request reaches the server: retrying them is always safe.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_SECRET_HEADERS = frozenset({"authorization", "cookie", "x-api-key", "proxy-authorization"})

SchemeKind = Literal["bearer", "basic", "api_key_header", "api_key_query", "api_key_cookie"]


@dataclass(frozen=True)
class Scheme:
    """A security scheme of the spec and the client argument that holds its credential."""

    name: str  # the spec's scheme name
    kind: SchemeKind
    parameter: str  # the header, query or cookie name
    argument: str  # the client's keyword argument: `api_key`, `basic_auth`...
    env: str  # the environment variable read when the argument is not given
    prefix: str = ""  # sent before the credential: "Bearer "


@dataclass(frozen=True)
class ApiConfig:
    """What the client core needs to know about one API."""

    package: str  # the Python package: names the logger and the User-Agent
    version: str  # the package's version
    generator: str  # the oagen version that generated it
    base_url: str  # the spec's first server, or ""; `{name}` placeholders are server variables
    base_url_env: str  # the environment variable that overrides it
    log_env: str  # `<PREFIX>_LOG=debug` turns on debug logging
    schemes: tuple[Scheme, ...] = ()


class RequestOptions(TypedDict, total=False):
    """Per-call settings that override the client's own."""

    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, Any]
    extra_body: Mapping[str, Any]
    timeout: float | httpx.Timeout
    max_retries: int


_OPTION_KEYS = frozenset(RequestOptions.__annotations__)
_ACCEPT = {"json": "application/json", "stream": "text/event-stream"}

Expect = Literal["json", "text", "binary", "empty", "stream"]


@dataclass
class Request:
    """What a generated method asks for; the client adds auth, retries and decoding."""

    method: str
    path: str
    params: list[tuple[str, str]] | None = None
    headers: dict[str, str] | None = None
    json: Any = None
    data: Mapping[str, Any] | None = None
    files: Any = None
    content: bytes | IO[bytes] | None = None
    content_type: str | None = None
    idempotency_header: str | None = None
    idempotency_key: str | None = None
    # Envelope: the boolean success flag and the key to unwrap (None: decode the whole body).
    success_key: str | None = None
    error_key: str | None = None
    unwrap: str | None = None
    expect: Expect = "json"
    # The security schemes whose credentials go with the request (None: every configured one).
    auth: tuple[str, ...] | None = None
    # The operation's own server, used unless the client was given a base URL.
    base_url: str | None = None
    # Decoders of the spec's error bodies, by status (`"404"`, `"4XX"`, `"default"`).
    errors: Mapping[str, Callable[[Any], Any]] | None = None


@dataclass
class APIResponse(Generic[T]):
    """A decoded result together with the HTTP response it came from."""

    parsed: T
    http_response: httpx.Response

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def content(self) -> bytes:
        return self.http_response.content


_captured: contextvars.ContextVar[list[httpx.Response] | None] = contextvars.ContextVar(
    "captured_response", default=None
)


def with_raw_response(method: Callable[P, T]) -> Callable[P, APIResponse[T]]:
    """Wrap a client method so it returns an `APIResponse`: parsed result, status, headers, body.

    `with_raw_response(client.contacts.get_contact_import)(id)`; works for async methods too
    (`await with_raw_response(async_client.contacts.get_contact_import)(id)`).
    """
    import inspect  # here, not at the top: `import <client>` stays as cheap as `import httpx`

    if inspect.iscoroutinefunction(method):

        async def call_async(*args: P.args, **kwargs: P.kwargs) -> APIResponse[Any]:
            token = _captured.set([])
            try:
                parsed = await method(*args, **kwargs)
                return APIResponse(parsed, _last_captured())
            finally:
                _captured.reset(token)

        return call_async  # type: ignore[return-value]

    def call(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        token = _captured.set([])
        try:
            parsed = method(*args, **kwargs)
            return APIResponse(parsed, _last_captured())
        finally:
            _captured.reset(token)

    return call


def _last_captured() -> httpx.Response:
    captured = _captured.get()
    if not captured:
        raise errors.ClientError("the wrapped method sent no request")
    return captured[-1]


@dataclass
class _Call:
    """One call in flight: the request to send and what bounds it."""

    req: Request
    request: httpx.Request
    seconds: float  # an attempt's deadline, from sending the request to the body's last byte
    replayable: int  # retries allowed after any failure
    unsent: int  # retries allowed after a failure to send at all
    started: float = field(default_factory=time.monotonic)

    def remaining(self) -> float:
        return self.seconds - (time.monotonic() - self.started)


class BaseClient:
    """Configuration and the parts of a call that do not depend on sync or async I/O."""

    def __init__(
        self,
        config: ApiConfig,
        *,
        credentials: Mapping[str, str | None],
        base_url: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        server_variables: Mapping[str, str] | None = None,
    ) -> None:
        self._config = config
        self._logger = logging.getLogger(config.package)
        if os.environ.get(config.log_env, "").lower() == "debug":
            logging.basicConfig()
            self._logger.setLevel(logging.DEBUG)
        self._credentials: dict[str, str] = {}
        for scheme in config.schemes:
            value = credentials.get(scheme.argument)
            value = value if value is not None else os.environ.get(scheme.env)
            if value:
                self._credentials[scheme.name] = value
        if config.schemes and not self._credentials:
            choices = " or ".join(f"{s.argument}=... (or set {s.env})" for s in config.schemes)
            raise errors.ClientError(f"no credentials: pass {choices}")
        self._base_url_given = base_url is not None or config.base_url_env in os.environ
        base_url = base_url or os.environ.get(config.base_url_env) or config.base_url
        for name, value in (server_variables or {}).items():
            base_url = base_url.replace("{" + name + "}", str(value))
        if not base_url:
            raise errors.ClientError(f"no base URL: pass base_url=... or set {config.base_url_env}")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self._default_headers = dict(default_headers or {})
        check_headers(self._default_headers)
        self._user_agent = (
            f"{config.package}/{config.version} oagen/{config.generator} "
            f"python/{platform.python_version()} httpx/{httpx.__version__}"
        )
        # Every name a credential travels under, for the debug log.
        self._secret_headers = _SECRET_HEADERS | {
            s.parameter.lower() for s in config.schemes if s.kind in ("bearer", "api_key_header")
        }
        self._secret_params = {s.parameter for s in config.schemes if s.kind == "api_key_query"}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"  # never the credentials

    def _auth(
        self, allowed: tuple[str, ...] | None
    ) -> tuple[dict[str, str], list[tuple[str, str]]]:
        headers: dict[str, str] = {}
        params: list[tuple[str, str]] = []
        cookies: list[str] = []
        for scheme in self._config.schemes:
            value = self._credentials.get(scheme.name)
            if value is None or (allowed is not None and scheme.name not in allowed):
                continue
            if scheme.kind == "basic":
                headers["Authorization"] = "Basic " + base64.b64encode(value.encode()).decode()
            elif scheme.kind == "api_key_query":
                params.append((scheme.parameter, value))
            elif scheme.kind == "api_key_cookie":
                cookies.append(f"{scheme.parameter}={value}")
            else:
                headers[scheme.parameter] = scheme.prefix + value
        if cookies:
            headers["Cookie"] = "; ".join(cookies)
        return headers, params

    def _start(self, req: Request, options: RequestOptions | None) -> _Call:
        options = options or {}
        unknown = set(options) - _OPTION_KEYS
        if unknown:
            known = ", ".join(sorted(_OPTION_KEYS))
            raise errors.ArgumentError(
                f"request_options: unknown key {sorted(unknown)[0]!r} (known: {known})"
            )
        if req.idempotency_header and req.idempotency_key is None:
            req.idempotency_key = str(uuid.uuid4())  # one key for every retry of this call
        auth_headers, auth_params = self._auth(req.auth)
        headers = {
            "User-Agent": self._user_agent,
            "Accept": _ACCEPT.get(req.expect, "*/*"),
            **self._default_headers,
            **auth_headers,
            **(req.headers or {}),
            **options.get("extra_headers", {}),
        }
        if req.idempotency_header and req.idempotency_key:
            headers[req.idempotency_header] = req.idempotency_key
        if req.content_type:
            headers["Content-Type"] = req.content_type
        check_headers(headers)
        body, data = req.json, req.data
        extra_body = options.get("extra_body")
        if extra_body:
            if data is not None:
                data = {**data, **extra_body}
            else:
                body = {**(body if isinstance(body, Mapping) else {}), **extra_body}
        timeout = options.get("timeout", self.timeout)
        base = req.base_url if req.base_url and not self._base_url_given else self.base_url
        request = httpx.Request(
            req.method,
            base + req.path,
            params=httpx.QueryParams(
                [*(req.params or []), *auth_params, *query(options.get("extra_query", {}))]
            ),
            headers=headers,
            json=body,
            data=data,
            files=req.files,
            content=req.content,
            extensions={"timeout": httpx.Timeout(timeout).as_dict()},
        )
        # A write is replayed only when it carries an idempotency key: otherwise the server
        # might apply it twice. A request that never left (connection refused) may always be.
        allowed = options.get("max_retries", self.max_retries)
        keyed = "idempotency-key" in request.headers or (
            req.idempotency_header is not None and req.idempotency_header in request.headers
        )
        replayable = allowed if request.method in _IDEMPOTENT_METHODS or keyed else 0
        return _Call(req, request, _seconds(timeout), replayable, allowed)

    def _attempt(self, call: _Call) -> httpx.Request:
        """The request again, for one more attempt; each attempt has the whole timeout."""
        call.started = time.monotonic()
        self._log_request(call.request)
        return call.request

    def _delay(
        self, attempt: int, call: _Call, outcome: httpx.Response | Exception
    ) -> float | None:
        """Seconds to wait before attempt `attempt + 1`, or None when this outcome is final."""
        if isinstance(outcome, httpx.Response):
            if attempt >= call.replayable or not should_retry(outcome):
                return None
            delay = retry_delay(attempt, outcome)
        elif attempt < (call.unsent if isinstance(outcome, _NOT_SENT) else call.replayable):
            delay = retry_delay(attempt, None)
        else:
            return None
        if self._logger.isEnabledFor(logging.DEBUG):
            reason = (
                outcome.status_code
                if isinstance(outcome, httpx.Response)
                else type(outcome).__name__
            )
            self._logger.debug(
                "retrying after %s in %.2f s (retry %d of %d)",
                reason,
                delay,
                attempt + 1,
                call.unsent,
            )
        return delay

    def _redacted_url(self, url: httpx.URL) -> httpx.URL:
        for name in self._secret_params:
            if name in url.params:
                url = url.copy_set_param(name, "<redacted>")
        return url

    def _log_request(self, request: httpx.Request) -> None:
        """Log method, URL and headers at DEBUG, with every credential redacted."""
        if not self._logger.isEnabledFor(logging.DEBUG):
            return
        shown = {
            k: ("<redacted>" if k.lower() in self._secret_headers else v)
            for k, v in request.headers.items()
        }
        self._logger.debug(
            "request: %s %s headers=%s", request.method, self._redacted_url(request.url), shown
        )

    def _log_response(self, response: httpx.Response, call: _Call) -> None:
        if self._logger.isEnabledFor(logging.DEBUG):
            self._logger.debug(
                "response: %s %s -> %d in %.0f ms",
                response.request.method,
                self._redacted_url(response.request.url),
                response.status_code,
                (time.monotonic() - call.started) * 1000,
            )

    def _finish(self, call: _Call, response: httpx.Response, decode: Callable[[Any], T]) -> T:
        """Raise for errors, check the envelope, decode the body (by its status, for `ByStatus`)."""
        req = call.req
        captured = _captured.get()
        if captured is not None:
            captured.append(response)
        if response.status_code >= 400:
            raise errors.from_response(response, _error_body(req, response), req.error_key)
        chosen: Callable[[Any], Any] | None = decode
        if isinstance(decode, ByStatus):
            chosen = decode.pick(response.status_code)
        try:
            if chosen is None or req.expect == "empty" or response.status_code == 204:
                return None if chosen is None else chosen(None)  # type: ignore[return-value]
            if req.expect == "text":
                return chosen(response.text)  # type: ignore[no-any-return]
            if req.expect == "binary":
                return chosen(response.content)  # type: ignore[no-any-return]
            try:
                body = response.json()
            except ValueError as exc:
                raise errors.DecodeError("$", f"response body is not valid JSON: {exc}") from None
            if req.success_key is not None and isinstance(body, Mapping):
                if body.get(req.success_key) is False:
                    raise errors.UnsuccessfulResponseError(response, body, req.error_key)
            if req.unwrap is not None:
                if not isinstance(body, Mapping):
                    raise errors.DecodeError("$", f"expected an object, got {type(body).__name__}")
                body = body.get(req.unwrap)
            return chosen(body)  # type: ignore[no-any-return]
        except errors.DecodeError as exc:
            exc.response = response
            raise


class ByStatus(Generic[T]):
    """Decoders of an operation's success responses by status (`"200"`, `"2XX"`, `"default"`):
    `ByStatus[A | B | None]({"200": A.from_dict, "201": B.from_dict, "204": None})`; None
    marks a response without a body. A status the spec does not list uses the nearest entry
    (its range, `default`, else the first)."""

    def __init__(self, decoders: Mapping[str, Callable[[Any], Any] | None]) -> None:
        self._decoders = dict(decoders)

    def __call__(self, data: Any) -> T:
        first = next(iter(self._decoders.values()))
        return None if first is None else first(data)  # type: ignore[return-value]

    def pick(self, status: int) -> Callable[[Any], Any] | None:
        for key in (str(status), f"{status // 100}XX", "default"):
            if key in self._decoders:
                return self._decoders[key]
        return next(iter(self._decoders.values()))


def _none(data: Any) -> None:
    return None


def _error_body(req: Request, response: httpx.Response) -> object:
    """The error body decoded as the spec's schema for its status, else parsed JSON or text."""
    try:
        body: object = response.json()
    except ValueError:
        return response.text
    for key in (str(response.status_code), f"{response.status_code // 100}XX", "default"):
        decode = (req.errors or {}).get(key)
        if decode is not None:
            try:
                return decode(body)
            except errors.DecodeError:
                return body  # the server's error does not match the spec: keep what it sent
    return body


def _seconds(timeout: float | httpx.Timeout) -> float:
    """The whole-call deadline of a timeout: the float itself, or the largest of its parts."""
    if isinstance(timeout, httpx.Timeout):
        parts = [
            t for t in (timeout.connect, timeout.read, timeout.write, timeout.pool) if t is not None
        ]
        return max(parts) if parts else math.inf
    return float(timeout)


def retry_delay(attempt: int, response: httpx.Response | None) -> float:
    """Seconds to wait before retry `attempt` (0-based): Retry-After, else backoff with jitter."""
    if response is not None:
        seconds = _retry_after(response)
        if seconds is not None and 0 <= seconds <= _MAX_RETRY_AFTER:
            return seconds
    delay = min(_INITIAL_RETRY_DELAY * 2.0**attempt, _MAX_RETRY_DELAY)
    return delay * (1 - 0.25 * random.random())


def _retry_after(response: httpx.Response) -> float | None:
    """The server's wait in seconds (`retry-after-ms`, else `retry-after` as seconds or a date);
    None when absent or not a finite number."""
    header = response.headers.get("retry-after-ms")
    if header:
        try:
            value = float(header) / 1000
        except ValueError:
            value = math.nan
        if math.isfinite(value):
            return value
    header = response.headers.get("retry-after")
    if not header:
        return None
    try:
        value = float(header)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError):
            return None
        now = datetime.datetime.now(datetime.timezone.utc)
        value = (when - now).total_seconds()
    return value if math.isfinite(value) else None


def should_retry(response: httpx.Response) -> bool:
    should = response.headers.get("x-should-retry")
    if should == "true":
        return True
    if should == "false":
        return False
    return response.status_code in _RETRY_STATUSES or response.status_code >= 500


def transport_error(call: _Call, exc: Exception) -> errors.APIConnectionError:
    """The typed error for a request that got no (complete) response."""
    if isinstance(exc, (httpx.TimeoutException, _DeadlineExceeded)):
        return errors.APITimeoutError(call.request, call.seconds)
    return errors.APIConnectionError(call.request, exc)


async def _sleep(seconds: float) -> None:
    # asyncio costs ~20 ms to import: only async clients, which have it loaded already, pay.
    import asyncio

    await asyncio.sleep(seconds)


class _DeadlineExceeded(Exception):
    """The body was still arriving when the call's time ran out."""


class _Deadline(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that stops when the call's time is up (a server dripping one byte at
    a time never trips a read timeout)."""

    def __init__(self, stream: Any, call: _Call) -> None:
        self._stream = stream
        self._call = call

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            if self._call.remaining() < 0:
                raise _DeadlineExceeded()
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            if self._call.remaining() < 0:
                raise _DeadlineExceeded()
            yield chunk

    def close(self) -> None:
        self._stream.close()

    async def aclose(self) -> None:
        await self._stream.aclose()


class SyncClient(BaseClient):
    """The blocking client core, on an `httpx.Client`."""

    def __init__(
        self,
        config: ApiConfig,
        *,
        credentials: Mapping[str, str | None],
        base_url: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        http_client: httpx.Client | None,
        server_variables: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            config,
            credentials=credentials,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            server_variables=server_variables,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client()

    def close(self) -> None:
        """Close the HTTP connections, unless the caller passed its own `http_client`."""
        if self._owns_http:
            self._http.close()

    def request(
        self, req: Request, decode: Callable[[Any], T], options: RequestOptions | None
    ) -> T:
        """Send, retry as allowed, then decode the body of the final response."""
        call = self._start(req, options)
        return self._finish(call, self._send(call, streamed=False), decode)

    def stream(
        self, req: Request, decode: Callable[[Any], T] | None, options: RequestOptions | None
    ) -> Stream[T]:
        """Send, and return the server-sent events as they arrive (decoded by `decode`)."""
        call = self._start(req, options)
        return Stream(self._check(call, self._send(call, streamed=True)), decode)

    def download(self, req: Request, options: RequestOptions | None) -> BinaryResponse:
        """Send, and return the body unread: the caller streams or reads it."""
        call = self._start(req, options)
        return BinaryResponse(self._check(call, self._send(call, streamed=True)))

    def _check(self, call: _Call, response: httpx.Response) -> httpx.Response:
        """A streamed response that is an error is read whole and raised."""
        if response.status_code >= 400:
            try:
                response.read()
            finally:
                response.close()
            self._finish(call, response, _none)
        return response

    def _send(self, call: _Call, streamed: bool) -> httpx.Response:
        attempt = 0
        while True:
            outcome: httpx.Response | Exception
            try:
                response = self._http.send(self._attempt(call), stream=True)
                if not streamed or should_retry(response):
                    try:
                        response.stream = _Deadline(response.stream, call)
                        response.read()
                    finally:
                        response.close()
                outcome = response
            except (httpx.TransportError, _DeadlineExceeded) as exc:
                outcome = exc
            delay = self._delay(attempt, call, outcome)
            if isinstance(outcome, httpx.Response):
                self._log_response(outcome, call)
                if delay is None:
                    return outcome
            elif delay is None:
                raise transport_error(call, outcome) from outcome
            time.sleep(delay)
            attempt += 1


class AsyncClient(BaseClient):
    """The asyncio client core, on an `httpx.AsyncClient`."""

    def __init__(
        self,
        config: ApiConfig,
        *,
        credentials: Mapping[str, str | None],
        base_url: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        http_client: httpx.AsyncClient | None,
        server_variables: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            config,
            credentials=credentials,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            server_variables=server_variables,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient()

    async def close(self) -> None:
        """Close the HTTP connections, unless the caller passed its own `http_client`."""
        if self._owns_http:
            await self._http.aclose()

    async def request(
        self, req: Request, decode: Callable[[Any], T], options: RequestOptions | None
    ) -> T:
        """Send, retry as allowed, then decode the body of the final response."""
        call = self._start(req, options)
        return self._finish(call, await self._send(call, streamed=False), decode)

    async def stream(
        self, req: Request, decode: Callable[[Any], T] | None, options: RequestOptions | None
    ) -> AsyncStream[T]:
        """Send, and return the server-sent events as they arrive (decoded by `decode`)."""
        call = self._start(req, options)
        return AsyncStream(await self._check(call, await self._send(call, streamed=True)), decode)

    async def download(self, req: Request, options: RequestOptions | None) -> AsyncBinaryResponse:
        """Send, and return the body unread: the caller streams or reads it."""
        call = self._start(req, options)
        return AsyncBinaryResponse(await self._check(call, await self._send(call, streamed=True)))

    async def _check(self, call: _Call, response: httpx.Response) -> httpx.Response:
        """A streamed response that is an error is read whole and raised."""
        if response.status_code >= 400:
            try:
                await response.aread()
            finally:
                await response.aclose()
            self._finish(call, response, _none)
        return response

    async def _send(self, call: _Call, streamed: bool) -> httpx.Response:
        attempt = 0
        while True:
            outcome: httpx.Response | Exception
            try:
                response = await self._http.send(self._attempt(call), stream=True)
                if not streamed or should_retry(response):
                    try:
                        response.stream = _Deadline(response.stream, call)
                        await response.aread()
                    finally:
                        await response.aclose()
                outcome = response
            except (httpx.TransportError, _DeadlineExceeded) as exc:
                outcome = exc
            delay = self._delay(attempt, call, outcome)
            if isinstance(outcome, httpx.Response):
                self._log_response(outcome, call)
                if delay is None:
                    return outcome
            elif delay is None:
                raise transport_error(call, outcome) from outcome
            await _sleep(delay)
            attempt += 1
