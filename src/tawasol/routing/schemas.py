"""Routing bodies in and out: take-next, supervisor override, stored decisions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from tawasol.db.types import DbId


class OverrideIn(BaseModel):
    conversation_id: DbId
    advisor_id: DbId


class DecisionOut(BaseModel):
    id: int
    conversation_id: int
    advisor_id: int | None
    rule: str
    tier: str
    override_by: int | None
    waited_seconds: float
    explanation: dict[str, Any]
    decided_at: datetime


class TakeNextOut(BaseModel):
    """``conversation_id`` None: nothing the advisor may take is waiting."""

    conversation_id: int | None
    decision: DecisionOut | None = None
