"""The store's parsed copies of its files are bounded by size: an app that read every player
does not keep them all (each full garbage collection walked them)."""

from pathlib import Path

import pytest

from shared.store import storage
from shared.store.storage import AtomicJSONStorage, ParsedFiles


def test_the_least_recently_used_files_go_first() -> None:
    files = ParsedFiles(max_bytes=100)
    for name in "abc":
        files.put(name, (1, 1, 1, 1), {"name": name}, 40)
    assert len(files) == 2 and files.size == 80
    assert files.get("a", (1, 1, 1, 1)) is None  # the oldest went
    assert files.get("b", (1, 1, 1, 1)) == {"name": "b"}  # b is now the most recent
    files.put("d", (1, 1, 1, 1), {"name": "d"}, 40)
    assert files.get("c", (1, 1, 1, 1)) is None
    assert files.get("b", (1, 1, 1, 1)) == {"name": "b"}


def test_a_file_larger_than_the_bound_stays_alone() -> None:
    files = ParsedFiles(max_bytes=100)
    files.put("small", (1, 1, 1, 1), {}, 10)
    files.put("big", (1, 1, 1, 1), {"big": True}, 500)
    assert len(files) == 1 and files.get("big", (1, 1, 1, 1)) == {"big": True}


def test_a_changed_file_is_not_served_from_memory() -> None:
    files = ParsedFiles()
    files.put("a", (1, 1, 1, 1), {"old": True}, 10)
    assert files.get("a", (1, 1, 2, 2)) is None


def test_a_file_dropped_from_memory_is_read_again_from_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "_cache", ParsedFiles(max_bytes=1))
    first = AtomicJSONStorage(tmp_path / "a.json", "player")
    second = AtomicJSONStorage(tmp_path / "b.json", "player")
    first.write({"evidence": {"1": {"id": "e1"}}})
    second.write({"evidence": {"1": {"id": "e2"}}})  # pushes a.json's copy out
    assert len(storage._cache) == 1
    read = first.read()
    assert read is not None and read["evidence"] == {"1": {"id": "e1"}}
