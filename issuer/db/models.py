"""The issuer's tables as SQLAlchemy 2 models.

Secrets are never stored in clear: API client secrets and access tokens only as hashes.
Recipient e-mails never at all: only their salted hash. Idempotency is a unique constraint
on (client, Idempotency-Key), so two workers receiving the same request cannot both insert.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from issuer.db.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class IssuerProfile(Base):
    """One structure (Mission Locale, E2C...): a server holds many."""

    __tablename__ = "issuer_profile"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(500))
    email: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    keys: Mapped[list["SigningKey"]] = relationship(back_populates="issuer")


class SigningKey(Base):
    """An RSA key pair; the private half lives in a 0600 file, the public half here."""

    __tablename__ = "signing_key"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kid: Mapped[str] = mapped_column(String(64), unique=True)
    issuer_id: Mapped[int] = mapped_column(ForeignKey("issuer_profile.id"), index=True)
    public_pem: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    issuer: Mapped[IssuerProfile] = relationship(back_populates="keys")


class BadgeClassRow(Base):
    """One competency x level of one framework, in one version of its texts."""

    __tablename__ = "badge_class"
    __table_args__ = (
        UniqueConstraint(
            "issuer_id",
            "framework_id",
            "competency_id",
            "level",
            "revision",
            name="uq_badge_class_version",
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), unique=True)
    issuer_id: Mapped[int] = mapped_column(ForeignKey("issuer_profile.id"), index=True)
    framework_id: Mapped[str] = mapped_column(String(100))
    framework_version: Mapped[str] = mapped_column(String(50))
    framework_name: Mapped[str] = mapped_column(String(300))
    framework_url: Mapped[str] = mapped_column(String(500))
    competency_id: Mapped[str] = mapped_column(String(100))
    competency_name: Mapped[str] = mapped_column(String(300))
    level: Mapped[int] = mapped_column(Integer)
    level_word: Mapped[str] = mapped_column(String(200))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    content_hash: Mapped[str] = mapped_column(String(64))
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    name: Mapped[str] = mapped_column(String(400))
    description: Mapped[str] = mapped_column(Text)
    criteria_narrative: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    issuer: Mapped[IssuerProfile] = relationship(lazy="joined")


class ApiClient(Base):
    """An OAuth2 client-credentials client, bound to one issuer profile."""

    __tablename__ = "api_client"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(300))
    label: Mapped[str] = mapped_column(String(200), default="")
    issuer_id: Mapped[int] = mapped_column(ForeignKey("issuer_profile.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    issuer: Mapped[IssuerProfile] = relationship(lazy="joined")


class AccessToken(Base):
    """A bearer token, stored as the SHA-256 of a 256-bit random value: all workers see it."""

    __tablename__ = "access_token"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    client_pk: Mapped[int] = mapped_column(ForeignKey("api_client.id"), index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)

    client: Mapped[ApiClient] = relationship(lazy="joined")


class AssertionRow(Base):
    """One issued badge; it keeps the badge class version it was issued under."""

    __tablename__ = "assertion"
    __table_args__ = (
        UniqueConstraint("client_pk", "idempotency_key", name="uq_assertion_idempotency"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), unique=True)
    badge_class_id: Mapped[int] = mapped_column(ForeignKey("badge_class.id"), index=True)
    issuer_id: Mapped[int] = mapped_column(ForeignKey("issuer_profile.id"), index=True)
    client_pk: Mapped[int] = mapped_column(ForeignKey("api_client.id"))
    idempotency_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    recipient_hash: Mapped[str] = mapped_column(String(100))
    recipient_salt: Mapped[str] = mapped_column(String(64))
    issued_on: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    narrative: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    extensions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    expires: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    revocation_reason: Mapped[str] = mapped_column(Text, default="")
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    signing_kid: Mapped[str] = mapped_column(String(64))
    # Bumped (``assertions.touch``, and by triggers on assertion_privacy / endorsement) whenever
    # what the public documents say changes: stored documents of an older revision are stale.
    revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    badge_class: Mapped[BadgeClassRow] = relationship(lazy="joined")


class AssertionDocumentRow(Base):
    """What a public GET of one assertion answered (JSON-LD, baked PNG / SVG, VC-JWT), kept per
    assertion revision and public URL so that every worker serves it with one indexed read
    until the revision moves on (revoke, privacy choice, erasure, endorsement)."""

    __tablename__ = "assertion_document"
    assertion_id: Mapped[int] = mapped_column(ForeignKey("assertion.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    base_url: Mapped[str] = mapped_column(String(500))
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[bytes] = mapped_column(LargeBinary)
