"""SLA policies: response and resolution targets per priority, counted in business time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from tawasol.sla.calendar import BusinessCalendar


class SlaTarget(StrEnum):
    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    RESOLUTION = "resolution"


Targets = Mapping[str, Mapping[SlaTarget, float]]  # priority -> target -> seconds


def _default_targets() -> dict[str, dict[SlaTarget, float]]:
    hour = 3600.0
    return {
        "urgent": {
            SlaTarget.FIRST_RESPONSE: 15 * 60.0,
            SlaTarget.NEXT_RESPONSE: 30 * 60.0,
            SlaTarget.RESOLUTION: 4 * hour,
        },
        "high": {
            SlaTarget.FIRST_RESPONSE: hour,
            SlaTarget.NEXT_RESPONSE: 2 * hour,
            SlaTarget.RESOLUTION: 8 * hour,
        },
        "normal": {
            SlaTarget.FIRST_RESPONSE: 4 * hour,
            SlaTarget.NEXT_RESPONSE: 8 * hour,
            SlaTarget.RESOLUTION: 24 * hour,
        },
        "low": {
            SlaTarget.FIRST_RESPONSE: 8 * hour,
            SlaTarget.NEXT_RESPONSE: 16 * hour,
            SlaTarget.RESOLUTION: 72 * hour,
        },
    }


@dataclass(frozen=True)
class SlaPolicy:
    """Targets per priority and target name; ``warn_at`` is the share that raises a warning.

    With ``business_hours`` the clock only runs while the client's calendar is open.
    A priority without targets falls back to ``normal``; a missing target is not tracked.
    """

    name: str = "default"
    targets: Targets = field(default_factory=_default_targets)
    warn_at: float = 0.8
    business_hours: bool = True

    def __post_init__(self) -> None:
        if not 0.0 < self.warn_at < 1.0:
            raise ValueError("warn_at must be between 0 and 1")

    def seconds_for(self, priority: str, target: SlaTarget) -> float | None:
        per_target = self.targets.get(priority) or self.targets.get("normal") or {}
        return per_target.get(target)

    def calendar_for(self, calendar: BusinessCalendar) -> BusinessCalendar:
        """The calendar the clocks follow: the client's, or round the clock in its zone."""
        if self.business_hours:
            return calendar
        return BusinessCalendar.always_open(calendar.timezone)

    def due_at(
        self, calendar: BusinessCalendar, *, start: datetime, priority: str, target: SlaTarget
    ) -> datetime | None:
        """When a target started at ``start`` falls due if its clock never pauses."""
        seconds = self.seconds_for(priority, target)
        if seconds is None:
            return None
        return self.calendar_for(calendar).add_business_seconds(start, seconds)
