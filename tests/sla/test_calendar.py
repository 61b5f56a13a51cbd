"""Business-hours arithmetic: weekends, holidays, Ramadan hours, overnight spans, DST."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tawasol.sla import BusinessCalendar, SpecialPeriod, week_hours

CASABLANCA = ZoneInfo("Africa/Casablanca")  # UTC+1 outside Ramadan (November 2025 here)
PARIS = ZoneInfo("Europe/Paris")
HOUR = 3600.0


def casa(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=CASABLANCA)


OFFICE = BusinessCalendar()  # Mon-Fri 09:00-18:00, Sat 09:00-13:00, Africa/Casablanca


def test_the_default_calendar_is_casablanca_office_hours() -> None:
    assert OFFICE.timezone == "Africa/Casablanca"
    assert OFFICE.is_open(casa(17, 10))  # Monday
    assert not OFFICE.is_open(casa(17, 8, 59))
    assert OFFICE.is_open(casa(22, 12, 59))  # Saturday
    assert not OFFICE.is_open(casa(22, 13))
    assert not OFFICE.is_open(casa(23, 11))  # Sunday


def test_adding_within_and_across_days() -> None:
    assert OFFICE.add_business_seconds(casa(17, 10), 2 * HOUR) == casa(17, 12)
    assert OFFICE.add_business_seconds(casa(17, 17), 2 * HOUR) == casa(18, 10)
    # Before opening, the clock starts at 09:00.
    assert OFFICE.add_business_seconds(casa(17, 6), 30 * 60) == casa(17, 9, 30)


def test_weekends_are_skipped() -> None:
    assert OFFICE.add_business_seconds(casa(21, 17), 2 * HOUR) == casa(22, 10)  # Fri -> Sat
    assert OFFICE.add_business_seconds(casa(22, 12), 2 * HOUR) == casa(24, 10)  # Sat -> Mon
    assert OFFICE.business_seconds_between(casa(21, 18), casa(24, 9)) == 4 * HOUR


def test_holidays_are_closed() -> None:
    calendar = BusinessCalendar(holidays=frozenset({date(2025, 11, 18)}))  # Independence Day
    assert not calendar.is_open(casa(18, 11))
    assert calendar.add_business_seconds(casa(17, 17), 2 * HOUR) == casa(19, 10)
    assert calendar.business_seconds_between(casa(17, 9), casa(19, 18)) == 18 * HOUR


def test_ramadan_has_its_own_hours() -> None:
    ramadan = SpecialPeriod(
        name="Ramadan",
        first_day=date(2025, 11, 10),
        last_day=date(2025, 11, 20),
        hours=week_hours({"mon-fri": "09:00-15:00"}),  # and closed on Saturdays
    )
    calendar = BusinessCalendar(special_periods=(ramadan,))
    assert calendar.add_business_seconds(casa(17, 14), 2 * HOUR) == casa(18, 10)
    assert not calendar.is_open(casa(15, 10))  # a Saturday inside the period
    # Thursday 20th is the last Ramadan day (until 15:00); Friday has normal hours again.
    assert calendar.add_business_seconds(casa(20, 14), 2 * HOUR) == casa(21, 10)
    assert calendar.business_seconds_between(casa(20, 0), casa(22, 0)) == (6 + 9 + 0) * HOUR


def test_overnight_spans_run_past_midnight() -> None:
    night_desk = BusinessCalendar(weekly=week_hours({"mon-sun": "20:00-08:00"}))
    assert night_desk.is_open(casa(18, 2))
    assert not night_desk.is_open(casa(18, 12))
    assert night_desk.business_seconds_between(casa(17, 19), casa(18, 9)) == 12 * HOUR
    # At 07:00 the shift that started the previous evening is still open.
    assert night_desk.add_business_seconds(casa(17, 7), 2 * HOUR) == casa(17, 21)


def test_a_holiday_closes_the_overnight_span_starting_that_day() -> None:
    night_desk = BusinessCalendar(
        weekly=week_hours({"mon-sun": "20:00-08:00"}), holidays=frozenset({date(2025, 11, 18)})
    )
    assert night_desk.is_open(casa(18, 7))  # Monday night's shift, ending Tuesday morning
    assert not night_desk.is_open(casa(18, 23))  # Tuesday night's shift is the holiday's
    assert night_desk.is_open(casa(19, 21))


def test_split_days() -> None:
    calendar = BusinessCalendar(weekly=week_hours({"mon-fri": "09:00-12:30,14:00-18:00"}))
    assert calendar.business_seconds_between(casa(17, 0), casa(18, 0)) == 7.5 * HOUR
    assert calendar.add_business_seconds(casa(17, 12), HOUR) == casa(17, 14, 30)


def test_spring_forward_shortens_an_overnight_shift_in_paris() -> None:
    night = BusinessCalendar(timezone="Europe/Paris", weekly=week_hours({"mon-sun": "22:00-06:00"}))
    saturday = datetime(2024, 3, 30, 21, tzinfo=PARIS)
    sunday = datetime(2024, 3, 31, 7, tzinfo=PARIS)
    # 22:00 CET to 06:00 CEST is seven real hours.
    assert night.business_seconds_between(saturday, sunday) == 7 * HOUR
    end = night.add_business_seconds(datetime(2024, 3, 30, 22, tzinfo=PARIS), 7 * HOUR)
    assert end == datetime(2024, 3, 31, 6, tzinfo=PARIS)


def test_fall_back_lengthens_an_overnight_shift_in_paris() -> None:
    night = BusinessCalendar(timezone="Europe/Paris", weekly=week_hours({"mon-sun": "22:00-06:00"}))
    saturday = datetime(2024, 10, 26, 21, tzinfo=PARIS)
    sunday = datetime(2024, 10, 27, 7, tzinfo=PARIS)
    assert night.business_seconds_between(saturday, sunday) == 9 * HOUR


def test_office_hours_keep_their_local_time_across_dst() -> None:
    paris = BusinessCalendar(timezone="Europe/Paris", weekly=week_hours({"mon-fri": "09:00-18:00"}))
    friday = datetime(2024, 3, 29, 17, tzinfo=PARIS)  # CET, UTC+1
    monday = paris.add_business_seconds(friday, 2 * HOUR)
    assert monday == datetime(2024, 4, 1, 10, tzinfo=PARIS)  # CEST, UTC+2
    assert monday.astimezone(UTC) == datetime(2024, 4, 1, 8, tzinfo=UTC)


def test_adding_then_measuring_gives_back_the_same_seconds() -> None:
    rng = random.Random(7)
    calendars = [
        OFFICE,
        BusinessCalendar(timezone="Europe/Paris", weekly=week_hours({"mon-sun": "22:00-06:00"})),
        BusinessCalendar.always_open("Europe/Paris"),
    ]
    base = datetime(2024, 3, 20, tzinfo=UTC)
    for _ in range(300):
        calendar = rng.choice(calendars)
        start = base + timedelta(seconds=rng.uniform(0, 60 * 86400))
        seconds = rng.uniform(0, 40 * HOUR)
        end = calendar.add_business_seconds(start, seconds)
        assert calendar.business_seconds_between(start, end) == pytest.approx(seconds, abs=1e-3)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        OFFICE.add_business_seconds(datetime(2025, 11, 17, 10), 60)


def test_a_calendar_that_never_opens_fails_loudly() -> None:
    with pytest.raises(ValueError, match="no opening hours"):
        BusinessCalendar(weekly={}).add_business_seconds(casa(17, 10), 60)
