"""Read and revoke assertions; what a client asks to issue (``NewAssertion``).

Issuing itself is ``issuer.service.issuing`` (SQLAlchemy Core, one transaction): there an
Idempotency-Key never gives two badges, as the (client, key) pair is unique in the database.
"""

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from issuer.db.models import ApiClient, AssertionRow, BadgeClassRow
from issuer.openbadges.ob2 import hash_email
from issuer.security import looks_like_id
from issuer.service.clock import now


class NotFound(Exception):
    """No such object for this client (another structure's objects are not found either)."""


class IdempotencyConflict(Exception):
    """The key was already used for another badge class."""


@dataclass(frozen=True)
class NewAssertion:
    """What a client asked for, already validated."""

    email: str
    narrative: str = ""
    evidence: list[dict[str, str]] = field(default_factory=list)
    issued_on: datetime | None = None
    expires: datetime | None = None
    extensions: dict[str, Any] = field(default_factory=dict)
    recipient_hash: str = ""  # set when the client sent an already hashed identity
    recipient_salt: str = ""


def badge_class_for(session: Session, client: ApiClient, entity_id: str) -> BadgeClassRow:
    if not looks_like_id(entity_id):
        raise NotFound(entity_id)
    row = session.scalar(
        select(BadgeClassRow).where(
            BadgeClassRow.entity_id == entity_id, BadgeClassRow.issuer_id == client.issuer_id
        )
    )
    if row is None:
        raise NotFound(entity_id)
    return row


def badge_classes_of(
    session: Session, issuer_id: int, *, all_revisions: bool
) -> list[BadgeClassRow]:
    query = select(BadgeClassRow).where(BadgeClassRow.issuer_id == issuer_id)
    if not all_revisions:
        query = query.where(BadgeClassRow.current.is_(True))
    order = (BadgeClassRow.framework_id, BadgeClassRow.competency_id, BadgeClassRow.level)
    return list(session.scalars(query.order_by(*order, BadgeClassRow.revision)))


def assertion_for(session: Session, client: ApiClient, entity_id: str) -> AssertionRow:
    if not looks_like_id(entity_id):
        raise NotFound(entity_id)
    row = session.scalar(
        select(AssertionRow).where(
            AssertionRow.entity_id == entity_id, AssertionRow.issuer_id == client.issuer_id
        )
    )
    if row is None:
        raise NotFound(entity_id)
    return row


LISTED = 100


def assertions_of(session: Session, badge: BadgeClassRow, email: str | None) -> list[AssertionRow]:
    """The newest assertions of a badge class, only those for ``email`` when one is given
    (each has its own salt, so the address is hashed again with each one's salt)."""
    query = (
        select(AssertionRow)
        .where(AssertionRow.badge_class_id == badge.id)
        .order_by(AssertionRow.id.desc())
    )
    if not email:
        return list(session.scalars(query.limit(LISTED)))
    return [
        row
        for row in session.scalars(query)
        if secrets.compare_digest(hash_email(email, row.recipient_salt), row.recipient_hash)
    ][:LISTED]


def public_assertion(session: Session, entity_id: str) -> AssertionRow:
    if not looks_like_id(entity_id):
        raise NotFound(entity_id)
    row = session.scalar(select(AssertionRow).where(AssertionRow.entity_id == entity_id))
    if row is None:
        raise NotFound(entity_id)
    return row


def revoke(session: Session, row: AssertionRow, reason: str) -> AssertionRow:
    """Revoke once; revoking again keeps the first reason (a client may retry)."""
    if not row.revoked:
        row.revoked = True
        row.revocation_reason = reason
        row.revoked_at = now()
        touch(session, row.id)
        session.commit()
    return row


def touch(session: Session, assertion_id: int) -> None:
    """What this assertion's public documents say has changed: bump its revision, so every
    worker rebuilds them on the next GET instead of serving the stored ones.

    Call it in the same transaction as the change, before the commit (a reader that sees the
    new revision then sees the new state too). Changes to ``assertion_privacy`` and
    ``endorsement`` rows need no call: database triggers bump the revision (migration 0003).
    """
    session.execute(
        update(AssertionRow)
        .where(AssertionRow.id == assertion_id)
        .values(revision=AssertionRow.revision + 1)
    )


def touch_issuer(session: Session, issuer_pk: int) -> None:
    """Every assertion of an issuer profile: its name, URL or e-mail changed."""
    session.execute(
        update(AssertionRow)
        .where(AssertionRow.issuer_id == issuer_pk)
        .values(revision=AssertionRow.revision + 1)
    )


def revoked_of(session: Session, issuer_id: int) -> list[AssertionRow]:
    query = select(AssertionRow).where(
        AssertionRow.issuer_id == issuer_id, AssertionRow.revoked.is_(True)
    )
    return list(session.scalars(query.order_by(AssertionRow.id)))
