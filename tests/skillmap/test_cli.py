"""Every ``diva-skillmap`` command, on a real data folder: output, stored result, exit code."""

import argparse
import csv
import io
import json
from pathlib import Path

import pytest

from shared.experience import LevelChange, StatusChange
from shared.store import Store
from tests.skillmap import builders as b


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data: Path) -> Store:
    return Store(data)


def test_players_lists_index_with_new_marks(store: Store, data: Path) -> None:
    b.player(store, "Lina", "ML Denain", workshops=["ABC234"])
    b.player(store, "Sami", "E2C Lille")
    code, out, err = b.run(data, "players")
    assert (code, err) == (0, "")
    assert "Lina" in out and "Sami" in out and "2 joueur(s)" in out


def test_players_json_and_filters(store: Store, data: Path) -> None:
    lina = b.player(store, "Lina", "ML Denain", workshops=["ABC234"])
    b.player(store, "Sami", "E2C Lille")
    code, out, _ = b.run(data, "players", "--json", "--workshop", "abc234")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [lina.id]
    assert rows[0]["new"] is True
    code, out, _ = b.run(data, "players", "--json", "--structure", "e2c lille")
    assert [r["pseudonym"] for r in json.loads(out)] == ["Sami"]
    code, out, _ = b.run(data, "players", "--json", "--search", "in")
    assert [r["pseudonym"] for r in json.loads(out)] == ["Lina"]


def test_players_columns_are_aligned(store: Store, data: Path) -> None:
    b.player(store, "Lina", "ML Denain", workshops=["ABC234"])
    b.player(store, "Maëlys-Anne", "E2C Valenciennes")
    code, out, _ = b.run(data, "players")
    first, second = out.splitlines()[:2]
    assert first.find("ML Denain") == second.find("E2C Valenciennes")
    assert first.find("ABC234") == second.find(" -  ") + 1
    assert len(first) == len(second)  # the ids line up at the end


def test_unknown_workshop_or_structure_is_said(store: Store, data: Path) -> None:
    b.player(store, "Lina", "ML Denain", workshops=["ABC234"])
    code, out, err = b.run(data, "players", "--workshop", "XYZ999")
    assert (code, out) == (1, "")
    assert err == "Aucun atelier XYZ999. Ateliers connus : ABC234.\n"
    code, out, err = b.run(data, "players", "--json", "--structure", "Mission locale")
    assert (code, out) == (1, "")
    assert "Aucune structure « Mission locale »" in err and "ML Denain" in err
    code, _, err = b.run(data, "stats", "--structure", "Mission locale")
    assert code == 1 and "Structures connues : ML Denain" in err
    code, _, err = b.run(data, "--lang", "en", "players", "--workshop", "XYZ999")
    assert err == "No workshop XYZ999. Known workshops: ABC234.\n"


def test_dates_are_written_in_the_help_language(data: Path) -> None:
    _, out, _ = b.run(data, "--lang", "en", "stats", "--help")
    assert "YYYY-MM-DD" in out and "AAAA" not in out
    _, out, _ = b.run(data, "stats", "--help")
    assert "AAAA-MM-JJ" in out


def test_the_app_does_not_print_pygames_banner(tmp_path: Path) -> None:
    """The app's start hides pygame's greeting (importing the package changes nothing)."""
    import os
    import subprocess
    import sys

    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    code = (
        "import os, sys, skillmap.app\n"
        "assert 'PYGAME_HIDE_SUPPORT_PROMPT' not in os.environ  # no import-time side effect\n"
        "sys.exit(skillmap.app.main(['--data-dir', sys.argv[1]]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYGAME_HIDE_SUPPORT_PROMPT"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(not_a_folder)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1, done.stderr  # the screens were imported, the folder refused
    assert "pygame" not in done.stdout + done.stderr


def test_players_empty_folder(data: Path) -> None:
    assert b.run(data, "players") == (0, "Aucun joueur.\n", "")


def test_profile_text_and_json(store: Store, data: Path) -> None:
    lina = b.player(store)
    b.evidence(store, lina.id)
    b.draft(store, lina.id)
    code, out, _ = b.run(data, "profile", "lina")
    assert code == 0
    assert "Agir face à l’imprévu" in out and "Sans aide (1 choix)" in out
    code, out, _ = b.run(data, "profile", "lina", "--evidence")
    assert code == 0 and "choix : « Je rassemble les enfants tout de suite. »" in out
    assert "situation : Le coach est en retard" in out
    code, out, _ = b.run(data, "profile", lina.id, "--json")
    page = json.loads(out)
    row = next(c for c in page["competencies"] if c["competency"] == "imprevus")
    assert row["suggested_level"] == 3 and row["evidence"] == 1
    assert page["evidence"][0]["choice_text"].startswith("Je rassemble")
    assert len(page["experiences"]) == 1


def test_profile_json_leaves_out_the_badge_recipient(store: Store, data: Path) -> None:
    _confirmed(store)
    code, _, _ = b.run(
        data, "badge", "request", "Lina", "--competency", "imprevus", "--level", "3",
        "--email", "lina@example.org", "--name", "Lina Benali", "--consent",
    )  # fmt: skip
    assert code == 0
    code, out, _ = b.run(data, "profile", "Lina", "--json")
    assert code == 0 and json.loads(out)["badge_requests"][0]["level"] == 3
    assert "lina@example.org" not in out and "Benali" not in out
    code, out, _ = b.run(data, "badge", "list", "Lina", "--json")  # asked for: shown
    assert "lina@example.org" in out


def test_unknown_and_ambiguous_player(store: Store, data: Path) -> None:
    b.player(store, "Lina", "ML Denain")
    b.player(store, "lina", "E2C Lille")
    code, out, err = b.run(data, "profile", "Bob")
    assert (code, out) == (1, "")
    assert "Aucun joueur « Bob »" in err
    code, _, err = b.run(data, "profile", "LINA")
    assert code == 1 and "Plusieurs joueurs" in err and "E2C Lille" in err
    assert "Traceback" not in err


def test_review_lists_drafts_then_confirms_with_history(store: Store, data: Path) -> None:
    lina = b.player(store)
    exp = b.draft(store, lina.id)
    code, out, _ = b.run(data, "review", "Lina")
    assert code == 0 and "1. [brouillon] Entraîner les U9" in out
    code, out, _ = b.run(data, "review", "Lina", "confirm", "1", "--by", "Anne", "--note", "vu")
    assert code == 0 and "Confirmé" in out
    assert "Compétences confirmées : Agir face à l’imprévu, niveau 3" in out
    saved = store.experience(lina.id, exp.id)
    assert saved.status == "confirmed" and saved.reviewer == "Anne"
    [entry] = saved.history
    assert (entry.by, entry.action, entry.note) == ("Anne", "status:confirmed", "vu")
    assert entry.changes == [
        StatusChange(before="draft", after="confirmed"),
        LevelChange(competency="imprevus", level=3),
        LevelChange(competency="oral", level=2),
    ]
    assert b.run(data, "review", "Lina")[1].startswith("Rien à revoir")


def test_review_one_competency_and_adjust(store: Store, data: Path) -> None:
    lina = b.player(store)
    exp = b.draft(store, lina.id)
    ref = exp.id[:8]
    args = ("review", "Lina")
    assert (
        b.run(data, *args, "adjust", ref, "--competency", "oral", "--level", "3", "--by", "A")[0]
        == 0
    )
    assert b.run(data, *args, "reject", ref, "--competency", "imprevus", "--by", "A")[0] == 0
    code, out, _ = b.run(data, *args, "confirm", ref, "--competency", "oral", "--by", "A")
    assert code == 0
    assert out.startswith("Compétence confirmée : Communiquer à l’oral, niveau 3 (Sans aide)")
    assert "L’expérience reste à revoir" in out  # not "Confirmé : « titre »"
    saved = store.experience(lina.id, exp.id)
    assert {c.competency: (c.level, c.status) for c in saved.competencies} == {
        "imprevus": (3, "rejected"),
        "oral": (3, "confirmed"),
    }
    assert [h.action for h in saved.history] == [
        "level",
        "competency:rejected",
        "competency:confirmed",
    ]
    assert saved.status == "draft"


def test_review_errors(store: Store, data: Path) -> None:
    lina = b.player(store)
    b.draft(store, lina.id, competencies={"oral": 4})
    code, _, err = b.run(data, "review", "Lina", "confirm", "1")
    assert code == 1 and "--level4" in err
    assert store.experiences(lina.id)[0].status == "draft"
    assert b.run(data, "review", "Lina", "confirm", "1", "--level4")[0] == 0
    code, _, err = b.run(data, "review", "Lina", "confirm", "1")
    assert code == 1 and "ne peut pas passer" in err
    code, _, err = b.run(
        data, "review", "Lina", "adjust", "1", "--competency", "oral", "--level", "7"
    )
    assert code == 1 and "Niveau invalide : 7" in err
    code, _, err = b.run(
        data, "review", "Lina", "adjust", "1", "--competency", "danse", "--level", "2"
    )
    assert code == 1 and "Compétence inconnue" in err
    code, _, err = b.run(data, "review", "Lina", "confirm", "9")
    assert code == 1 and "Aucune expérience « 9 »" in err
    code, _, err = b.run(data, "review", "Lina", "adjust", "1", "--level", "x")
    assert code == 2 and "valeur invalide" in err
    code, _, err = b.run(data, "review", "Lina", "adjust", "1")
    assert code == 1 and "--competency et --level" in err
    assert b.run(data, "review", "Lina", "reopen", "1")[0] == 0
    assert store.experiences(lina.id)[0].status == "draft"


def test_experience_add(store: Store, data: Path) -> None:
    lina = b.player(store)
    code, out, _ = b.run(
        data, "experience", "add", "Lina", "--title", "Aider au tournoi", "--kind", "volunteering",
        "--where", "Gymnase", "--words", "J’ai tenu la buvette.", "--activity", "Tenir la caisse",
        "--competency", "maths=2", "--competency", "collectif=3", "--confirm", "--by", "Anne",
    )  # fmt: skip
    assert code == 0 and "Expérience ajoutée" in out
    (exp,) = store.experiences(lina.id)
    assert (exp.source, exp.status, exp.kind, exp.own_words) == (
        "declared", "confirmed", "volunteering", "J’ai tenu la buvette."
    )  # fmt: skip
    assert {c.competency: c.level for c in exp.competencies} == {"maths": 2, "collectif": 3}
    assert exp.history[0].action == "created"


def test_experience_add_errors(store: Store, data: Path) -> None:
    b.player(store)
    add = ("experience", "add", "Lina", "--title", "X")
    code, _, err = b.run(data, *add, *[a for c in ("oral", "ecrit", "maths", "regles", "collectif")
                                         for a in ("--competency", f"{c}=1")])  # fmt: skip
    assert code == 1 and "au plus 4" in err
    code, _, err = b.run(data, *add, "--competency", "oral")
    assert code == 2 and "écrivez COMPÉTENCE=NIVEAU, par exemple maths=2" in err
    assert b.run(data, *add, "--kind", "hobby")[0] == 2
    code, _, err = b.run(data, *add, "--competency", "oral=4")
    assert code == 1 and "--level4" in err
    assert b.run(data, *add, "--competency", "oral=4", "--level4")[0] == 0
    assert b.run(data, "experience", "add", "Lina")[0] == 2
    assert b.run(data, "experience")[0] == 2


def _confirmed(store: Store) -> str:
    lina = b.player(store)
    b.draft(store, lina.id)
    from skillmap.review import confirm_experience

    confirm_experience(store, lina.id, "1", by="Anne")
    return lina.id


def test_badge_request_and_list(store: Store, data: Path) -> None:
    pid = _confirmed(store)
    code, out, err = b.run(
        data, "badge", "request", "Lina", "--competency", "imprevus", "--level", "3",
        "--email", "lina@example.org", "--consent",
    )  # fmt: skip
    assert (code, err) == (0, "") and "file d’attente" in out
    (request,) = store.badge_requests(pid)
    assert request.status == "queued" and request.consent
    assert request.narrative == "Le samedi j’aide Karim avec les petits."
    assert "Je trouve sans aide un plan B" in request.criteria
    assert store.player(pid).consent.badge_issuing
    code, out, _ = b.run(data, "badge", "list", "Lina")
    assert code == 0 and "en file d’attente" in out
    assert "possible : Agir face à l’imprévu" not in out  # already asked for at that level
    code, out, _ = b.run(data, "badge", "list", "Lina", "--json")
    assert json.loads(out)["requests"][0]["id"] == request.id


def test_badge_request_errors(store: Store, data: Path) -> None:
    _confirmed(store)
    base = ("badge", "request", "Lina", "--competency", "imprevus")
    code, _, err = b.run(data, *base, "--level", "3", "--email", "lina@example.org")
    assert code == 1 and "accord explicite" in err
    code, _, err = b.run(data, *base, "--level", "3", "--email", "lina", "--consent")
    assert code == 1 and "e-mail" in err
    code, _, err = b.run(data, *base, "--level", "4", "--email", "l@ex.org", "--consent")
    assert code == 1 and "au niveau 4 ou plus" in err
    code, _, err = b.run(
        data, *base, "--level", "4", "--experience", "1", "--email", "l@ex.org", "--consent"
    )
    assert code == 1 and "en dessous du niveau 4" in err
    code, _, err = b.run(data, "badge", "request", "Lina", "--competency", "maths", "--level",
                         "1", "--experience", "1", "--email", "l@ex.org", "--consent")  # fmt: skip
    assert code == 1 and "n’a pas la compétence « Mobiliser des ressources mathématiques »" in err
    assert b.run(data, *base, "--email", "l@ex.org")[0] == 2
    assert b.run(data, "badge")[0] == 2


def test_export_portfolio_and_data(store: Store, data: Path, tmp_path: Path) -> None:
    pid = _confirmed(store)
    out_html = tmp_path / "out" / "lina.html"
    code, _, err = b.run(data, "export", "Lina", "--out", str(out_html))
    assert code == 1 and "--consent" in err and not out_html.exists()
    code, out, _ = b.run(data, "export", "Lina", "--out", str(out_html), "--consent")
    assert code == 0 and out_html.exists() and out_html.with_suffix(".png").exists()
    assert store.player(pid).consent.share_portfolio
    out_json = tmp_path / "out" / "lina.json"
    assert b.run(data, "export", "Lina", "--out", str(out_json))[0] == 0
    bundle = json.loads(out_json.read_text(encoding="utf-8"))
    assert bundle["player"]["id"] == pid and len(bundle["experiences"]) == 1
    assert b.run(data, "export", "Lina")[0] == 2


def test_erase_asks_then_erases(store: Store, data: Path) -> None:
    lina = b.player(store)
    b.player(store, "Sami")
    code, _, err = b.run(data, "erase", "Lina", stdin="non\n")
    assert code == 1 and "Rien n’a été effacé" in err
    assert store.find_players(lina.id)
    code, out, _ = b.run(data, "erase", "Lina", stdin="oui\n")
    assert code == 0 and "effacées" in out
    assert not store.find_players(lina.id)
    assert not (data / "players" / f"{lina.id}.json").exists()
    assert b.run(data, "erase", "Sami", "--yes")[0] == 0
    assert b.run(data, "erase", "Sami", "--yes")[0] == 1


def test_workshop_create_and_list(store: Store, data: Path) -> None:
    code, out, _ = b.run(data, "workshop", "create", "--structure", "ML Denain",
                         "--counsellor", "Anne", "--date", "2026-03-14", "--json")  # fmt: skip
    assert code == 0
    workshop = json.loads(out)
    assert len(workshop["code"]) == 6 and workshop["date"] == "2026-03-14"
    b.player(store, "Lina", workshops=[workshop["code"]])
    code, out, _ = b.run(data, "workshop", "list")
    assert code == 0 and workshop["code"] in out and "(1 joueur(s))" in out
    assert b.run(data, "workshop", "create", "--structure", "X", "--date", "14/03/2026")[0] == 2
    assert b.run(data, "workshop", "create", "--structure", " ", "--counsellor", "A")[0] == 1
    assert b.run(data, "workshop")[0] == 2


def test_stats_text_json_csv(store: Store, data: Path) -> None:
    pid = _confirmed(store)
    b.progress(store, pid, "club-foot", done=True)
    b.progress(store, pid, "famille", done=False)
    b.player(store, "Sami", "E2C Lille")
    code, out, _ = b.run(data, "stats", "--json")
    totals = json.loads(out)["totals"]
    assert code == 0
    assert totals == {
        "people": 2, "scenarios_played": 2, "scenarios_finished": 1,
        "experiences_confirmed": 1, "badge_requests": 0, "badges_issued": 0, "structures": 2,
    }  # fmt: skip
    code, out, _ = b.run(data, "stats", "--csv", "--structure", "ML Denain")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0][0] == "portée" and rows[1][:3] == ["total", "", "1"]
    assert "Lina" not in out and pid not in out
    code, out, _ = b.run(data, "stats", "--from", "2000-01-01", "--to", "2000-12-31", "--json")
    assert json.loads(out)["totals"]["people"] == 0
    code, out, err = b.run(data, "stats", "--from", "2026-06-30", "--to", "2026-01-01")
    assert (code, out) == (2, "") and "la date de début (--from) doit venir avant" in err
    code, _, err = b.run(data, "stats", "--from", "hier")
    assert code == 2 and "Date invalide : « hier ». Écrivez-la AAAA-MM-JJ" in err
    assert b.run(data, "stats", "--csv", "--json")[0] == 2
    assert "personnes touchées" in b.run(data, "stats")[1]


def test_usage_errors_and_help(data: Path) -> None:
    code, out, err = b.run(data, "nope")
    assert code == 2 and "choix invalide" in err
    code, out, _ = b.run(data, "--help")
    assert code == 0 and "utilisation" in out
    code, out, _ = b.run(data, "--lang", "en", "players", "--help")
    assert code == 0 and "usage" in out


@pytest.mark.parametrize(
    ("group", "action"), [("experience", "add"), ("badge", "request"), ("workshop", "create")]
)
def test_a_group_alone_shows_its_actions(data: Path, group: str, action: str) -> None:
    code, out, err = b.run(data, group)
    assert code == 2 and not out
    assert f"diva-skillmap {group}" in err and action in err


def test_english_messages(store: Store, data: Path) -> None:
    code, _, err = b.run(data, "--lang", "en", "profile", "Bob")
    assert code == 1 and "No player “Bob”" in err


def test_damaged_data_file_is_reported_not_replaced(store: Store, data: Path) -> None:
    lina = b.player(store)
    path = data / "players" / f"{lina.id}.json"
    path.write_text("{not json", encoding="utf-8")
    code, _, err = b.run(data, "profile", "Lina")
    assert code == 1 and "Traceback" not in err
    assert f"Le fichier de données {path} est abîmé : DIVA ne l’a pas modifié." in err
    assert "restaurez-le depuis la sauvegarde" in err
    assert path.read_text(encoding="utf-8") == "{not json"


def test_no_subcommand_starts_the_app(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bare command calls skillmap.app.main(args) (replaced here by a recorder)."""
    import sys
    import types

    seen: list[object] = []

    def main_seen(args: argparse.Namespace) -> int:
        seen.append(args.data_dir)
        return 0

    def main_args(args: argparse.Namespace) -> int:
        seen.append(args)
        return 0

    fake = types.ModuleType("skillmap.app")
    fake.main = main_seen  # type: ignore[attr-defined]  # a bare module declares no main
    monkeypatch.setitem(sys.modules, "skillmap.app", fake)
    import skillmap

    monkeypatch.setattr(skillmap, "app", fake, raising=False)
    assert b.run(data)[0] == 0
    assert seen == [str(data)]
    seen.clear()
    fake.main = main_args  # type: ignore[attr-defined]  # a bare module declares no main
    assert b.run(data, "--counsellor", "Nadia", "--high-contrast", "--size", "1600x900")[0] == 0
    monkeypatch.undo()
    from skillmap.app import options_from  # the app keeps what the command line gave it

    [given] = seen
    assert isinstance(given, argparse.Namespace)
    options = options_from(given)
    assert (options.counsellor, options.high_contrast, options.size) == ("Nadia", True, "1600x900")
