"""Per-language repair: shifts placed for the total are redrawn where a thin language is short,
which no re-assignment of the same shifts can do."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from tawasol.wfm.cpsat import TimeBudget
from tawasol.wfm.schedule_problem import AssignedShift
from tawasol.wfm.shifts import AdvisorRules, ShiftRules
from tawasol.wfm.skill_greedy import Book, greedy_skill_roster
from tawasol.wfm.skill_repair import repair_skill_roster
from tawasol.wfm.skill_roster import Horizon, SkilledAdvisor, expand, reroster
from tawasol.wfm.skill_schedule import short_quarters

MONDAY = date(2025, 1, 6)
ZONE = ZoneInfo("Africa/Casablanca")
NO_BREAKS = ShiftRules(short_break_minutes=0, meal_from_shift_minutes=None)


def _day(heads: int, start: int, end: int) -> list[int]:
    return [heads if start * 2 <= i < end * 2 else 0 for i in range(48)]


def _shift(advisor: int, day: date, start: int, end: int) -> AssignedShift:
    at = [datetime.combine(day, time(h)).replace(tzinfo=ZONE) for h in (start, end)]
    return AssignedShift(advisor=advisor, day=day, start=at[0], end=at[1], breaks=())


def test_a_thin_language_left_short_by_reassignment_is_covered_by_the_repair() -> None:
    # French all day, English only in the evening; one advisor speaks English. The shifts
    # placed for the total are both daytime ones: whoever gets them, the evening has no one.
    required = {"fr": _day(1, 8, 16), "en": _day(1, 14, 22)}
    team = [SkilledAdvisor(ref=1, skills=frozenset({"fr", "en"})),
            SkilledAdvisor(ref=2, skills=frozenset({"fr"}))]  # fmt: skip
    horizon = Horizon(first_day=MONDAY, days=1)
    per_quarter = {skill: expand(values, 30) for skill, values in required.items()}
    placed = [_shift(0, MONDAY, 8, 16), _shift(1, MONDAY, 8, 16)]
    old = reroster(placed, team, per_quarter, horizon, seconds=2, workers=1)
    assert old is not None
    for roster in (old, greedy_skill_roster(placed, team, per_quarter, horizon)):
        assert short_quarters(roster, team, required, 30, horizon)["en"] == 8 * 4 - 2 * 4
    repaired = repair_skill_roster(
        old, team, per_quarter, horizon, rules=NO_BREAKS, interval_minutes=30,
        timezone="Africa/Casablanca", budget=TimeBudget(5),
    )  # fmt: skip
    assert short_quarters(repaired, team, required, 30, horizon) == {"fr": 0, "en": 0}
    english = [s for s in repaired if s.advisor == 0]
    assert len(english) == 1 and english[0].start.hour <= 14 and english[0].end.hour == 22


def test_the_repair_keeps_the_labour_rules_and_never_does_worse() -> None:
    # Two days; the English speaker may work 8 hours a week only, with 11 h of rest.
    required = {"fr": _day(1, 8, 16) * 2, "en": _day(1, 14, 22) * 2}
    rules = AdvisorRules(max_minutes_per_week=8 * 60, min_rest_minutes=11 * 60)
    team = [SkilledAdvisor(ref=1, skills=frozenset({"fr", "en"}), rules=rules),
            SkilledAdvisor(ref=2, skills=frozenset({"fr"}))]  # fmt: skip
    horizon = Horizon(first_day=MONDAY, days=2, cyclic_week=False)
    per_quarter = {skill: expand(values, 30) for skill, values in required.items()}
    tuesday = date(2025, 1, 7)
    placed = [_shift(0, MONDAY, 8, 16), _shift(1, MONDAY, 8, 16), _shift(1, tuesday, 8, 16)]
    before = short_quarters(placed, team, required, 30, horizon)
    repaired = repair_skill_roster(
        placed, team, per_quarter, horizon, rules=NO_BREAKS, interval_minutes=30,
        timezone="Africa/Casablanca", budget=TimeBudget(5),
    )  # fmt: skip
    after = short_quarters(repaired, team, required, 30, horizon)
    assert sum(after.values()) < sum(before.values())
    book = Book(team, horizon)
    for shift in sorted(repaired, key=lambda s: s.start):
        day = (shift.day - MONDAY).days
        start, end = horizon.quarter(shift.start), horizon.quarter(shift.end)
        assert book.allows(shift.advisor, day, start, end)  # rules hold shift after shift
        book.take(shift.advisor, day, start, end)
    assert sum(s.minutes for s in repaired if s.advisor == 0) <= 8 * 60


def test_rest_between_days_refuses_overlapping_shifts() -> None:
    team = [SkilledAdvisor(ref=1, skills=frozenset({"fr"}))]
    book = Book(team, Horizon(first_day=MONDAY, days=7))
    book.take(0, 3, 3 * 96 + 62, 3 * 96 + 98)  # Thursday 15:30 to Friday 00:30
    assert not book.allows(0, 4, 4 * 96, 4 * 96 + 16)  # Friday 00:00: overlaps it
    assert not book.allows(0, 4, 4 * 96 + 40, 4 * 96 + 60)  # 10:00: 9.5 h of rest only
    assert book.allows(0, 4, 4 * 96 + 46, 4 * 96 + 80)  # 11:30: 11 h of rest
    book.take(0, 6, 6 * 96 + 80, 6 * 96 + 96)  # Sunday 20:00 to midnight
    assert not book.allows(0, 0, 0, 32)  # Monday 00:00 of the cyclic week: no rest at all
    assert book.allows(0, 0, 44, 76)  # Monday 11:00
