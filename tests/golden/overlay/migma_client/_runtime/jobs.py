"""Waiting for a job: polling an operation until the status it reports is terminal."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Collection
from typing import Any, TypeVar

from .errors import ClientError

__all__ = ["JobTimeoutError", "await_job", "wait_for_job"]

R = TypeVar("R")


class JobTimeoutError(ClientError):
    """The job did not reach a terminal status in time; `last` is the latest result seen."""

    def __init__(self, message: str, last: object) -> None:
        super().__init__(message)
        self.last = last


def _state(value: Any) -> str:
    return str(getattr(value, "value", value))


def wait_for_job(
    fetch: Callable[[], R],
    status: Callable[[R], Any],
    terminal: Collection[str],
    *,
    interval: float,
    timeout: float,
) -> R:
    """Call `fetch` every `interval` seconds until `status(result)` is terminal; return that
    result. Raises JobTimeoutError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = fetch()
        state = _state(status(result))
        if state in terminal:
            return result
        if time.monotonic() + interval > deadline:
            raise JobTimeoutError(f"still {state!r} after {timeout:g} s", result)
        time.sleep(interval)


async def await_job(
    fetch: Callable[[], Awaitable[R]],
    status: Callable[[R], Any],
    terminal: Collection[str],
    *,
    interval: float,
    timeout: float,
) -> R:
    """`wait_for_job` for the async client."""
    deadline = time.monotonic() + timeout
    while True:
        result = await fetch()
        state = _state(status(result))
        if state in terminal:
            return result
        if time.monotonic() + interval > deadline:
            raise JobTimeoutError(f"still {state!r} after {timeout:g} s", result)
        import asyncio  # only async clients wait here, and they have it loaded already

        await asyncio.sleep(interval)
