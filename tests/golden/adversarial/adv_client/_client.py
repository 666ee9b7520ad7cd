"""The Adv clients: one attribute per API tag, each loaded on first use."""

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
    from .resources.escape import AsyncEscape, Escape
    from .resources.etc_passwd import AsyncEtcPasswd, EtcPasswd
    from .resources.class_ import AsyncClass, Class
    from .resources.unicode_tag import AsyncUnicodeTag, UnicodeTag
    from .resources.everything import AsyncEverythingResource, EverythingResource

VERSION = '1.0 """'

CONFIG = ApiConfig(
    package="adv_client",
    version=VERSION,
    generator="0.1.0",
    base_url="https://adversarial.example/{version}",
    base_url_env="ADV_BASE_URL",
    log_env="ADV_LOG",
    schemes=(
        Scheme(
            name="bearerAuth",
            kind="bearer",
            parameter="Authorization",
            argument="api_key",
            env="ADV_API_KEY",
            prefix="Bearer ",
        ),
        Scheme(
            name="apiKeyHeader",
            kind="api_key_header",
            parameter="X-API-Key",
            argument="api_key_header",
            env="ADV_API_KEY_HEADER",
        ),
        Scheme(
            name="apiKeyQuery",
            kind="api_key_query",
            parameter="api_key",
            argument="api_key_query",
            env="ADV_API_KEY_QUERY",
        ),
        Scheme(
            name="basicAuth",
            kind="basic",
            parameter="Authorization",
            argument="basic_auth",
            env="ADV_BASIC_AUTH",
            prefix="Basic ",
        ),
    ),
)
"""What the runtime needs to know about the Adversarial \"\"\" API \\ {{ title }} {% if %}."""


class AdvClient(SyncClient):
    """Client for the Adversarial \"\"\" API \\ {{ title }} {% if %}.

    Args:
        api_key: The API key for the bearerAuth scheme (bearer); defaults to the `ADV_API_KEY` environment variable.
        api_key_header: Credential for the apiKeyHeader scheme (api_key_header); defaults to the `ADV_API_KEY_HEADER` environment variable.
        api_key_query: Credential for the apiKeyQuery scheme (api_key_query); defaults to the `ADV_API_KEY_QUERY` environment variable.
        basic_auth: Credential for the basicAuth scheme (basic); defaults to the `ADV_BASIC_AUTH` environment variable.
        base_url: Defaults to `ADV_BASE_URL`, else https://adversarial.example/{version}.
        version: `{version}` in the base URL; v1 by default.
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
        api_key_header: str | None = None,
        api_key_query: str | None = None,
        basic_auth: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
        version: str = "v1",
    ) -> None:
        super().__init__(
            CONFIG,
            credentials={
                "api_key": api_key,
                "api_key_header": api_key_header,
                "api_key_query": api_key_query,
                "basic_auth": basic_auth,
            },
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            http_client=http_client,
            server_variables={"version": version},
        )

    def __enter__(self) -> AdvClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @cached_property
    def escape(self) -> Escape:
        """A tag that looks like a path \"\"\" and closes docstrings"""
        from .resources.escape import Escape

        return Escape(self)

    @cached_property
    def etc_passwd(self) -> EtcPasswd:
        """/etc/passwd"""
        from .resources.etc_passwd import EtcPasswd

        return EtcPasswd(self)

    @cached_property
    def class_(self) -> Class:
        """class"""
        from .resources.class_ import Class

        return Class(self)

    @cached_property
    def unicode_tag(self) -> UnicodeTag:
        """Ünïcödé Tag"""
        from .resources.unicode_tag import UnicodeTag

        return UnicodeTag(self)

    @cached_property
    def everything(self) -> EverythingResource:
        """everything"""
        from .resources.everything import EverythingResource

        return EverythingResource(self)


class AsyncAdvClient(AsyncClient):
    """Asynchronous client for the Adversarial \"\"\" API \\ {{ title }} {% if %}.

    Args:
        api_key: The API key for the bearerAuth scheme (bearer); defaults to the `ADV_API_KEY` environment variable.
        api_key_header: Credential for the apiKeyHeader scheme (api_key_header); defaults to the `ADV_API_KEY_HEADER` environment variable.
        api_key_query: Credential for the apiKeyQuery scheme (api_key_query); defaults to the `ADV_API_KEY_QUERY` environment variable.
        basic_auth: Credential for the basicAuth scheme (basic); defaults to the `ADV_BASIC_AUTH` environment variable.
        base_url: Defaults to `ADV_BASE_URL`, else https://adversarial.example/{version}.
        version: `{version}` in the base URL; v1 by default.
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
        api_key_header: str | None = None,
        api_key_query: str | None = None,
        basic_auth: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        version: str = "v1",
    ) -> None:
        super().__init__(
            CONFIG,
            credentials={
                "api_key": api_key,
                "api_key_header": api_key_header,
                "api_key_query": api_key_query,
                "basic_auth": basic_auth,
            },
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            http_client=http_client,
            server_variables={"version": version},
        )

    async def __aenter__(self) -> AsyncAdvClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @cached_property
    def escape(self) -> AsyncEscape:
        """A tag that looks like a path \"\"\" and closes docstrings"""
        from .resources.escape import AsyncEscape

        return AsyncEscape(self)

    @cached_property
    def etc_passwd(self) -> AsyncEtcPasswd:
        """/etc/passwd"""
        from .resources.etc_passwd import AsyncEtcPasswd

        return AsyncEtcPasswd(self)

    @cached_property
    def class_(self) -> AsyncClass:
        """class"""
        from .resources.class_ import AsyncClass

        return AsyncClass(self)

    @cached_property
    def unicode_tag(self) -> AsyncUnicodeTag:
        """Ünïcödé Tag"""
        from .resources.unicode_tag import AsyncUnicodeTag

        return AsyncUnicodeTag(self)

    @cached_property
    def everything(self) -> AsyncEverythingResource:
        """everything"""
        from .resources.everything import AsyncEverythingResource

        return AsyncEverythingResource(self)
