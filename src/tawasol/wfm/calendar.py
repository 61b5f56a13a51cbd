"""Moroccan public holidays and Ramadan, as the forecaster and the scheduler need them.

Civil holidays fall on fixed Gregorian dates every year. Islamic holidays and Ramadan follow the
lunar Hijri calendar, which Morocco fixes by local sighting of the crescent, so their Gregorian
dates move about eleven days earlier each year and are only announced a day or so ahead. The
table below lists them for 2024-2028: the 2024 and 2025 entries are the dates Morocco observed,
the later ones are computed from the astronomical new moons plus the usual one-day sighting
delay. **Every Islamic date here is approximate to +/- 1 day.** Callers with the official dates
(or another country's) build their own :class:`HolidayCalendar` or override this one with
:meth:`HolidayCalendar.with_overrides`.

Multi-day holidays (both days of Eid al-Fitr and Eid al-Adha, the two days of the Mawlid) are
listed day by day, as Morocco gives them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

CIVIL_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "New Year's Day"),
    (1, 11, "Proclamation of Independence"),
    (1, 14, "Amazigh New Year (Yennayer)"),
    (5, 1, "Labour Day"),
    (7, 30, "Throne Day"),
    (8, 14, "Oued Ed-Dahab Day"),
    (8, 20, "Revolution of the King and the People"),
    (8, 21, "Youth Day"),
    (11, 6, "Green March"),
    (11, 18, "Independence Day"),
)


@dataclass(frozen=True, slots=True)
class RamadanPeriod:
    """First and last fasting day (inclusive); the day after is Eid al-Fitr."""

    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError("a Ramadan period must end on or after its first day")

    def contains(self, day: date) -> bool:
        """Whether ``day`` is a fasting day of this Ramadan."""
        return self.first_day <= day <= self.last_day


def _days(first: date, count: int, name: str) -> dict[date, str]:
    return {first + timedelta(days=offset): name for offset in range(count)}


def _islamic_year(
    *, eid_al_fitr: date, eid_al_adha: date, new_year: date, mawlid: date
) -> dict[date, str]:
    return {
        **_days(eid_al_fitr, 2, "Eid al-Fitr"),
        **_days(eid_al_adha, 2, "Eid al-Adha"),
        **_days(new_year, 1, "Islamic New Year"),
        **_days(mawlid, 2, "Mawlid (Prophet's Birthday)"),
    }


# Approximate (+/- 1 day): see the module docstring.
ISLAMIC_HOLIDAYS_APPROXIMATE: dict[date, str] = {
    **_islamic_year(
        eid_al_fitr=date(2024, 4, 10),
        eid_al_adha=date(2024, 6, 17),
        new_year=date(2024, 7, 8),
        mawlid=date(2024, 9, 16),
    ),
    **_islamic_year(
        eid_al_fitr=date(2025, 3, 31),
        eid_al_adha=date(2025, 6, 7),
        new_year=date(2025, 6, 27),
        mawlid=date(2025, 9, 5),
    ),
    **_islamic_year(
        eid_al_fitr=date(2026, 3, 21),
        eid_al_adha=date(2026, 5, 27),
        new_year=date(2026, 6, 17),
        mawlid=date(2026, 8, 26),
    ),
    **_islamic_year(
        eid_al_fitr=date(2027, 3, 10),
        eid_al_adha=date(2027, 5, 17),
        new_year=date(2027, 6, 6),
        mawlid=date(2027, 8, 15),
    ),
    **_islamic_year(
        eid_al_fitr=date(2028, 2, 27),
        eid_al_adha=date(2028, 5, 5),
        new_year=date(2028, 5, 26),
        mawlid=date(2028, 8, 3),
    ),
}

# Approximate (+/- 1 day at each end): see the module docstring.
RAMADAN_APPROXIMATE: tuple[RamadanPeriod, ...] = (
    RamadanPeriod(date(2024, 3, 12), date(2024, 4, 9)),
    RamadanPeriod(date(2025, 3, 2), date(2025, 3, 30)),
    RamadanPeriod(date(2026, 2, 19), date(2026, 3, 20)),
    RamadanPeriod(date(2027, 2, 8), date(2027, 3, 9)),
    RamadanPeriod(date(2028, 1, 28), date(2028, 2, 26)),
)


@dataclass(frozen=True, slots=True)
class HolidayCalendar:
    """Public holidays and Ramadan periods of one country.

    ``civil`` lists fixed-date holidays as ``(month, day, name)``; ``dated`` lists holidays on
    explicit dates (the Islamic ones); ``removed`` cancels dates from either list.
    """

    civil: tuple[tuple[int, int, str], ...] = CIVIL_HOLIDAYS
    dated: Mapping[date, str] = field(default_factory=lambda: dict(ISLAMIC_HOLIDAYS_APPROXIMATE))
    ramadan: tuple[RamadanPeriod, ...] = RAMADAN_APPROXIMATE
    removed: frozenset[date] = frozenset()

    def holiday_name(self, day: date) -> str | None:
        """The holiday's name, or None on an ordinary day."""
        if day in self.removed:
            return None
        named = self.dated.get(day)
        if named is not None:
            return named
        for month, month_day, name in self.civil:
            if day.month == month and day.day == month_day:
                return name
        return None

    def is_holiday(self, day: date) -> bool:
        """Whether ``day`` is a public holiday."""
        return self.holiday_name(day) is not None

    def is_ramadan(self, day: date) -> bool:
        """Whether ``day`` is a fasting day of Ramadan."""
        return any(period.contains(day) for period in self.ramadan)

    def with_overrides(
        self,
        *,
        holidays: Mapping[date, str] | None = None,
        removed: Iterable[date] = (),
        ramadan: Iterable[RamadanPeriod] | None = None,
    ) -> HolidayCalendar:
        """A copy with extra (or corrected) holiday dates, cancelled dates, new Ramadan periods.

        ``ramadan`` replaces the periods of the years it covers and keeps the other years.
        """
        dated = dict(self.dated)
        dated.update(holidays or {})
        periods = self.ramadan
        if ramadan is not None:
            new = tuple(ramadan)
            years = {p.first_day.year for p in new}
            periods = tuple(p for p in self.ramadan if p.first_day.year not in years) + new
        return replace(
            self,
            dated=dated,
            ramadan=tuple(sorted(periods, key=lambda p: p.first_day)),
            removed=self.removed | frozenset(removed),
        )


MOROCCO = HolidayCalendar()


def is_holiday(day: date, calendar: HolidayCalendar = MOROCCO) -> bool:
    """Whether ``day`` is a public holiday (Morocco by default)."""
    return calendar.is_holiday(day)


def is_ramadan(day: date, calendar: HolidayCalendar = MOROCCO) -> bool:
    """Whether ``day`` is a fasting day of Ramadan (Morocco's approximate dates by default)."""
    return calendar.is_ramadan(day)
