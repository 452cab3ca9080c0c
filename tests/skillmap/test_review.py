"""Reviewing experiences: every change through the shared model, kept in the history."""

from pathlib import Path

import pytest

from shared.experience import LevelChange, StatusChange
from shared.store import Store
from skillmap import review
from skillmap.common import ActionError, NeedsConfirmation
from tests.skillmap import builders as b


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


@pytest.fixture
def pid(store: Store) -> str:
    return b.player(store).id


def test_confirm_confirms_proposed_competencies(store: Store, pid: str) -> None:
    exp = b.draft(store, pid)
    review.judge_competency(store, pid, exp.id, "oral", False, "Anne", "pas vraiment")
    saved = review.confirm_experience(store, pid, exp.id, "Anne", "bien raconté")
    assert saved == store.experience(pid, exp.id)
    assert {c.competency: c.status for c in saved.competencies} == {
        "imprevus": "confirmed",
        "oral": "rejected",
    }
    assert [(h.action, h.changes, h.note) for h in saved.history] == [
        ("competency:rejected", [LevelChange(competency="oral", level=2)], "pas vraiment"),
        (
            "status:confirmed",
            [  # the competencies confirmed with it
                StatusChange(before="draft", after="confirmed"),
                LevelChange(competency="imprevus", level=3),
            ],
            "bien raconté",
        ),
    ]
    assert (saved.reviewer, saved.note) == ("Anne", "bien raconté")


def test_find_by_rank_prefix_or_id(store: Store, pid: str) -> None:
    first, second = b.draft(store, pid, "A"), b.draft(store, pid, "B")
    assert review.find_experience(store, pid, "2").id == second.id
    assert review.find_experience(store, pid, first.id[:6]).id == first.id
    assert review.find_experience(store, pid, second.id).id == second.id
    for ref in ("3", "zz", "abc", ""):
        with pytest.raises(ActionError):
            review.find_experience(store, pid, ref)


def test_level4_needs_explicit_confirmation(store: Store, pid: str) -> None:
    exp = b.draft(store, pid, competencies={"oral": 4})
    with pytest.raises(NeedsConfirmation):
        review.confirm_experience(store, pid, exp.id, "Anne")
    with pytest.raises(NeedsConfirmation):
        review.judge_competency(store, pid, exp.id, "oral", True, "Anne")
    with pytest.raises(NeedsConfirmation):
        review.set_level(store, pid, exp.id, "maths", 4, "Anne")
    assert store.experience(pid, exp.id).history == []
    review.confirm_experience(store, pid, exp.id, "Anne", allow_level4=True)
    assert store.experience(pid, exp.id).confirmed_level("oral") == 4
    review.judge_competency(store, pid, exp.id, "oral", False, "Anne")  # rejecting needs no ask


def test_set_level_adjusts_or_adds_at_most_four(store: Store, pid: str) -> None:
    exp = b.draft(store, pid, competencies={"oral": 2, "maths": 1, "regles": 1})
    review.set_level(store, pid, exp.id, "oral", 3, "Anne", "plus autonome")
    review.set_level(store, pid, exp.id, "collectif", 2, "Anne")
    saved = store.experience(pid, exp.id)
    assert {c.competency: c.level for c in saved.competencies}["oral"] == 3
    assert [(h.action, h.changes, h.note) for h in saved.history] == [
        ("level", [LevelChange(competency="oral", level=3, before=2)], "plus autonome"),
        ("add", [LevelChange(competency="collectif", level=2)], ""),
    ]
    with pytest.raises(ActionError) as caught:
        review.set_level(store, pid, exp.id, "ecrit", 1, "Anne")
    assert caught.value.key == "error.too_many_competencies"


@pytest.mark.parametrize(
    ("competency", "level", "key"),
    [("oral", 0, "error.invalid_level"), ("oral", 5, "error.invalid_level"),
     ("danse", 2, "error.unknown_competency")],
)  # fmt: skip
def test_set_level_refuses_bad_input(
    store: Store, pid: str, competency: str, level: int, key: str
) -> None:
    exp = b.draft(store, pid)
    with pytest.raises(ActionError) as caught:
        review.set_level(store, pid, exp.id, competency, level, "Anne")
    assert caught.value.key == key


def test_reject_reopen_and_forbidden_transition(store: Store, pid: str) -> None:
    exp = b.draft(store, pid)
    review.reject_experience(store, pid, exp.id, "Anne", "pas une vraie expérience")
    with pytest.raises(ActionError) as caught:
        review.confirm_experience(store, pid, exp.id, "Anne")
    assert caught.value.key == "error.transition"
    reopened = review.reopen_experience(store, pid, exp.id, "Anne")
    assert reopened.status == "draft"
    assert [h.action for h in reopened.history] == ["status:rejected", "status:draft"]
    assert review.drafts(store, pid) == [reopened]


def test_judge_unknown_competency_on_experience(store: Store, pid: str) -> None:
    exp = b.draft(store, pid)
    with pytest.raises(ActionError) as caught:
        review.judge_competency(store, pid, exp.id, "maths", True, "Anne")
    assert caught.value.key == "error.competency_not_on_experience"


def test_edit_keeps_history(store: Store, pid: str) -> None:
    exp = b.draft(store, pid)
    saved = review.edit_experience(store, pid, exp.id, "Anne", where="Gymnase", kind="sport")
    assert saved.where == "Gymnase"
    assert [h.action for h in saved.history] == ["edit:where"]  # kind was already sport
    with pytest.raises(ActionError):
        review.edit_experience(store, pid, exp.id, "Anne", status="confirmed")
    with pytest.raises(ActionError):
        review.edit_experience(store, pid, exp.id, "Anne", kind="hobby")
    with pytest.raises(ActionError):
        review.edit_experience(store, pid, exp.id, "Anne", title="  ")


def test_add_experience(store: Store, pid: str) -> None:
    draft = review.NewExperience(
        title=" Aider au tournoi ",
        kind="volunteering",
        own_words="J’ai tenu la buvette.",
        activities=["Tenir la caisse", " "],
        competencies={"maths": 2, "collectif": 3},
    )
    exp = review.add_experience(store, pid, draft, "Anne")
    assert store.experiences(pid) == [exp]
    assert (exp.title, exp.source, exp.status, exp.activities) == (
        "Aider au tournoi", "declared", "draft", ["Tenir la caisse"]
    )  # fmt: skip
    assert [h.action for h in exp.history] == ["created", "add", "add"]
    confirmed = review.add_experience(store, pid, draft, "Anne", confirm=True)
    assert confirmed.confirmed_level("collectif") == 3


@pytest.mark.parametrize(
    ("changes", "key"),
    [({"title": ""}, "error.title_empty"), ({"title": "x" * 201}, "error.title_long"),
     ({"kind": "hobby"}, "error.invalid_kind"),
     ({"competencies": {c: 1 for c in ("oral", "ecrit", "maths", "regles", "collectif")}},
      "error.too_many_competencies"),
     ({"competencies": {"oral": 7}}, "error.invalid_level")],
)  # fmt: skip
def test_add_experience_refuses(store: Store, pid: str, changes: dict, key: str) -> None:
    draft = review.NewExperience(title="Ok")
    for name, value in changes.items():
        setattr(draft, name, value)
    with pytest.raises(ActionError) as caught:
        review.add_experience(store, pid, draft, "Anne")
    assert caught.value.key == key
    assert store.experiences(pid) == []


def test_add_experience_level4_asks(store: Store, pid: str) -> None:
    draft = review.NewExperience(title="Former les nouveaux", competencies={"oral": 4})
    with pytest.raises(NeedsConfirmation):
        review.add_experience(store, pid, draft, "Anne")
    assert review.add_experience(store, pid, draft, "Anne", allow_level4=True)
