"""What the conversation view reads about a conversation's enrichment."""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tawasol.conversations.schemas import TAG_PATTERN
from tawasol.db.types import DbId
from tawasol.nlp.sentiment.labels import OFFENSIVE_LABELS, SENTIMENT_LABELS


class LanguageOut(BaseModel):
    code: str | None
    secondary: str | None
    shares: dict[str, float]


class IntentOut(BaseModel):
    label: str
    confidence: float | None


class MessageInsightOut(BaseModel):
    message_id: int
    language: str
    secondary_language: str | None
    language_shares: dict[str, float]
    intent: str | None
    intent_confidence: float | None
    sentiment: str
    offensive: bool
    pii_types: list[str]
    model_versions: dict[str, Any]
    enriched_at: datetime


class ReadingField(StrEnum):
    INTENT = "intent"
    SENTIMENT = "sentiment"
    OFFENSIVE = "offensive"
    LANGUAGE = "language"


class ReviewDecision(StrEnum):
    ACCEPTED = "accepted"
    CORRECTED = "corrected"
    REJECTED = "rejected"


def _one_of(labels: tuple[str, ...]) -> str:
    return "^(" + "|".join(map(re.escape, labels)) + ")$"


# Intents follow the tag syntax (an intent tag labels a conversation: `labels.intent_tags`).
_VALUE_RULES: dict[ReadingField, tuple[str, str]] = {
    ReadingField.INTENT: (TAG_PATTERN, "an intent name (letters, digits, . : / -)"),
    ReadingField.SENTIMENT: (_one_of(SENTIMENT_LABELS), "negative, neutral or positive"),
    ReadingField.OFFENSIVE: (_one_of(OFFENSIVE_LABELS), "offensive or not_offensive"),
    ReadingField.LANGUAGE: (r"^[a-z]{2,3}$", "an ISO 639 code such as fr, ar or ary"),
}


class ReviewIn(BaseModel):
    """An advisor's decision on one field of the conversation's AI reading: ``accepted`` (the
    model is right), ``corrected`` (with ``value``, the right reading) or ``rejected`` (wrong,
    no replacement; for ``offensive``, which has two values, a rejection is a correction)."""

    field: ReadingField
    decision: ReviewDecision
    value: str | None = Field(default=None, min_length=1, max_length=64)

    @model_validator(mode="after")
    def _value_fits(self) -> ReviewIn:
        if self.decision == ReviewDecision.CORRECTED and self.value is None:
            raise ValueError("a correction needs its value")
        if self.decision != ReviewDecision.CORRECTED and self.value is not None:
            raise ValueError(f"only a correction carries a value, not {self.decision.value!r}")
        if self.value is not None:
            pattern, expected = _VALUE_RULES[self.field]
            self.value = self.value.strip()
            if not re.fullmatch(pattern, self.value):
                raise ValueError(f"{self.field.value} must be {expected}")
        return self


class ReviewOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    conversation_id: int
    message_id: int | None
    field: str
    decision: str
    machine_value: str | None
    model_version: str | None
    value: str | None
    reviewer_id: int | None
    created_at: datetime


class ReviewStatsRow(BaseModel):
    """Per client, field and model version: how advisors judged the model's readings."""

    client_id: int
    field: str
    model_version: str | None
    reviewed: int
    accepted: int
    corrected: int
    rejected: int
    acceptance_rate: float


class InsightsOut(BaseModel):
    """``intent`` is the conversation's intent (set by an advisor or by the model) with the
    model's confidence when the model chose it; ``messages`` are in conversation order;
    ``reviews`` holds the advisors' latest decision on each field of the reading."""

    conversation_id: int
    language: LanguageOut
    intent: IntentOut | None
    sentiment: str | None
    offensive: bool
    messages: list[MessageInsightOut]
    reviews: list[ReviewOut] = Field(default_factory=list)


class RetrainingOut(BaseModel):
    """The latest automatic retraining of a model (`nlp.enrichment.retraining`)."""

    model_config = ConfigDict(from_attributes=True)

    outcome: str | None
    reason: str | None
    detail: str | None
    examples: int | None
    record_id: int | None
    requested_at: datetime | None
    attempted_at: datetime | None
    claimed_until: datetime | None


class ModelStatusRow(BaseModel):
    """A client's model for one task (intents, sentiment, offensive): the newest trained one
    (none yet: the shipped model reads the client's messages) and its automatic retraining.
    ``score`` is cross-validated on the client's labels: accuracy for intents, macro-F1 for
    sentiment, the offensive class's F1; ``in_use`` is false for a sentiment or offensive model
    that did not beat the shipped one."""

    client_id: int
    task: str
    record_id: int | None
    version: str | None
    trained_at: datetime | None
    examples: int | None
    score: float | None
    in_use: bool
    retraining: RetrainingOut | None


class RetrainIn(BaseModel):
    """Ask for a client's model to be retrained at once (``task``: intents, sentiment or
    offensive)."""

    model_config = ConfigDict(extra="forbid")

    client_id: DbId
    task: Literal["intents", "sentiment", "offensive"]
