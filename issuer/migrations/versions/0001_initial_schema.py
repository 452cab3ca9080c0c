"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-12-06

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""

    op.create_table(
        "issuer_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("email", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issuer_profile")),
        sa.UniqueConstraint("entity_id", name=op.f("uq_issuer_profile_entity_id")),
    )
    op.create_table(
        "api_client",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("secret_hash", sa.String(length=300), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("issuer_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["issuer_profile.id"],
            name=op.f("fk_api_client_issuer_id_issuer_profile"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_client")),
        sa.UniqueConstraint("client_id", name=op.f("uq_api_client_client_id")),
    )
    with op.batch_alter_table("api_client", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_client_issuer_id"), ["issuer_id"], unique=False)

    op.create_table(
        "badge_class",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("issuer_id", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.String(length=100), nullable=False),
        sa.Column("framework_version", sa.String(length=50), nullable=False),
        sa.Column("framework_name", sa.String(length=300), nullable=False),
        sa.Column("framework_url", sa.String(length=500), nullable=False),
        sa.Column("competency_id", sa.String(length=100), nullable=False),
        sa.Column("competency_name", sa.String(length=300), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("level_word", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("criteria_narrative", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["issuer_profile.id"],
            name=op.f("fk_badge_class_issuer_id_issuer_profile"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_badge_class")),
        sa.UniqueConstraint("entity_id", name=op.f("uq_badge_class_entity_id")),
        sa.UniqueConstraint(
            "issuer_id",
            "framework_id",
            "competency_id",
            "level",
            "revision",
            name="uq_badge_class_version",
        ),
    )
    with op.batch_alter_table("badge_class", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_badge_class_issuer_id"), ["issuer_id"], unique=False)

    op.create_table(
        "signing_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kid", sa.String(length=64), nullable=False),
        sa.Column("issuer_id", sa.Integer(), nullable=False),
        sa.Column("public_pem", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["issuer_profile.id"],
            name=op.f("fk_signing_key_issuer_id_issuer_profile"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_key")),
        sa.UniqueConstraint("kid", name=op.f("uq_signing_key_kid")),
    )
    with op.batch_alter_table("signing_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signing_key_issuer_id"), ["issuer_id"], unique=False)

    op.create_table(
        "access_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("client_pk", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_pk"], ["api_client.id"], name=op.f("fk_access_token_client_pk_api_client")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_access_token_token_hash")),
    )
    with op.batch_alter_table("access_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_token_client_pk"), ["client_pk"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_access_token_expires_at"), ["expires_at"], unique=False
        )

    op.create_table(
        "assertion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("badge_class_id", sa.Integer(), nullable=False),
        sa.Column("issuer_id", sa.Integer(), nullable=False),
        sa.Column("client_pk", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("recipient_hash", sa.String(length=100), nullable=False),
        sa.Column("recipient_salt", sa.String(length=64), nullable=False),
        sa.Column("issued_on", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("extensions", sa.JSON(), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("revocation_reason", sa.Text(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("signing_kid", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["badge_class_id"],
            ["badge_class.id"],
            name=op.f("fk_assertion_badge_class_id_badge_class"),
        ),
        sa.ForeignKeyConstraint(
            ["client_pk"], ["api_client.id"], name=op.f("fk_assertion_client_pk_api_client")
        ),
        sa.ForeignKeyConstraint(
            ["issuer_id"], ["issuer_profile.id"], name=op.f("fk_assertion_issuer_id_issuer_profile")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assertion")),
        sa.UniqueConstraint("client_pk", "idempotency_key", name="uq_assertion_idempotency"),
        sa.UniqueConstraint("entity_id", name=op.f("uq_assertion_entity_id")),
    )
    with op.batch_alter_table("assertion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assertion_badge_class_id"), ["badge_class_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_assertion_issuer_id"), ["issuer_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""

    with op.batch_alter_table("assertion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assertion_issuer_id"))
        batch_op.drop_index(batch_op.f("ix_assertion_badge_class_id"))

    op.drop_table("assertion")
    with op.batch_alter_table("access_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_token_expires_at"))
        batch_op.drop_index(batch_op.f("ix_access_token_client_pk"))

    op.drop_table("access_token")
    with op.batch_alter_table("signing_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signing_key_issuer_id"))

    op.drop_table("signing_key")
    with op.batch_alter_table("badge_class", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_badge_class_issuer_id"))

    op.drop_table("badge_class")
    with op.batch_alter_table("api_client", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_client_issuer_id"))

    op.drop_table("api_client")
    op.drop_table("issuer_profile")
