"""Endorsement requests, from the skill map's POST to the endorser's answer, on the database.

A request is made only with the young person's consent (the API refuses it otherwise). It
gets a single-use link; the mail leaves at once (SMTP or outbox). Opening the link checks, in
this order: the link's form, the request, the secret (constant time), withdrawal, a previous
answer, the expiry — each outcome has its page and none stores anything. An answer stores the
endorser (a profile of their own, with a key of their own) and the endorsement, and blanks
the endorser's e-mail, which is no longer needed.
"""

import contextlib
import logging
import os
import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from issuer.db.models import ApiClient, AssertionRow, BadgeClassRow
from issuer.endorsements import tokens
from issuer.endorsements.forms import EndorserAnswer
from issuer.endorsements.models import (
    EndorsementRequestRow,
    EndorsementRow,
    EndorserKeyRow,
    EndorserRow,
)
from issuer.openbadges import keys
from issuer.security import new_entity_id
from issuer.service.clock import now
from issuer.settings import Settings

log = logging.getLogger(__name__)
SECRET_FILE = "endorsements.secret"
ENDORSER_KEYS = "endorsers"
Outcome = Literal["ok", "invalid", "used", "expired", "withdrawn", "gone"]


class NotFound(Exception):
    """No such request, badge or badge class for this client."""


class Refused(Exception):
    """The request cannot be made or changed; ``key`` says why (catalogue)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class NewRequest:
    """What the skill map asks for (already validated by the API schema)."""

    subject_kind: str  # assertion | badgeclass | experience
    subject_id: str  # the assertion's or badge class's entity id ("" for an experience)
    claim: dict[str, str]  # young_name, own_words, experience_title... (words shown)
    endorser_name: str
    endorser_role: str
    endorser_organisation: str
    endorser_email: str
    is_organisation: bool = False
    consent: bool = False


@dataclass
class Opened:
    """The result of opening a link: an outcome and, when known, its request."""

    outcome: Outcome
    request: EndorsementRequestRow | None = None


def server_secret(settings: Settings) -> bytes:
    """The CSRF key, made once per data folder (0600); every worker reads the same file.

    Written whole to a temporary file, then linked into place: ``link`` fails if another
    worker got there first, so a reader never sees half a key.
    """
    path = settings.data_dir / SECRET_FILE
    if not path.exists():
        fd, temporary = tempfile.mkstemp(prefix=".endorsements-", dir=settings.data_dir)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(secrets.token_bytes(32))
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o600)
            with contextlib.suppress(FileExistsError):  # another worker made it: use theirs
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    data = path.read_bytes()
    if len(data) < 32:
        raise RuntimeError(f"{path} is damaged: remove it to make a new one")
    return data


def _subject(
    session: Session, client: ApiClient, kind: str, entity_id: str
) -> tuple[AssertionRow | None, BadgeClassRow | None]:
    if kind == "assertion":
        row = session.scalar(select(AssertionRow).where(AssertionRow.entity_id == entity_id))
        if row is None or row.issuer_id != client.issuer_id:
            raise NotFound(entity_id)
        if row.revoked:
            raise Refused("api.revoked")
        return row, None
    if kind == "badgeclass":
        badge = session.scalar(select(BadgeClassRow).where(BadgeClassRow.entity_id == entity_id))
        if badge is None or badge.issuer_id != client.issuer_id:
            raise NotFound(entity_id)
        return None, badge
    return None, None


def create_request(
    session: Session, client: ApiClient, new: NewRequest, idempotency_key: str | None
) -> tuple[EndorsementRequestRow, str | None]:
    """The stored request and its link token (None when the key repeats an earlier request)."""
    if not new.consent:
        raise Refused("api.no_consent")
    if idempotency_key:
        earlier = _by_key(session, client.id, idempotency_key)
        if earlier is not None:
            return earlier, None
    assertion, badge = _subject(session, client, new.subject_kind, new.subject_id)
    entity_id = new_entity_id()
    moment = now()
    link = tokens.new_link_token(entity_id, moment)
    row = EndorsementRequestRow(
        entity_id=entity_id,
        issuer_id=client.issuer_id,
        client_pk=client.id,
        idempotency_key=idempotency_key,
        subject_kind=new.subject_kind,
        assertion_id=assertion.id if assertion else None,
        badge_class_id=badge.id if badge else (assertion.badge_class_id if assertion else None),
        claim=dict(new.claim),
        endorser_name=new.endorser_name,
        endorser_role=new.endorser_role,
        endorser_organisation=new.endorser_organisation,
        endorser_email=new.endorser_email,
        is_organisation=new.is_organisation,
        consent_at=moment,
        token_digest=link.digest,
        expires_at=link.expires,
        state="sent",
        reminders=0,
        delivery_error="",
        created_at=moment,
    )
    session.add(row)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        earlier = _by_key(session, client.id, idempotency_key or "")
        if earlier is None:
            raise
        return earlier, None
    return row, link.value


def _by_key(session: Session, client_pk: int, key: str) -> EndorsementRequestRow | None:
    return session.scalar(
        select(EndorsementRequestRow).where(
            EndorsementRequestRow.client_pk == client_pk,
            EndorsementRequestRow.idempotency_key == key,
        )
    )


def request_for(session: Session, client: ApiClient, entity_id: str) -> EndorsementRequestRow:
    row = session.scalar(
        select(EndorsementRequestRow).where(EndorsementRequestRow.entity_id == entity_id)
    )
    if row is None or row.issuer_id != client.issuer_id:
        raise NotFound(entity_id)
    refresh_state(row, now())
    return row


def refresh_state(row: EndorsementRequestRow, moment: datetime) -> None:
    """A request nobody answered in 30 days is expired (its e-mail is then forgotten)."""
    if row.state == "sent" and tokens.is_expired(row.expires_at, moment):
        row.state = "expired"
        row.endorser_email = ""


def new_link(session: Session, row: EndorsementRequestRow) -> str:
    """For a reminder: a fresh link (only digests are kept), valid 30 days from now."""
    refresh_state(row, now())
    if row.state != "sent":
        raise Refused(f"api.not_pending.{row.state}")
    link = tokens.new_link_token(row.entity_id, now())
    row.token_digest = link.digest
    row.expires_at = link.expires
    row.reminders += 1
    session.commit()
    return link.value


def withdraw(session: Session, row: EndorsementRequestRow) -> None:
    """The young person changed their mind: the link dies, a given endorsement is unpublished."""
    if row.state == "withdrawn":
        return
    row.state = "withdrawn"
    row.endorser_email = ""
    given = session.scalar(select(EndorsementRow).where(EndorsementRow.request_id == row.id))
    if given is not None:
        given.withdrawn = True
    session.commit()


def record_delivery(session: Session, row: EndorsementRequestRow, error_key: str = "") -> None:
    row.delivery_error = error_key
    if not error_key:
        row.last_sent_at = now()
    session.commit()


def open_link(session: Session, token: str) -> Opened:
    """What a link leads to; nothing is written here."""
    parsed = tokens.parse_link(token)
    if parsed is None:
        return Opened("invalid")
    row = session.scalar(
        select(EndorsementRequestRow).where(EndorsementRequestRow.entity_id == parsed.request_id)
    )
    if row is None or not tokens.secret_matches(parsed.secret, row.token_digest):
        return Opened("invalid", row if row is not None else None)
    if row.state == "withdrawn":
        return Opened("withdrawn", row)
    if row.state in ("endorsed", "declined"):
        return Opened("used", row)
    if row.state == "expired" or tokens.is_expired(row.expires_at, now()):
        return Opened("expired", row)
    if row.assertion is not None and row.assertion.revoked:
        return Opened("gone", row)
    return Opened("ok", row)


def answer(
    session: Session, settings: Settings, row: EndorsementRequestRow, given: EndorserAnswer
) -> EndorsementRow | None:
    """Store the endorser's answer once; a second, concurrent answer finds the state changed."""
    moment = now()
    claimed = session.execute(
        update(EndorsementRequestRow)
        .where(EndorsementRequestRow.id == row.id, EndorsementRequestRow.state == "sent")
        .values(
            state="endorsed" if given.decision == "confirm" else "declined",
            answered_at=moment,
            endorser_email="",
        )
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        session.rollback()
        raise Refused("used")
    if given.decision == "decline":
        session.commit()
        return None
    endorser, kid = _new_endorser(session, settings, row, given)
    endorsement = EndorsementRow(
        entity_id=new_entity_id(),
        request_id=row.id,
        endorser_id=endorser.id,
        subject_kind=row.subject_kind,
        assertion_id=row.assertion_id,
        badge_class_id=row.badge_class_id if row.subject_kind == "badgeclass" else None,
        comment=given.comment,
        signing_kid=kid,
        issued_on=moment,
        withdrawn=False,
    )
    session.add(endorsement)
    session.commit()
    return endorsement


def _new_endorser(
    session: Session, settings: Settings, row: EndorsementRequestRow, given: EndorserAnswer
) -> tuple[EndorserRow, str]:
    """The endorser's profile and their own RSA key (private half: a 0600 file)."""
    endorser = EndorserRow(
        entity_id=new_entity_id(),
        issuer_id=row.issuer_id,
        name=given.name,
        role=given.role,
        organisation=given.organisation,
        is_organisation=row.is_organisation,
        created_at=now(),
    )
    session.add(endorser)
    session.flush()
    pem = keys.generate_private_key()
    kid = f"e{secrets.token_hex(12)}"
    keys.write_private_key(endorser_key_path(settings, kid), pem)
    session.add(
        EndorserKeyRow(
            kid=kid, endorser_id=endorser.id, public_pem=keys.public_pem(pem), created_at=now()
        )
    )
    session.flush()
    return endorser, kid


def endorser_key_path(settings: Settings, kid: str) -> Path:
    return settings.keys_dir / ENDORSER_KEYS / f"{kid}.pem"


def endorsement_by_id(session: Session, entity_id: str) -> EndorsementRow:
    row = session.scalar(select(EndorsementRow).where(EndorsementRow.entity_id == entity_id))
    if row is None:
        raise NotFound(entity_id)
    return row


def endorser_by_id(session: Session, entity_id: str) -> EndorserRow:
    row = session.scalar(select(EndorserRow).where(EndorserRow.entity_id == entity_id))
    if row is None:
        raise NotFound(entity_id)
    return row


def endorsements_of_assertion(session: Session, assertion_id: int) -> list[EndorsementRow]:
    """What the public page lists: given, not withdrawn, oldest first."""
    return list(
        session.scalars(
            select(EndorsementRow)
            .where(EndorsementRow.assertion_id == assertion_id, EndorsementRow.withdrawn.is_(False))
            .order_by(EndorsementRow.id)
        )
    )


def endorsements_of_badgeclass(session: Session, badge_class_id: int) -> list[EndorsementRow]:
    return list(
        session.scalars(
            select(EndorsementRow)
            .where(
                EndorsementRow.badge_class_id == badge_class_id,
                EndorsementRow.subject_kind == "badgeclass",
                EndorsementRow.withdrawn.is_(False),
            )
            .order_by(EndorsementRow.id)
        )
    )


def withdrawn_of_endorser(session: Session, endorser_id: int) -> list[EndorsementRow]:
    return list(
        session.scalars(
            select(EndorsementRow)
            .where(EndorsementRow.endorser_id == endorser_id, EndorsementRow.withdrawn.is_(True))
            .order_by(EndorsementRow.id)
        )
    )
