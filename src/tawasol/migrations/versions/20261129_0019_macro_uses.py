"""macro uses: which macro advisors applied in conversations of which intent, at which stage

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tawasol.db.types

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "macro_uses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("macro_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("intent", sa.String(length=64), nullable=True),
        sa.Column("advisor_replies", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("created_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_macro_uses_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"], ["conversations.id"],
            name=op.f("fk_macro_uses_conversation_id_conversations"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["macro_id"], ["macros.id"], name=op.f("fk_macro_uses_macro_id_macros"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_macro_uses_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_macro_uses")),
    )  # fmt: skip
    with op.batch_alter_table("macro_uses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_macro_uses_client_id"), ["client_id"])
        batch_op.create_index(batch_op.f("ix_macro_uses_macro_id"), ["macro_id"])
        batch_op.create_index(batch_op.f("ix_macro_uses_conversation_id"), ["conversation_id"])
        batch_op.create_index("ix_macro_uses_client_intent", ["client_id", "intent", "id"])


def downgrade() -> None:
    op.drop_table("macro_uses")
