"""The writers never report a write they did not make (issue 10, defect 1).

Real child processes and real files: the game's writer child is killed by pid, or dies through
the test hook right after its write reached the disk and before it answered (the worst moment
for a replay); a write the store refuses is kept until a retry writes it.
"""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.store import ScenarioProgress, Store
from shared.store.writer import (
    EXIT_AFTER_ENV,
    REPLAYABLE,
    NotReplayableError,
    ProcessWriter,
    ThreadWriter,
)
from tests.shared.storehelpers import evidence, new_player


@pytest.fixture
def writers() -> Iterator[list]:
    """Writers made by a test, closed at its end whatever happened."""
    made: list = []
    yield made
    for writer in made:
        writer.close()


def _ids(store: Store, player_id: str) -> list[str]:
    return [e.node_id for e in store.evidence(player_id)]


def test_a_writer_killed_by_pid_is_restarted_and_nothing_is_lost(
    tmp_path: Path, writers: list
) -> None:
    store, zora = new_player(tmp_path)
    writer = ProcessWriter(tmp_path)
    writers.append(writer)
    for i in range(5):
        writer.submit(Store.add_evidence, evidence(zora.id, f"a{i}"))
    writer.flush()
    first = writer.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    assert writer._process is not None
    writer._process.join(timeout=10)  # the writer is our child: wait for its death, no sleep
    for i in range(5):
        writer.submit(Store.add_evidence, evidence(zora.id, f"b{i}"))
    writer.flush()
    assert writer.pid != first and writer.restarts == 1 and not writer.stopped
    assert writer.unsaved() == 0
    assert _ids(store, zora.id) == [f"a{i}" for i in range(5)] + [f"b{i}" for i in range(5)]


def test_a_writer_killed_with_writes_queued_replays_them_in_order(
    tmp_path: Path, writers: list
) -> None:
    store, zora = new_player(tmp_path)
    writer = ProcessWriter(tmp_path)
    writers.append(writer)
    writer.submit(Store.touch_player, zora.id)
    writer.flush()
    for i in range(40):
        writer.submit(Store.add_evidence, evidence(zora.id, f"q{i}"))
    assert writer.pid is not None
    os.kill(writer.pid, signal.SIGKILL)  # whatever it was doing: some written, some not
    writer.flush()
    assert writer.restarts == 1 and writer.replayed >= 1
    assert _ids(store, zora.id) == [f"q{i}" for i in range(40)]


def test_a_writer_that_dies_after_its_fsync_is_replayed_without_a_duplicate(
    tmp_path: Path, writers: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, zora = new_player(tmp_path)
    monkeypatch.setenv(EXIT_AFTER_ENV, "3")  # the child writes its 3rd write, then dies
    writer = ProcessWriter(tmp_path)
    writers.append(writer)
    for i in range(6):
        writer.submit(Store.add_evidence, evidence(zora.id, f"n{i}"))
    writer.submit(Store.save_progress, ScenarioProgress(player_id=zora.id, scenario_id="club-foot"))
    writer.flush()
    assert writer.restarts == 1 and writer.replayed >= 1
    assert _ids(store, zora.id) == [f"n{i}" for i in range(6)]  # n2 once, though replayed
    assert writer.unsaved() == 0 and writer.take_errors()[0].startswith("the writer process")


def test_a_second_death_stops_saving_and_counts_what_is_not_saved(
    tmp_path: Path, writers: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, zora = new_player(tmp_path)
    monkeypatch.setenv(EXIT_AFTER_ENV, "2,1")
    writer = ProcessWriter(tmp_path)
    writers.append(writer)
    for i in range(5):
        writer.submit(Store.add_evidence, evidence(zora.id, f"n{i}"))
    writer.flush()
    assert writer.stopped and writer.restarts == 1
    on_disk = len(_ids(store, zora.id))
    assert on_disk == 2  # n0 and n1 by the first child; the second skipped n1, then died
    assert writer.unsaved() == 3  # n2..n4: n1 was written, though never answered
    writer.submit(Store.add_evidence, evidence(zora.id, "later"))
    writer.flush()  # returns at once: nobody is left to write
    assert writer.unsaved() == 6 - on_disk
    assert "stopped twice" in writer.last_error


def _damage(path: Path) -> bytes:
    original = path.read_bytes()
    path.write_bytes(b"{ not json")
    return original


@pytest.mark.parametrize("kind", ["thread", "process"])
def test_a_refused_write_stays_unsaved_until_a_retry_writes_it(
    tmp_path: Path, writers: list, kind: str
) -> None:
    store, zora = new_player(tmp_path)
    writer = ThreadWriter(store) if kind == "thread" else ProcessWriter(tmp_path)
    writers.append(writer)
    path = store.player_file(zora.id).path
    original = _damage(path)
    writer.submit(Store.add_evidence, evidence(zora.id, "kept"))
    writer.flush()  # tried, and tried again once: the file is still damaged
    assert writer.unsaved() == 1
    assert "damaged" in writer.last_error
    writer.poll()
    assert writer.unsaved() == 1  # still visible frame after frame, not consumed
    path.write_bytes(original)
    writer.flush()
    assert writer.unsaved() == 0
    assert _ids(store, zora.id) == ["kept"]


@pytest.mark.parametrize("kind", ["thread", "process"])
def test_a_newer_state_replaces_an_older_one_that_failed(
    tmp_path: Path, writers: list, kind: str
) -> None:
    store, zora = new_player(tmp_path)
    writer = ThreadWriter(store) if kind == "thread" else ProcessWriter(tmp_path)
    writers.append(writer)
    path = store.player_file(zora.id).path
    original = _damage(path)
    for node in ("first", "second"):
        progress = ScenarioProgress(player_id=zora.id, scenario_id="club-foot", node_id=node)
        writer.submit(Store.save_progress, progress)
    writer.flush()
    assert writer.unsaved() == 1  # the older state was superseded, not kept to retry
    path.write_bytes(original)
    writer.flush()
    assert writer.unsaved() == 0
    assert store.progress(zora.id)["club-foot"].node_id == "second"


def test_every_write_the_game_sends_can_be_replayed() -> None:
    """A write the writer does not know how to replay could be applied twice after a death."""
    game = Path(__file__).resolve().parents[2] / "game"
    sent = {
        method
        for path in game.rglob("*.py")
        for method in re.findall(r"\bwrite\(\s*Store\.([a-z_]+)", path.read_text(encoding="utf-8"))
    }
    assert sent >= {"add_evidence", "save_progress", "update_player_settings"}
    replayable = {method.__name__ for method in REPLAYABLE}
    assert sent <= replayable, sent - replayable


@pytest.mark.parametrize("kind", ["thread", "process"])
def test_a_write_that_cannot_be_replayed_is_refused_where_it_is_sent(
    tmp_path: Path, kind: str, writers: list
) -> None:
    """Erasing or a whole-player save is no writer's job: refused at submit, nothing queued."""
    store, zora = new_player(tmp_path)
    writer = ThreadWriter(store) if kind == "thread" else ProcessWriter(tmp_path)
    writers.append(writer)
    with pytest.raises(NotReplayableError, match="Store.erase_player"):
        writer.submit(Store.erase_player, zora.id)
    assert writer.pending() == 0
    writer.flush()
    assert store.player(zora.id).pseudonym == zora.pseudonym


def test_the_writer_child_starts_with_the_first_write(tmp_path: Path, writers: list) -> None:
    """The game's start draws the title without a child process; the first write starts it."""
    store, zora = new_player(tmp_path)
    writer = ProcessWriter(tmp_path)
    writers.append(writer)
    assert writer.pid is None and writer.pending() == 0
    writer.wait()  # nothing sent: nothing to wait for, no child started
    assert writer.pid is None
    writer.submit(Store.add_evidence, evidence(zora.id, "first"))
    writer.flush()
    assert writer.pid is not None and writer.unsaved() == 0
    assert _ids(store, zora.id) == ["first"]


def test_a_writer_closed_before_any_write_leaves_nothing(tmp_path: Path) -> None:
    writer = ProcessWriter(tmp_path)
    writer.close()
    assert writer.pid is None and writer.unsaved() == 0
