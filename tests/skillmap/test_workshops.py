"""Workshops and their short codes."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.player import Workshop
from shared.store import Store
from skillmap import workshops
from skillmap.common import ActionError
from tests.skillmap import builders as b


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


@given(st.integers(min_value=4, max_value=8))
def test_codes_are_unambiguous(length: int) -> None:
    code = workshops.new_code(length)
    assert len(code) == length and not set(code) & set("01OIL")
    Workshop(code=code, structure="x", counsellor="y", date="2026-01-01")


def test_create_and_list(store: Store) -> None:
    first = workshops.create_workshop(store, " ML Denain ", "Anne", "2026-03-14")
    second = workshops.create_workshop(store, "E2C Lille", "Karim")
    assert first.structure == "ML Denain" and first.date == "2026-03-14"
    assert first.code != second.code
    assert store.workshop(first.code.lower()) == first
    assert [w.code for w in workshops.list_workshops(store)] == [second.code, first.code]
    assert workshops.list_workshops(store, "ml denain") == [first]
    b.player(store, "Lina", workshops=[first.code])
    assert workshops.players_per_workshop(store) == {first.code: 1}


@pytest.mark.parametrize(
    ("structure", "counsellor", "day", "key"),
    [("", "Anne", None, "error.workshop_structure"), ("ML", " ", None, "error.workshop_counsellor"),
     ("ML", "Anne", "14/03/2026", "error.invalid_date")],
)  # fmt: skip
def test_create_refuses(
    store: Store, structure: str, counsellor: str, day: str | None, key: str
) -> None:
    with pytest.raises(ActionError) as caught:
        workshops.create_workshop(store, structure, counsellor, day)
    assert caught.value.key == key
    assert store.workshops() == []
