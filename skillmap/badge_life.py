"""A badge request's life after it was asked for: corrected before it leaves, cancelled, its
consent withdrawn, and held while what backs it is no longer confirmed.

Every change is one store transaction on the freshest stored request
(``Store.update_badge_requests``). A request being sent (``sent``) is left to the sender; an
issued badge is revoked at its issuer (``sending.revoke``) and asked for again as a new request.
"""

from collections.abc import Callable

from shared.badge import BadgeReason, BadgeRequest
from shared.experience import Experience
from shared.store import Store
from skillmap.common import EMAIL, ActionError

EDITABLE_STATUSES = ("draft", "queued", "failed", "held")
RECHECKED_STATUSES = ("queued", "failed", "held")


def _change(
    store: Store, request: BadgeRequest, change: Callable[[BadgeRequest], None]
) -> BadgeRequest:
    return store.update_badge_requests(request.player_id, {request.id: change})[request.id]


def _refuse_unless_open(request: BadgeRequest) -> None:
    """What can no longer change: being sent, issued (revoke), or cancelled."""
    if request.status in EDITABLE_STATUSES:
        return
    key = {
        "sent": "error.badge_being_sent",
        "issued": "error.badge_issued_revoke",
        "cancelled": "error.badge_cancelled",
    }[request.status]
    raise ActionError(key)


def edit_request(
    store: Store,
    request: BadgeRequest,
    email: str | None = None,
    narrative: str | None = None,
    criteria: str | None = None,
    name: str | None = None,
) -> BadgeRequest:
    """Correct the e-mail, the narrative, the criteria or the name shown, before it is sent;
    a request refused by the issuer (``failed``) goes back in the queue corrected."""
    if email is not None and not EMAIL.match(email.strip()):
        raise ActionError("error.badge_email")
    if narrative is not None and not narrative.strip():
        raise ActionError("error.badge_narrative")
    if criteria is not None and not criteria.strip():
        raise ActionError("error.badge_criteria")
    if email is None and narrative is None and criteria is None and name is None:
        raise ActionError("error.badge_edit_nothing")

    def change(current: BadgeRequest) -> None:
        _refuse_unless_open(current)
        for field, value in (
            ("recipient_email", email),
            ("narrative", narrative),
            ("criteria", criteria),
            ("recipient_name", name),
        ):
            if value is not None:
                setattr(current, field, value.strip())
        if current.status == "failed":
            current.move_to("queued")
            current.last_error = ""

    return _change(store, request, change)


def cancel_request(
    store: Store, request: BadgeRequest, reason: BadgeReason = "cancelled"
) -> BadgeRequest:
    """Cancel a request not yet issued; an issued badge is revoked instead."""

    def change(current: BadgeRequest) -> None:
        _refuse_unless_open(current)
        current.cancel(reason)

    return _change(store, request, change)


def withdraw_consent(store: Store, request: BadgeRequest) -> BadgeRequest:
    """The young person no longer agrees: the request is cancelled, consent and e-mail are
    forgotten (nothing kept that is not needed). Once issued, revoke it first."""

    def change(current: BadgeRequest) -> None:
        revoked = current.answer is not None and current.answer.revoked
        if current.status == "issued" and revoked:
            current.reason = "consent_withdrawn"  # stays issued, revoked: its history
        else:
            _refuse_unless_open(current)
            current.cancel("consent_withdrawn")
        current.consent = False
        current.recipient_email = ""
        current.recipient_name = ""

    return _change(store, request, change)


def why_not_backed(request: BadgeRequest, experiences: list[Experience]) -> BadgeReason:
    """Why the request's experiences no longer back it ("" when they do)."""
    by_id = {e.id: e for e in experiences}
    for experience_id in request.experience_ids:
        experience = by_id.get(experience_id)
        if experience is None:
            return "experience_missing"
        level = experience.confirmed_level(request.competency)
        if level is None:
            return "experience_reopened"
        if level < request.level:
            return "level_lowered"
    return ""


def recheck(store: Store, player_id: str) -> list[BadgeRequest]:
    """After a review change: a waiting request no longer backed is held with the reason, a
    held one backed again is queued. Returns the requests that changed."""
    experiences = store.experiences(player_id)
    changes: dict[str, Callable[[BadgeRequest], None]] = {}
    for request in store.badge_requests(player_id):
        if request.status not in RECHECKED_STATUSES:
            continue
        reason = why_not_backed(request, experiences)
        if reason and (request.status != "held" or request.reason != reason):
            changes[request.id] = _held(reason)
        elif not reason and request.status == "held":
            changes[request.id] = _requeued
    if not changes:
        return []
    return list(store.update_badge_requests(player_id, changes).values())


def _held(reason: BadgeReason) -> Callable[[BadgeRequest], None]:
    def change(current: BadgeRequest) -> None:
        if current.status == "held":
            current.reason = reason
        elif current.status in ("queued", "failed"):
            current.hold(reason)

    return change


def _requeued(current: BadgeRequest) -> None:
    if current.status == "held":
        current.move_to("queued")
