"""The endorsement tables (migration ``0002_endorsements``), on the service's declarative base.

- ``endorser``: a person or organisation who endorses, with a key of their own.
- ``endorser_key``: the public half of each endorser key (private half: a 0600 file).
- ``endorsement_request``: one request sent to one person, with its single-use link's digest.
  The endorser's e-mail is kept only while the request may still be answered (reminders need
  it); it is blanked once the request is endorsed, declined, expired or withdrawn.
- ``endorsement``: a given endorsement (of an assertion, a badge class or an experience).
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from issuer.db.models import AssertionRow, BadgeClassRow, Base, IssuerProfile
from issuer.db.types import UTCDateTime

REQUEST_STATES = ("sent", "endorsed", "declined", "expired", "withdrawn")
SUBJECT_KINDS = ("assertion", "badgeclass", "experience")


class EndorserRow(Base):
    __tablename__ = "endorser"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), unique=True)
    issuer_id: Mapped[int] = mapped_column(ForeignKey("issuer_profile.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    is_organisation: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    issuer: Mapped[IssuerProfile] = relationship(lazy="joined")
    keys: Mapped[list["EndorserKeyRow"]] = relationship(back_populates="endorser", lazy="selectin")


class EndorserKeyRow(Base):
    __tablename__ = "endorser_key"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kid: Mapped[str] = mapped_column(String(64), unique=True)
    endorser_id: Mapped[int] = mapped_column(ForeignKey("endorser.id"), index=True)
    public_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    endorser: Mapped[EndorserRow] = relationship(back_populates="keys")


class EndorsementRequestRow(Base):
    __tablename__ = "endorsement_request"
    __table_args__ = (
        UniqueConstraint("client_pk", "idempotency_key", name="uq_endorsement_request_idem"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), unique=True)
    issuer_id: Mapped[int] = mapped_column(ForeignKey("issuer_profile.id"), index=True)
    client_pk: Mapped[int] = mapped_column(ForeignKey("api_client.id"))
    idempotency_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    subject_kind: Mapped[str] = mapped_column(String(20))
    assertion_id: Mapped[int | None] = mapped_column(ForeignKey("assertion.id"), nullable=True)
    badge_class_id: Mapped[int | None] = mapped_column(ForeignKey("badge_class.id"), nullable=True)
    # What the endorser reads, as the young person agreed to show it (words, not ids).
    claim: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    endorser_name: Mapped[str] = mapped_column(String(200))
    endorser_role: Mapped[str] = mapped_column(String(200), default="")
    endorser_organisation: Mapped[str] = mapped_column(String(200), default="")
    endorser_email: Mapped[str] = mapped_column(String(320), default="")
    is_organisation: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime] = mapped_column(UTCDateTime())
    token_digest: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(20), default="sent")
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    delivery_error: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    issuer: Mapped[IssuerProfile] = relationship(lazy="joined")
    assertion: Mapped[AssertionRow | None] = relationship(lazy="joined")
    badge_class: Mapped[BadgeClassRow | None] = relationship(lazy="joined")


class EndorsementRow(Base):
    __tablename__ = "endorsement"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), unique=True)
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("endorsement_request.id"), nullable=True, unique=True
    )
    endorser_id: Mapped[int] = mapped_column(ForeignKey("endorser.id"), index=True)
    subject_kind: Mapped[str] = mapped_column(String(20))
    assertion_id: Mapped[int | None] = mapped_column(
        ForeignKey("assertion.id"), nullable=True, index=True
    )
    badge_class_id: Mapped[int | None] = mapped_column(
        ForeignKey("badge_class.id"), nullable=True, index=True
    )
    comment: Mapped[str] = mapped_column(Text, default="")
    signing_kid: Mapped[str] = mapped_column(String(64))
    issued_on: Mapped[datetime] = mapped_column(UTCDateTime())
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)

    endorser: Mapped[EndorserRow] = relationship(lazy="joined")
    request: Mapped[EndorsementRequestRow | None] = relationship(lazy="joined")
    assertion: Mapped[AssertionRow | None] = relationship(lazy="joined")
    badge_class: Mapped[BadgeClassRow | None] = relationship(lazy="joined")
