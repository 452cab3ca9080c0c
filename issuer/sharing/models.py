"""Tables for sharing (migration ``0002_endorsements``): published portfolios, privacy choices.

- ``published_portfolio``: a portfolio page the counsellor published with the young person's
  consent, at an unguessable link (``<id>.<secret>``, only the secret's digest stored),
  revocable, with an optional expiry.
- ``assertion_privacy``: per badge, what the young person chose to make public (a name or
  not, the narrative or not) and whether they were erased (their public pages answer 410).
  No row means the default: the least (no name, no narrative).
"""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from issuer.db.models import Base
from issuer.db.types import UTCDateTime

NAME_CHOICES = ("none", "pseudonym", "first_name")


class PublishedPortfolioRow(Base):
    __tablename__ = "published_portfolio"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), unique=True)
    issuer_id: Mapped[int] = mapped_column(ForeignKey("issuer_profile.id"), index=True)
    client_pk: Mapped[int] = mapped_column(ForeignKey("api_client.id"))
    token_digest: Mapped[str] = mapped_column(String(64))
    html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class AssertionPrivacyRow(Base):
    __tablename__ = "assertion_privacy"
    assertion_id: Mapped[int] = mapped_column(ForeignKey("assertion.id"), primary_key=True)
    name_kind: Mapped[str] = mapped_column(String(20), default="none")
    display_name: Mapped[str] = mapped_column(String(100), default="")
    show_narrative: Mapped[bool] = mapped_column(Boolean, default=False)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
