"""stored forecasts, staffing plans and schedules (WFM)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import tawasol.db.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wfm_forecasts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("interval_minutes", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("history_contacts", sa.Integer(), nullable=False),
        sa.Column(
            "series",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("created_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_wfm_forecasts_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_wfm_forecasts_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wfm_forecasts")),
    )
    with op.batch_alter_table("wfm_forecasts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wfm_forecasts_client_id"), ["client_id"], unique=False)

    op.create_table(
        "wfm_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forecast_id", sa.Integer(), nullable=False),
        sa.Column(
            "target",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "agents",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "scheduled",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("created_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_wfm_plans_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["forecast_id"],
            ["wfm_forecasts.id"],
            name=op.f("fk_wfm_plans_forecast_id_wfm_forecasts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wfm_plans")),
    )
    with op.batch_alter_table("wfm_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wfm_plans_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_wfm_plans_forecast_id"), ["forecast_id"], unique=False)

    op.create_table(
        "wfm_schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("interval_minutes", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("superseded_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "location",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "coverage",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "summary",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("created_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_wfm_schedules_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_wfm_schedules_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["wfm_plans.id"],
            name=op.f("fk_wfm_schedules_plan_id_wfm_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wfm_schedules")),
    )
    with op.batch_alter_table("wfm_schedules", schema=None) as batch_op:
        batch_op.create_index(
            "ix_wfm_schedules_client_day", ["client_id", "first_day", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_wfm_schedules_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_wfm_schedules_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "wfm_shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("starts_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "skills",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "breaks",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_wfm_shifts_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["wfm_schedules.id"],
            name=op.f("fk_wfm_shifts_schedule_id_wfm_schedules"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_wfm_shifts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wfm_shifts")),
    )
    with op.batch_alter_table("wfm_shifts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wfm_shifts_client_id"), ["client_id"], unique=False)
        batch_op.create_index(
            "ix_wfm_shifts_schedule_user", ["schedule_id", "user_id", "starts_at"], unique=False
        )
        batch_op.create_index("ix_wfm_shifts_user_day", ["user_id", "day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("wfm_shifts", schema=None) as batch_op:
        batch_op.drop_index("ix_wfm_shifts_user_day")
        batch_op.drop_index("ix_wfm_shifts_schedule_user")
        batch_op.drop_index(batch_op.f("ix_wfm_shifts_client_id"))

    op.drop_table("wfm_shifts")
    with op.batch_alter_table("wfm_schedules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wfm_schedules_plan_id"))
        batch_op.drop_index(batch_op.f("ix_wfm_schedules_client_id"))
        batch_op.drop_index("ix_wfm_schedules_client_day")

    op.drop_table("wfm_schedules")
    with op.batch_alter_table("wfm_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wfm_plans_forecast_id"))
        batch_op.drop_index(batch_op.f("ix_wfm_plans_client_id"))

    op.drop_table("wfm_plans")
    with op.batch_alter_table("wfm_forecasts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wfm_forecasts_client_id"))

    op.drop_table("wfm_forecasts")
