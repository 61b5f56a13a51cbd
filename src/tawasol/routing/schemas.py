"""Routing bodies in and out: take-next, supervisor override, stored decisions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, model_validator

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


class TransferIn(BaseModel):
    """At most one target: an advisor, a team, or neither (back to the queue)."""

    advisor_id: DbId | None = None
    team_id: DbId | None = None
    note: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _one_target(self) -> TransferIn:
        if self.advisor_id is not None and self.team_id is not None:
            raise ValueError("transfer to an advisor or to a team, not both")
        return self
