"""Asking a tutor, an employer or a trainer to endorse a badge or an experience (issue 9).

The young person's consent to show that badge or experience to that person is recorded in
their file first (``queued``, with the time); only then is the request sent, through the
configured issuer (``skillmap.issuer_client``), which mails the single-use link. If the issuer
cannot be reached the request stays queued and is sent by the next ``endorsement send``.
The endorser's e-mail is forgotten once the issuer has it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from shared.badge import Endorsement, Endorser
from shared.experience import Experience
from shared.player import utc_now
from shared.store import Store
from shared.text import localize
from skillmap import funders
from skillmap.common import ActionError, framework
from skillmap.issuer_client import IssuerClient, IssuerError
from skillmap.people import resolve_id
from skillmap.review import find_experience

ClientFactory = Callable[[str | None], IssuerClient]
STATES = {"sent": "requested", "endorsed": "given", "declined": "declined",
          "expired": "expired", "withdrawn": "withdrawn"}  # fmt: skip
FINAL = ("given", "declined", "expired", "withdrawn")


@dataclass(frozen=True)
class Wanted:
    """What the counsellor typed: whom to ask, about what."""

    player: str
    badge: str | None
    experience: str | None
    name: str
    role: str
    organisation: str
    email: str
    consent: bool
    shown_name: str = ""  # default: the player's pseudonym
    issuer: str = ""  # the configured issuer to send through ("": the only one)


def record(store: Store, wanted: Wanted) -> Endorsement:
    """Check the subject and the consent, and record the queued request (nothing sent yet)."""
    if not wanted.consent:
        raise ActionError("error.endorse_consent")
    if "@" not in wanted.email or len(wanted.email) > 320 or " " in wanted.email.strip():
        raise ActionError("error.endorse_email", email=wanted.email)
    player_id = resolve_id(store, wanted.player)
    player = store.player(player_id)
    kind: Literal["badge", "experience"]
    if wanted.badge:
        kind, subject_id = "badge", _issued_badge(store, player_id, wanted.badge)
    elif wanted.experience:
        experience = find_experience(store, player_id, wanted.experience)
        if experience.status != "confirmed":
            raise ActionError("error.endorse_not_confirmed", title=experience.title)
        kind, subject_id = "experience", experience.id
    else:
        raise ActionError("error.endorse_subject")
    endorsement = Endorsement(
        player_id=player_id,
        endorser=Endorser(name=wanted.name, role=wanted.role, organisation=wanted.organisation),
        subject_kind=kind,
        subject_id=subject_id,
        status="queued",
        consent_at=utc_now(),
        endorser_email=wanted.email.strip(),
        shown_name=(wanted.shown_name or player.pseudonym).strip(),
        issuer=wanted.issuer,
    )
    return store.add_endorsement(endorsement)


def _issued_badge(store: Store, player_id: str, ref: str) -> str:
    ref = ref.strip().lower()
    found = [b for b in store.badge_requests(player_id) if b.id == ref or b.id.startswith(ref)]
    if len(found) != 1:
        raise ActionError("error.badge_unknown", ref=ref)
    badge = found[0]
    if badge.status != "issued" or badge.answer is None or not badge.answer.assertion_id:
        raise ActionError("error.endorse_not_issued")
    if badge.answer.revoked:
        raise ActionError("error.endorse_revoked")
    return badge.id


def _experience_words(experience: Experience, lang: str) -> dict[str, str]:
    """The experience as the endorser reads it: title, place, time, the young person's words."""
    words = {"title": experience.title, "where": experience.where, "when": experience.when}
    confirmed = [c for c in experience.competencies if c.status == "confirmed"]
    if confirmed:
        best = max(confirmed, key=lambda c: c.level)
        competency = framework().competency(best.competency)
        words["competency"] = localize(competency.name, lang)
        words["levelWord"] = framework().level_word(best.level, lang)
        words["criteria"] = competency.descriptor(best.level, lang)
    return {k: v[:200] if k != "criteria" else v[:2000] for k, v in words.items() if v}


def request_body(store: Store, endorsement: Endorsement, lang: str = "fr") -> dict[str, Any]:
    """The issuer's ``POST /v2/endorsements`` body for this request."""
    own_words = ""
    if endorsement.subject_kind == "badge":
        badge = next(b for b in store.badge_requests(endorsement.player_id)
                     if b.id == endorsement.subject_id)  # fmt: skip
        assert badge.answer is not None
        subject: dict[str, Any] = {"type": "assertion", "entityId": badge.answer.assertion_id}
        own_words = badge.narrative
    else:
        experience = next(e for e in store.experiences(endorsement.player_id)
                          if e.id == endorsement.subject_id)  # fmt: skip
        subject = {"type": "experience", **_experience_words(experience, lang)}
        own_words = experience.own_words
    return {
        "subject": subject,
        "endorser": {
            "name": endorsement.endorser.name,
            "role": endorsement.endorser.role,
            "organisation": endorsement.endorser.organisation,
            "email": endorsement.endorser_email,
        },
        "recipientName": endorsement.shown_name,
        "ownWords": own_words[:2000],
        "consent": endorsement.consent_at is not None,
        "lang": lang,
    }


def _update(
    store: Store, endorsement: Endorsement, change: Callable[[Endorsement], None]
) -> Endorsement:
    """Apply ``change`` to the freshest stored copy (one store transaction); a badge's
    endorsement given now is counted in the anonymous record."""
    saved = store.update_endorsement(endorsement.player_id, endorsement.id, change)
    if saved.status == "given" and endorsement.status != "given" and saved.subject_kind == "badge":
        funders.note(store, "badge_endorsed", saved.player_id)
    return saved


def _apply_state(endorsement: Endorsement, result: dict[str, Any]) -> None:
    endorsement.request_id = str(result.get("entityId") or endorsement.request_id)
    state = STATES.get(str(result.get("state")))
    if state is not None:
        endorsement.status = state  # type: ignore[assignment]
    endorsement.reminders = int(result.get("reminders") or endorsement.reminders)
    endorsement.last_error = str(result.get("deliveryError") or "")
    given = result.get("endorsement")
    if isinstance(given, dict):
        endorsement.endorsement_url = str(given.get("openBadgeId", ""))
        endorsement.comment = str(given.get("comment", ""))[:2000]
    if endorsement.status != "queued":
        endorsement.endorser_email = ""  # the issuer has it; the player's file no longer needs it


def send(
    store: Store, endorsement: Endorsement, clients: ClientFactory, issuer: str | None = None
) -> Endorsement:
    """Send a queued request; an unreachable issuer leaves it queued with the error."""
    if endorsement.status != "queued":
        return endorsement
    body = request_body(store, endorsement)
    try:
        client = clients(issuer or endorsement.issuer or None)
        result = client.ask_endorsement(body, endorsement.idempotency_key)
    except IssuerError as error:
        if not error.transient:
            raise
        key = error.key

        def keep_queued(e: Endorsement) -> None:
            e.last_error = key

        return _update(store, endorsement, keep_queued)

    def sent(e: Endorsement) -> None:
        e.issuer = client.config.name
        _apply_state(e, result)

    return _update(store, endorsement, sent)


def refresh(
    store: Store, endorsement: Endorsement, clients: ClientFactory, action: str = ""
) -> Endorsement:
    """Ask the issuer for the state (or send a reminder, or withdraw) and keep the answer."""
    if endorsement.status == "queued":
        if action != "withdraw":
            raise ActionError("error.endorse_not_sent")

        def withdrawn(e: Endorsement) -> None:
            e.status, e.endorser_email = "withdrawn", ""

        return _update(store, endorsement, withdrawn)
    undoing_a_given_one = action == "withdraw" and endorsement.status == "given"
    if action and endorsement.status in FINAL and not undoing_a_given_one:
        raise ActionError("error.endorse_final", status=endorsement.status)
    result = clients(endorsement.issuer or None).endorsement(endorsement.request_id, action)
    return _update(store, endorsement, lambda e: _apply_state(e, result))


def all_endorsements(store: Store, player: str | None = None) -> list[Endorsement]:
    ids = [resolve_id(store, player)] if player else [row["id"] for row in store.players()]
    found = [e for pid in ids for e in store.endorsements(pid)]
    return sorted(found, key=lambda e: e.created)


def find(store: Store, ref: str) -> Endorsement:
    """An endorsement request by its id or the start of it (4+ characters)."""
    ref = ref.strip().lower()
    every = all_endorsements(store)
    found = [e for e in every if e.id == ref] or [
        e for e in every if len(ref) >= 4 and e.id.startswith(ref)
    ]
    if len(found) != 1:
        raise ActionError("error.endorse_unknown", ref=ref)
    return found[0]
