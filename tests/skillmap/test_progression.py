"""Progression from the dated confirmations: the map « avant » (end of the first day
something was confirmed) and « maintenant »; a reopened experience no longer counts now."""

import json
from datetime import UTC, datetime
from pathlib import Path

from shared.experience import (
    Experience,
    HistoryChange,
    HistoryEntry,
    LevelChange,
    RatedCompetency,
    StatusChange,
)
from shared.store import Store
from skillmap import progression, review
from tests.skillmap import builders as b


def _confirmed(pid: str, day: int, levels: dict[str, int]) -> Experience:
    at = datetime(2026, 10, day, 15, 0, tzinfo=UTC)
    changes: list[HistoryChange] = [StatusChange(before="draft", after="confirmed")]
    changes += [LevelChange(competency=c, level=v) for c, v in levels.items()]
    return Experience(
        player_id=pid,
        title=f"Expérience du {day}",
        own_words="Avec mes mots.",
        status="confirmed",
        competencies=[
            RatedCompetency(competency=c, level=v, status="confirmed") for c, v in levels.items()
        ],
        history=[
            HistoryEntry(at=at.replace(hour=9), by="jeu", action="created"),
            HistoryEntry(at=at, by="Anne", action="status:confirmed", changes=changes),
        ],
    )


def test_before_and_now(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    pid = b.player(store).id
    store.add_experience(_confirmed(pid, 3, {"oral": 2, "collectif": 1}))
    store.add_experience(_confirmed(pid, 3, {"oral": 1}))  # same first day, lower: best kept
    later = store.add_experience(_confirmed(pid, 20, {"oral": 3, "maths": 2}))
    moved = progression.progress(store.experiences(pid))
    assert moved.first_day is not None and moved.first_day.isoformat() == "2026-10-03"
    assert moved.before == {"oral": 2, "collectif": 1}
    assert moved.now == {"oral": 3, "collectif": 1, "maths": 2}
    review.reopen_experience(store, pid, later.id, "Anne")
    assert progression.progress(store.experiences(pid)).now == {"oral": 2, "collectif": 1}
    code, out, _ = b.run(tmp_path / "data", "profile", "Lina", "--progress")
    assert code == 0 and "Progression (avant : le 03/10/2026 → maintenant)" in out
    assert "Communiquer à l’oral : niveau 2 → 2" in out
    code, out, _ = b.run(tmp_path / "data", "profile", "Lina", "--progress", "--json")
    assert json.loads(out)["progress"]["before"] == {"oral": 2, "collectif": 1}


def test_nothing_confirmed_says_so(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    b.draft(store, b.player(store).id)
    code, out, _ = b.run(tmp_path / "data", "profile", "Lina", "--progress")
    assert code == 0 and "rien de confirmé pour l’instant" in out
