"""Moroccan holidays and Ramadan."""

from __future__ import annotations

from datetime import date

from tawasol.wfm.calendar import MOROCCO, HolidayCalendar, RamadanPeriod, is_holiday, is_ramadan


def test_fixed_civil_holidays_every_year() -> None:
    for year in (2024, 2027, 2031):
        for month, day in (
            (1, 1),
            (1, 11),
            (1, 14),
            (5, 1),
            (7, 30),
            (8, 14),
            (8, 20),
            (8, 21),
            (11, 6),
            (11, 18),
        ):
            assert is_holiday(date(year, month, day)), (year, month, day)
    assert MOROCCO.holiday_name(date(2026, 1, 14)) == "Amazigh New Year (Yennayer)"
    assert not is_holiday(date(2025, 1, 7))
    assert not is_holiday(date(2025, 12, 25))


def test_islamic_holidays_and_ramadan_table() -> None:
    assert MOROCCO.holiday_name(date(2025, 3, 31)) == "Eid al-Fitr"
    assert is_holiday(date(2025, 4, 1))  # second day of Eid al-Fitr
    assert MOROCCO.holiday_name(date(2024, 6, 17)) == "Eid al-Adha"
    assert is_ramadan(date(2025, 3, 2)) and is_ramadan(date(2025, 3, 30))
    assert not is_ramadan(date(2025, 3, 1)) and not is_ramadan(date(2025, 3, 31))
    for year in range(2024, 2029):
        periods = [p for p in MOROCCO.ramadan if p.first_day.year == year]
        assert len(periods) == 1
        assert 29 <= (periods[0].last_day - periods[0].first_day).days + 1 <= 30
        eid = periods[0].last_day.toordinal() + 1
        assert MOROCCO.holiday_name(date.fromordinal(eid)) == "Eid al-Fitr"


def test_overrides_move_a_lunar_date() -> None:
    corrected = MOROCCO.with_overrides(
        holidays={date(2026, 3, 20): "Eid al-Fitr"},
        removed=[date(2026, 3, 22)],
        ramadan=[RamadanPeriod(date(2026, 2, 18), date(2026, 3, 19))],
    )
    assert corrected.is_holiday(date(2026, 3, 20))
    assert not corrected.is_holiday(date(2026, 3, 22))
    assert corrected.is_ramadan(date(2026, 2, 18)) and not corrected.is_ramadan(date(2026, 3, 20))
    assert corrected.is_ramadan(date(2025, 3, 15))  # other years are kept
    assert MOROCCO.is_holiday(date(2026, 3, 22))  # the original is untouched
    assert not is_holiday(date(2026, 5, 1), HolidayCalendar(civil=(), dated={}))
