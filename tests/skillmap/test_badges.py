"""Co-building badge requests: criteria, narrative, backing, e-mail, consent, queue."""

from pathlib import Path

import pytest

from shared.store import Store
from skillmap import badges, review
from skillmap.common import ActionError, framework
from tests.skillmap import builders as b


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


@pytest.fixture
def pid(store: Store) -> str:
    pid = b.player(store).id
    b.draft(store, pid, "U9", {"imprevus": 3, "oral": 2}, "J’ai lancé l’échauffement.")
    b.draft(store, pid, "Tournoi", {"imprevus": 2}, "")
    b.draft(store, pid, "Pas revu", {"imprevus": 3})
    review.confirm_experience(store, pid, "1", "Anne")
    review.confirm_experience(store, pid, "2", "Anne")
    return pid


def test_options(store: Store, pid: str) -> None:
    found = {o.competency: (o.level, len(o.experience_ids)) for o in badges.options(store, pid)}
    assert found == {"imprevus": (3, 1), "oral": (2, 1)}


def test_requestable_leaves_out_what_is_already_asked_for(store: Store, pid: str) -> None:
    badges.request_badge(store, pid, "imprevus", 3, "lina@example.org", consent=True)
    assert [o.competency for o in badges.requestable(store, pid)] == ["oral"]
    assert {o.competency for o in badges.options(store, pid)} == {"imprevus", "oral"}


def test_prepare_fills_criteria_and_narrative(store: Store, pid: str) -> None:
    request = badges.prepare(store, pid, "imprevus", 2)
    assert len(request.experience_ids) == 2  # both confirmed at 2 or more; not the draft
    descriptor = framework().competency("imprevus").descriptor(2)
    assert (
        request.criteria == f"Agir face à l’imprévu — niveau « Avec un peu d’aide » : {descriptor}"
    )
    assert request.narrative == "J’ai lancé l’échauffement."  # « Tournoi » is a title
    assert request.status == "draft" and store.badge_requests(pid) == []


def test_narrative_never_takes_the_games_suggestion_as_their_words(store: Store) -> None:
    """A game draft's title is the game's suggestion: without the young person's words the
    narrative stays empty and queuing is refused until it is written with them."""
    pid = b.player(store, "Sami").id
    suggestion = "J’ai déjà aidé à organiser un tournoi ou une sortie."
    b.draft(store, pid, suggestion, {"organisation": 2}, "")
    review.confirm_experience(store, pid, "1", "Anne")
    request = badges.prepare(store, pid, "organisation", 2)
    assert request.narrative == ""
    with pytest.raises(ActionError) as refused:
        badges.submit(store, request, "sami@example.org", consent=True)
    assert refused.value.key == "error.badge_narrative"
    review.edit_experience(store, pid, "1", "Anne", own_words="J’ai réservé le car du club.")
    assert badges.prepare(store, pid, "organisation", 2).narrative == "J’ai réservé le car du club."


def test_submit_queues_and_records_consent(store: Store, pid: str) -> None:
    request = badges.prepare(store, pid, "imprevus", 3)
    request.narrative = "Raconté ensemble : j’ai lancé l’échauffement."
    queued = badges.submit(store, request, " lina@example.org ", consent=True, name="Lina D.")
    assert store.badge_requests(pid) == [queued]
    assert (queued.status, queued.recipient_email, queued.recipient_name) == (
        "queued", "lina@example.org", "Lina D."
    )  # fmt: skip
    assert queued.narrative.startswith("Raconté ensemble")
    assert store.player(pid).consent.badge_issuing


@pytest.mark.parametrize(
    ("email", "consent", "key"),
    [("", True, "error.badge_email"), ("lina@", True, "error.badge_email"),
     ("lina@example", True, "error.badge_email"),
     ("lina@example.org", False, "error.badge_consent")],
)  # fmt: skip
def test_submit_refuses_incomplete(
    store: Store, pid: str, email: str, consent: bool, key: str
) -> None:
    request = badges.prepare(store, pid, "imprevus", 3)
    with pytest.raises(ActionError) as caught:
        badges.submit(store, request, email, consent)
    assert caught.value.key == key
    assert store.badge_requests(pid) == []


def test_empty_narrative_refused(store: Store, pid: str) -> None:
    with pytest.raises(ActionError) as caught:
        badges.request_badge(store, pid, "imprevus", 3, "l@ex.org", True, narrative=" ")
    assert caught.value.key == "error.badge_narrative"


@pytest.mark.parametrize(
    ("competency", "level", "refs", "key"),
    [("imprevus", 3, ["2"], "error.badge_level_low"),
     ("imprevus", 3, ["3"], "error.badge_not_confirmed"),
     ("maths", 1, ["1"], "error.badge_not_confirmed"),
     ("imprevus", 4, None, "error.badge_no_backing"),
     ("imprevus", 2, [], "error.badge_no_experience"),
     ("imprevus", 5, None, "error.invalid_level"),
     ("danse", 1, None, "error.unknown_competency")],
)  # fmt: skip
def test_backing_is_checked(
    store: Store, pid: str, competency: str, level: int, refs: list[str] | None, key: str
) -> None:
    with pytest.raises(ActionError) as caught:
        badges.request_badge(store, pid, competency, level, "l@ex.org", True, refs)
    assert caught.value.key == key


def test_no_duplicate_request(store: Store, pid: str) -> None:
    badges.request_badge(store, pid, "imprevus", 3, "l@ex.org", True)
    for level in (3, 2):
        with pytest.raises(ActionError) as caught:
            badges.request_badge(store, pid, "imprevus", level, "l@ex.org", True)
        assert caught.value.key == "error.badge_duplicate"
    assert badges.request_badge(store, pid, "oral", 2, "l@ex.org", True).status == "queued"


def test_a_revoked_badge_can_be_asked_for_again(store: Store, pid: str) -> None:
    from shared.badge import IssuerAnswer

    first = badges.request_badge(store, pid, "imprevus", 3, "l@ex.org", True)
    first.move_to("sent")
    first.move_to("issued")
    first.answer = IssuerAnswer(assertion_id="a1", revoked=True, revocation_reason="e-mail faux")
    store.save_badge_request(first)
    assert any(o.competency == "imprevus" for o in badges.requestable(store, pid))
    again = badges.request_badge(store, pid, "imprevus", 3, "lina@ex.org", True)
    assert again.status == "queued" and again.id != first.id
