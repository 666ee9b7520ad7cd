"""The runtime's page walk, directly: when a numbered walk trusts a `total` and when it does not."""

from __future__ import annotations

from typing import Any

from _runtime.pagination import paginate


def pages(items: int, size: int, count: str) -> tuple[Any, list[int]]:
    """A server with `items` items in pages of `size`; `count` is "total" or "page" (its length)."""
    asked: list[int] = []

    def fetch(page: int) -> dict[str, Any]:
        asked.append(page)
        batch = list(range((page - 1) * size, min(page * size, items)))
        return {"data": batch, "count": items if count == "total" else len(batch)}

    return fetch, asked


def walk(fetch: Any, limit: int | None) -> list[int]:
    return list(
        paginate(fetch, lambda r: r["data"], style="page", start=1, limit=limit, total=lambda r: r["count"])
    )


def test_a_true_total_ends_the_walk_without_an_extra_page() -> None:
    fetch, asked = pages(40, 20, "total")
    assert walk(fetch, 20) == list(range(40)) and asked == [1, 2]


def test_a_count_that_is_the_page_length_does_not_stop_after_page_one() -> None:
    fetch, asked = pages(45, 20, "page")
    assert walk(fetch, 20) == list(range(45)) and asked == [1, 2, 3]


def test_without_a_limit_an_untrusted_count_walks_to_an_empty_page() -> None:
    fetch, asked = pages(40, 20, "page")
    assert walk(fetch, None) == list(range(40)) and asked == [1, 2, 3]
