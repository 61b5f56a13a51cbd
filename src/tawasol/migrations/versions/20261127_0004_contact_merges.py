"""contact merges

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import tawasol.db.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_contacts_merged_into_id_contacts"),
            "contacts",
            ["merged_into_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "contact_merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survivor_id", sa.Integer(), nullable=False),
        sa.Column("merged_id", sa.Integer(), nullable=False),
        sa.Column("moved", JSON, nullable=False),
        sa.Column("merged_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("undone_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"],
            name=op.f("fk_contact_merges_client_id_clients"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merged_id"], ["contacts.id"],
            name=op.f("fk_contact_merges_merged_id_contacts"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["survivor_id"], ["contacts.id"],
            name=op.f("fk_contact_merges_survivor_id_contacts"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_merges")),
    )  # fmt: skip
    with op.batch_alter_table("contact_merges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_merges_client_id"), ["client_id"])


def downgrade() -> None:
    with op.batch_alter_table("contact_merges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_merges_client_id"))
    op.drop_table("contact_merges")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_contacts_merged_into_id_contacts"), type_="foreignkey"
        )
        batch_op.drop_column("merged_into_id")
