"""Pydantic bodies of the WFM API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel


class AdvisorAdherenceOut(BaseModel):
    user_id: int
    full_name: str
    scheduled_minutes: float
    adherent_minutes: float
    adherence: float | None


class AdherenceOut(BaseModel):
    client_id: int
    date: date
    advisors: list[AdvisorAdherenceOut]
    scheduled_minutes: float
    adherent_minutes: float
    adherence: float | None
