"""advisor reviews of the AI reading; per-client sentiment and offensive models

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import tawasol.db.types

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _utc() -> tawasol.db.types.UTCDateTime:
    return tawasol.db.types.UTCDateTime(timezone=True)


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def _labeler_models() -> None:
    op.create_table(
        "labeler_models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=16), nullable=False),
        sa.Column("version", sa.String(length=300), nullable=False),
        sa.Column("blob", sa.LargeBinary(), nullable=False),
        sa.Column("labels", _json(), nullable=False),
        sa.Column("metrics", _json(), nullable=False),
        sa.Column("examples", sa.Integer(), nullable=False),
        sa.Column("trained_at", _utc(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        _fk("labeler_models", "client_id", "clients"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_labeler_models")),
    )
    with op.batch_alter_table("labeler_models", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_labeler_models_client_id"), ["client_id"])
        batch_op.create_index("ix_labeler_models_client_task_newest", ["client_id", "task", "id"])


def _reading_reviews() -> None:
    op.create_table(
        "reading_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("machine_value", sa.String(length=64), nullable=True),
        sa.Column("model_version", sa.String(length=200), nullable=True),
        sa.Column("value", sa.String(length=64), nullable=True),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        _fk("reading_reviews", "client_id", "clients"),
        _fk("reading_reviews", "conversation_id", "conversations"),
        _fk("reading_reviews", "message_id", "messages"),
        _fk("reading_reviews", "reviewer_id", "users", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reading_reviews")),
    )
    with op.batch_alter_table("reading_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reading_reviews_client_id"), ["client_id"])
        batch_op.create_index("ix_reading_reviews_client_field", ["client_id", "field", "id"])
        batch_op.create_index("ix_reading_reviews_conversation", ["conversation_id", "field", "id"])


def upgrade() -> None:
    _labeler_models()
    _reading_reviews()


def downgrade() -> None:
    op.drop_table("reading_reviews")
    op.drop_table("labeler_models")
