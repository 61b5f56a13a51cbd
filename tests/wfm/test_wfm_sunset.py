"""Sunset from astral against published tables, and the iftar break placed around it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from tawasol.wfm.calendar import MOROCCO
from tawasol.wfm.schedule import ScheduleProblem, solve_schedule
from tawasol.wfm.shifts import ShiftRules
from tawasol.wfm.sunset import CASABLANCA, IftarRule, Location, sunset_at

# Casablanca, local time (Africa/Casablanca, UTC+1 outside Ramadan), from the monthly tables of
# https://www.timeofsunrise.com/casablanca/october and /november (2026), and the "1st of each
# month" table of https://whattime.city/casablanca/sun (1 March, during Ramadan, UTC+0).
PUBLISHED = [
    (date(2026, 10, 1), time(19, 17)),
    (date(2026, 10, 15), time(18, 58)),
    (date(2026, 10, 31), time(18, 41)),
    (date(2026, 11, 15), time(18, 29)),
    (date(2026, 11, 27), time(18, 24)),
    (date(2026, 3, 1), time(18, 27)),
]


@pytest.mark.parametrize(("day", "published"), PUBLISHED, ids=lambda v: str(v))
def test_sunset_matches_published_tables(day: date, published: time) -> None:
    computed = sunset_at(day, CASABLANCA)
    expected = datetime.combine(day, published, tzinfo=computed.tzinfo)
    assert abs(computed - expected) <= timedelta(minutes=3)


def test_sunset_moves_with_the_location() -> None:
    day = date(2027, 2, 20)
    oujda = Location(latitude=34.6814, longitude=-1.9086)  # far east: the sun sets earlier
    dakhla = Location(latitude=23.6848, longitude=-15.9580)  # far south-west: later
    assert sunset_at(day, oujda) < sunset_at(day, CASABLANCA) < sunset_at(day, dakhla)
    assert sunset_at(day, dakhla) - sunset_at(day, oujda) > timedelta(minutes=45)


def test_iftar_window_surrounds_sunset_in_quarters() -> None:
    rule = IftarRule(before_minutes=15, after_minutes=75)
    day = date(2027, 2, 20)
    start, end = rule.window(day)
    at = sunset_at(day).time()
    assert start.minute % 15 == 0 and end.minute % 15 == 0
    assert start <= at <= end
    moment = datetime.combine(day, at)
    assert datetime.combine(day, start) >= moment - timedelta(minutes=30)
    assert datetime.combine(day, end) >= moment + timedelta(minutes=75)
    with pytest.raises(ValueError):
        Location(latitude=80.0)
    with pytest.raises(ValueError):
        Location(timezone="Mars/Olympus")


def test_ramadan_schedule_puts_the_evening_meal_at_sunset() -> None:
    first = date(2027, 2, 22)  # a Monday in Ramadan 2027 (approximate calendar)
    assert MOROCCO.is_ramadan(first) and MOROCCO.is_ramadan(first + timedelta(days=1))
    # 12:00-20:00: the Dhuhr window fits these shifts too (and offers more positions), but a
    # fasting advisor on shift at maghrib must break the fast then.
    per_day = [2 if 24 <= i < 40 else 0 for i in range(48)]
    rule = IftarRule(location=CASABLANCA)
    problem = ScheduleProblem(
        required=per_day * 2, interval_minutes=30, first_day=first, advisors=6,
        rules=ShiftRules(lengths_minutes=(480,), iftar=rule), time_limit_seconds=4, workers=1,
    )  # fmt: skip
    schedule = solve_schedule(problem)
    at_sunset = [s for s in schedule.shifts if s.start <= sunset_at(s.day) < s.end]
    assert len(at_sunset) >= 4
    for shift in at_sunset:
        (meal,) = [b for b in shift.breaks if b.kind == "meal"]
        start, end = rule.window(shift.day)
        assert start <= meal.start.time() and meal.end.time() <= end
        assert abs(meal.start - sunset_at(shift.day)) <= timedelta(minutes=75)
