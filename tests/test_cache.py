"""The cache's background writes: entries are readable at once and on disk when the block ends."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from generator import cache


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    return tmp_path


def test_deferred_entries_are_read_back_before_and_after_they_reach_the_disk(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    real = cache._write

    def slow(path: Path, text: str, queued: bool = False) -> None:
        gate.wait(10)  # the writer is held back until the reads below are done
        real(path, text, queued)

    monkeypatch.setattr(cache, "_write", slow)
    with cache.deferred_writes():
        cache.write_entry("kind", "ab12", "text")
        cache.write_entry("kind", "cd34", "")
        assert not list(folder.rglob("ab12"))  # not written yet...
        assert cache.read_entry("kind", "ab12") == "text"  # ...but read from memory
        assert cache.read_entry("kind", "cd34") == ""
        with cache.deferred_writes():  # a nested block leaves the writes to the outer one
            cache.write_entry("kind", "ef56", "more")
        gate.set()
    assert (folder / "kind" / "ab12").read_text() == "text"
    assert (folder / "kind" / "ef56").read_text() == "more"
    assert cache._pending == {}
    assert cache.read_entry("kind", "cd34") == ""


def test_outside_a_block_entries_are_written_at_once(folder: Path) -> None:
    cache.write_entry("kind", "ab12", "text")
    assert (folder / "kind" / "ab12").read_text() == "text"


def test_entries_are_written_whole_and_leave_no_temporary_files(folder: Path) -> None:
    for number in range(3):
        cache.write_entry("kind", f"key{number}", "x" * number)
    cache.write_entry("kind", "key1", "again")  # an entry written twice: the last one stays
    assert sorted(p.name for p in (folder / "kind").iterdir()) == ["key0", "key1", "key2"]
    assert cache.read_entry("kind", "key1") == "again"


def test_a_cache_folder_removed_during_the_run_is_made_again(folder: Path) -> None:
    cache.write_entry("kind", "ab12", "text")
    shutil.rmtree(folder / "kind")
    cache.write_entry("kind", "cd34", "maybe")  # the folder is gone: this one may be skipped...
    cache.write_entry("kind", "ef56", "kept")  # ...but by the next one it is made again
    assert cache.read_entry("kind", "ef56") == "kept"
