"""Badge requests and endorsements.

BadgeRequest status machine::

    draft -> queued -> sent -> issued | failed
    failed -> queued            (to retry)
    sent -> queued              (the issuer could not be reached)
    queued | failed -> held     (no longer backed: an experience reopened or set aside, a
                                 level lowered; ``reason`` says which) -> queued once backed
                                 again, with nothing re-typed
    draft | queued | failed | held -> cancelled   (the counsellor cancelled, or the young
                                 person withdrew consent: ``reason``); final, ask again anew

A request being sent (``sent``) is never held nor cancelled under the sender's feet; an
issued badge is revoked at its issuer (``answer.revoked``), never moved back.
"""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared import SCHEMA_VERSION
from shared.errors import DomainError
from shared.experience import Experience
from shared.player import new_id, utc_now

BadgeStatus = Literal["draft", "queued", "sent", "issued", "failed", "held", "cancelled"]

BADGE_TRANSITIONS: dict[str, set[str]] = {
    "draft": {"queued", "cancelled"},
    "queued": {"sent", "failed", "draft", "held", "cancelled"},
    "sent": {"issued", "failed", "queued"},
    "failed": {"queued", "held", "cancelled"},
    "held": {"queued", "cancelled"},
    "issued": set(),
    "cancelled": set(),
}
# Why a request is held or cancelled (``BadgeRequest.reason``).
BadgeReason = Literal[
    "",
    "experience_reopened",  # a backing experience is no longer confirmed
    "level_lowered",  # a backing experience confirms a lower level now
    "experience_missing",  # a backing experience was removed
    "cancelled",  # the counsellor cancelled it
    "consent_withdrawn",  # the young person withdrew their consent
]


class IssuerAnswer(BaseModel):
    """What the issuer sent back for an issued badge."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    assertion_url: str = ""
    assertion_id: str = ""
    baked_image_url: str = ""
    message: str = ""
    # which configured issuer answered, and the BadgeClass used (to revoke, to re-fetch)
    issuer: str = ""
    badgeclass_id: str = ""
    # files saved beside the player's data (relative to the data folder), once downloaded
    image_path: str = ""
    credential_path: str = ""
    revoked: bool = False
    revocation_reason: str = ""


class BadgeRequest(BaseModel):
    """A request to issue a badge for one competency at one level, backed by experiences."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    idempotency_key: str = Field(default_factory=new_id)
    player_id: str
    framework_id: str = "rectec"
    competency: str
    level: int = Field(ge=1, le=4)
    experience_ids: list[str] = Field(min_length=1)
    narrative: str = ""
    criteria: str = ""
    recipient_email: str = ""
    recipient_name: str = ""
    consent: bool = False
    status: BadgeStatus = "draft"
    answer: IssuerAnswer | None = None
    attempts: int = 0
    last_error: str = ""
    reason: BadgeReason = ""  # why it is held or cancelled
    created: datetime = Field(default_factory=utc_now)

    def check_backed_by(self, experiences: list[Experience]) -> None:
        """Raise DomainError unless every experience is confirmed at this competency and level."""
        by_id = {e.id: e for e in experiences}
        for experience_id in self.experience_ids:
            experience = by_id.get(experience_id)
            if experience is None:
                raise DomainError(
                    f"experience {experience_id} does not exist for this player", "no_experience"
                )
            level = experience.confirmed_level(self.competency)
            if level is None:
                raise DomainError(
                    f"experience '{experience.title}' has no confirmed '{self.competency}'",
                    "badge_not_confirmed",
                    title=experience.title,
                    competency=self.competency,
                )
            if level < self.level:
                raise DomainError(
                    f"experience '{experience.title}' confirms level {level}, "
                    f"below the requested {self.level}",
                    "badge_level_below",
                    title=experience.title,
                    level=level,
                    requested=self.level,
                )

    def move_to(self, status: BadgeStatus) -> None:
        """Change status, or raise DomainError for a transition the rules forbid."""
        if status not in BADGE_TRANSITIONS[self.status]:
            raise DomainError(
                f"a badge request cannot go from '{self.status}' to '{status}'",
                "badge_transition",
                before=self.status,
                after=status,
            )
        if status == "queued" and self.status == "draft":
            self._check_complete()
        if status not in ("held", "cancelled"):
            self.reason = ""
        self.status = status

    def hold(self, reason: BadgeReason) -> None:
        """Keep the request from being sent until what backs it is confirmed again."""
        self.move_to("held")
        self.reason = reason

    def cancel(self, reason: BadgeReason = "cancelled") -> None:
        """Cancel for good (a new request is needed to ask again)."""
        self.move_to("cancelled")
        self.reason = reason

    def _check_complete(self) -> None:
        missing = [
            name
            for name, value in (
                ("recipient e-mail", self.recipient_email),
                ("criteria", self.criteria),
                ("narrative", self.narrative),
            )
            if not value.strip()
        ]
        if missing:
            raise DomainError(f"the badge request lacks: {', '.join(missing)}", "badge_incomplete")
        if not self.consent:
            raise DomainError(
                "the player has not consented to the badge being issued", "badge_no_consent"
            )


class Endorser(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str = Field(min_length=1)
    role: str = ""
    organisation: str = ""


EndorsementStatus = Literal["queued", "requested", "given", "declined", "expired", "withdrawn"]


class Endorsement(BaseModel):
    """Someone else (a tutor, an employer, a trainer) confirms a badge or an experience.

    queued (the young person agreed, not yet sent) -> requested (the issuer sent the link)
    -> given | declined | expired | withdrawn. The endorser's e-mail is kept only until the
    issuer has sent the request.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)
    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    player_id: str
    endorser: Endorser
    subject_kind: Literal["badge", "experience"]
    subject_id: str
    comment: str = ""
    status: EndorsementStatus = "requested"
    created: datetime = Field(default_factory=utc_now)
    consent_at: datetime | None = None  # when the young person agreed to show it to this person
    endorser_email: str = ""
    shown_name: str = ""  # the name the young person agreed to show the endorser
    issuer: str = ""  # the configured issuer that sends the request
    request_id: str = ""  # the issuer's id for the request
    idempotency_key: str = Field(default_factory=new_id)
    endorsement_url: str = ""  # the hosted, signed endorsement once given
    reminders: int = 0
    last_error: str = ""
