"""What the scheduler is asked and what it answers: problem, shifts, breaks, coverage.

Times in results are local and timezone-aware (the problem's timezone); the horizon is whole
days of requirement intervals from midnight of ``first_day``. Inside the solver time runs in
quarters of an hour (see :mod:`tawasol.wfm.shifts`); :func:`quarter_demand` and
:func:`quarter_weights` spread the per-interval requirement and weights onto that grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from tawasol.wfm.calendar import MOROCCO, HolidayCalendar
from tawasol.wfm.history import DEFAULT_TIMEZONE
from tawasol.wfm.shifts import QUARTER_MINUTES, AdvisorRules, ShiftRules


@dataclass(frozen=True, slots=True)
class ScheduleProblem:
    """What to schedule. ``required`` covers whole days from midnight of ``first_day``."""

    required: Sequence[int]
    interval_minutes: int
    first_day: date
    advisors: int | Sequence[AdvisorRules]
    rules: ShiftRules = field(default_factory=ShiftRules)
    timezone: str = DEFAULT_TIMEZONE
    calendar: HolidayCalendar = MOROCCO
    understaffing_weights: Sequence[int] | None = None
    cyclic_week: bool = True
    time_limit_seconds: float = 10.0
    workers: int | None = None
    seed: int = 0

    def __post_init__(self) -> None:
        if self.interval_minutes not in (15, 30):
            raise ValueError("interval_minutes must be 15 or 30")
        per_day = 24 * 60 // self.interval_minutes
        if not self.required or len(self.required) % per_day:
            raise ValueError("required must cover whole days of intervals")
        if any(value < 0 for value in self.required):
            raise ValueError("required heads must be >= 0")
        weights = self.understaffing_weights
        if weights is not None and (
            len(weights) != len(self.required) or any(w < 0 for w in weights)
        ):
            raise ValueError("understaffing_weights needs one weight >= 0 per interval")
        if self.time_limit_seconds <= 0:
            raise ValueError("time_limit_seconds must be > 0")

    @property
    def team(self) -> list[AdvisorRules]:
        """One rules object per advisor."""
        if isinstance(self.advisors, int):
            if self.advisors < 0:
                raise ValueError("advisors must be >= 0")
            return [AdvisorRules()] * self.advisors
        return list(self.advisors)

    @property
    def days(self) -> int:
        """Days in the horizon."""
        return len(self.required) * self.interval_minutes // (24 * 60)


@dataclass(frozen=True, slots=True)
class ScheduledBreak:
    """A break of one advisor: ``short`` or ``meal``, local start and end."""

    kind: str
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class AssignedShift:
    """One advisor's shift on one day, with its breaks (local, timezone-aware times)."""

    advisor: int
    day: date
    start: datetime
    end: datetime
    breaks: tuple[ScheduledBreak, ...]

    @property
    def minutes(self) -> int:
        """Length of the shift, breaks included."""
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class IntervalCoverage:
    """Heads on the floor in one requirement interval (mean and lowest over its quarters)."""

    start: datetime
    required: int
    scheduled: float
    lowest: int


@dataclass(frozen=True, slots=True)
class Schedule:
    """The solved schedule and how well it covers the requirement."""

    status: str
    first_day: date
    interval_minutes: int
    timezone: str
    advisors_available: int
    shifts: list[AssignedShift]
    coverage: list[IntervalCoverage]
    understaffed_hours: float
    understaffed_interval_hours: float
    overstaffed_hours: float
    required_hours: float
    unplaced_shifts: int
    solve_seconds: float

    @property
    def advisors_used(self) -> int:
        """Advisors with at least one shift."""
        return len({shift.advisor for shift in self.shifts})

    def minutes_by_advisor(self) -> dict[int, int]:
        """Scheduled minutes per advisor over the horizon."""
        totals: dict[int, int] = {}
        for shift in self.shifts:
            totals[shift.advisor] = totals.get(shift.advisor, 0) + shift.minutes
        return totals


def quarter_demand(problem: ScheduleProblem) -> list[int]:
    """Heads required per quarter (each interval spread over its quarters)."""
    per = problem.interval_minutes // QUARTER_MINUTES
    return [value for value in problem.required for _ in range(per)]


def quarter_weights(problem: ScheduleProblem) -> list[int]:
    """Understaffing weight per quarter (1 everywhere unless the problem gives weights)."""
    per = problem.interval_minutes // QUARTER_MINUTES
    weights = problem.understaffing_weights or [1] * len(problem.required)
    return [int(weight) for weight in weights for _ in range(per)]
