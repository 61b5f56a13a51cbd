"""Stored workforce plans: a forecast run, the staffing plan made from it, and the schedule.

Interval series (contacts, AHT, heads per skill) are JSON lists, one value per interval from
local midnight of ``first_day``: they are always read whole. Shifts are one row each, so "who
works on Tuesday" and "Amal's shifts this month" are plain indexed queries. A new schedule for
the same week supersedes the current one, which stays for history.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base, TenantScoped, Timestamped
from tawasol.db.types import JSONValue


class WfmForecast(TenantScoped, Timestamped, Base):
    """Expected contacts and AHT per interval, per (channel, language) series."""

    __tablename__ = "wfm_forecasts"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_day: Mapped[date]
    days: Mapped[int]
    interval_minutes: Mapped[int]
    timezone: Mapped[str] = mapped_column(String(64))
    history_contacts: Mapped[int] = mapped_column(default=0)
    # [{"channel", "language", "contacts": [...], "aht_seconds": [...]}]
    series: Mapped[list[dict[str, Any]]] = mapped_column(JSONValue, default=list)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )


class WfmPlan(TenantScoped, Timestamped, Base):
    """Advisors required per interval and skill (language), from one forecast."""

    __tablename__ = "wfm_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    forecast_id: Mapped[int] = mapped_column(
        ForeignKey("wfm_forecasts.id", ondelete="CASCADE"), index=True
    )
    target: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    agents: Mapped[dict[str, list[int]]] = mapped_column(JSONValue, default=dict)
    scheduled: Mapped[dict[str, list[int]]] = mapped_column(JSONValue, default=dict)


class WfmSchedule(TenantScoped, Timestamped, Base):
    """A week of shifts made from a plan; ``status`` is ``current`` or ``superseded``."""

    __tablename__ = "wfm_schedules"
    __table_args__ = (Index("ix_wfm_schedules_client_day", "client_id", "first_day", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("wfm_plans.id", ondelete="CASCADE"), index=True)
    first_day: Mapped[date]
    days: Mapped[int]
    interval_minutes: Mapped[int]
    timezone: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="current")
    superseded_at: Mapped[datetime | None] = mapped_column(default=None)
    # {"latitude", "longitude", "timezone"}: where sunset (iftar) was computed.
    location: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    # {skill: {"required": [...], "served": [...]}} per interval.
    coverage: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    summary: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )


class WfmShift(TenantScoped, Base):
    """One advisor's shift of a schedule, with its breaks (UTC instants)."""

    __tablename__ = "wfm_shifts"
    __table_args__ = (
        Index("ix_wfm_shifts_schedule_user", "schedule_id", "user_id", "starts_at"),
        Index("ix_wfm_shifts_user_day", "user_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("wfm_schedules.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date]
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    # The advisor's languages that the schedule counted on.
    skills: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    # [{"kind": "short" | "meal", "start": ISO UTC, "end": ISO UTC}]
    breaks: Mapped[list[dict[str, str]]] = mapped_column(JSONValue, default=list)
