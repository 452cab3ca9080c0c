"""public documents stored per assertion revision (issue 8: speed of the public GETs)

- ``assertion.revision`` (1 for every existing assertion);
- ``assertion_document``: what a public GET answered, per (assertion, kind), with the revision
  and public URL it was built for;
- triggers that bump ``assertion.revision`` in the same transaction as any insert, update or
  delete of ``assertion_privacy`` (privacy choice, erasure) or of an ``endorsement`` of an
  assertion, so no code path can leave a stored document saying the old state.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Tables whose rows change what an assertion's public documents say, by their assertion_id.
WATCHED = ("assertion_privacy", "endorsement")
BUMP = "UPDATE assertion SET revision = revision + 1 WHERE id = {row}.assertion_id;"
PG_FUNCTION = f"""
CREATE FUNCTION diva_touch_assertion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN {BUMP.format(row="OLD")} END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN {BUMP.format(row="NEW")} END IF;
    RETURN NULL;
END $$;
"""
SQLITE_EVENTS = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}


def upgrade() -> None:
    op.add_column(
        "assertion",
        sa.Column("revision", sa.Integer(), nullable=False, server_default="1"),
    )
    op.create_table(
        "assertion_document",
        sa.Column("assertion_id", sa.Integer(), sa.ForeignKey("assertion.id"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("base_url", sa.String(500), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("assertion_id", "kind", name="pk_assertion_document"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for table in WATCHED:
            op.execute(
                f"CREATE TRIGGER {table}_touch AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION diva_touch_assertion()"
            )
        return
    for table in WATCHED:
        for event, rows in SQLITE_EVENTS.items():
            bumps = " ".join(BUMP.format(row=row) for row in rows)
            op.execute(
                f"CREATE TRIGGER {table}_touch_{event} AFTER {event.upper()} ON {table} "
                f"FOR EACH ROW BEGIN {bumps} END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_touch ON {table}")
        op.execute("DROP FUNCTION IF EXISTS diva_touch_assertion()")
    else:
        for table in WATCHED:
            for event in SQLITE_EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_touch_{event}")
    op.drop_table("assertion_document")
    with op.batch_alter_table("assertion") as batch:
        batch.drop_column("revision")
