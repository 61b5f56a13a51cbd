"""automatic retraining of clients' models: leases, requests and latest outcomes

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tawasol.db.types

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = tawasol.db.types.UTCDateTime(timezone=True)
    op.create_table(
        "model_trainings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=16), nullable=False),
        sa.Column("claimed_until", utc, nullable=True),
        sa.Column("requested_at", utc, nullable=True),
        sa.Column("attempted_at", utc, nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.String(length=500), nullable=True),
        sa.Column("examples", sa.Integer(), nullable=True),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_model_trainings_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_model_trainings")),
        sa.UniqueConstraint("client_id", "task", name="uq_model_trainings_client_task"),
    )
    with op.batch_alter_table("model_trainings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_model_trainings_client_id"), ["client_id"])


def downgrade() -> None:
    op.drop_table("model_trainings")
