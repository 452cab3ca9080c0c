"""Store benchmarks: recording a choice against the fsync floor, profile, opening the store.

Run alone with ``python -m bench.bench_store``; ``python -m bench.run`` runs every bench.
"""

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from shared.player import Player
from shared.store import Store, storage
from shared.store.storage import write_atomically
from shared.store.writer import ProcessWriter, ThreadWriter
from tests.shared.storehelpers import evidence

COMPETENCIES = [
    "oral", "ecrit", "numerique", "maths", "codes-sociaux",
    "informations", "organisation", "regles", "imprevus", "collectif",
]  # fmt: skip


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _record_choice(store: Store, player_id: str, node_id: str) -> None:
    """What the game does for a choice: the evidence built, then written."""
    store.add_evidence(evidence(player_id, node_id))


def _p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[98]


def row(name: str, value_ms: float, target_ms: float, **extra: object) -> dict:
    """A table row of ``bench.run``: a time in ms under a target in ms."""
    return {"name": name, "value": value_ms, "unit": "ms", "target": target_ms,
            "ok": value_ms < target_ms, **extra}  # fmt: skip


def _player_with(root: Path, records: int) -> tuple[Store, Player]:
    store = Store(root)
    player = store.add_player(Player(pseudonym=f"p{records}"))
    rows = [
        evidence(player.id, f"n{i}", COMPETENCIES[i % 10], i % 4 + 1).model_dump(mode="json")
        for i in range(records)
    ]
    file = store.player_file(player.id)
    file.run(lambda db: db.table("evidence").insert_multiple(rows))
    storage.forget(file.path)  # as a game starting on an existing file: it is read from disk
    return store, player


def record_vs_floor(records: int, rounds: int = 300) -> list[dict]:
    """Median and p99 of recording one Evidence, and of the bare atomic write of the same bytes."""
    with tempfile.TemporaryDirectory() as folder:
        store, player = _player_with(Path(folder), records)
        path = store.player_file(player.id).path
        floor_path = path.with_name("floor.json")
        record, floor = [], []
        for i in range(rounds):
            record.append(_timed(partial(_record_choice, store, player.id, f"x{i}")))
            payload = path.read_bytes()
            floor.append(_timed(partial(write_atomically, floor_path, payload)))
    rows = []
    for stat, fn in (("median", statistics.median), ("p99", _p99)):
        value, base = fn(record), fn(floor)
        rows.append(
            {
                "name": f"record a choice, {records:,} records ({stat})",
                "value": value,
                "unit": "ms",
                "target": f"<= 3x floor ({base:.1f} ms)",
                "ok": value <= 3 * base,
                "ratio": value / base,
            }
        )
    return rows


def frame_gap_while_recording(records: int, replaced: bool, in_process: bool) -> dict:
    """The longest stall of a render loop while a writer records 30 choices.

    A thread writer shares Python's interpreter lock: a frame waits while it serialises or,
    worse, parses the whole file. The game's ProcessWriter writes from a child process.
    ``replaced``: before each write another process has replaced the file (the skill map
    reviewing this player while they play), so the writer must parse it again.
    """
    with tempfile.TemporaryDirectory() as folder:
        store, player = _player_with(Path(folder), records)
        store.add_evidence(evidence(player.id, "warm"))
        writer = ThreadWriter(store) if in_process else ProcessWriter(Path(folder))
        writer.submit(Store.touch_player, player.id)
        writer.flush()  # the child process has started and parsed the file once
        path = store.player_file(player.id).path
        for i in range(30):
            writer.submit(Store.add_evidence, evidence(player.id, f"g{i}"))
        gaps, last = [], time.perf_counter()
        while writer.pending():
            if replaced:  # a new mtime: to every reader the file was replaced by someone else
                os.utime(path)
            now = time.perf_counter()
            gaps.append((now - last) * 1000)
            last = now
        writer.close()
    who = "thread writer" if in_process else "process writer (the game's)"
    after = ", file replaced before each write" if replaced else ""
    return row(f"longest frame stall, {records:,} records, {who}{after}", max(gaps), 8.0)


def profile_from_evidence(records: int = 10_000) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        store, player = _player_with(Path(folder), records)
        store.profile(player.id, COMPETENCIES)  # first read parses the file once
        times = [_timed(lambda: store.profile(player.id, COMPETENCIES)) for _ in range(10)]
        storage._cache.clear()  # as in a new process: the file is parsed again
        parse = _timed(lambda: Store(Path(folder)).profile(player.id, COMPETENCIES))
    name = f"SkillProfile from {records:,} evidence"
    return row(name, statistics.median(times), 50.0, note=f"cold, file parsed: {parse:.0f} ms")


def open_store(players: int = 600) -> dict:
    """Open a folder of ``players`` players and list them: the counsellor's first view."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        for i in range(players):
            store.add_player(Player(pseudonym=f"joueur{i}", structure=f"Mission Locale {i % 8}"))
        storage._cache.clear()  # a new process: nothing parsed yet
        value = _timed(lambda: Store(Path(folder)).players())
    return row(f"open the store with {players} players", value, 300.0)


def repair_lost_index(players: int = 600) -> dict:
    """Open a folder whose index.json was lost: every player file is read and indexed, in one
    write (the index is repaired from the player files at every open)."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        for i in range(players):
            store.add_player(Player(pseudonym=f"joueur{i}"))
        (Path(folder) / "index.json").unlink()
        storage._cache.clear()
        value = _timed(lambda: Store(Path(folder)).players())
        assert len(Store(Path(folder)).players()) == players
    return row(f"open the store with {players} players and no index.json", value, 2000.0)


def run() -> list[dict]:
    return [
        *record_vs_floor(2000),
        *record_vs_floor(10_000),
        *[
            frame_gap_while_recording(records, replaced, in_process)
            for in_process in (False, True)
            for records in (2000, 10_000)
            for replaced in (False, True)
        ],
        profile_from_evidence(),
        open_store(),
        repair_lost_index(),
    ]


if __name__ == "__main__":
    from bench.run import print_table

    print_table(run())
