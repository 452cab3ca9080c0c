"""A writer killed between a new player and their line in the funders' record: the person is
counted at the next open, once; killed before the player was written, nobody is counted.

Real child processes are SIGKILLed at the chosen point (``tests.shared.test_store_crash``'s
way); the figures are then read as the skill map reads them (``skillmap.funders``)."""

import json
from pathlib import Path

from shared import ledger
from shared.player import Player
from shared.store import Store
from skillmap import funders
from tests.shared.test_store_crash import kill_at


def _people(root: Path) -> int:
    return funders.figures(Store(root)).as_dict()["totals"]["people"]


def _seeded(root: Path) -> Store:
    """A folder whose record exists already (so a missing line is not rebuilt by a seed)."""
    store = Store(root)
    store.add_player(Player(pseudonym="Anna", structure="ML Denain"))
    assert funders.figures(store).as_dict()["totals"]["people"] == 1
    return store


def test_killed_before_the_line_the_person_is_counted_at_open_once(tmp_path: Path) -> None:
    _seeded(tmp_path)
    kill_at(tmp_path, "shared.ledger", "commit", "add", "Kilian")
    assert len(list((tmp_path / "players").glob("*.json"))) == 2  # Kilian was written
    assert [line["event"] for line in ledger.read(tmp_path).events] == ["person_reached"]
    assert len(list((tmp_path / ledger.PENDING).glob("*.json"))) == 1
    assert _people(tmp_path) == 2  # the open counted Kilian
    assert list((tmp_path / ledger.PENDING).glob("*.json")) == []
    assert _people(tmp_path) == 2  # and only once, open after open
    text = ledger.path_of(tmp_path).read_text(encoding="utf-8")
    kilian = next(r["id"] for r in Store(tmp_path).players() if r["pseudonym"] == "Kilian")
    assert kilian not in text and "Kilian" not in text  # the record names no one


def test_killed_before_the_index_or_before_the_player_file(tmp_path: Path) -> None:
    _seeded(tmp_path)
    kill_at(tmp_path, "shared.store.store", "Store._index_player", "add", "Kilian")
    assert _people(tmp_path) == 2  # the file made it, not the index nor the line: counted
    # an aside whose player file was never written (killed just after ``intend``)
    aside = tmp_path / ledger.PENDING / "0123456789abcdef0123456789abcdef.json"
    ledger.intend(tmp_path, aside.stem, [ledger.event("person_reached", "ML Denain")])
    assert _people(tmp_path) == 2 and not aside.exists()  # dropped: nobody was reached


def test_killed_after_the_line_before_the_aside_went_counts_once(tmp_path: Path) -> None:
    _seeded(tmp_path)
    ledger.intend(tmp_path, "kilian", [ledger.event("person_reached", "ML Denain")])
    aside = json.loads((tmp_path / ledger.PENDING / "kilian.json").read_bytes())
    ledger.append(tmp_path, aside["lines"])  # what ``commit`` did before the process died
    before = ledger.path_of(tmp_path).read_bytes()
    assert ledger.recover(tmp_path, lambda key: key == "kilian") == []  # in already
    assert ledger.path_of(tmp_path).read_bytes() == before
    assert list((tmp_path / ledger.PENDING).glob("*.json")) == []
    assert _people(tmp_path) == 2
