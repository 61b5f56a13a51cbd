"""copilot suggestions: what each went by (basis), for acceptance per basis

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("copilot_suggestions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("basis", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("copilot_suggestions", schema=None) as batch_op:
        batch_op.drop_column("basis")
