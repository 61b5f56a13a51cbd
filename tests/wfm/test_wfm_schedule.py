"""Shift and break scheduling (OR-Tools) and adherence."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from tawasol.wfm.adherence import adherence
from tawasol.wfm.schedule import ScheduleProblem, solve_schedule
from tawasol.wfm.schedule_problem import AssignedShift, Schedule, ScheduledBreak
from tawasol.wfm.shifts import AdvisorRules, ShiftRules

MONDAY = date(2025, 1, 6)
NO_BREAKS = ShiftRules(short_break_minutes=0, meal_from_shift_minutes=None)


def _day(heads: int, start: int, end: int, interval: int = 30) -> list[int]:
    per_hour = 60 // interval
    return [heads if start * per_hour <= i < end * per_hour else 0 for i in range(24 * per_hour)]


def test_flat_requirement_is_covered_exactly_without_breaks() -> None:
    problem = ScheduleProblem(
        required=_day(2, 8, 16), interval_minutes=30, first_day=MONDAY, advisors=4,
        rules=NO_BREAKS, time_limit_seconds=5,
    )  # fmt: skip
    schedule = solve_schedule(problem)
    assert schedule.status == "covered"
    assert schedule.understaffed_hours == 0 and schedule.overstaffed_hours == 0
    assert all(c.scheduled == c.required == c.lowest for c in schedule.coverage)
    assert schedule.advisors_used == 2
    assert sorted(s.minutes for s in schedule.shifts) == [480, 480]


def test_breaks_are_inside_their_windows_and_coverage_holds() -> None:
    required = _day(3, 9, 17) * 5 + [0] * 96
    problem = ScheduleProblem(
        required=required, interval_minutes=30, first_day=MONDAY, advisors=8, time_limit_seconds=8
    )
    schedule = solve_schedule(problem)
    assert schedule.understaffed_hours == 0
    assert all(c.lowest >= c.required for c in schedule.coverage)
    assert schedule.overstaffed_hours < 0.4 * schedule.required_hours
    for shift in schedule.shifts:
        shorts = [b for b in shift.breaks if b.kind == "short"]
        meals = [b for b in shift.breaks if b.kind == "meal"]
        middle = shift.start + (shift.end - shift.start) / 2
        assert len(shorts) == 2
        assert shorts[0].end <= middle <= shorts[1].start
        assert all(b.end - b.start == timedelta(minutes=15) for b in shorts)
        assert all(b.start >= shift.start + timedelta(hours=1) for b in shift.breaks)
        assert all(b.end <= shift.end - timedelta(hours=1) for b in shift.breaks)
        assert len(meals) == (1 if shift.minutes >= 360 else 0)
        for meal in meals:
            assert meal.end - meal.start == timedelta(minutes=30)
            assert time(12, 30) <= meal.start.time() and meal.end.time() <= time(14, 30)
        ordered = sorted(shift.breaks, key=lambda b: b.start)
        assert all(a.end <= b.start for a, b in zip(ordered, ordered[1:], strict=False))


def test_ramadan_day_uses_the_iftar_window() -> None:
    ramadan_monday = date(2025, 3, 3)
    problem = ScheduleProblem(
        required=_day(2, 15, 23), interval_minutes=30, first_day=ramadan_monday, advisors=6,
        rules=ShiftRules(lengths_minutes=(480,)), time_limit_seconds=5,
    )  # fmt: skip
    schedule = solve_schedule(problem)
    meals = [b for s in schedule.shifts for b in s.breaks if b.kind == "meal"]
    assert meals
    assert all(time(18, 30) <= m.start.time() and m.end.time() <= time(20, 30) for m in meals)


def test_weekly_hours_days_and_rest_are_respected() -> None:
    required = _day(1, 8, 20) * 7
    problem = ScheduleProblem(
        required=required, interval_minutes=30, first_day=MONDAY, advisors=4, rules=NO_BREAKS,
        time_limit_seconds=8,
    )  # fmt: skip
    schedule = solve_schedule(problem)
    assert schedule.understaffed_hours == 0
    assert all(minutes <= 44 * 60 for minutes in schedule.minutes_by_advisor().values())
    by_advisor: dict[int, list[AssignedShift]] = {}
    for shift in schedule.shifts:
        by_advisor.setdefault(shift.advisor, []).append(shift)
    week = timedelta(days=7)
    for shifts in by_advisor.values():
        days = sorted(s.day for s in shifts)
        assert len(days) == len(set(days)) <= 6
        ordered = sorted(shifts, key=lambda s: s.start)
        pairs = list(zip(ordered, ordered[1:], strict=False))
        pairs.append((ordered[-1], ordered[0]))  # the week repeats: Sunday to Monday
        for earlier, later in pairs:
            gap = later.start - earlier.end
            gap = gap + week if gap < timedelta(0) else gap
            assert gap >= timedelta(hours=11)


def test_rest_rule_can_leave_a_gap_that_more_advisors_close() -> None:
    required = _day(1, 14, 22) + _day(1, 6, 10)  # 22:00 -> 06:00 is only 8 hours of rest

    def solve(advisors: int) -> Schedule:
        return solve_schedule(
            ScheduleProblem(
                required=required, interval_minutes=30, first_day=MONDAY, advisors=advisors,
                rules=NO_BREAKS, cyclic_week=False, time_limit_seconds=5,
            )
        )  # fmt: skip

    alone, pair = solve(1), solve(2)
    assert alone.understaffed_hours >= 4
    assert pair.understaffed_hours == 0 and pair.advisors_used == 2


def test_capacity_shortfall_is_reported() -> None:
    problem = ScheduleProblem(
        required=_day(3, 8, 20), interval_minutes=30, first_day=MONDAY, advisors=2,
        rules=NO_BREAKS, time_limit_seconds=3,
    )  # fmt: skip
    schedule = solve_schedule(problem)
    assert schedule.status == "understaffed"
    assert schedule.understaffed_hours >= 12
    assert schedule.advisors_used <= 2
    assert schedule.understaffed_interval_hours == 12


def test_invalid_problems_are_rejected() -> None:
    with pytest.raises(ValueError, match="whole days"):
        ScheduleProblem(required=[1] * 10, interval_minutes=30, first_day=MONDAY, advisors=1)
    with pytest.raises(ValueError, match="15 or 30"):
        ScheduleProblem(required=[1] * 24, interval_minutes=60, first_day=MONDAY, advisors=1)
    with pytest.raises(ValueError, match="30 to 60"):
        ShiftRules(meal_minutes=90)
    with pytest.raises(ValueError, match=">= 0"):
        AdvisorRules(max_days=-1)


def _utc(hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 1, 6, hour, minute, tzinfo=UTC)


def test_adherence_on_a_hand_made_day() -> None:
    shift = AssignedShift(
        advisor=0, day=MONDAY, start=_utc(9), end=_utc(13),
        breaks=(ScheduledBreak("short", _utc(11), _utc(11, 15)),),
    )  # fmt: skip
    schedule = Schedule(
        status="covered", first_day=MONDAY, interval_minutes=30, timezone="UTC",
        advisors_available=1, shifts=[shift], coverage=[], understaffed_hours=0.0,
        understaffed_interval_hours=0.0, overstaffed_hours=0.0, required_hours=0.0,
        unplaced_shifts=0, solve_seconds=0.0,
    )  # fmt: skip
    presence = [
        ("a1", "available", _utc(9, 10), _utc(11, 5)),  # late by 10 min, 5 min into the break
        ("a1", "break", _utc(11, 5), _utc(11, 20)),  # 10 min of break adherent
        ("a1", "busy", _utc(11, 20), _utc(13, 30)),  # back 5 min late, stays 30 min longer
        ("a1", "available", _utc(12, 0), _utc(12, 30)),  # overlaps: not counted twice
        ("other", "available", _utc(9), _utc(13)),
    ]
    report = adherence(schedule, presence, advisor_ids=["a1"])
    expected = (110 + 10 + 100) * 60  # work 09:10-11:00, break 11:05-11:15, work 11:20-13:00
    assert report["a1"].scheduled_seconds == 4 * 3600
    assert report["a1"].adherent_seconds == expected
    assert report["a1"].adherence == pytest.approx(expected / (4 * 3600))
    assert report[None].adherence == report["a1"].adherence
    with pytest.raises(ValueError, match="timezone-aware"):
        adherence(
            schedule,
            [("a1", "busy", datetime(2025, 1, 6, 9), datetime(2025, 1, 6, 10))],
            advisor_ids=["a1"],
        )
