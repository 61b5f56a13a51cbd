"""knowledge base articles, macros, copilot suggestions and feedback

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import tawasol.db.types

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "copilot_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("endpoint_url", sa.String(length=500), nullable=True),
        sa.Column("model", sa.String(length=200), nullable=True),
        sa.Column("api_key", sa.String(length=500), nullable=True),
        sa.Column("updated_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_copilot_settings_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_copilot_settings")),
        sa.UniqueConstraint("client_id", name=op.f("uq_copilot_settings_client_id")),
    )
    with op.batch_alter_table("copilot_settings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_copilot_settings_client_id"), ["client_id"], unique=False
        )

    op.create_table(
        "knowledge_articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column(
            "tags",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("is_published", sa.Boolean(), nullable=False),
        sa.Column("translation_of_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("created_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_knowledge_articles_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["translation_of_id"],
            ["knowledge_articles.id"],
            name=op.f("fk_knowledge_articles_translation_of_id_knowledge_articles"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_articles")),
    )
    with op.batch_alter_table("knowledge_articles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_knowledge_articles_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_knowledge_articles_translation_of_id"),
            ["translation_of_id"],
            unique=False,
        )

    op.create_table(
        "macros",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "bodies",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "add_tags",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("set_status", sa.String(length=16), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("created_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_macros_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_macros")),
        sa.UniqueConstraint("client_id", "name", name=op.f("uq_macros_client_id_name")),
    )
    with op.batch_alter_table("macros", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_macros_client_id"), ["client_id"], unique=False)

    op.create_table(
        "knowledge_passages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=True),
        sa.Column("embedder_version", sa.String(length=120), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["knowledge_articles.id"],
            name=op.f("fk_knowledge_passages_article_id_knowledge_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_knowledge_passages_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_passages")),
    )
    with op.batch_alter_table("knowledge_passages", schema=None) as batch_op:
        batch_op.create_index(
            "ix_knowledge_passages_article_position", ["article_id", "position"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_knowledge_passages_client_id"), ["client_id"], unique=False
        )

    op.create_table(
        "copilot_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column(
            "sources",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "details",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("model", sa.String(length=200), nullable=False),
        sa.Column("model_version", sa.String(length=200), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("created_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_copilot_suggestions_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_copilot_suggestions_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_copilot_suggestions_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_copilot_suggestions")),
    )
    with op.batch_alter_table("copilot_suggestions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_copilot_suggestions_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index(
            "ix_copilot_suggestions_conversation", ["conversation_id", "id"], unique=False
        )

    op.create_table(
        "suggestion_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("suggestion_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("final_text", sa.Text(), nullable=True),
        sa.Column("model_version", sa.String(length=200), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("created_at", tawasol.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_suggestion_feedback_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["messages.id"],
            name=op.f("fk_suggestion_feedback_message_id_messages"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["suggestion_id"],
            ["copilot_suggestions.id"],
            name=op.f("fk_suggestion_feedback_suggestion_id_copilot_suggestions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_suggestion_feedback_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion_feedback")),
        sa.UniqueConstraint("suggestion_id", name=op.f("uq_suggestion_feedback_suggestion_id")),
    )
    with op.batch_alter_table("suggestion_feedback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_suggestion_feedback_client_id"), ["client_id"], unique=False
        )
        batch_op.create_index(
            "ix_suggestion_feedback_client_version", ["client_id", "model_version"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("suggestion_feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_suggestion_feedback_client_version")
        batch_op.drop_index(batch_op.f("ix_suggestion_feedback_client_id"))

    op.drop_table("suggestion_feedback")
    with op.batch_alter_table("copilot_suggestions", schema=None) as batch_op:
        batch_op.drop_index("ix_copilot_suggestions_conversation")
        batch_op.drop_index(batch_op.f("ix_copilot_suggestions_client_id"))

    op.drop_table("copilot_suggestions")
    with op.batch_alter_table("knowledge_passages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_knowledge_passages_client_id"))
        batch_op.drop_index("ix_knowledge_passages_article_position")

    op.drop_table("knowledge_passages")
    with op.batch_alter_table("macros", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_macros_client_id"))

    op.drop_table("macros")
    with op.batch_alter_table("knowledge_articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_knowledge_articles_translation_of_id"))
        batch_op.drop_index(batch_op.f("ix_knowledge_articles_client_id"))

    op.drop_table("knowledge_articles")
    with op.batch_alter_table("copilot_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_copilot_settings_client_id"))

    op.drop_table("copilot_settings")
