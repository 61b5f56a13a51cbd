"""tag rows carry the conversation's activity time, indexed for tag-filtered inboxes

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tawasol.db.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conversation_tags", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_message_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=True)
        )
    op.execute(
        "UPDATE conversation_tags SET last_message_at = (SELECT conversations.last_message_at "
        "FROM conversations WHERE conversations.id = conversation_tags.conversation_id)"
    )
    with op.batch_alter_table("conversation_tags", schema=None) as batch_op:
        batch_op.alter_column(
            "last_message_at",
            existing_type=tawasol.db.types.UTCDateTime(timezone=True),
            nullable=False,
        )
        batch_op.drop_index("ix_conversation_tags_client_tag")
        batch_op.create_index(
            "ix_conversation_tags_client_tag_recent",
            ["client_id", "tag", "last_message_at", "conversation_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("conversation_tags", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_tags_client_tag_recent")
        batch_op.create_index(
            "ix_conversation_tags_client_tag", ["client_id", "tag", "conversation_id"], unique=False
        )
        batch_op.drop_column("last_message_at")
