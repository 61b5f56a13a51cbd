"""Per-skill rostering: each language's requirement is served by advisors who speak it."""

from __future__ import annotations

from collections import Counter
from datetime import date

from tawasol.wfm.shifts import AdvisorRules, ShiftRules
from tawasol.wfm.skill_greedy import greedy_skill_roster
from tawasol.wfm.skill_roster import Horizon, SkilledAdvisor, allocate, expand, skill_sets
from tawasol.wfm.skill_schedule import short_quarters, solve_skilled_schedule

MONDAY = date(2025, 1, 6)
NO_BREAKS = ShiftRules(short_break_minutes=0, meal_from_shift_minutes=None)


def _day(heads: int, start: int, end: int) -> list[int]:
    return [heads if start * 2 <= i < end * 2 else 0 for i in range(48)]


def _team(*skills: str) -> list[SkilledAdvisor]:
    return [
        SkilledAdvisor(ref=100 + i, skills=frozenset(s.split("+"))) for i, s in enumerate(skills)
    ]


def test_matching_counts_a_multilingual_advisor_once() -> None:
    both, fr = frozenset({"fr", "ar"}), frozenset({"fr"})
    assert allocate(Counter({both: 1, fr: 1}), {"fr": 1, "ar": 1}) == {"fr": 1, "ar": 1}
    assert allocate(Counter({both: 1}), {"fr": 1, "ar": 1}) in ({"fr": 1, "ar": 0},
                                                              {"fr": 0, "ar": 1})  # fmt: skip
    assert allocate(Counter({fr: 3}), {"fr": 2, "ar": 1}) == {"fr": 2, "ar": 0}
    assert len(skill_sets(["ar", "en", "fr"])) == 7


def test_skill_blind_roster_fails_arabic_and_the_skill_roster_does_not() -> None:
    required = {"fr": _day(1, 9, 17), "ar": _day(1, 9, 17)}
    # Interchangeable advisors are taken in order: the blind roster picks the two French ones.
    team = _team("fr", "fr", "ar", "fr+ar")
    result = solve_skilled_schedule(
        required, team, interval_minutes=30, first_day=MONDAY, timezone="Africa/Casablanca",
        rules=NO_BREAKS, time_limit_seconds=3, workers=1,
    )  # fmt: skip
    horizon = Horizon(first_day=MONDAY, days=1)
    blind = short_quarters(result.blind_shifts, team, required, 30, horizon)
    mine = short_quarters(result.schedule.shifts, team, required, 30, horizon)
    assert blind["ar"] == 32 and blind["fr"] == 0
    assert mine == {"fr": 0, "ar": 0}
    assert result.short_hours == 0
    for shift in result.schedule.shifts:
        assert team[shift.advisor].skills & {"fr", "ar"}
    served = {skill: c.served for skill, c in result.skills.items()}
    assert served["ar"][18:34] == [1.0] * 16 and served["fr"][18:34] == [1.0] * 16


def test_multilingual_advisors_cover_either_language_over_two_days() -> None:
    # Arabic in the morning, French in the afternoon, two days; the bilingual advisors can do
    # both, the French-only ones only the afternoon.
    day = {"ar": _day(2, 8, 12), "fr": _day(2, 12, 20)}
    required = {skill: values * 2 for skill, values in day.items()}
    team = _team("fr", "fr", "fr", "fr+ar", "ar+fr", "fr", "ar")
    result = solve_skilled_schedule(
        required, team, interval_minutes=30, first_day=MONDAY, timezone="Africa/Casablanca",
        rules=ShiftRules(short_break_minutes=0, meal_from_shift_minutes=None,
                         lengths_minutes=(240, 480)),
        time_limit_seconds=4, workers=1,
    )  # fmt: skip
    assert result.short_hours == 0
    for shift in result.schedule.shifts:
        if shift.start.hour < 12:
            assert "ar" in team[shift.advisor].skills
    per_day = Counter((s.advisor, s.day) for s in result.schedule.shifts)
    assert max(per_day.values()) == 1  # one shift a day each


def test_greedy_skill_roster_respects_skills_and_rules() -> None:
    required = {"fr": _day(1, 9, 17) * 2, "ar": _day(1, 9, 17) * 2}
    team = _team("fr", "fr", "ar", "fr+ar")
    result = solve_skilled_schedule(
        required, team, interval_minutes=30, first_day=MONDAY, timezone="Africa/Casablanca",
        rules=NO_BREAKS, time_limit_seconds=2, workers=1,
    )  # fmt: skip
    horizon = Horizon(first_day=MONDAY, days=2)
    per_quarter = {skill: expand(values, 30) for skill, values in required.items()}
    greedy = greedy_skill_roster(result.blind_shifts, team, per_quarter, horizon)
    assert short_quarters(greedy, team, required, 30, horizon) == {"fr": 0, "ar": 0}
    assert max(Counter((s.advisor, s.day) for s in greedy).values()) == 1
    # An advisor who may work one day only cannot take both of that language's shifts.
    tight = [SkilledAdvisor(ref=1, skills=frozenset({"ar"}), rules=AdvisorRules(max_days=1)),
             *team[:2]]  # fmt: skip
    limited = greedy_skill_roster(result.blind_shifts, tight, per_quarter, horizon)
    assert sum(1 for s in limited if s.advisor == 0) == 1
    assert short_quarters(limited, tight, required, 30, horizon)["ar"] == 32
