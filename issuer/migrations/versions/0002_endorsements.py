"""endorsements, endorsers and their keys, published portfolios, per-badge privacy (issue 9)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from issuer.db.types import UTCDateTime

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "endorser",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("issuer_id", sa.Integer(), sa.ForeignKey("issuer_profile.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("is_organisation", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("entity_id", name="uq_endorser_entity_id"),
    )
    op.create_index("ix_endorser_issuer_id", "endorser", ["issuer_id"])
    op.create_table(
        "endorser_key",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kid", sa.String(64), nullable=False),
        sa.Column("endorser_id", sa.Integer(), sa.ForeignKey("endorser.id"), nullable=False),
        sa.Column("public_pem", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("kid", name="uq_endorser_key_kid"),
    )
    op.create_index("ix_endorser_key_endorser_id", "endorser_key", ["endorser_id"])
    op.create_table(
        "endorsement_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("issuer_id", sa.Integer(), sa.ForeignKey("issuer_profile.id"), nullable=False),
        sa.Column("client_pk", sa.Integer(), sa.ForeignKey("api_client.id"), nullable=False),
        sa.Column("idempotency_key", sa.String(200), nullable=True),
        sa.Column("subject_kind", sa.String(20), nullable=False),
        sa.Column("assertion_id", sa.Integer(), sa.ForeignKey("assertion.id"), nullable=True),
        sa.Column("badge_class_id", sa.Integer(), sa.ForeignKey("badge_class.id"), nullable=True),
        sa.Column("claim", sa.JSON(), nullable=False),
        sa.Column("endorser_name", sa.String(200), nullable=False),
        sa.Column("endorser_role", sa.String(200), nullable=False),
        sa.Column("endorser_organisation", sa.String(200), nullable=False),
        sa.Column("endorser_email", sa.String(320), nullable=False),
        sa.Column("is_organisation", sa.Boolean(), nullable=False),
        sa.Column("consent_at", UTCDateTime(), nullable=False),
        sa.Column("token_digest", sa.String(64), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("reminders", sa.Integer(), nullable=False),
        sa.Column("last_sent_at", UTCDateTime(), nullable=True),
        sa.Column("delivery_error", sa.Text(), nullable=False),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("entity_id", name="uq_endorsement_request_entity_id"),
        sa.UniqueConstraint("client_pk", "idempotency_key", name="uq_endorsement_request_idem"),
    )
    op.create_index("ix_endorsement_request_issuer_id", "endorsement_request", ["issuer_id"])
    op.create_table(
        "endorsement",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column(
            "request_id", sa.Integer(), sa.ForeignKey("endorsement_request.id"), nullable=True
        ),
        sa.Column("endorser_id", sa.Integer(), sa.ForeignKey("endorser.id"), nullable=False),
        sa.Column("subject_kind", sa.String(20), nullable=False),
        sa.Column("assertion_id", sa.Integer(), sa.ForeignKey("assertion.id"), nullable=True),
        sa.Column("badge_class_id", sa.Integer(), sa.ForeignKey("badge_class.id"), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("signing_kid", sa.String(64), nullable=False),
        sa.Column("issued_on", UTCDateTime(), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("entity_id", name="uq_endorsement_entity_id"),
        sa.UniqueConstraint("request_id", name="uq_endorsement_request_id"),
    )
    op.create_index("ix_endorsement_endorser_id", "endorsement", ["endorser_id"])
    op.create_index("ix_endorsement_assertion_id", "endorsement", ["assertion_id"])
    op.create_index("ix_endorsement_badge_class_id", "endorsement", ["badge_class_id"])
    op.create_table(
        "published_portfolio",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("issuer_id", sa.Integer(), sa.ForeignKey("issuer_profile.id"), nullable=False),
        sa.Column("client_pk", sa.Integer(), sa.ForeignKey("api_client.id"), nullable=False),
        sa.Column("token_digest", sa.String(64), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=True),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("entity_id", name="uq_published_portfolio_entity_id"),
    )
    op.create_index("ix_published_portfolio_issuer_id", "published_portfolio", ["issuer_id"])
    op.create_table(
        "assertion_privacy",
        sa.Column("assertion_id", sa.Integer(), sa.ForeignKey("assertion.id"), primary_key=True),
        sa.Column("name_kind", sa.String(20), nullable=False),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("show_narrative", sa.Boolean(), nullable=False),
        sa.Column("erased_at", UTCDateTime(), nullable=True),
    )


def downgrade() -> None:
    for table in (
        "assertion_privacy",
        "published_portfolio",
        "endorsement",
        "endorsement_request",
        "endorser_key",
        "endorser",
    ):
        op.drop_table(table)
