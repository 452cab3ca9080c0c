"""The issuing path in SQLAlchemy Core: the caller, the badge class, the insert, its documents.

``POST /v2/badgeclasses/{id}/assertions`` is the one write clients make per badge, and the ORM
cost more than the work: loading a token, a client and a profile as objects, then the badge
class, then the active key, took ~3 ms of CPU before the first byte was written. Here each
read is one Core statement compiled once and run on a driver connection (``issuer.db.lean``:
even Core's per-execution bookkeeping cost more than SQLite's work), rows come back as named
tuples, and the assertion and its public documents go in ONE transaction and one commit.

Nothing is kept in memory between requests: the token, the client's revocation, the issuer
profile and which key is active are read at every call, so a revoked client, an edited
profile or a rotated key take effect at once on every worker. The idempotency rules are those
of ``issuer.service.assertions``: the (client, key) pair is unique in the database, the first
insert wins and a concurrent one gets the winner.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError

from issuer.db.lean import LeanConnection
from issuer.db.models import (
    AccessToken,
    ApiClient,
    AssertionDocumentRow,
    AssertionRow,
    BadgeClassRow,
    IssuerProfile,
    SigningKey,
)
from issuer.openbadges.model import AssertionInfo
from issuer.openbadges.ob2 import hash_email, new_salt
from issuer.security import looks_like_id, new_entity_id, same_digest, token_digest
from issuer.service import documents as docs
from issuer.service.assertions import IdempotencyConflict, NewAssertion, NotFound
from issuer.service.clock import now
from issuer.service.documents import BADGE_CLASS_FIELDS, ISSUER_FIELDS, Urls
from issuer.service.keystore import KeyMissing


@dataclass(frozen=True)
class Caller:
    """The live API client behind a bearer token: what the issuing route needs of it."""

    client_pk: int
    issuer_pk: int


_CALLER = (
    select(AccessToken.token_hash, AccessToken.expires_at, ApiClient.id, ApiClient.issuer_id)
    .join(ApiClient, ApiClient.id == AccessToken.client_pk)
    .where(AccessToken.token_hash == bindparam("digest"), ApiClient.revoked_at.is_(None))
)


def caller_for_token(connection: LeanConnection, token: str) -> Caller | None:
    """The client of a bearer token, or None (unknown, expired, client revoked): one read."""
    digest = token_digest(token)
    row = connection.first(_CALLER, {"digest": digest})
    if row is None or not same_digest(row[0], digest) or row[1] <= now():
        return None
    return Caller(client_pk=row[2], issuer_pk=row[3])


_ACTIVE_KID = (
    select(SigningKey.kid)
    .where(SigningKey.issuer_id == BadgeClassRow.issuer_id, SigningKey.active.is_(True))
    .order_by(SigningKey.id.desc())
    .limit(1)
    .scalar_subquery()
)
# The badge class, its issuer profile and the profile's active key, in one read.
_BADGE = (
    select(
        BadgeClassRow.id.label("pk"),
        *(getattr(BadgeClassRow, name) for name in BADGE_CLASS_FIELDS),
        *(getattr(IssuerProfile, name).label(f"is_{name}") for name in ISSUER_FIELDS),
        _ACTIVE_KID.label("kid"),
    )
    .join(IssuerProfile, IssuerProfile.id == BadgeClassRow.issuer_id)
    .where(BadgeClassRow.entity_id == bindparam("entity_id"))
    .where(BadgeClassRow.issuer_id == bindparam("issuer_pk"))
)
_BY_KEY = select(AssertionRow.entity_id, AssertionRow.badge_class_id).where(
    AssertionRow.client_pk == bindparam("client_pk"),
    AssertionRow.idempotency_key == bindparam("key"),
)
_INSERT = insert(AssertionRow).returning(AssertionRow.id)
_DOCUMENTS = insert(AssertionDocumentRow)
_DOC = AssertionDocumentRow
_DOC_COLUMNS = ["assertion_id", "kind", "revision", "base_url", "status", "body"]
# The same rows stored after the assertion's own commit (SQLite, ``store_documents_after``):
# only while the assertion is still at the revision they were built for (an erasure or a
# revocation by another worker may have come between) and not already stored by a GET.
_DOCUMENTS_IF_CURRENT = (
    sqlite.insert(_DOC)
    .from_select(
        _DOC_COLUMNS,
        select(
            AssertionRow.id,
            bindparam("kind", type_=_DOC.kind.type),
            AssertionRow.revision,
            bindparam("base_url", type_=_DOC.base_url.type),
            bindparam("status", type_=_DOC.status.type),
            bindparam("body", type_=_DOC.body.type),
        ).where(
            AssertionRow.id == bindparam("assertion_id"),
            AssertionRow.revision == bindparam("revision"),
        ),
    )
    .on_conflict_do_nothing()
)


@dataclass(frozen=True)
class Badge:
    """A badge class row with its issuer's fields (``is_*``) and the active ``kid``."""

    row: Any  # a Core row: the BADGE_CLASS_FIELDS by name, ``pk``, ``is_*``, ``kid``


def badge_for(connection: LeanConnection, caller: Caller, entity_id: str) -> Badge:
    """The caller's own badge class (another structure's is not found either)."""
    if not looks_like_id(entity_id):
        raise NotFound(entity_id)
    found = connection.first(_BADGE, {"entity_id": entity_id, "issuer_pk": caller.issuer_pk})
    if found is None:
        raise NotFound(entity_id)
    if found.kid is None:
        raise KeyMissing(f"no active signing key for issuer profile {caller.issuer_pk}")
    return Badge(found)


def earlier(
    connection: LeanConnection, caller: Caller, badge: Badge, key: str | None
) -> str | None:
    """The public id of the assertion an earlier request with this key made, if any;
    ``IdempotencyConflict`` when that one was for another badge class."""
    if not key:
        return None
    found = connection.first(_BY_KEY, {"client_pk": caller.client_pk, "key": key})
    if found is None:
        return None
    if found.badge_class_id != badge.row.pk:
        raise IdempotencyConflict(found.entity_id)
    return str(found.entity_id)


@dataclass(frozen=True)
class Inserted:
    """A new assertion inside the still open transaction: its values, as stored."""

    pk: int
    values: dict[str, Any]

    @property
    def entity_id(self) -> str:
        return str(self.values["entity_id"])


def insert_assertion(
    connection: LeanConnection,
    caller: Caller,
    badge: Badge,
    wanted: NewAssertion,
    key: str | None,
) -> Inserted | str:
    """Insert the assertion (not committed); if an earlier or concurrent request with the
    same key made one, roll back and return its public id instead (``IdempotencyConflict``
    when that one is of another badge class)."""
    values = _values(caller, badge, wanted, key)
    try:
        pk = connection.first(_INSERT, values)[0]
    except IntegrityError:
        connection.rollback()
        winner = earlier(connection, caller, badge, key)
        if winner is None:
            raise
        return winner
    return Inserted(pk=int(pk), values=values)


def store_documents(
    connection: LeanConnection, inserted: Inserted, base_url: str, documents: dict[str, Any]
) -> None:
    """The new assertion's public documents (kind -> (status, body)), revision 1, in the same
    transaction as the assertion: one commit for both."""
    connection.execute_many(_DOCUMENTS, _document_rows(inserted, base_url, documents))


def store_documents_after(
    connection: LeanConnection, inserted: Inserted, base_url: str, documents: dict[str, Any]
) -> None:
    """The same, once the assertion is committed (SQLite only): nothing is stored for an
    assertion whose revision moved on meanwhile, nor over what a GET stored first."""
    connection.execute_many(_DOCUMENTS_IF_CURRENT, _document_rows(inserted, base_url, documents))


def _document_rows(
    inserted: Inserted, base_url: str, documents: dict[str, Any]
) -> list[dict[str, Any]]:
    return [
        {"assertion_id": inserted.pk, "kind": kind, "revision": 1, "base_url": base_url,
         "status": status, "body": body}
        for kind, (status, body) in documents.items()
    ]  # fmt: skip


def info_of(urls: Urls, badge: Badge, inserted: Inserted) -> AssertionInfo:
    """The new assertion as the public documents see it, built from what was inserted (the
    same fields ``issuer.service.public.assertion_by_id`` reads back from the database)."""
    row = badge.row
    profile: Any = _Fields({name: getattr(row, f"is_{name}") for name in ISSUER_FIELDS})
    issuer = docs.issuer_info(urls, profile, [])
    badge_class: Any = _Fields({name: getattr(row, name) for name in BADGE_CLASS_FIELDS})
    assertion: Any = _Fields({**inserted.values, "id": inserted.pk})
    return docs.assertion_info(urls, assertion, docs.badgeclass_info(urls, badge_class, issuer))


def shape_source(badge: Badge, inserted: Inserted) -> Any:
    """What ``issuer.api.shapes.assertion_shape`` reads of an assertion row, without the ORM."""
    row = badge.row
    issuer = _Fields({"entity_id": row.is_entity_id})
    badge_class = _Fields(
        {"entity_id": row.entity_id, "framework_version": row.framework_version, "issuer": issuer}
    )
    return _Fields({**inserted.values, "badge_class": badge_class})


class _Fields:
    """Attribute access over a dict: the few row-like objects above."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.__dict__.update(fields)


def _values(caller: Caller, badge: Badge, wanted: NewAssertion, key: str | None) -> dict[str, Any]:
    if wanted.recipient_hash:
        recipient_hash, salt = wanted.recipient_hash, wanted.recipient_salt
    else:
        salt = new_salt()
        recipient_hash = hash_email(wanted.email, salt)
    moment = now()
    issued_on: datetime = min(wanted.issued_on or moment, moment)  # never later than now (nbf)
    return {
        "entity_id": new_entity_id(),
        "badge_class_id": badge.row.pk,
        "issuer_id": caller.issuer_pk,
        "client_pk": caller.client_pk,
        "idempotency_key": key or None,
        "recipient_hash": recipient_hash,
        "recipient_salt": salt,
        "issued_on": issued_on,
        "created_at": moment,
        "narrative": wanted.narrative,
        "evidence": wanted.evidence,
        "extensions": wanted.extensions,
        "expires": wanted.expires,
        "revoked": False,
        "revocation_reason": "",
        "revoked_at": None,
        "signing_kid": badge.row.kid,
        "revision": 1,
    }
