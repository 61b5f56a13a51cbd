"""The knowledge base (articles, their passages, macros) and the copilot's suggestions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base, TenantScoped, Timestamped
from tawasol.db.types import JSONValue, utcnow


class KnowledgeArticle(TenantScoped, Timestamped, Base):
    """One article in one language; translations point at the article they translate."""

    __tablename__ = "knowledge_articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    tags: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    is_published: Mapped[bool] = mapped_column(default=True)
    translation_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("knowledge_articles.id", ondelete="SET NULL"), default=None, index=True
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class KnowledgePassage(TenantScoped, Base):
    """A paragraph of an article with its offsets in the body and its dense vector.

    ``embedder_version`` names the model that made ``embedding``: passages embedded by another
    version are re-embedded before they are searched."""

    __tablename__ = "knowledge_passages"
    __table_args__ = (Index("ix_knowledge_passages_article_position", "article_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("knowledge_articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    embedder_version: Mapped[str | None] = mapped_column(String(120), default=None)


class Macro(TenantScoped, Timestamped, Base):
    """A canned response: a body per language with placeholders, and actions to apply."""

    __tablename__ = "macros"
    __table_args__ = (UniqueConstraint("client_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    bodies: Mapped[dict[str, str]] = mapped_column(JSONValue, default=dict)
    add_tags: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    set_status: Mapped[str | None] = mapped_column(String(16), default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class MacroUse(TenantScoped, Timestamped, Base):
    """An advisor applied a macro in a conversation; its intent and stage then are kept: the
    history the next best action learns from (`copilot/macro_history.py`)."""

    __tablename__ = "macro_uses"
    __table_args__ = (Index("ix_macro_uses_client_intent", "client_id", "intent", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    macro_id: Mapped[int] = mapped_column(ForeignKey("macros.id", ondelete="CASCADE"), index=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    intent: Mapped[str | None] = mapped_column(String(64), default=None)
    # the advisors' replies already in the conversation: 0 when the macro opened the answer
    advisor_replies: Mapped[int] = mapped_column(Integer, default=0)


class CopilotSuggestion(TenantScoped, Timestamped, Base):
    """A reply, summary or next best action proposed to the advisor, with its sources."""

    __tablename__ = "copilot_suggestions"
    __table_args__ = (Index("ix_copilot_suggestions_conversation", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8), default=None)
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSONValue, default=list)
    details: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    model: Mapped[str] = mapped_column(String(200))
    model_version: Mapped[str] = mapped_column(String(200))
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    # what the suggestion went by (a reply: intent_tag, intent_reading, retrieval, macro…;
    # a next action: history or similarity): acceptance is reported per basis too
    basis: Mapped[str | None] = mapped_column(String(32), default=None)


class SuggestionFeedback(TenantScoped, Timestamped, Base):
    """The advisor's one decision on a suggestion; the sent message when it was used."""

    __tablename__ = "suggestion_feedback"
    __table_args__ = (Index("ix_suggestion_feedback_client_version", "client_id", "model_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    suggestion_id: Mapped[int] = mapped_column(
        ForeignKey("copilot_suggestions.id", ondelete="CASCADE"), unique=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    decision: Mapped[str] = mapped_column(String(16))
    final_text: Mapped[str | None] = mapped_column(Text, default=None)
    model_version: Mapped[str] = mapped_column(String(200))
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("messages.id", ondelete="SET NULL"), default=None
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )


class CopilotSettings(TenantScoped, Base):
    """A client's optional OpenAI-compatible endpoint; without one the copilot stays offline."""

    __tablename__ = "copilot_settings"
    __table_args__ = (UniqueConstraint("client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    endpoint_url: Mapped[str | None] = mapped_column(String(500), default=None)
    model: Mapped[str | None] = mapped_column(String(200), default=None)
    api_key: Mapped[str | None] = mapped_column(String(500), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
