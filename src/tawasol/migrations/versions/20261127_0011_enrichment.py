"""AI enrichment results per message, with model versions

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import tawasol.db.types

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _utc() -> tawasol.db.types.UTCDateTime:
    return tawasol.db.types.UTCDateTime(timezone=True)


def _client_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["client_id"], ["clients.id"], name=op.f(f"fk_{table}_client_id_clients"),
        ondelete="CASCADE",
    )  # fmt: skip


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE",
    )  # fmt: skip


def _message_enrichments() -> None:
    op.create_table(
        "message_enrichments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("language_confidence", sa.Float(), nullable=False),
        sa.Column("secondary_language", sa.String(length=8), nullable=True),
        sa.Column("language_shares", _json(), nullable=False),
        sa.Column("intent", sa.String(length=64), nullable=True),
        sa.Column("intent_confidence", sa.Float(), nullable=True),
        sa.Column("sentiment", sa.String(length=16), nullable=False),
        sa.Column("sentiment_confidence", sa.Float(), nullable=False),
        sa.Column("offensive", sa.Boolean(), nullable=False),
        sa.Column("offensive_confidence", sa.Float(), nullable=False),
        sa.Column("pii_types", _json(), nullable=False),
        sa.Column("redacted_text", sa.Text(), nullable=False),
        sa.Column("model_versions", _json(), nullable=False),
        sa.Column("enriched_at", _utc(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        _client_fk("message_enrichments"),
        _fk("message_enrichments", "conversation_id", "conversations"),
        _fk("message_enrichments", "message_id", "messages"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_enrichments")),
        sa.UniqueConstraint("message_id", name=op.f("uq_message_enrichments_message_id")),
    )
    with op.batch_alter_table("message_enrichments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_message_enrichments_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index(
            "ix_message_enrichments_conversation", ["conversation_id", "message_id"], unique=False
        )


def _conversation_insights() -> None:
    op.create_table(
        "conversation_insights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("secondary_language", sa.String(length=8), nullable=True),
        sa.Column("language_shares", _json(), nullable=False),
        sa.Column("intent", sa.String(length=64), nullable=True),
        sa.Column("intent_confidence", sa.Float(), nullable=True),
        sa.Column("machine_intent", sa.String(length=64), nullable=True),
        sa.Column("sentiment", sa.String(length=16), nullable=True),
        sa.Column("offensive", sa.Boolean(), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        _client_fk("conversation_insights"),
        _fk("conversation_insights", "conversation_id", "conversations"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_insights")),
        sa.UniqueConstraint(
            "conversation_id", name=op.f("uq_conversation_insights_conversation_id")
        ),
    )
    with op.batch_alter_table("conversation_insights", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conversation_insights_client_id"), ["client_id"], unique=False
        )


def _intent_models() -> None:
    op.create_table(
        "intent_models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=200), nullable=False),
        sa.Column("blob", sa.LargeBinary(), nullable=False),
        sa.Column("labels", _json(), nullable=False),
        sa.Column("metrics", _json(), nullable=False),
        sa.Column("examples", sa.Integer(), nullable=False),
        sa.Column("trained_at", _utc(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        _client_fk("intent_models"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intent_models")),
    )
    with op.batch_alter_table("intent_models", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_intent_models_client_id"), ["client_id"], unique=False)
        batch_op.create_index("ix_intent_models_client_newest", ["client_id", "id"], unique=False)


def _enrichment_tasks() -> None:
    op.create_table(
        "enrichment_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", _utc(), nullable=False),
        sa.Column("claimed_until", _utc(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=False),
        _client_fk("enrichment_tasks"),
        _fk("enrichment_tasks", "message_id", "messages"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrichment_tasks")),
        sa.UniqueConstraint("message_id", name=op.f("uq_enrichment_tasks_message_id")),
    )
    with op.batch_alter_table("enrichment_tasks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enrichment_tasks_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index("ix_enrichment_tasks_due", ["next_attempt_at", "id"], unique=False)


def upgrade() -> None:
    _message_enrichments()
    _conversation_insights()
    _intent_models()
    _enrichment_tasks()


def downgrade() -> None:
    with op.batch_alter_table("enrichment_tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_enrichment_tasks_due")
        batch_op.drop_index(batch_op.f("ix_enrichment_tasks_client_id"))
    op.drop_table("enrichment_tasks")
    with op.batch_alter_table("intent_models", schema=None) as batch_op:
        batch_op.drop_index("ix_intent_models_client_newest")
        batch_op.drop_index(batch_op.f("ix_intent_models_client_id"))
    op.drop_table("intent_models")
    with op.batch_alter_table("conversation_insights", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_insights_client_id"))
    op.drop_table("conversation_insights")
    with op.batch_alter_table("message_enrichments", schema=None) as batch_op:
        batch_op.drop_index("ix_message_enrichments_conversation")
        batch_op.drop_index(batch_op.f("ix_message_enrichments_client_id"))
    op.drop_table("message_enrichments")
