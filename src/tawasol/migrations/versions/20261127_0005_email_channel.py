"""email channel: IMAP state per inbox, mail kept raw, email envelopes of messages

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import tawasol.db.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
UTC = tawasol.db.types.UTCDateTime(timezone=True)


def _tenant_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inbox_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
    ]


def _tenant_constraints(table: str) -> list[sa.Constraint]:
    return [
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f(f"fk_{table}_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["inbox_id"], ["inboxes.id"], name=op.f(f"fk_{table}_inbox_id_inboxes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "mailbox_states",
        *_tenant_columns(),
        sa.Column("folder", sa.String(length=200), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=True),
        sa.Column("last_uid", sa.BigInteger(), nullable=False),
        sa.Column("last_poll_at", UTC, nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("updated_at", UTC, nullable=False),
        *_tenant_constraints("mailbox_states"),
        sa.UniqueConstraint("inbox_id", "folder", name=op.f("uq_mailbox_states_inbox_id_folder")),
    )
    op.create_table(
        "raw_emails",
        *_tenant_columns(),
        sa.Column("message_key", sa.String(length=255), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=True),
        sa.Column("uid", sa.BigInteger(), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("sender", sa.String(length=254), nullable=True),
        sa.Column("subject", sa.String(length=500), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", UTC, nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("resolved_at", UTC, nullable=True),
        *_tenant_constraints("raw_emails"),
        sa.UniqueConstraint(
            "inbox_id", "message_key", name=op.f("uq_raw_emails_inbox_id_message_key")
        ),
    )
    op.create_table(
        "email_envelopes",
        *_tenant_columns(),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("rfc_message_id", sa.String(length=255), nullable=False),
        sa.Column("in_reply_to", sa.String(length=255), nullable=True),
        sa.Column("reference_ids", JSON, nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=True),
        sa.Column("from_address", sa.String(length=254), nullable=True),
        sa.Column("reply_to", sa.String(length=254), nullable=True),
        sa.Column("to_addresses", JSON, nullable=False),
        sa.Column("quoted_text", sa.Text(), nullable=True),
        sa.Column("quoted_html", sa.Text(), nullable=True),
        sa.Column("signature", sa.Text(), nullable=True),
        sa.Column("flags", JSON, nullable=False),
        sa.Column("delivery_state", sa.String(length=16), nullable=True),
        sa.Column("delivery_detail", sa.String(length=500), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        *_tenant_constraints("email_envelopes"),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["messages.id"],
            name=op.f("fk_email_envelopes_message_id_messages"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("message_id", name=op.f("uq_email_envelopes_message_id")),
    )
    for table in ("mailbox_states", "raw_emails", "email_envelopes"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_client_id"), ["client_id"])
    with op.batch_alter_table("raw_emails", schema=None) as batch_op:
        batch_op.create_index("ix_raw_emails_inbox_pending", ["inbox_id", "resolved", "id"])
    with op.batch_alter_table("email_envelopes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_email_envelopes_rfc_message_id"), ["rfc_message_id"])


def downgrade() -> None:
    op.drop_table("email_envelopes")
    op.drop_table("raw_emails")
    op.drop_table("mailbox_states")
