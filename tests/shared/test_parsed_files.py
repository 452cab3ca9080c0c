"""The store's parsed copies of its files are bounded by size: an app that read every player
does not keep them all (each full garbage collection walked them)."""

import random
import sys
import threading
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


def test_threads_sharing_the_cache_keep_its_byte_count_true() -> None:
    """The skill map sends badges in three threads that all read the store: the count of
    bytes kept must stay the sum of what is kept (it drifted by 10x without a lock)."""
    files = ParsedFiles(max_bytes=50_000)
    failures: list[BaseException] = []

    def work(seed: int) -> None:
        draw = random.Random(seed)
        try:
            for n in range(5000):
                key = f"player-{draw.randrange(40)}"
                if draw.random() < 0.2:
                    files.pop(key)
                elif draw.random() < 0.5:
                    files.get(key, (1, 2, 3, n))
                else:
                    files.put(key, (1, 2, 3, n), {}, draw.randrange(1, 5000))
        except BaseException as error:  # a get losing its key to another thread's eviction
            failures.append(error)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch as often as they can: races show at once
    try:
        threads = [threading.Thread(target=work, args=(seed,)) for seed in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
    assert not failures
    assert files.size == sum(size for _, _, size in files._files.values())
    assert files.size <= files.max_bytes or len(files) == 1
