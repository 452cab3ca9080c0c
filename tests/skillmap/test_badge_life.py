"""A badge request's life: corrected before it leaves, cancelled, consent withdrawn (an
issued badge revoked at a real Badgr-shaped server first), held when what backs it is no
longer confirmed and queued again once it is. Through the CLI on a real data folder."""

from pathlib import Path

import pytest

from shared.badge import BadgeRequest
from shared.errors import DomainError
from shared.store import Store
from skillmap import badges, review
from tests.skillmap import builders as b
from tests.skillmap.test_badgr_compat import (  # noqa: F401 - fixtures
    EMAIL,
    BadgrServer,
    Naps,
    _send,
    badgr,
    book,
    data,
    naps,
    request_id,
    store,
)


def _only(store: Store) -> BadgeRequest:
    (request,) = [r for row in store.players() for r in store.badge_requests(row["id"])]
    return request


def test_edit_before_sending_and_refusals(store: Store, data: Path, request_id: str) -> None:
    code, out, err = b.run(data, "badge", "edit", request_id[:8], "--email", "lina@exemple.fr",
                           "--narrative", "Au club, j’ai fait l’échauffement seule.")  # fmt: skip
    assert (code, err) == (0, ""), err
    assert "corrigée" in out and "en file d’attente" in out
    saved = _only(store)
    assert (saved.recipient_email, saved.narrative, saved.status) == (
        "lina@exemple.fr", "Au club, j’ai fait l’échauffement seule.", "queued"
    )  # fmt: skip
    code, _, err = b.run(data, "badge", "edit", request_id[:8], "--email", "pas-un-email")
    assert code == 1 and "e-mail" in err
    code, _, err = b.run(data, "badge", "edit", request_id[:8])
    assert code == 1 and "Rien à corriger" in err
    assert _only(store).recipient_email == "lina@exemple.fr"


def test_cancel_then_ask_again(store: Store, data: Path, request_id: str) -> None:
    code, out, _ = b.run(data, "badge", "cancel", request_id[:8])
    assert code == 0 and "annulée" in out
    saved = _only(store)
    assert (saved.status, saved.reason) == ("cancelled", "cancelled")
    code, _, err = b.run(data, "badge", "edit", request_id[:8], "--email", "a@b.fr")
    assert code == 1 and "nouvelle demande" in err
    code, out, _ = b.run(data, "badge", "list", "Lina")
    assert "annulée" in out and "Annulée par la personne qui accompagne." in out
    pid = saved.player_id
    again = badges.request_badge(store, pid, "oral", 2, EMAIL, consent=True, narrative="Mes mots.")
    assert again.status == "queued" and again.id != saved.id  # a cancelled one blocks nothing


def test_withdrawn_consent_forgets_the_email(store: Store, data: Path, request_id: str) -> None:
    code, out, _ = b.run(data, "badge", "withdraw", request_id[:8])
    assert code == 0 and "Accord retiré" in out
    saved = _only(store)
    assert (saved.status, saved.reason, saved.consent, saved.recipient_email) == (
        "cancelled", "consent_withdrawn", False, ""
    )  # fmt: skip
    assert EMAIL not in store.player_file(saved.player_id).path.read_text(encoding="utf-8")


def test_withdrawn_consent_once_issued_revokes_at_the_issuer(
    store: Store, data: Path, book, naps: Naps, request_id: str, badgr: BadgrServer
) -> None:
    assert _send(store, data, book, naps, request_id).status == "issued"
    code, out, err = b.run(data, "badge", "cancel", request_id[:8])
    assert code == 1 and "révoquez-le" in err
    code, out, err = b.run(data, "badge", "withdraw", request_id[:8])
    assert code == 0, err
    assert "révoqué chez l’émetteur" in out
    saved = _only(store)
    assert saved.answer is not None, saved.status
    assert saved.status == "issued" and saved.answer.revoked and not saved.consent
    assert saved.answer.revocation_reason == "Consentement retiré par la personne"
    assert saved.recipient_email == ""


def test_reopened_or_lowered_holds_the_request_with_the_reason(
    store: Store, data: Path, request_id: str
) -> None:
    pid = _only(store).player_id
    assert b.run(data, "review", "Lina", "reopen", "1", "--by", "Anne")[0] == 0
    held = _only(store)
    assert (held.status, held.reason) == ("held", "experience_reopened")
    code, out, _ = b.run(data, "badge", "list", "Lina")
    assert "en attente d’une nouvelle vérification" in out and "rouverte" in out
    review.confirm_experience(store, pid, "1", "Anne")
    back = _only(store)
    assert (back.status, back.reason) == ("queued", "")  # backed again: nothing re-typed
    assert back.recipient_email == EMAIL
    review.reopen_experience(store, pid, "1", "Anne")
    review.set_level(store, pid, "1", "oral", 1, "Anne")
    review.confirm_experience(store, pid, "1", "Anne")
    lowered = _only(store)
    assert (lowered.status, lowered.reason) == ("held", "level_lowered")
    assert lowered not in [r for r in store.badge_requests(pid) if r.status == "queued"]


def test_transitions_of_the_model() -> None:
    request = BadgeRequest(player_id="p", competency="oral", level=2, experience_ids=["e"])
    request.cancel()
    with pytest.raises(DomainError):
        request.move_to("queued")  # cancelled is final
    sent = BadgeRequest(
        player_id="p", competency="oral", level=2, experience_ids=["e"], status="sent"
    )
    with pytest.raises(DomainError):
        sent.hold("level_lowered")  # never under the sender's feet
    assert BadgeRequest.model_validate({**sent.model_dump(), "reason": ""}).reason == ""
