"""indexes for the team and SLA-state inbox views, and for the mentions API

The client and status indexes of `conversations` grow the columns the SLA-state filter
reads (a date-ordered walk tests the state on index entries, not table rows); "my teams"
gets its own index; a partial index of the conversations not finished serves the SLA states
across every status on PostgreSQL; mentions get one ordered by id for the API's keyset.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

RECENT = ["last_message_at", "id"]
NOT_FINISHED = sa.text("status NOT IN ('resolved', 'closed')")
SLA = [
    "first_response_due_at", "next_response_due_at", "resolution_due_at",
    "first_response_at", "resolved_at",
]  # fmt: skip


def upgrade() -> None:
    op.drop_index("ix_conversations_client_recent", table_name="conversations")
    op.create_index(
        "ix_conversations_client_recent", "conversations", ["client_id", *RECENT, "status", *SLA]
    )
    op.drop_index("ix_conversations_client_status", table_name="conversations")
    op.create_index(
        "ix_conversations_client_status", "conversations", ["client_id", "status", *RECENT, *SLA]
    )
    op.create_index(
        "ix_conversations_client_team", "conversations", ["client_id", "team_id", "status", *RECENT]
    )
    op.create_index(
        "ix_conversations_client_live", "conversations", ["client_id", *RECENT],
        postgresql_where=NOT_FINISHED, sqlite_where=NOT_FINISHED,
    )  # fmt: skip
    op.create_index("ix_mentions_user_recent", "mentions", ["mentioned_user_id", "read_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_conversations_client_live", table_name="conversations")
    op.drop_index("ix_mentions_user_recent", table_name="mentions")
    op.drop_index("ix_conversations_client_team", table_name="conversations")
    op.drop_index("ix_conversations_client_status", table_name="conversations")
    op.create_index(
        "ix_conversations_client_status", "conversations", ["client_id", "status", *RECENT]
    )
    op.drop_index("ix_conversations_client_recent", table_name="conversations")
    op.create_index("ix_conversations_client_recent", "conversations", ["client_id", *RECENT])
