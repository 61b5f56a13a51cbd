"""Shift templates and where their breaks may go: the building blocks of the scheduler.

Time inside the scheduler is counted in *quarters* (15 minutes) from midnight of the first day,
whatever the requirement interval, because breaks are 15 minutes long. A template is one
candidate shift: a start on the requirement grid of one day and a length from the rules.

Every shift gets three breaks (each one configurable or switched off):

* a short break (15 minutes) in each half of the shift, not in its first or last
  ``break_margin_minutes``;
* a meal / prayer break of ``meal_minutes`` (30-60) for shifts of ``meal_from_shift_minutes`` or
  more, entirely inside one of the day's meal windows (Dhuhr prayer and lunch, an evening meal;
  on Ramadan days the Ramadan windows apply instead, typically Dhuhr and iftar). When several
  windows fit, the one offering the most positions is used; with ``ShiftRules.iftar`` set, the
  iftar window follows each day's sunset (:mod:`tawasol.wfm.sunset`) and is the only one for
  a shift on duty at sunset.

Short breaks never enter the span of the meal window the shift uses, so the three breaks of an
advisor cannot overlap whichever positions the solver picks; this is what lets the model count
breaks per template instead of per advisor. A template on which the breaks cannot be placed is
not offered to the solver.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from tawasol.wfm.calendar import MOROCCO, HolidayCalendar
from tawasol.wfm.sunset import IftarRule, sunset_at

QUARTER_MINUTES = 15
QUARTERS_PER_DAY = 24 * 60 // QUARTER_MINUTES
MOROCCAN_WEEK_MINUTES = 44 * 60


@dataclass(frozen=True, slots=True)
class BreakWindow:
    """A time-of-day window for the meal / prayer break, on ordinary or on Ramadan days."""

    start: time
    end: time
    ramadan: bool = False
    label: str = "meal"

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a break window must end after it starts")


DEFAULT_MEAL_WINDOWS: tuple[BreakWindow, ...] = (
    BreakWindow(time(12, 30), time(14, 30), label="dhuhr"),
    BreakWindow(time(19, 0), time(21, 0), label="evening meal"),
    BreakWindow(time(12, 30), time(14, 30), ramadan=True, label="dhuhr"),
    BreakWindow(time(18, 30), time(20, 30), ramadan=True, label="iftar"),
)


@dataclass(frozen=True, slots=True)
class AdvisorRules:
    """Labour rules of one advisor (Moroccan defaults: 44 h a week, 6 days, 11 h rest).

    ``unavailable_days`` holds day indexes of the horizon (0 = its first day).
    """

    max_minutes_per_week: int = MOROCCAN_WEEK_MINUTES
    max_days: int = 6
    min_rest_minutes: int = 11 * 60
    unavailable_days: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if self.max_minutes_per_week < 0 or self.max_days < 0 or self.min_rest_minutes < 0:
            raise ValueError("advisor limits must be >= 0")


@dataclass(frozen=True, slots=True)
class ShiftRules:
    """Which shifts exist and how their breaks are placed.

    ``start_step_minutes`` defaults to the requirement interval; ``earliest_start`` and
    ``latest_end`` bound shifts by time of day (``latest_end`` of midnight means "no limit").
    Set ``short_break_minutes`` to 0 or ``meal_from_shift_minutes`` to None to drop breaks.
    With ``iftar`` set, the Ramadan window labelled ``iftar`` is replaced day by day by the
    window around that day's sunset at the rule's location.
    """

    lengths_minutes: tuple[int, ...] = (240, 300, 360, 420, 480, 540)
    start_step_minutes: int | None = None
    earliest_start: time = time(0, 0)
    latest_end: time = time(0, 0)
    short_break_minutes: int = 15
    break_margin_minutes: int = 60
    meal_minutes: int = 30
    meal_from_shift_minutes: int | None = 360
    meal_windows: tuple[BreakWindow, ...] = field(default=DEFAULT_MEAL_WINDOWS)
    iftar: IftarRule | None = None

    def __post_init__(self) -> None:
        if not self.lengths_minutes or any(
            length % QUARTER_MINUTES or not 60 <= length <= 24 * 60
            for length in self.lengths_minutes
        ):
            raise ValueError("shift lengths must be whole quarters between 1 and 24 hours")
        if self.short_break_minutes not in (0, 15):
            raise ValueError("short breaks are 15 minutes (or 0 for none)")
        if self.meal_from_shift_minutes is not None and not 30 <= self.meal_minutes <= 60:
            raise ValueError("the meal / prayer break lasts 30 to 60 minutes")
        if self.meal_minutes % QUARTER_MINUTES or self.break_margin_minutes % QUARTER_MINUTES:
            raise ValueError("break lengths and margins must be whole quarters")
        step = self.start_step_minutes
        if step is not None and (step % QUARTER_MINUTES or step <= 0):
            raise ValueError("start_step_minutes must be a positive multiple of 15")


@dataclass(frozen=True, slots=True)
class ShiftTemplate:
    """One candidate shift with the positions its breaks may take (quarters from the origin)."""

    index: int
    day: int
    start: int
    length: int
    first_breaks: tuple[int, ...]
    second_breaks: tuple[int, ...]
    meals: tuple[int, ...]
    short_length: int
    meal_length: int

    @property
    def end(self) -> int:
        """First quarter after the shift."""
        return self.start + self.length


def _quarter(moment: time) -> int:
    return (moment.hour * 60 + moment.minute) // QUARTER_MINUTES


def _meal_positions(
    rules: ShiftRules, start: int, end: int, windows: Sequence[tuple[int, int, int | None]]
) -> tuple[int, ...] | None:
    """Meal starts of the best-fitting window; () when no meal is due, None when none fits.

    A window with an anchor (sunset, for iftar) is the only one allowed to a shift on duty at
    that moment: a fasting advisor breaks the fast at maghrib, not at noon. Such a shift whose
    meal cannot be placed there is not offered."""
    if rules.meal_from_shift_minutes is None:
        return ()
    if (end - start) * QUARTER_MINUTES < rules.meal_from_shift_minutes:
        return ()
    margin = rules.break_margin_minutes // QUARTER_MINUTES
    length = rules.meal_minutes // QUARTER_MINUTES
    anchored = [w for w in windows if w[2] is not None and start <= w[2] < end]
    best: tuple[int, ...] = ()
    for window_start, window_end, _ in anchored or windows:
        first = max(start + margin, window_start)
        last = min(end - margin, window_end) - length
        if last >= first and last - first + 1 > len(best):
            best = tuple(range(first, last + 1))
    return best or None


def _short_positions(
    low: int, high: int, length: int, blocked: tuple[int, int] | None
) -> tuple[int, ...]:
    """Starts in ``[low, high - length]`` whose break stays outside ``blocked``."""
    positions = range(low, high - length + 1)
    if blocked is None:
        return tuple(positions)
    return tuple(p for p in positions if p + length <= blocked[0] or p >= blocked[1])


def day_windows(
    rules: ShiftRules, first_day: date, day: int, calendar: HolidayCalendar
) -> list[tuple[int, int, int | None]]:
    """Meal windows of horizon day ``day`` and the next one (for late shifts), in quarters,
    with the sunset quarter as anchor for the iftar window when ``rules.iftar`` is set."""
    windows = []
    for offset in (0, 1):
        when = first_day + timedelta(days=day + offset)
        ramadan = calendar.is_ramadan(when)
        base = (day + offset) * QUARTERS_PER_DAY
        for window in rules.meal_windows:
            if window.ramadan != ramadan:
                continue
            start, end = window.start, window.end
            anchor = None
            if ramadan and rules.iftar is not None and window.label == "iftar":
                start, end = rules.iftar.window(when)
                anchor = base + _quarter(sunset_at(when, rules.iftar.location).time())
            windows.append((base + _quarter(start), base + _quarter(end), anchor))
    return windows


def shift_templates(
    rules: ShiftRules,
    *,
    demand: Sequence[int],
    interval_minutes: int,
    first_day: date,
    calendar: HolidayCalendar = MOROCCO,
) -> list[ShiftTemplate]:
    """Candidate shifts over the horizon of ``demand`` (heads per quarter).

    A template must lie inside the horizon and start or end next to demand (a shift whose
    first and last quarters both need nobody is never better than a shorter or moved one).
    """
    horizon = len(demand)
    days = horizon // QUARTERS_PER_DAY
    step = (rules.start_step_minutes or interval_minutes) // QUARTER_MINUTES
    margin = rules.break_margin_minutes // QUARTER_MINUTES
    short = rules.short_break_minutes // QUARTER_MINUTES
    meal = rules.meal_minutes // QUARTER_MINUTES
    earliest = _quarter(rules.earliest_start)
    latest = _quarter(rules.latest_end) or QUARTERS_PER_DAY
    templates: list[ShiftTemplate] = []
    for day in range(days):
        windows = day_windows(rules, first_day, day, calendar)
        base = day * QUARTERS_PER_DAY
        for offset in range(earliest, QUARTERS_PER_DAY, step):
            for minutes in rules.lengths_minutes:
                length = minutes // QUARTER_MINUTES
                start, end = base + offset, base + offset + length
                if end > horizon or (latest < QUARTERS_PER_DAY and offset + length > latest):
                    continue
                if demand[start] <= 0 and demand[end - 1] <= 0:
                    continue
                meals = _meal_positions(rules, start, end, windows)
                if meals is None:
                    continue
                blocked = (meals[0], meals[-1] + meal) if meals else None
                middle = start + length // 2
                first: tuple[int, ...] = ()
                second: tuple[int, ...] = ()
                if short:
                    first = _short_positions(start + margin, middle, short, blocked)
                    second = _short_positions(middle, end - margin, short, blocked)
                    if not first or not second:
                        continue
                templates.append(
                    ShiftTemplate(
                        index=len(templates),
                        day=day,
                        start=start,
                        length=length,
                        first_breaks=first,
                        second_breaks=second,
                        meals=meals,
                        short_length=short,
                        meal_length=meal if meals else 0,
                    )
                )
    return templates
