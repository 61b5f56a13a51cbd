"""Request and response bodies for SLA policies, business hours and a conversation's clocks."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tawasol.models.vocabulary import Priority
from tawasol.sla.calendar import BusinessCalendar, SpecialPeriod, week_hours
from tawasol.sla.settings import EscalationAction

MAX_TARGET_SECONDS = 90 * 24 * 3600.0
WeeklyHours = dict[str, str | list[str]]


def _weekly(value: WeeklyHours) -> WeeklyHours:
    counts = [len(s.split(",") if isinstance(s, str) else s) for s in value.values()]
    if len(value) > 14 or any(count > 8 for count in counts):
        raise ValueError("too many day groups or spans")
    try:
        week_hours(value)
    except (ValueError, TypeError, IndexError) as exc:
        raise ValueError(
            'hours look like {"mon-fri": "09:00-18:00", "sat": ["09:00-12:00"]}'
        ) from exc
    return value


def _timezone(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        if len(value) > 64 or not value.strip():
            raise ValueError
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(f"unknown time zone {value!r}") from exc
    return value


class TargetsIn(BaseModel):
    """Seconds of business time per target; a target left out is not tracked."""

    model_config = ConfigDict(extra="forbid")

    first_response: float | None = Field(default=None, gt=0, le=MAX_TARGET_SECONDS)
    next_response: float | None = Field(default=None, gt=0, le=MAX_TARGET_SECONDS)
    resolution: float | None = Field(default=None, gt=0, le=MAX_TARGET_SECONDS)


class EscalationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    warning: list[EscalationAction] = Field(default_factory=list, max_length=3)
    breached: list[EscalationAction] = Field(default_factory=list, max_length=3)

    @field_validator("warning", "breached")
    @classmethod
    def _distinct(cls, value: list[EscalationAction]) -> list[EscalationAction]:
        if len(set(value)) != len(value):
            raise ValueError("an action is listed twice")
        return value


class SlaPolicyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    name: str = Field(default="default", min_length=1, max_length=100)
    targets: dict[Priority, TargetsIn] = Field(min_length=1)
    warn_at: float = Field(default=0.8, gt=0, lt=1)
    business_hours: bool = True
    escalations: dict[Priority | Literal["default"], EscalationIn] = Field(default_factory=dict)

    def document(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled,
            "name": self.name,
            "targets": {
                priority.value: targets.model_dump(exclude_none=True)
                for priority, targets in self.targets.items()
            },
            "warn_at": self.warn_at,
            "business_hours": self.business_hours,
            "escalations": {
                str(key): escalation.model_dump(mode="json")
                for key, escalation in self.escalations.items()
            },
        }


class SpecialPeriodIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    first_day: date
    last_day: date
    hours: WeeklyHours = Field(default_factory=dict)

    _hours = field_validator("hours")(_weekly)

    @model_validator(mode="after")
    def _span(self) -> SpecialPeriodIn:
        if not self.first_day <= self.last_day <= self.first_day + timedelta(days=366):
            raise ValueError("a special period runs forwards, for at most a year")
        return self


class CalendarIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    timezone: str | None = None  # None: the client's
    weekly: WeeklyHours = Field(min_length=1)
    holidays: list[date] = Field(default_factory=list, max_length=400)
    special_periods: list[SpecialPeriodIn] = Field(default_factory=list, max_length=20)

    _tz = field_validator("timezone")(_timezone)
    _hours = field_validator("weekly")(_weekly)

    def document(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "weekly": self.weekly,
            "holidays": sorted({day.isoformat() for day in self.holidays}),
            "special_periods": [
                {
                    "name": p.name,
                    "first_day": p.first_day.isoformat(),
                    "last_day": p.last_day.isoformat(),
                    "hours": p.hours,
                }
                for p in self.special_periods
            ],
        }
        if self.timezone:
            document["timezone"] = self.timezone
        return document

    def calendar(self, timezone: str) -> BusinessCalendar:
        return BusinessCalendar(
            timezone=self.timezone or timezone,
            weekly=week_hours(self.weekly),
            holidays=frozenset(self.holidays),
            special_periods=tuple(
                SpecialPeriod(p.name, p.first_day, p.last_day, week_hours(p.hours))
                for p in self.special_periods
            ),
        )


class SlaSettingsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    policy: SlaPolicyIn
    calendar: CalendarIn


class SlaSettingsOut(BaseModel):
    client_id: int
    tracked: bool
    timezone: str  # the zone the calendar runs in
    policy: dict[str, Any]
    calendar: dict[str, Any]


class ClockOut(BaseModel):
    target: str
    cycle: int
    target_seconds: float
    elapsed_seconds: float
    state: Literal["running", "paused", "stopped"]
    warned: bool
    breached: bool
    due_at: datetime | None
    met: bool | None


class ConversationSlaOut(BaseModel):
    conversation_id: int
    tracked: bool
    priority: str | None = None
    waiting_on_customer: bool = False
    breached: bool = False
    next_check_at: datetime | None = None
    clocks: list[ClockOut] = Field(default_factory=list)
