"""Business-hours calendars: weekly hours, holidays and special periods, in a client's zone.

Opening hours are local wall-clock times; every computation happens on real UTC instants,
so a daylight-saving change makes an overnight shift an hour shorter or longer, as the
advisors experience it. A span belongs to the day it starts on: a holiday closes the spans
starting that day, not the end of the previous night's shift. A local time that does not
exist (clocks jump forward) opens at the same offset as before the jump, i.e. later.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Africa/Casablanca"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A calendar that never opens would make `add_business_seconds` search forever.
_SEARCH_DAYS = 3 * 366


@dataclass(frozen=True, slots=True)
class OpeningSpan:
    """Open from ``start`` to ``end`` local time; ``end <= start`` runs past midnight."""

    start: time
    end: time

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    @classmethod
    def parse(cls, text: str) -> OpeningSpan:
        """``"09:00-18:00"``, ``"22:00-06:00"`` (overnight) or ``"00:00-24:00"``."""
        start, end = (part.strip() for part in text.split("-"))
        end = "00:00" if end == "24:00" else end
        return cls(time.fromisoformat(start), time.fromisoformat(end))


WeekHours = Mapping[int, tuple[OpeningSpan, ...]]  # weekday (0 = Monday) -> spans


def week_hours(spec: Mapping[str, str | Sequence[str]]) -> dict[int, tuple[OpeningSpan, ...]]:
    """Readable weekly hours: ``{"mon-fri": "09:00-18:00", "sat": "09:00-13:00"}``.

    A value may list several spans (``"09:00-12:30,14:00-18:00"``); unnamed days are closed.
    """
    hours: dict[int, tuple[OpeningSpan, ...]] = {}
    for days, spans in spec.items():
        texts = spans.split(",") if isinstance(spans, str) else list(spans)
        parsed = tuple(OpeningSpan.parse(text) for text in texts if text.strip())
        first, _, last = days.lower().partition("-")
        start = DAYS.index(first.strip())
        stop = DAYS.index(last.strip()) if last else start
        for weekday in range(start, stop + 1):
            hours[weekday] = hours.get(weekday, ()) + parsed
    return hours


def _default_week() -> dict[int, tuple[OpeningSpan, ...]]:
    return week_hours({"mon-fri": "09:00-18:00", "sat": "09:00-13:00"})


@dataclass(frozen=True, slots=True)
class SpecialPeriod:
    """Days with their own hours (Ramadan, summer); a weekday missing from ``hours`` is closed."""

    name: str
    first_day: date
    last_day: date
    hours: WeekHours

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class BusinessCalendar:
    """When a client's SLA clocks run. Precedence per day: holiday, special period, week."""

    timezone: str = DEFAULT_TIMEZONE
    weekly: WeekHours = field(default_factory=_default_week)
    holidays: frozenset[date] = frozenset()
    special_periods: tuple[SpecialPeriod, ...] = ()

    @classmethod
    def always_open(cls, timezone: str = DEFAULT_TIMEZONE) -> BusinessCalendar:
        return cls(timezone=timezone, weekly=week_hours({"mon-sun": "00:00-24:00"}))

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def spans_on(self, day: date) -> tuple[OpeningSpan, ...]:
        if day in self.holidays:
            return ()
        for period in self.special_periods:
            if period.covers(day):
                return tuple(period.hours.get(day.weekday(), ()))
        return tuple(self.weekly.get(day.weekday(), ()))

    def _day_intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        intervals = []
        for span in self.spans_on(day):
            start = datetime.combine(day, span.start, tzinfo=self.zone).astimezone(UTC)
            end_day = day + timedelta(days=1) if span.overnight else day
            end = datetime.combine(end_day, span.end, tzinfo=self.zone).astimezone(UTC)
            if end > start:
                intervals.append((start, end))
        return intervals

    def _intervals_from(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        """Open intervals (UTC) of the spans starting on ``day`` and after, merged, in order."""
        pending: tuple[datetime, datetime] | None = None
        for offset in range(_SEARCH_DAYS):
            for start, end in sorted(self._day_intervals(day + timedelta(days=offset))):
                if pending is not None and start <= pending[1]:
                    pending = (pending[0], max(pending[1], end))
                    continue
                if pending is not None:
                    yield pending
                pending = (start, end)
        if pending is not None:
            yield pending

    def _local_day(self, at: datetime) -> date:
        return _aware(at).astimezone(self.zone).date()

    def open_intervals(self, start: datetime, end: datetime) -> Iterator[tuple[datetime, datetime]]:
        """The open intervals between two instants, clipped to them."""
        start, end = _aware(start), _aware(end)
        # Yesterday's overnight span may still be running at ``start``.
        for low, high in self._intervals_from(self._local_day(start) - timedelta(days=1)):
            if low >= end:
                return
            if high > start:
                yield max(low, start), min(high, end)

    def is_open(self, at: datetime) -> bool:
        at = _aware(at)
        return any(True for _ in self.open_intervals(at, at + timedelta(microseconds=1)))

    def business_seconds_between(self, start: datetime, end: datetime) -> float:
        """Open seconds in ``[start, end)``; zero when ``end`` is not after ``start``."""
        if _aware(end) <= _aware(start):
            return 0.0
        return sum((high - low).total_seconds() for low, high in self.open_intervals(start, end))

    def add_business_seconds(self, start: datetime, seconds: float) -> datetime:
        """The instant when ``seconds`` of opening time have passed since ``start``."""
        start = _aware(start)
        if seconds <= 0:
            return start
        remaining = timedelta(seconds=seconds)
        for low, high in self._intervals_from(self._local_day(start) - timedelta(days=1)):
            if high <= start:
                continue
            low = max(low, start)
            if high - low >= remaining:
                return low + remaining
            remaining -= high - low
        raise ValueError("the calendar has no opening hours in the next three years")

    def next_open(self, at: datetime) -> datetime:
        at = _aware(at)
        for low, high in self._intervals_from(self._local_day(at) - timedelta(days=1)):
            if high > at:
                return max(low, at)
        raise ValueError("the calendar has no opening hours in the next three years")


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("calendar computations need timezone-aware datetimes")
    return moment.astimezone(UTC)
