"""routing rules per inbox and presence idle timeout

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import tawasol.db.types

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox_routing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inbox_id", sa.Integer(), nullable=False),
        sa.Column(
            "rules",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("updated_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("created_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_inbox_routing_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["inbox_id"],
            ["inboxes.id"],
            name=op.f("fk_inbox_routing_inbox_id_inboxes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_routing")),
        sa.UniqueConstraint("inbox_id", name=op.f("uq_inbox_routing_inbox_id")),
    )
    with op.batch_alter_table("inbox_routing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inbox_routing_client_id"), ["client_id"], unique=False)

    op.create_table(
        "advisor_skills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("skill", sa.String(length=48), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_advisor_skills_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advisor_skills")),
        sa.UniqueConstraint("user_id", "skill", name=op.f("uq_advisor_skills_user_id_skill")),
    )
    with op.batch_alter_table("advisor_skills", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_advisor_skills_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("advisor_presence", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_seen_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("presence_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.String(length=24), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("presence_events", schema=None) as batch_op:
        batch_op.drop_column("reason")
    with op.batch_alter_table("advisor_presence", schema=None) as batch_op:
        batch_op.drop_column("last_seen_at")
    with op.batch_alter_table("advisor_skills", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_advisor_skills_user_id"))
    op.drop_table("advisor_skills")
    with op.batch_alter_table("inbox_routing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbox_routing_client_id"))
    op.drop_table("inbox_routing")
