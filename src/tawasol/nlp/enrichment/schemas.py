"""What the conversation view reads about a conversation's enrichment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


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


class InsightsOut(BaseModel):
    """``intent`` is the conversation's intent (set by an advisor or by the model) with the
    model's confidence when the model chose it; ``messages`` are in conversation order."""

    conversation_id: int
    language: LanguageOut
    intent: IntentOut | None
    sentiment: str | None
    offensive: bool
    messages: list[MessageInsightOut]
