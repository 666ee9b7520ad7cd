"""Workflow (update): reading the new document for `oagen update`: an https URL (http only when allowed) or a
file.

This is the generator's only network access, and only for a URL the user typed or
configured: `$ref`s are never fetched (see load.py). The standard library is enough:
one GET with a timeout on the whole exchange, a cap on the body (checked while it
arrives, not after), redirects only to http(s) and never from https down to http.
"""

from __future__ import annotations

import http.client
import os
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..config import UsageError

DEFAULT_TIMEOUT = 30.0  # seconds, for the whole exchange
DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # Stripe's document, the largest we know, is ~7 MB
_CHUNK = 64 * 1024


class FetchError(UsageError):
    """The document could not be read; the message names the source (exit status 2)."""


@dataclass(frozen=True)
class Fetched:
    data: bytes
    label: str  # how messages name the source: the URL or the path
    content_type: str = ""


def is_url(source: str) -> bool:
    return "://" in source


def limits_from_env() -> tuple[float, int]:
    """Defaults for the timeout and the size cap: `OAGEN_FETCH_TIMEOUT` (seconds) and
    `OAGEN_FETCH_MAX_BYTES` override them (tests use short ones)."""
    timeout, cap = DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES
    try:
        timeout = float(os.environ.get("OAGEN_FETCH_TIMEOUT", timeout))
        cap = int(os.environ.get("OAGEN_FETCH_MAX_BYTES", cap))
    except ValueError:
        raise FetchError("OAGEN_FETCH_TIMEOUT/OAGEN_FETCH_MAX_BYTES must be numbers") from None
    return timeout, cap


def read(source: str, *, insecure: bool = False, timeout: float, max_bytes: int) -> Fetched:
    """The bytes of `source` (a URL or a path); FetchError with one clear line otherwise."""
    if not is_url(source):
        return _read_file(Path(source), max_bytes)
    scheme = source.partition("://")[0].lower()
    if scheme == "http" and not insecure:
        raise FetchError(
            f"{source}: plain http:// is refused (anyone on the way can change the document); "
            "use https://, or pass --insecure"
        )
    if scheme not in ("http", "https"):
        raise FetchError(
            f"{source}: only https:// URLs (http:// with --insecure) and local files can be read"
        )
    return _get(source, insecure, timeout, max_bytes)


def _read_file(path: Path, max_bytes: int) -> Fetched:
    try:
        if not path.is_file():  # a folder, a FIFO or a device is not a document
            raise FetchError(f"{path}: no such file" if not path.exists() else f"{path}: not a regular file")
        if path.stat().st_size > max_bytes:
            raise FetchError(f"{path}: larger than the {_size(max_bytes)} limit")
        return Fetched(path.read_bytes(), str(path))
    except OSError as exc:
        raise FetchError(f"{path}: cannot read: {exc.strerror or exc}") from None


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to https (and to http when allowed), never from https to http."""

    def __init__(self, insecure: bool) -> None:
        self.insecure = insecure

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any
    ) -> Any:
        # Checked here too: urllib refuses some schemes itself, before redirect_request, less clearly.
        location = headers.get("Location") or headers.get("URI")
        if location:
            self._check(req.full_url, urllib.parse.urljoin(req.full_url, location))
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def _check(self, url: str, newurl: str) -> None:
        old, new = url.partition("://")[0].lower(), newurl.partition("://")[0].lower()
        if new not in ("http", "https") or (new == "http" and (old == "https" or not self.insecure)):
            raise FetchError(f"{url}: redirected to {newurl}, another scheme; refused")

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        self._check(req.full_url, newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _get(url: str, insecure: bool, timeout: float, max_bytes: int) -> Fetched:
    opener = urllib.request.build_opener(_Redirects(insecure))
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"oagen/{__version__}",
            "Accept": "application/json, application/yaml, text/yaml, */*;q=0.5",
            "Accept-Encoding": "gzip, identity",
        },
    )
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(
                    f"{url}: the document is {_size(int(length))}, over the {_size(max_bytes)} limit"
                )
            body = _body(response, url, deadline, timeout, max_bytes)
            content_type = response.headers.get_content_type()
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"{url}: cannot connect: {_reason(exc.reason)}") from None
    except TimeoutError:
        raise FetchError(f"{url}: no complete answer within {timeout:g} s") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise FetchError(f"{url}: {_reason(exc)}") from None
    return Fetched(body, url, content_type)


def _body(response: Any, url: str, deadline: float, timeout: float, max_bytes: int) -> bytes:
    """Read the body chunk by chunk, so a slow or endless answer stops at the deadline or the cap."""
    encoding = (response.headers.get("Content-Encoding") or "identity").lower()
    if encoding not in ("identity", "gzip"):
        raise FetchError(f"{url}: unsupported Content-Encoding {encoding!r}")
    inflate = zlib.decompressobj(wbits=31) if encoding == "gzip" else None
    parts: list[bytes] = []
    size = 0
    sock = getattr(getattr(response.fp, "raw", None), "_sock", None)  # to wait no longer than the deadline
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"{url}: no complete answer within {timeout:g} s")
        if sock is not None:
            sock.settimeout(left)
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        if inflate is not None:
            # max_length bounds what one chunk may inflate to: a gzip bomb stops at the cap.
            chunk = inflate.decompress(chunk, max_bytes + 1 - size)
            if inflate.unconsumed_tail:
                raise FetchError(f"{url}: the document is over the {_size(max_bytes)} limit")
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: the document is over the {_size(max_bytes)} limit")
        parts.append(chunk)
    return b"".join(parts)


def _reason(reason: object) -> str:
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted ({reason.verify_message})"
    if isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower() if reason.strerror[:1].isupper() else reason.strerror
    return str(reason) or type(reason).__name__


def _size(n: int) -> str:
    for unit, factor in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= factor:
            return f"{n / factor:.4g} {unit}"
    return f"{n} bytes"
