"""Resolving PLAYER, listing and filtering, what is new, and the player's page."""

from pathlib import Path
from typing import Any

import pytest

from shared.store import Store
from skillmap import people
from skillmap.common import ActionError
from tests.skillmap import builders as b


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


def test_resolve_by_id_or_pseudonym(store: Store) -> None:
    lina = b.player(store, "Lina")
    assert people.resolve(store, lina.id)["id"] == lina.id
    assert people.resolve(store, "  LINA ")["id"] == lina.id


@pytest.mark.parametrize("text", ["", "   ", "Bob"])
def test_resolve_unknown(store: Store, text: str) -> None:
    b.player(store, "Lina")
    with pytest.raises(ActionError) as caught:
        people.resolve(store, text)
    assert caught.value.key in ("error.player_empty", "error.player_unknown")


def test_resolve_ambiguous_lists_the_ids(store: Store) -> None:
    one, two = b.player(store, "Lina", "A"), b.player(store, "lina", "B")
    with pytest.raises(ActionError) as caught:
        people.resolve(store, "Lina")
    assert caught.value.key == "error.player_ambiguous"
    choices = caught.value.values["choices"]
    assert isinstance(choices, str), choices
    assert f"{one.id[:6]} (A)" in choices and f"{two.id[:6]} (B)" in choices  # short prefixes
    assert one.id not in choices
    assert people.resolve(store, two.id)["structure"] == "B"
    assert people.resolve(store, two.id[:6])["structure"] == "B"  # the prefix shown works
    assert people.short_id_length(["abcdef12", "abcdef34", "99"]) == 7


def test_list_filters(store: Store) -> None:
    b.player(store, "Lina", "ML Denain", workshops=["ABC234"])
    b.player(store, "Sami", "E2C Lille", workshops=["XYZ789"])
    b.player(store, "Linus", "E2C Lille")

    def names(**filters: Any) -> list[str]:
        return [r["pseudonym"] for r in people.list_players(store, **filters)]

    assert names() == ["Lina", "Linus", "Sami"]
    assert names(structure="e2c lille") == ["Linus", "Sami"]
    assert names(workshop="abc234") == ["Lina"]
    assert names(search="lin") == ["Lina", "Linus"]
    assert names(structure="E2C Lille", search="lin") == ["Linus"]
    assert people.structures(store) == ["E2C Lille", "ML Denain"]


def test_new_since_last_review(store: Store) -> None:
    lina = b.player(store, "Lina")
    assert people.list_players(store, counsellor="Anne")[0]["new"] is True
    people.mark_reviewed(store, lina.id, "Anne")
    row = people.list_players(store, counsellor="Anne")[0]
    assert row["new"] is False and row["reviewed"]
    assert people.list_players(store, only_new=True, counsellor="Anne") == []
    store.touch_player(lina.id)  # the game wrote something since
    assert people.list_players(store, only_new=True, counsellor="Anne")[0]["id"] == lina.id


def test_erasure_forgets_the_review_mark(store: Store) -> None:
    lina = b.player(store, "Lina")
    people.mark_reviewed(store, lina.id, "Anne")
    store.erase_player(lina.id)
    assert people.review_marks(store, "Anne") == {}


def test_player_page_holds_everything(store: Store) -> None:
    lina = b.player(store, "Lina")
    b.evidence(store, lina.id, "imprevus", 3)
    b.evidence(store, lina.id, "imprevus", 3)
    b.draft(store, lina.id)
    b.progress(store, lina.id, "club-foot", done=True)
    page = people.player_page(store, lina.id)
    assert page.player.pseudonym == "Lina"
    assert len(page.evidence) == 2 and len(page.drafts()) == 1
    assert page.profile.get("imprevus").suggested_level == 3
    assert page.profile.get("imprevus").confirmed_level is None
    assert page.progress["club-foot"].status == "done"
    assert len(page.profile.competencies) == 10
