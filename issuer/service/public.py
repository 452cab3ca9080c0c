"""What the public pages read: rows turned into the Open Badges dataclasses, in few queries."""

from types import SimpleNamespace
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from issuer.db.models import AssertionRow, BadgeClassRow, IssuerProfile, SigningKey
from issuer.openbadges.model import AssertionInfo, BadgeClassInfo, IssuerInfo, Revocation
from issuer.security import looks_like_id
from issuer.service.documents import (
    BADGE_CLASS_FIELDS,
    ISSUER_FIELDS,
    Urls,
    assertion_info,
    badgeclass_info,
    issuer_info,
)


class Missing(Exception):
    """No public object with that id."""


def issuer_of(session: Session, urls: Urls, profile: IssuerProfile) -> IssuerInfo:
    kids = session.scalars(
        select(SigningKey.kid).where(SigningKey.issuer_id == profile.id).order_by(SigningKey.id)
    )
    return issuer_info(urls, profile, list(kids))


def issuer_by_id(session: Session, urls: Urls, entity_id: str) -> IssuerInfo:
    if not looks_like_id(entity_id):
        raise Missing(entity_id)
    profile = session.scalar(select(IssuerProfile).where(IssuerProfile.entity_id == entity_id))
    if profile is None:
        raise Missing(entity_id)
    return issuer_of(session, urls, profile)


def badgeclass_row(session: Session, entity_id: str) -> BadgeClassRow:
    if not looks_like_id(entity_id):
        raise Missing(entity_id)
    row = session.scalar(select(BadgeClassRow).where(BadgeClassRow.entity_id == entity_id))
    if row is None:
        raise Missing(entity_id)
    return row


def badgeclass_by_id(session: Session, urls: Urls, entity_id: str) -> BadgeClassInfo:
    row = badgeclass_row(session, entity_id)
    return badgeclass_info(urls, row, issuer_of(session, urls, row.issuer))


# One row per public GET: the assertion with its badge class and issuer, as plain columns
# (no ORM objects: this is the hottest read of the service).
_ASSERTION_READ = (
    select(
        AssertionRow.id,
        AssertionRow.entity_id,
        AssertionRow.recipient_hash,
        AssertionRow.recipient_salt,
        AssertionRow.issued_on,
        AssertionRow.narrative,
        AssertionRow.evidence,
        AssertionRow.expires,
        AssertionRow.revoked,
        AssertionRow.revocation_reason,
        AssertionRow.signing_kid,
        *(getattr(BadgeClassRow, c).label(f"bc_{c}") for c in BADGE_CLASS_FIELDS),
        IssuerProfile.id.label("issuer_pk"),
        *(getattr(IssuerProfile, c).label(f"is_{c}") for c in ISSUER_FIELDS),
    )
    .join(BadgeClassRow, BadgeClassRow.id == AssertionRow.badge_class_id)
    .join(IssuerProfile, IssuerProfile.id == BadgeClassRow.issuer_id)
)


def assertion_by_id(session: Session, urls: Urls, entity_id: str) -> AssertionInfo:
    if not looks_like_id(entity_id):
        raise Missing(entity_id)
    row = session.execute(_ASSERTION_READ.where(AssertionRow.entity_id == entity_id)).first()
    if row is None:
        raise Missing(entity_id)
    # No key list: only the issuer's own document lists its keys, and an assertion (page,
    # JSON-LD, baked files, credential) names the issuer by URL; one query less per GET.
    issuer = issuer_info(urls, _prefixed(row, "is_", ISSUER_FIELDS), [])
    badge = badgeclass_info(urls, _prefixed(row, "bc_", BADGE_CLASS_FIELDS), issuer)
    return assertion_info(urls, row, badge)  # type: ignore[arg-type]


def _prefixed(row: Row[Any], prefix: str, names: tuple[str, ...]) -> Any:
    """The columns of ``row`` named ``prefix + name``, as an object with plain attribute names."""
    return SimpleNamespace(**{name: getattr(row, prefix + name) for name in names})


def key_by_kid(session: Session, kid: str) -> SigningKey:
    if not looks_like_id(kid):
        raise Missing(kid)
    key = session.scalar(select(SigningKey).where(SigningKey.kid == kid))
    if key is None:
        raise Missing(kid)
    return key


def all_keys(session: Session) -> list[SigningKey]:
    return list(session.scalars(select(SigningKey).order_by(SigningKey.id)))


def revocations_of(session: Session, urls: Urls, issuer_id: int) -> list[Revocation]:
    rows = session.execute(
        select(AssertionRow.entity_id, AssertionRow.revocation_reason)
        .where(AssertionRow.issuer_id == issuer_id, AssertionRow.revoked.is_(True))
        .order_by(AssertionRow.id)
    )
    return [Revocation(id_url=urls.assertion(e), reason=r or "") for e, r in rows]


def profile_by_id(session: Session, entity_id: str) -> IssuerProfile:
    if not looks_like_id(entity_id):
        raise Missing(entity_id)
    profile = session.scalar(select(IssuerProfile).where(IssuerProfile.entity_id == entity_id))
    if profile is None:
        raise Missing(entity_id)
    return profile
