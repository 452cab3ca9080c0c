"""« nouveau » is each counsellor's own: a badge request (named or not) and an action with no
named counsellor clear it for no one; only that counsellor's review action clears theirs."""

from pathlib import Path

import pytest

from shared.store import Store
from skillmap import people, review
from tests.skillmap import builders as b


@pytest.fixture
def no_counsellor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No ``diva-skillmap counsellor NAME`` on this computer, no DIVA_COUNSELLOR."""
    monkeypatch.setenv("DIVA_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("DIVA_COUNSELLOR", raising=False)


def _new_for(store: Store, who: str) -> bool:
    return people.list_players(store, counsellor=who)[0]["new"]


def test_a_badge_request_without_a_counsellor_clears_no_ones_nouveau(
    tmp_path: Path, no_counsellor: None
) -> None:
    data = tmp_path / "data"
    store = Store(data)
    lina = b.player(store, "Lina").id
    b.draft(store, lina, "U9", {"imprevus": 3}, "J’ai lancé l’échauffement.")
    review.confirm_experience(store, lina, "1", "Anne")
    store.touch_player(lina)  # the game wrote something after Anne's review
    assert _new_for(store, "Anne") and _new_for(store, "Karim")
    code, _out, err = b.run(
        data, "badge", "request", "Lina", "--competency", "imprevus", "--level", "3",
        "--email", "lina@example.org", "--consent",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert store.badge_requests(lina)  # the request was queued
    assert _new_for(store, "Anne") and _new_for(store, "Karim")  # nobody reviewed anything
    marks = [r for r in store.review_file.rows("reviews") if r["id"] == lina]
    assert all(r.get("by") for r in marks)  # no mark « for everyone » was written
    review.reopen_experience(store, lina, "1", "Karim")  # Karim's review action
    assert not _new_for(store, "Karim") and _new_for(store, "Anne")


def test_an_unnamed_actor_marks_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    lina = b.player(store, "Lina").id
    people.mark_reviewed(store, lina, "  ")
    assert people.review_marks(store, "Anne") == {} and _new_for(store, "Anne")
    people.mark_reviewed(store, lina, "Anne")
    assert not _new_for(store, "Anne") and _new_for(store, "Karim")
