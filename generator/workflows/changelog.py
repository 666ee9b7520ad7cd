"""Workflow (update): CHANGELOG.md in the output folder: one entry per `oagen update` that changed the API.

The changelog is history, which no spec can reproduce, so it is not a generated file:
it is not in the manifest, `generate` never writes or removes it (it only touches files
its manifest lists) and `check` never calls it stale or edited. Users may edit it.
Entries are built from the diff model alone (no clock unless no date is given), newest
first under the title, so the same update on the same date writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from .diff import Change

FILE = "CHANGELOG.md"
_ADDED = re.compile(r"-added$")


def today() -> str:
    """`SOURCE_DATE_EPOCH` (reproducible builds' convention) as a UTC date, else today's UTC date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            stamp = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"SOURCE_DATE_EPOCH must be a Unix time in seconds, not {epoch!r}") from None
    else:
        stamp = dt.datetime.now(dt.UTC)
    return stamp.date().isoformat()


def check_date(value: str) -> str:
    """A `--date` value: YYYY-MM-DD (ValueError otherwise)."""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"--date must be YYYY-MM-DD, not {value!r}") from None


def entry(
    date: str,
    old_version: str | None,
    new_version: str,
    package_version: str,
    source: str,
    changes: list[Change],
) -> str:
    """One entry: a heading with the date and versions, then breaking changes, additions, the rest."""
    if old_version is None:
        versions = f"API {new_version or '?'}"
    elif old_version == new_version:
        versions = f"API {new_version or '?'} (its version string did not change)"
    else:
        versions = f"API {old_version or '?'} → {new_version or '?'}"
    lines = [f"## {date}: {versions}, package {package_version}", "", f"Source: {source}", ""]
    groups = (
        ("Breaking changes", [c for c in changes if c.breaking]),
        ("Added", [c for c in changes if not c.breaking and _ADDED.search(c.kind)]),
        ("Other changes", [c for c in changes if not c.breaking and not _ADDED.search(c.kind)]),
    )
    for title, group in groups:
        if group:
            lines += [f"### {title} ({len(group)})", "", *(f"- {c.message}" for c in group), ""]
    return "\n".join(lines)


def add(existing: str | None, package: str, new_entry: str) -> str:
    """The changelog with `new_entry` first: after the title, before the previous entries."""
    if existing is None:
        title = (
            f"# Changelog of `{package}`\n\n"
            "Changes to the Python API, newest first: `oagen update` adds an entry when the API changes.\n"
        )
        return f"{title}\n{new_entry}"
    found = re.search(r"^## ", existing, re.MULTILINE)
    if found is None:
        return existing.rstrip("\n") + "\n\n" + new_entry
    return existing[: found.start()] + new_entry + "\n" + existing[found.start() :]
