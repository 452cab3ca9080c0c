"""Co-building a badge request with the young person, from confirmed experiences.

The request is prepared (criteria from the framework's level descriptor, narrative from the
player's own words), edited together, then queued once the recipient e-mail (asked only now)
and the player's explicit consent are there. Sending it is the issuer's work; here it must be
complete and valid.
"""

from dataclasses import dataclass

from shared.badge import BadgeRequest
from shared.experience import Experience
from shared.store import Store
from shared.text import localize
from skillmap.common import (
    EMAIL,
    ActionError,
    catalogue,
    check_level,
    competency,
    competency_name,
    framework,
)
from skillmap.review import find_experience

ACTIVE = ("draft", "queued", "sent", "issued", "held")  # held: the same request, waiting


def active(request: BadgeRequest) -> bool:
    """A request that stands in the way of asking again: a revoked badge no longer does."""
    revoked = request.answer is not None and request.answer.revoked
    return request.status in ACTIVE and not revoked


@dataclass
class BadgeOption:
    """A badge the player could ask for: the best confirmed level and what backs it."""

    competency: str
    level: int
    experience_ids: list[str]


def options(store: Store, player_id: str) -> list[BadgeOption]:
    """Per competency confirmed on some experience: the highest level and what backs it."""
    experiences = store.experiences(player_id)
    found = []
    for comp in framework().competencies:
        levels = {e.id: e.confirmed_level(comp.id) for e in experiences}
        confirmed = {eid: lvl for eid, lvl in levels.items() if lvl is not None}
        if confirmed:
            best = max(confirmed.values())
            backing = [eid for eid, lvl in confirmed.items() if lvl >= best]
            found.append(BadgeOption(comp.id, best, backing))
    return found


def requestable(store: Store, player_id: str) -> list[BadgeOption]:
    """The options not already covered by an active request at that level or above."""
    requested = [r for r in store.badge_requests(player_id) if active(r)]
    return [
        o
        for o in options(store, player_id)
        if not any(r.competency == o.competency and r.level >= o.level for r in requested)
    ]


def criteria_text(competency_id: str, level: int, lang: str = "fr") -> str:
    """What earning the badge means, in plain words: the framework's level descriptor."""
    comp = competency(competency_id)
    return catalogue(lang)(
        "badge.criteria",
        competency=localize(comp.name, lang),
        level_word=framework().level_word(level, lang),
        descriptor=comp.descriptor(level, lang),
    )


def narrative_text(experiences: list[Experience]) -> str:
    """The young person's own words from each experience, and nothing else.

    A title is not their words: a game draft's title is the game's suggestion, a declared one
    the counsellor's summary. With no words at all the narrative stays empty, so the form
    asks for it (``error.badge_narrative``) instead of sending someone else's sentence."""
    parts = [e.own_words.strip() for e in experiences]
    return "\n\n".join(p for p in parts if p)


def _backing(
    store: Store, player_id: str, competency_id: str, level: int, refs: list[str]
) -> list[Experience]:
    """The experiences named by ``refs``, each confirmed at this competency and level."""
    if not refs:
        raise ActionError("error.badge_no_experience")
    backing = []
    for ref in refs:
        experience = find_experience(store, player_id, ref)
        confirmed = experience.confirmed_level(competency_id)
        if confirmed is None:
            raise ActionError(
                "error.badge_not_confirmed",
                title=experience.title,
                competency=competency_name(competency_id),
            )
        if confirmed < level:
            raise ActionError(
                "error.badge_level_low", title=experience.title, level=confirmed, wanted=level
            )
        if experience not in backing:
            backing.append(experience)
    return backing


def prepare(
    store: Store,
    player_id: str,
    competency_id: str,
    level: int,
    experience_refs: list[str] | None = None,
    lang: str = "fr",
) -> BadgeRequest:
    """A draft request (not saved) to edit together; default backing: every eligible experience."""
    competency(competency_id)
    check_level(level)
    if experience_refs is None:
        experience_refs = [
            e.id
            for e in store.experiences(player_id)
            if (e.confirmed_level(competency_id) or 0) >= level
        ]
        if not experience_refs:
            raise ActionError(
                "error.badge_no_backing", competency=competency_name(competency_id), level=level
            )
    backing = _backing(store, player_id, competency_id, level, experience_refs)
    return BadgeRequest(
        player_id=player_id,
        framework_id=framework().id,
        competency=competency_id,
        level=level,
        experience_ids=[e.id for e in backing],
        criteria=criteria_text(competency_id, level, lang),
        narrative=narrative_text(backing),
    )


def _check_duplicate(store: Store, request: BadgeRequest) -> None:
    for other in store.badge_requests(request.player_id):
        same = other.competency == request.competency and other.level >= request.level
        if same and active(other) and other.id != request.id:
            raise ActionError(
                "error.badge_duplicate",
                competency=competency_name(request.competency),
                level=other.level,
            )


def _check_complete(request: BadgeRequest) -> None:
    if not EMAIL.match(request.recipient_email.strip()):
        raise ActionError("error.badge_email")
    if not request.criteria.strip():
        raise ActionError("error.badge_criteria")
    if not request.narrative.strip():
        raise ActionError("error.badge_narrative")
    if not request.consent:
        raise ActionError("error.badge_consent")


def submit(
    store: Store,
    request: BadgeRequest,
    email: str,
    consent: bool,
    name: str = "",
) -> BadgeRequest:
    """Complete the request with the recipient and the consent, check it, and queue it."""
    recipient = {"recipient_email": email.strip(), "recipient_name": name.strip()}
    request = request.model_copy(update={**recipient, "consent": consent})
    _check_complete(request)
    player_id = request.player_id

    def check(current: Store) -> None:
        """On the records as they are once locked: backed, and not asked twice."""
        _backing(current, player_id, request.competency, request.level, request.experience_ids)
        _check_duplicate(current, request)
        request.move_to("queued")

    store.queue_badge_request(request, check)
    # Asking for a badge is not reviewing what the game wrote: no one's « nouveau » is cleared
    # (it used to be cleared for every counsellor, the request having no named actor).
    return request


def request_badge(
    store: Store,
    player_id: str,
    competency_id: str,
    level: int,
    email: str,
    consent: bool,
    experience_refs: list[str] | None = None,
    narrative: str | None = None,
    criteria: str | None = None,
    name: str = "",
    lang: str = "fr",
) -> BadgeRequest:
    """Prepare and queue in one call (the CLI's way); narrative and criteria may be overridden."""
    request = prepare(store, player_id, competency_id, level, experience_refs, lang)
    if narrative is not None:
        request.narrative = narrative
    if criteria is not None:
        request.criteria = criteria
    return submit(store, request, email=email, consent=consent, name=name)
