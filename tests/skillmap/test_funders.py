"""Figures for funders from the anonymous record: they hold when people are erased, a damaged
or newer line is named and skipped, structures are one whatever their case, spaces and
accents, and a joiner by code belongs to the workshop's structure. Through the CLI."""

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from shared import ledger
from shared.player import Player
from shared.store import Store
from skillmap import review
from skillmap.workshops import create_workshop
from tests.skillmap import builders as b


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data: Path) -> Store:
    return Store(data)


def _funders(data: Path, *extra: str) -> dict:
    code, out, err = b.run(data, "stats", "--funders", "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def _workshop_day(store: Store) -> str:
    """Two spellings of one structure, a workshop joined by code, experiences confirmed."""
    workshop = create_workshop(store, "Mission Locale de Lens", "Anne", "2026-11-28")
    for name in ("Lina", "Sami", "Noé"):  # joined by code: no structure of their own
        store.add_player(Player(pseudonym=name, workshops=[workshop.code]))
    b.player(store, "Inès", "mission  locale de LENS")
    b.player(store, "Yanis", "Mission locale de Lens")
    for row in store.players():
        b.draft(store, row["id"], words="Je l’ai fait.")
        review.confirm_experience(store, row["id"], "1", "Anne")
    return workshop.code


def test_the_same_figures_before_and_after_erasing_people(store: Store, data: Path) -> None:
    code = _workshop_day(store)
    before = _funders(data)
    assert before["totals"] == {
        "people": 5, "workshops": 1, "experiences_confirmed": 5,
        "badges_issued": 0, "badges_endorsed": 0,
    }  # fmt: skip
    assert list(before["structures"]) == ["Mission Locale de Lens"]  # one, not three
    assert before["workshops"][code]["people"] == 3
    for name in ("Lina", "Inès"):
        assert b.run(data, "erase", name, "--yes", "--local-only")[0] == 0
    assert len(store.players()) == 3
    after = _funders(data)
    assert after == before
    text = (data / ledger.FILE).read_text(encoding="utf-8")
    assert "Lina" not in text and "Inès" not in text
    assert all(row["id"] not in text for row in store.players())
    assert stat.S_IMODE(os.stat(data / ledger.FILE).st_mode) == 0o600


def test_joiners_by_code_take_the_workshops_structure(store: Store, data: Path) -> None:
    code = _workshop_day(store)
    joined = [r for r in store.players() if r["workshops"] == [code]]
    assert {r["structure"] for r in joined} == {"Mission Locale de Lens"}
    by_workshop = _funders(data, "--workshop", code.lower())
    assert by_workshop["totals"]["people"] == 3
    plain = json.loads(b.run(data, "stats", "--json")[1])
    assert list(plain["structures"]) == ["Mission Locale de Lens"]


def test_a_damaged_or_newer_line_is_named_and_skipped(store: Store, data: Path) -> None:
    _workshop_day(store)
    _funders(data)
    with (data / ledger.FILE).open("a", encoding="utf-8") as handle:
        handle.write('{"v": 1, "at": "2026-12-0\n')
        handle.write('{"v": 9, "at": "2026-12-01T00:00:00+00:00", "event": "person_reached"}\n')
    code, out, err = b.run(data, "stats", "--funders")
    assert code == 0
    assert "personnes touchées : 5" in out
    assert f"{ledger.FILE}:" in err and "abîmé" in err and "(v9)" in err
    assert "written by" not in err and ": damaged" not in err  # no English word in French


def test_a_damaged_player_file_does_not_stop_the_counts(store: Store, data: Path) -> None:
    _workshop_day(store)
    victim = store.players()[0]
    store.player_file(victim["id"]).path.write_text("{ broken", encoding="utf-8")
    code, out, err = b.run(data, "stats", "--json")
    assert code == 0
    assert json.loads(out)["totals"]["people"] == 4
    assert victim["id"] in err


def test_csv_for_a_french_spreadsheet_by_month(store: Store, data: Path) -> None:
    create_workshop(store, '=HYPERLINK("http://x")', "Anne", "2026-11-28")
    store.add_player(Player(pseudonym="Lina", workshops=[store.workshops()[0].code]))
    code, out, _ = b.run(data, "stats", "--funders", "--csv")
    assert code == 0 and out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    assert (
        rows[0][:3] == ["Portée", "Nom", "personnes touchées"] or rows[0][2] == "personnes touchées"
    )
    months = [r for r in rows if r[0] == "mois"]
    assert months and all(len(r[1]) == 7 for r in months)
    names = [r[1] for r in rows if r[0] == "structure"]
    assert names == ['\'=HYPERLINK("http://x")']
