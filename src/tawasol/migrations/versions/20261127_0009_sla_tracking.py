"""SLA tracking: per-conversation SLA state and escalation records

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import tawasol.db.types

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversation_slas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column(
            "clocks",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("waiting_on_customer", sa.Boolean(), nullable=False),
        sa.Column("first_response_given", sa.Boolean(), nullable=False),
        sa.Column("breached", sa.Boolean(), nullable=False),
        sa.Column("next_check_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_conversation_slas_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_slas_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_slas")),
        sa.UniqueConstraint("conversation_id", name=op.f("uq_conversation_slas_conversation_id")),
    )
    with op.batch_alter_table("conversation_slas", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conversation_slas_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index("ix_conversation_slas_next_check_at", ["next_check_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("conversation_slas", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_slas_next_check_at")
        batch_op.drop_index(batch_op.f("ix_conversation_slas_client_id"))
    op.drop_table("conversation_slas")
