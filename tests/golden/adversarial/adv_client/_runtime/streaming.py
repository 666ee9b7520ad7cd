"""Responses read as they arrive: server-sent event streams and file downloads."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, TypeVar

import httpx

from .errors import DecodeError

__all__ = [
    "AsyncBinaryResponse",
    "AsyncStream",
    "BinaryResponse",
    "ServerSentEvent",
    "Stream",
]

T = TypeVar("T")
_DONE = "[DONE]"  # OpenAI-style APIs end a stream with this data line


@dataclass(frozen=True)
class ServerSentEvent:
    """One event of a `text/event-stream` response, as sent."""

    event: str | None = None
    data: str = ""
    id: str | None = None
    retry: int | None = None

    def json(self) -> Any:
        """The event's data parsed as JSON."""
        return json.loads(self.data)


class _EventParser:
    """The `text/event-stream` format: fields by line, an event at each blank line."""

    def __init__(self) -> None:
        self._event: str | None = None
        self._data: list[str] = []
        self._id: str | None = None
        self._retry: int | None = None

    def feed(self, line: str) -> ServerSentEvent | None:
        if not line:
            if not self._data and self._event is None:
                return None
            event = ServerSentEvent(self._event, "\n".join(self._data), self._id, self._retry)
            self._event, self._data = None, []
            return event
        if line.startswith(":"):
            return None  # a comment: keeps the connection alive
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._id = value
        elif name == "retry" and value.isdigit():
            self._retry = int(value)
        return None


def _decoded(
    event: ServerSentEvent, decode: Callable[[Any], T] | None, index: int
) -> T | ServerSentEvent:
    if decode is None:
        return event
    try:
        data = json.loads(event.data)
    except ValueError as exc:
        raise DecodeError(f"event {index}", f"data is not valid JSON: {exc}") from None
    try:
        return decode(data)
    except DecodeError as exc:
        raise DecodeError(f"event {index}: {exc.path}", exc.reason) from None


class Stream(Generic[T]):
    """The events of a server-sent event response, decoded one by one as they arrive.

    Iterate it (`for event in stream`) or use it as a context manager; the connection is
    released when the iteration ends, breaks out (the `with` block closes it), or on `close()`.
    """

    def __init__(self, response: httpx.Response, decode: Callable[[Any], T] | None) -> None:
        self.response = response
        self._decode = decode
        self._events = self._iterate()

    def _iterate(self) -> Generator[T, None, None]:
        parser = _EventParser()
        index = 0
        try:
            for line in self.response.iter_lines():
                event = parser.feed(line)
                if event is None:
                    continue
                if event.data == _DONE:
                    return
                yield _decoded(event, self._decode, index)  # type: ignore[misc]
                index += 1
        finally:
            self.response.close()

    def __iter__(self) -> Generator[T, None, None]:
        return self._events

    def __next__(self) -> T:
        return next(self._events)

    def __enter__(self) -> Stream[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the connection without reading the rest of the stream."""
        self._events.close()
        self.response.close()


class AsyncStream(Generic[T]):
    """`Stream` for the async client: `async for event in stream`, `async with`, `await close()`."""

    def __init__(self, response: httpx.Response, decode: Callable[[Any], T] | None) -> None:
        self.response = response
        self._decode = decode
        self._events = self._iterate()

    async def _iterate(self) -> AsyncGenerator[T, None]:
        parser = _EventParser()
        index = 0
        try:
            async for line in self.response.aiter_lines():
                event = parser.feed(line)
                if event is None:
                    continue
                if event.data == _DONE:
                    return
                yield _decoded(event, self._decode, index)  # type: ignore[misc]
                index += 1
        finally:
            await self.response.aclose()

    def __aiter__(self) -> AsyncGenerator[T, None]:
        return self._events

    async def __anext__(self) -> T:
        return await self._events.__anext__()

    async def __aenter__(self) -> AsyncStream[T]:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Release the connection without reading the rest of the stream."""
        await self._events.aclose()
        await self.response.aclose()


class BinaryResponse:
    """A downloaded body that is read only when asked: `read()`, `iter_bytes()` or
    `write_to_file(path)`; `headers` and `status_code` are there at once. Use it as a context
    manager, or call `close()`, to release the connection when not reading it all."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def content_type(self) -> str | None:
        value: str | None = self.response.headers.get("content-type")
        return value

    def read(self) -> bytes:
        """The whole body (held in memory)."""
        try:
            return self.response.read()
        finally:
            self.response.close()

    def iter_bytes(self, chunk_size: int | None = None) -> Generator[bytes, None, None]:
        """The body in chunks as they arrive."""
        try:
            yield from self.response.iter_bytes(chunk_size)
        finally:
            self.response.close()

    def write_to_file(self, path: str | os.PathLike[str]) -> None:
        """Stream the body into a file."""
        with open(path, "wb") as file:
            for chunk in self.iter_bytes():
                file.write(chunk)

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> BinaryResponse:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncBinaryResponse:
    """`BinaryResponse` for the async client: `await read()`, `async for chunk in iter_bytes()`."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def content_type(self) -> str | None:
        value: str | None = self.response.headers.get("content-type")
        return value

    async def read(self) -> bytes:
        """The whole body (held in memory)."""
        try:
            return await self.response.aread()
        finally:
            await self.response.aclose()

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncGenerator[bytes, None]:
        """The body in chunks as they arrive."""
        try:
            async for chunk in self.response.aiter_bytes(chunk_size):
                yield chunk
        finally:
            await self.response.aclose()

    async def write_to_file(self, path: str | os.PathLike[str]) -> None:
        """Stream the body into a file."""
        with open(path, "wb") as file:
            async for chunk in self.iter_bytes():
                file.write(chunk)

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> AsyncBinaryResponse:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
