"""A quick skill-aware roster: the starting point and the fallback of the CP-SAT phase.

Shifts in time order; each goes to the advisor, among those whose labour rules allow it, who
serves the most still-unmet requirement during the shift (a quarter counts when one of the
advisor's languages still lacks a head then). That advisor is then counted, quarter by quarter,
for the language that lacks most. Ties go to the advisor with fewer languages (multilingual
advisors stay free for where only they fit), then to the one with most hours left. A shift that
would serve nobody's need is left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tawasol.wfm.schedule_problem import AssignedShift
from tawasol.wfm.shifts import QUARTER_MINUTES
from tawasol.wfm.skill_roster import Horizon, SkilledAdvisor


class Book:
    """What each advisor has already been given: shifts per day, minutes, days."""

    def __init__(self, advisors: Sequence[SkilledAdvisor], horizon: Horizon) -> None:
        self.advisors = advisors
        self.horizon = horizon
        self.worked: list[dict[int, tuple[int, int]]] = [{} for _ in advisors]
        self.minutes = [a.rules.max_minutes_per_week for a in advisors]

    def allows(self, a: int, day: int, start: int, end: int) -> bool:
        rules = self.advisors[a].rules
        worked = self.worked[a]
        if day in worked or day in rules.unavailable_days:
            return False
        if self.minutes[a] < (end - start) * QUARTER_MINUTES or len(worked) >= rules.max_days:
            return False
        rest = rules.min_rest_minutes // QUARTER_MINUTES
        span, days = self.horizon.quarters, self.horizon.days
        wrap = self.horizon.cyclic_week and days == 7
        # Gaps are plain differences (a shift overlapping the previous one has a negative gap);
        # across the week's end the cyclic horizon adds one week.
        before = worked.get(day - 1) if day > 0 else (worked.get(days - 1) if wrap else None)
        if before is not None and start - before[1] + (span if day == 0 else 0) < rest:
            return False
        after = worked.get(day + 1) if day < days - 1 else (worked.get(0) if wrap else None)
        return not (after is not None and after[0] - end + (span if day == days - 1 else 0) < rest)

    def take(self, a: int, day: int, start: int, end: int) -> None:
        self.worked[a][day] = (start, end)
        self.minutes[a] -= (end - start) * QUARTER_MINUTES

    def release(self, a: int, day: int) -> None:
        """Give back advisor ``a``'s shift of ``day`` (to move it)."""
        start, end = self.worked[a].pop(day)
        self.minutes[a] += (end - start) * QUARTER_MINUTES


def greedy_skill_roster(
    shifts: Sequence[AssignedShift],
    advisors: Sequence[SkilledAdvisor],
    required: Mapping[str, Sequence[int]],
    horizon: Horizon,
) -> list[AssignedShift]:
    """The shifts given to advisors greedily (``shift.advisor`` indexes ``advisors``)."""
    need = {skill: [int(v) for v in values] for skill, values in required.items()}
    book = Book(advisors, horizon)
    chosen = []
    for shift in sorted(shifts, key=lambda s: (s.start, s.end)):
        day = (shift.day - horizon.first_day).days
        start, end = horizon.quarter(shift.start), horizon.quarter(shift.end)
        floor = horizon.on_floor(shift)
        best: tuple[tuple[int, int, int], int] | None = None
        for a, advisor in enumerate(advisors):
            if not book.allows(a, day, start, end):
                continue
            useful = sum(1 for q in floor if any(need[s][q] > 0 for s in sorted(advisor.skills)
                                                  if s in need))  # fmt: skip
            key = (useful, -len(advisor.skills), book.minutes[a])
            if useful and (best is None or key > best[0]):
                best = (key, a)
        if best is None:
            continue
        a = best[1]
        book.take(a, day, start, end)
        for q in floor:
            lacking = [s for s in sorted(advisors[a].skills) if s in need and need[s][q] > 0]
            if lacking:
                need[max(lacking, key=lambda s: need[s][q])][q] -= 1
        chosen.append(AssignedShift(advisor=a, day=shift.day, start=shift.start, end=shift.end,
                                    breaks=shift.breaks))  # fmt: skip
    return sorted(chosen, key=lambda s: (s.advisor, s.start))
