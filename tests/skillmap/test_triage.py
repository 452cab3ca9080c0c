"""Triage: the review queue (drafts waiting per workshop, oldest first, with counts) and
« nouveau » per counsellor, cleared when that counsellor reviews, not when a page is read."""

import json
from pathlib import Path

import pytest

from shared.store import Store
from skillmap import people, review
from tests.skillmap import builders as b


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data: Path) -> Store:
    return Store(data)


def test_queue_per_workshop_oldest_first_with_counts(store: Store, data: Path) -> None:
    lina = b.player(store, "Lina", workshops=["ABC234"]).id
    sami = b.player(store, "Sami", workshops=["ABC234"]).id
    noe = b.player(store, "Noé", workshops=["XYZ789"]).id
    b.draft(store, sami, "Premier brouillon")  # the oldest of ABC234
    b.draft(store, lina, "Tournoi")
    b.draft(store, lina, "Buvette")
    b.draft(store, noe, "Marché")
    b.player(store, "Inès", workshops=["ABC234"])  # nothing waiting: not in the queue
    code, out, err = b.run(data, "queue", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["pseudonym"], r["workshop"], r["drafts"]) for r in rows] == [
        ("Sami", "ABC234", 1), ("Lina", "ABC234", 2), ("Noé", "XYZ789", 1)
    ]  # fmt: skip
    code, out, _ = b.run(data, "queue", "--workshop", "abc234")
    assert code == 0 and "3 brouillon(s) à revoir pour 2 jeune(s)" in out
    assert "Lina : 2 à revoir" in out and "Noé" not in out
    review.confirm_experience(store, sami, "1", "Anne")
    assert [w.pseudonym for w in __import__("skillmap.queue").queue.waiting(store)] == [
        "Lina", "Noé"
    ]  # fmt: skip


def test_new_is_per_counsellor_and_cleared_by_reviewing(store: Store, data: Path) -> None:
    lina = b.player(store, "Lina").id
    b.draft(store, lina)
    b.draft(store, lina, "Autre")

    def new_for(who: str) -> bool:
        return people.list_players(store, counsellor=who)[0]["new"]

    assert new_for("Anne") and new_for("Karim")
    people.player_page(store, lina)  # reading the page clears nothing
    assert b.run(data, "profile", "Lina")[0] == 0
    assert new_for("Anne")
    review.confirm_experience(store, lina, "1", "Anne")
    assert not new_for("Anne") and new_for("Karim")  # Karim has not reviewed it
    store.touch_player(lina)  # the game wrote something new
    assert new_for("Anne")
