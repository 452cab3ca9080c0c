"""A writer killed between a new player and their line in the funders' record: the person is
counted at the next open, once; killed before the player was written, nobody is counted.

Real child processes are SIGKILLed at the chosen point (``tests.shared.test_store_crash``'s
way); the figures are then read as the skill map reads them (``skillmap.funders``)."""

import json
import textwrap
from pathlib import Path

import pytest

from shared import ledger
from shared.player import Player, Workshop
from shared.store import Store
from skillmap import funders
from tests.shared import test_store_crash as store_crash
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


# -- a workshop joined later (issue 13): put aside the same way -------------------------------

# The child joins ``code`` for the player ``pid`` and stops at ``point`` of ``module`` (after
# the wrapped call when ``point`` is ``intend``: the aside written, the player's file not yet).
# Run through ``kill_at``: its « action » and « pseudonym » arguments carry the code and the id.
JOIN_CHILD = textwrap.dedent(
    """
    import importlib, sys
    from pathlib import Path
    from shared.store import Store
    root, module_name, point, code, pid = sys.argv[1:6]
    owner_name, _, name = point.rpartition(".")
    owner = importlib.import_module(module_name)
    owner = getattr(owner, owner_name) if owner_name else owner
    wrapped = getattr(owner, name)

    def halt():
        print("stopped", flush=True)
        sys.stdin.readline()

    def at_point(*args, **kwargs):
        if name == "intend":
            wrapped(*args, **kwargs)
            return halt()
        halt()
        return wrapped(*args, **kwargs)

    setattr(owner, name, at_point)
    Store(Path(root)).join_workshop(pid, code)
    """
)
CODE = "VAL9P2"


def _joined(root: Path) -> list[dict]:
    return [
        line
        for line in ledger.read(root).events
        if line["event"] == "workshop_joined" and line.get("workshop") == CODE
    ]


def _kill_joining(root: Path, monkeypatch, module: str, point: str) -> str:
    """Anna (of « ML Denain ») joins VAL9P2 in a child killed at ``point``."""
    store = _seeded(root)
    store.add_workshop(Workshop(code=CODE, structure="ML Valenciennes", counsellor="Karim",
                                date="2026-11-12"))  # fmt: skip
    anna = next(r["id"] for r in store.players() if r["pseudonym"] == "Anna")
    monkeypatch.setattr(store_crash, "STOP_CHILD", JOIN_CHILD)
    kill_at(root, module, point, CODE, anna)
    return anna


def _player_file_has(root: Path, player_id: str) -> list[str]:
    """The workshops in the player's file, read as JSON (no Store: opening one recounts)."""
    data = json.loads((root / "players" / f"{player_id}.json").read_bytes())
    return next(iter(data["player"].values()))["workshops"]


@pytest.mark.parametrize(
    ("module", "point"),
    [("shared.ledger", "commit"), ("shared.store.store", "Store._index_player")],
    ids=["before-the-line", "before-the-index"],
)
def test_killed_after_joining_a_workshop_the_join_is_counted_at_open_once(
    tmp_path: Path, monkeypatch, module: str, point: str
) -> None:
    anna = _kill_joining(tmp_path, monkeypatch, module, point)
    assert CODE in _player_file_has(tmp_path, anna)  # the join made it to her file
    assert _joined(tmp_path) == []  # not to the record
    asides = list((tmp_path / ledger.PENDING).glob("*.json"))
    assert [p.stem for p in asides] == [f"{anna}+{CODE}"]
    assert CODE in funders.figures(Store(tmp_path)).as_dict()["workshops"]  # the open counted
    assert [line["structure"] for line in _joined(tmp_path)] == ["ML Denain"]  # her own
    assert list((tmp_path / ledger.PENDING).glob("*.json")) == []
    Store(tmp_path)
    assert len(_joined(tmp_path)) == 1  # once, open after open
    text = ledger.path_of(tmp_path).read_text(encoding="utf-8")
    assert anna not in text and "Anna" not in text  # the record names no one


def test_killed_before_the_join_reached_the_file_nothing_is_counted(
    tmp_path: Path, monkeypatch
) -> None:
    anna = _kill_joining(tmp_path, monkeypatch, "shared.ledger", "intend")
    assert CODE not in _player_file_has(tmp_path, anna)
    assert len(list((tmp_path / ledger.PENDING).glob("*.json"))) == 1
    store = Store(tmp_path)
    assert list((tmp_path / ledger.PENDING).glob("*.json")) == []  # dropped
    assert _joined(tmp_path) == [] and CODE not in funders.figures(store).as_dict()["workshops"]
    store.join_workshop(anna, CODE)  # joined for real afterwards: counted, once
    assert len(_joined(tmp_path)) == 1 and CODE in store.player(anna).workshops
    assert list((tmp_path / ledger.PENDING).glob("*.json")) == []
