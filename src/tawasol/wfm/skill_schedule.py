"""A week's schedule for real advisors with languages: shifts for the total, then per skill.

1. :func:`~tawasol.wfm.schedule.solve_schedule` places shifts and breaks against the total of
   every language's requirement, on a team with the advisors' labour rules (skill-blind).
2. :func:`~tawasol.wfm.skill_greedy.greedy_skill_roster` gives those shifts to advisors again
   so that each language is served, and :func:`~tawasol.wfm.skill_roster.reroster` (CP-SAT,
   seeded with it) improves on it in part of the time left; the better of the two is kept.
3. :func:`~tawasol.wfm.skill_repair.repair_skill_roster` then moves and adds shifts of the
   advisors who speak a language still short (shifts placed for the total are often at the
   wrong hours for a thin language) in the rest of the time.

Coverage is then measured per skill with a maximum matching per quarter (a multilingual advisor
counts once, for whichever language needs them) and reported per requirement interval.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from tawasol.wfm.cpsat import TimeBudget
from tawasol.wfm.schedule import solve_schedule
from tawasol.wfm.schedule_problem import AssignedShift, Schedule, ScheduleProblem
from tawasol.wfm.shifts import QUARTER_MINUTES, ShiftRules
from tawasol.wfm.skill_greedy import greedy_skill_roster
from tawasol.wfm.skill_repair import repair_skill_roster
from tawasol.wfm.skill_roster import (
    Horizon,
    Profile,
    SkilledAdvisor,
    allocate,
    expand,
    reroster,
    skill_shortfall_by_quarter,
)

BLIND_SHARE = 0.5  # of the time limit; the cover phase uses 70% of it, the rest is rostering
MIN_SOLVE_SECONDS = 0.5  # below this the greedy skill roster is kept
REROSTER_SHARE = 0.25  # of what is left after the blind phase; the repair has the rest


@dataclass(frozen=True, slots=True)
class SkillCoverage:
    """Per requirement interval: heads required and heads served, for one skill."""

    skill: str
    interval_minutes: int
    required: list[int]
    served: list[float]

    @property
    def short_hours(self) -> float:
        """Head-hours required and not served."""
        missing = sum(max(r - s, 0.0) for r, s in zip(self.required, self.served, strict=True))
        return float(missing) * self.interval_minutes / 60


@dataclass(frozen=True, slots=True)
class SkilledSchedule:
    """The schedule (``shift.advisor`` indexes ``advisors``) and its coverage per skill."""

    schedule: Schedule
    advisors: Sequence[SkilledAdvisor]
    skills: dict[str, SkillCoverage]
    blind_shifts: list[AssignedShift]

    @property
    def short_hours(self) -> float:
        return sum(c.short_hours for c in self.skills.values())


def solve_skilled_schedule(
    required: Mapping[str, Sequence[int]],
    advisors: Sequence[SkilledAdvisor],
    *,
    interval_minutes: int,
    first_day: date,
    timezone: str,
    rules: ShiftRules | None = None,
    time_limit_seconds: float = 10.0,
    workers: int | None = None,
) -> SkilledSchedule:
    """Schedule ``advisors`` against per-skill heads per interval (whole days from midnight)."""
    lengths = {len(values) for values in required.values()}
    if len(lengths) != 1:
        raise ValueError("every skill needs one value per interval of the same horizon")
    total = [sum(int(values[i]) for values in required.values()) for i in range(lengths.pop())]
    budget = TimeBudget(time_limit_seconds)
    problem = ScheduleProblem(
        required=total, interval_minutes=interval_minutes, first_day=first_day,
        advisors=[a.rules for a in advisors], rules=rules or ShiftRules(), timezone=timezone,
        time_limit_seconds=time_limit_seconds * BLIND_SHARE, workers=workers,
    )  # fmt: skip
    blind = solve_schedule(problem, improve_roster=False)
    horizon = Horizon(first_day=first_day, days=problem.days, cyclic_week=problem.cyclic_week)
    per_quarter = {skill: expand(values, interval_minutes) for skill, values in required.items()}
    shifts = _skill_roster(blind.shifts, advisors, per_quarter, horizon, budget, workers)
    if shifts and advisors:
        shifts = repair_skill_roster(
            shifts, advisors, per_quarter, horizon, rules=problem.rules,
            interval_minutes=interval_minutes, timezone=timezone, budget=budget,
            calendar=problem.calendar,
        )  # fmt: skip
    coverage = skill_coverage(shifts, advisors, required, interval_minutes, horizon)
    return SkilledSchedule(
        schedule=replace(blind, shifts=shifts),
        advisors=advisors,
        skills=coverage,
        blind_shifts=list(blind.shifts),
    )


def _skill_roster(
    blind: Sequence[AssignedShift],
    advisors: Sequence[SkilledAdvisor],
    per_quarter: Mapping[str, Sequence[int]],
    horizon: Horizon,
    budget: TimeBudget,
    workers: int | None,
) -> list[AssignedShift]:
    """The greedy skill roster, improved by CP-SAT when time allows (the better one is kept)."""
    if not blind or not advisors:
        return list(blind)
    greedy = greedy_skill_roster(blind, advisors, per_quarter, horizon)
    if budget.left() < MIN_SOLVE_SECONDS:
        return greedy
    taken: dict[tuple[object, ...], list[int]] = {}
    for shift in greedy:
        taken.setdefault((shift.start, shift.end, shift.breaks), []).append(shift.advisor)
    hint = [(taken.get((s.start, s.end, s.breaks)) or [None]).pop() for s in blind]
    solved = reroster(
        blind, advisors, per_quarter, horizon, seconds=budget.left() * REROSTER_SHARE, hint=hint,
        workers=workers,
    )  # fmt: skip
    if solved is None:
        return greedy

    def missing(shifts: Sequence[AssignedShift]) -> tuple[int, int]:
        short = skill_shortfall_by_quarter(shifts, advisors, per_quarter, horizon)
        return sum(map(sum, short.values())), -sum(s.minutes for s in shifts)

    return min((solved, greedy), key=missing)


def skill_coverage(
    shifts: Sequence[AssignedShift],
    advisors: Sequence[SkilledAdvisor],
    required: Mapping[str, Sequence[int]],
    interval_minutes: int,
    horizon: Horizon,
) -> dict[str, SkillCoverage]:
    """Required and served heads per skill and interval (served: mean over its quarters)."""
    per = interval_minutes // QUARTER_MINUTES
    present: list[Counter[Profile]] = [Counter() for _ in range(horizon.quarters)]
    for shift in shifts:
        for q in horizon.on_floor(shift):
            present[q][advisors[shift.advisor].skills] += 1
    served = {skill: [0.0] * len(values) for skill, values in required.items()}
    for q in range(horizon.quarters):
        need = {skill: int(values[q // per]) for skill, values in required.items()}
        if any(need.values()):
            for skill, heads in allocate(present[q], need).items():
                served[skill][q // per] += heads / per
    return {
        skill: SkillCoverage(
            skill=skill,
            interval_minutes=interval_minutes,
            required=[int(v) for v in values],
            served=served[skill],
        )  # fmt: skip
        for skill, values in required.items()
    }


def short_quarters(
    shifts: Sequence[AssignedShift],
    advisors: Sequence[SkilledAdvisor],
    required: Mapping[str, Sequence[int]],
    interval_minutes: int,
    horizon: Horizon,
) -> dict[str, int]:
    """Quarters of each skill left short (any head missing), e.g. to compare two rosters."""
    per_quarter = {skill: expand(values, interval_minutes) for skill, values in required.items()}
    short = skill_shortfall_by_quarter(shifts, advisors, per_quarter, horizon)
    return {skill: sum(1 for value in values if value > 0) for skill, values in short.items()}
