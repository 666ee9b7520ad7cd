"""Walking every page of a list operation, for the generated `iter_...` methods."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Generic, TypeVar

from .codec import Unset

__all__ = ["apaginate", "paginate"]

R = TypeVar("R")
Item = TypeVar("Item")
T = TypeVar("T")


def _given(value: T | Unset | None) -> T | None:
    return None if isinstance(value, Unset) else value


class _Walk(Generic[R, Item]):
    """Where a walk through the pages is, and when it ends; shared by `paginate` and `apaginate`.

    An empty page or `has_more` false ends every style. A cursor walk ends without a new
    cursor (or when the same one comes back). A numbered walk ends at a page shorter than
    the `limit` asked for, or once `total` items were seen; a `total` that has only ever
    equalled the page's length may be the page's count rather than the list's, so it ends
    nothing on its own (the walk goes on to a short or empty page).
    """

    def __init__(
        self,
        items: Callable[[R], list[Item] | Unset | None],
        style: str,
        start: Any,
        limit: object,
        has_more: Callable[[R], bool | Unset | None] | None,
        total: Callable[[R], int | Unset | None] | None,
        next_cursor: Callable[[R], str | Unset | None] | None,
        item_cursor: Callable[[Item], str | Unset | None] | None,
    ) -> None:
        self._items = items
        self._style = style
        self._limit = limit
        self._has_more = has_more
        self._total = total
        self._next_cursor = next_cursor
        self._item_cursor = item_cursor
        self.token = start  # the page number, offset or cursor to fetch next
        self.done = False
        self._seen = 0
        self._total_is_page_length = True

    def read(self, page: R) -> list[Item]:
        """The items of `page`; moves on to the next page, or ends the walk."""
        batch = _given(self._items(page)) or []
        self._seen += len(batch)
        more = _given(self._has_more(page)) if self._has_more else None
        if not batch or more is False:
            self.done = True
        elif self._style == "cursor":
            if self._next_cursor:
                cursor = _given(self._next_cursor(page))
            else:
                cursor = _given(self._item_cursor(batch[-1])) if self._item_cursor else None
            self.done = not cursor or cursor == self.token
            self.token = cursor
        else:
            total = _given(self._total(page)) if self._total else None
            if total is not None and total != len(batch):
                self._total_is_page_length = False
            counted = total is not None and not self._total_is_page_length and self._seen >= total
            short = isinstance(self._limit, int) and len(batch) < self._limit
            self.done = counted or (more is None and short)
            self.token += 1 if self._style == "page" else len(batch)
        return batch


def paginate(
    fetch: Callable[[Any], R],
    items: Callable[[R], list[Item] | Unset | None],
    *,
    style: str,
    start: Any,
    limit: object = None,
    has_more: Callable[[R], bool | Unset | None] | None = None,
    total: Callable[[R], int | Unset | None] | None = None,
    next_cursor: Callable[[R], str | Unset | None] | None = None,
    item_cursor: Callable[[Item], str | Unset | None] | None = None,
) -> Iterator[Item]:
    """Yield the items of every page; each page is fetched when the iteration reaches it."""
    walk = _Walk(items, style, start, limit, has_more, total, next_cursor, item_cursor)
    while not walk.done:
        yield from walk.read(fetch(walk.token))


async def apaginate(
    fetch: Callable[[Any], Awaitable[R]],
    items: Callable[[R], list[Item] | Unset | None],
    *,
    style: str,
    start: Any,
    limit: object = None,
    has_more: Callable[[R], bool | Unset | None] | None = None,
    total: Callable[[R], int | Unset | None] | None = None,
    next_cursor: Callable[[R], str | Unset | None] | None = None,
    item_cursor: Callable[[Item], str | Unset | None] | None = None,
) -> AsyncIterator[Item]:
    """Like `paginate`, for async clients: each page is awaited when the iteration reaches it."""
    walk = _Walk(items, style, start, limit, has_more, total, next_cursor, item_cursor)
    while not walk.done:
        for item in walk.read(await fetch(walk.token)):
            yield item
