"""AI enrichment: what the offline models said about each customer message and conversation,
each client's trained models and their automatic retraining."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base, TenantScoped
from tawasol.db.types import JSONValue, utcnow


class MessageEnrichment(TenantScoped, Base):
    """One inbound message as the models read it; every model's version is kept with it.

    ``redacted_text`` is the copy the AI models saw (personal data replaced by placeholders):
    training and analytics read it instead of the message."""

    __tablename__ = "message_enrichments"
    __table_args__ = (
        Index("ix_message_enrichments_conversation", "conversation_id", "message_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), unique=True
    )
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    language_confidence: Mapped[float] = mapped_column(Float)
    secondary_language: Mapped[str | None] = mapped_column(String(8), default=None)
    language_shares: Mapped[dict[str, float]] = mapped_column(JSONValue, default=dict)
    intent: Mapped[str | None] = mapped_column(String(64), default=None)
    intent_confidence: Mapped[float | None] = mapped_column(Float, default=None)
    sentiment: Mapped[str] = mapped_column(String(16))
    sentiment_confidence: Mapped[float] = mapped_column(Float)
    offensive: Mapped[bool] = mapped_column(default=False)
    offensive_confidence: Mapped[float] = mapped_column(Float)
    pii_types: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    redacted_text: Mapped[str] = mapped_column(Text, default="")
    model_versions: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    enriched_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConversationInsight(TenantScoped, Base):
    """The conversation-level reading, recomputed from its messages' enrichments.

    ``machine_intent`` is the intent the model last wrote onto the conversation: when the
    conversation's intent differs from it, an advisor set it, and it is a training label."""

    __tablename__ = "conversation_insights"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), unique=True
    )
    language: Mapped[str | None] = mapped_column(String(8), default=None)
    secondary_language: Mapped[str | None] = mapped_column(String(8), default=None)
    language_shares: Mapped[dict[str, float]] = mapped_column(JSONValue, default=dict)
    intent: Mapped[str | None] = mapped_column(String(64), default=None)
    intent_confidence: Mapped[float | None] = mapped_column(Float, default=None)
    machine_intent: Mapped[str | None] = mapped_column(String(64), default=None)
    sentiment: Mapped[str | None] = mapped_column(String(16), default=None)
    offensive: Mapped[bool] = mapped_column(default=False)
    messages: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class IntentModelRecord(TenantScoped, Base):
    """A client's trained intent model (numpy ``.npz`` bytes, no pickle); the newest is used."""

    __tablename__ = "intent_models"
    __table_args__ = (Index("ix_intent_models_client_newest", "client_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(200))
    blob: Mapped[bytes] = mapped_column(LargeBinary)
    labels: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    examples: Mapped[int] = mapped_column(Integer)
    trained_at: Mapped[datetime] = mapped_column(default=utcnow)


class EnrichmentTask(TenantScoped, Base):
    """A message waiting for the enrichment worker (models never run inside the relay's
    transaction). ``claimed_until`` is a lease: a worker that dies lets it expire."""

    __tablename__ = "enrichment_tasks"
    __table_args__ = (Index("ix_enrichment_tasks_due", "next_attempt_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), unique=True
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(String(500), default=None)


class ReadingReview(TenantScoped, Base):
    """An advisor's decision on one part of the AI reading of a conversation.

    ``field`` is intent, sentiment, offensive or language; ``machine_value`` and
    ``model_version`` are what the model said (of the message ``message_id``, the newest
    enriched one when reviewed); ``value`` is the reading the advisor settled on (the model's
    when accepted, theirs when corrected, none when rejected). Accepted and corrected reviews
    are training labels; corrected and rejected ones make the field the advisor's."""

    __tablename__ = "reading_reviews"
    __table_args__ = (
        Index("ix_reading_reviews_conversation", "conversation_id", "field", "id"),
        Index("ix_reading_reviews_client_field", "client_id", "field", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), default=None
    )
    field: Mapped[str] = mapped_column(String(16))
    decision: Mapped[str] = mapped_column(String(16))
    machine_value: Mapped[str | None] = mapped_column(String(64), default=None)
    model_version: Mapped[str | None] = mapped_column(String(200), default=None)
    value: Mapped[str | None] = mapped_column(String(64), default=None)
    reviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LabelerModelRecord(TenantScoped, Base):
    """A client's own sentiment or offensive-language model (``task``), trained from its
    advisors' reviews (numpy ``.npz`` bytes, no pickle); the newest of each task is used."""

    __tablename__ = "labeler_models"
    __table_args__ = (Index("ix_labeler_models_client_task_newest", "client_id", "task", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task: Mapped[str] = mapped_column(String(16))
    version: Mapped[str] = mapped_column(String(300))
    blob: Mapped[bytes] = mapped_column(LargeBinary)
    labels: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    examples: Mapped[int] = mapped_column(Integer)
    trained_at: Mapped[datetime] = mapped_column(default=utcnow)


class ModelTraining(TenantScoped, Base):
    """Automatic retraining of one of a client's models (``task``: intents, sentiment or
    offensive): the lease a node holds while it trains (``claimed_until``; nodes share the
    work), a person's request to retrain now (``requested_at``, cleared by the attempt) and the
    outcome of the latest attempt, with the number of labels it saw (a refusal is not retried
    until that number changes)."""

    __tablename__ = "model_trainings"
    __table_args__ = (UniqueConstraint("client_id", "task", name="uq_model_trainings_client_task"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task: Mapped[str] = mapped_column(String(16))
    claimed_until: Mapped[datetime | None] = mapped_column(default=None)
    requested_at: Mapped[datetime | None] = mapped_column(default=None)
    attempted_at: Mapped[datetime | None] = mapped_column(default=None)
    outcome: Mapped[str | None] = mapped_column(String(32), default=None)
    reason: Mapped[str | None] = mapped_column(String(64), default=None)
    detail: Mapped[str | None] = mapped_column(String(500), default=None)
    examples: Mapped[int | None] = mapped_column(Integer, default=None)
    record_id: Mapped[int | None] = mapped_column(Integer, default=None)
