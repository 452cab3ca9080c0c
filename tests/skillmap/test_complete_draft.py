"""Completing a game draft from the command line: ``diva-skillmap experience edit``."""

import json
from pathlib import Path

import pytest

from shared.store import Store
from tests.skillmap import builders as b

SUGGESTION = "J’ai déjà aidé à organiser un tournoi ou une sortie."


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data: Path) -> Store:
    return Store(data)


def test_edit_completes_a_game_draft_with_the_young_persons_words(store: Store, data: Path) -> None:
    lina = b.player(store)
    draft = b.draft(store, lina.id, SUGGESTION, {"organisation": 2}, words="", kind="other")
    code, out, err = b.run(
        data, "experience", "edit", "Lina", draft.id[:8],
        "--words", "J’ai réservé le car pour le tournoi des U11.",
        "--where", "Club de Denain", "--when", "Mars 2026",
        "--title", "Organiser le déplacement des U11", "--kind", "volunteering", "--by", "Anne",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "Organiser le déplacement des U11" in out and "mots du jeune" in out
    saved = store.experience(lina.id, draft.id)
    assert (saved.own_words, saved.where, saved.when, saved.kind, saved.title) == (
        "J’ai réservé le car pour le tournoi des U11.", "Club de Denain", "Mars 2026",
        "volunteering", "Organiser le déplacement des U11",
    )  # fmt: skip
    assert saved.status == "draft" and saved.source == "game"
    edits = [h for h in saved.history if h.action.startswith("edit:")]
    assert {h.action for h in edits} == {
        "edit:own_words", "edit:where", "edit:when", "edit:title", "edit:kind"
    }  # fmt: skip
    assert {h.by for h in edits} == {"Anne"}


def test_edit_by_rank_only_what_is_given_and_json(store: Store, data: Path) -> None:
    lina = b.player(store)
    b.draft(store, lina.id, SUGGESTION, words="")
    code, out, _ = b.run(data, "experience", "edit", "Lina", "1", "--when", "l’été dernier",
                         "--json", "--by", "Anne")  # fmt: skip
    assert code == 0
    shown = json.loads(out)
    assert (shown["when"], shown["title"], shown["where"]) == (
        "l’été dernier", SUGGESTION, "Stade de Denain"
    )  # fmt: skip
    code, out, _ = b.run(data, "experience", "edit", "Lina", "1", "--where", "Gymnase")
    assert code == 0 and "Il manque encore les mots du jeune" in out


def test_edit_refusals_are_said(store: Store, data: Path) -> None:
    lina = b.player(store)
    b.draft(store, lina.id, SUGGESTION, words="")
    before = store.experiences(lina.id)
    code, out, err = b.run(data, "experience", "edit", "Lina", "1")
    assert (code, out) == (1, "") and "Rien à changer" in err
    code, _, err = b.run(data, "experience", "edit", "Lina", "1", "--title", "   ")
    assert code == 1 and "titre" in err.lower()
    code, _, err = b.run(data, "experience", "edit", "Lina", "9", "--where", "Gymnase")
    assert code == 1 and "9" in err
    assert b.run(data, "experience", "edit", "Lina", "1", "--kind", "hobby")[0] == 2
    code, _, err = b.run(data, "experience", "edit", "Lina", "1", "--words", "a\x1b[31mb")
    assert code == 1
    assert store.experiences(lina.id) == before  # nothing written by a refusal


def test_kinds_of_today_and_old_files_read_as_them(store: Store, data: Path) -> None:
    """PMSMP, stage, job, service civique, bénévolat, famille, sport, loisirs; an older file's
    « professional » or « personal » is read as « job » or « leisure » (never damaged)."""
    from shared.experience import Experience

    old = Experience.model_validate({"player_id": "p", "title": "Caisse", "kind": "professional"})
    assert old.kind == "job"
    assert Experience(player_id="p", title="x", kind="personal").kind == "leisure"
    lina = b.player(store)
    b.draft(store, lina.id, SUGGESTION, words="")
    # the stored id is still accepted (old scripts); the help offers the French word
    for kind, word in (("immersion", "immersion"), ("civic_service", "service-civique")):
        assert b.run(data, "experience", "edit", "Lina", "1", "--kind", kind)[0] == 0
        assert store.experiences(lina.id)[0].kind == kind
        code, out, _ = b.run(data, "experience", "add", "--help")
        assert word in out
    from skillmap.common import catalogue

    assert catalogue("fr")("app.kind.internship") == "Stage"


def test_confirm_at_once_needs_a_competency_and_their_words(store: Store, data: Path) -> None:
    lina = b.player(store)
    add = ("experience", "add", "Lina", "--title", "Aider au tournoi", "--confirm")
    code, _, err = b.run(data, *add, "--words", "J’ai tenu la buvette.")
    assert code == 1 and "au moins une compétence" in err
    code, _, err = b.run(data, *add, "--competency", "maths=2")
    assert code == 1 and "avec ses mots" in err
    assert store.experiences(lina.id) == []
    assert b.run(data, *add, "--competency", "maths=2", "--words", "J’ai rendu la monnaie.")[0] == 0
    assert store.experiences(lina.id)[0].status == "confirmed"


def test_status_words_are_french_and_a_shared_pseudonym_offers_a_prefix(
    store: Store, data: Path
) -> None:
    lina = b.player(store, "Lina", "ML Denain")
    b.player(store, "Lina", "E2C Lille")
    b.draft(store, lina.id)
    assert b.run(data, "review", lina.id[:6], "reject", "1", "--by", "Anne")[0] == 0
    code, _, err = b.run(data, "review", lina.id[:6], "confirm", "1", "--by", "Anne")
    assert code == 1 and "« écartée »" in err and "« confirmée »" in err
    assert "rejected" not in err and "confirmed" not in err
    code, _, err = b.run(data, "profile", "Lina")
    assert code == 1 and f"{lina.id[:6]} (ML Denain)" in err and lina.id not in err


def test_by_defaults_to_the_configured_counsellor(
    store: Store, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIVA_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("DIVA_COUNSELLOR", raising=False)
    code, out, _ = b.run(data, "counsellor")
    assert code == 0 and "Aucun nom réglé" in out
    code, out, _ = b.run(data, "counsellor", "Nadia Benali")
    assert code == 0 and "« Nadia Benali »" in out
    assert b.run(data, "counsellor", "a\x1b[2Jb")[0] == 1  # a typed name is checked
    lina = b.player(store)
    b.draft(store, lina.id)
    assert b.run(data, "experience", "edit", "Lina", "1", "--where", "Gymnase")[0] == 0
    assert b.run(data, "review", "Lina", "confirm", "1")[0] == 0
    saved = store.experiences(lina.id)[0]
    assert {h.by for h in saved.history[1:]} == {
        "Nadia Benali"
    } and saved.reviewer == "Nadia Benali"
    from skillmap.app import make_context

    assert make_context(store).counsellor == "Nadia Benali"  # the app signs with it too


def test_scenarios_and_situations_are_said_in_words(store: Store, data: Path) -> None:
    """Never « club-foot / arrivee »: the scenario's title, then the situation."""
    lina = b.player(store)
    b.evidence(store, lina.id)
    b.draft(store, lina.id, SUGGESTION, words="")
    code, out, _ = b.run(data, "profile", "Lina", "--evidence")
    assert code == 0
    assert "Situation « Le coach est en retard »" in out and "club-foot" not in out
    assert "arrivee" not in out and "Le coach est en retard, dix enfants attendent." in out
    code, out, _ = b.run(data, "review", "Lina")
    assert "proposée par le jeu après la situation « Le coach est en retard »" in out


def test_duplicate_experiences_are_flagged(store: Store, data: Path) -> None:
    lina = b.player(store)
    b.draft(store, lina.id, "Entraîner les U9 au club")
    b.draft(store, lina.id, "entrainer  les U9 au club !")  # the same story, typed again
    b.draft(store, lina.id, "Tenir la buvette")
    code, out, _ = b.run(data, "review", "Lina")
    assert code == 0 and out.count("ressemble à l’expérience 1") == 1
    assert b.run(data, "review", "Lina", "reject", "2", "--by", "Anne")[0] == 0
    code, out, _ = b.run(data, "review", "Lina", "--all")
    assert "ressemble" not in out  # set aside: no longer flagged
