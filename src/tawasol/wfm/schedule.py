"""Shift and break scheduling with OR-Tools CP-SAT.

Input (:class:`ScheduleProblem`): heads required per interval over whole days (typically a week
of 15- or 30-minute intervals), the advisors with their labour rules (44 h a week, 6 days and 11 h
rest by default) and the shift rules (lengths, starts, breaks and meal / prayer windows: see
:mod:`tawasol.wfm.shifts`). Output (:class:`Schedule`): each advisor's shifts with their breaks
and the coverage of every interval against the requirement.

Two phases share the time limit (70% / 30%, time left over passes on):

1. **Cover** (:mod:`tawasol.wfm.cover`): how many advisors take each shift template and each
   break position - shortfall first (weighted), then surplus, then fewer and longer shifts.
   OR-Tools GLOP relaxes and rounds the shift counts, CP-SAT places the breaks.
2. **Roster** (:mod:`tawasol.wfm.roster`): which advisor works which shift within their rules,
   placing as much of phase 1 as possible on as few advisors as possible (CP-SAT, unless a
   greedy roster already meets the lower bound on advisors).

Coverage and the staffing figures are recomputed from the rostered shifts, so a shift phase 2
could not place shows up as shortfall instead of being assumed. ``status`` is ``covered`` when
no quarter of an hour is short of heads, ``understaffed`` otherwise. Weekly hours count the
whole shift, breaks included.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tawasol.wfm.cover import solve_cover
from tawasol.wfm.coverage import BREAK_KINDS, CoverSolution
from tawasol.wfm.cpsat import TimeBudget
from tawasol.wfm.roster import Roster, greedy_roster, solve_roster
from tawasol.wfm.schedule_problem import (
    AssignedShift,
    IntervalCoverage,
    Schedule,
    ScheduledBreak,
    ScheduleProblem,
    quarter_demand,
    quarter_weights,
)
from tawasol.wfm.shifts import QUARTER_MINUTES, ShiftTemplate, shift_templates

__all__ = [
    "AssignedShift",
    "IntervalCoverage",
    "Schedule",
    "ScheduleProblem",
    "ScheduledBreak",
    "solve_schedule",
]

PHASE_SHARES = (0.7, 0.3)


def solve_schedule(
    problem: ScheduleProblem,
    *,
    on_phase: Callable[[str], None] | None = None,
    improve_roster: bool = True,
) -> Schedule:
    """Solve ``problem``; ``on_phase`` hears ``"cover"`` and ``"roster"`` as they start.

    ``improve_roster=False`` keeps the greedy roster (for callers that roster again, like the
    per-skill roster of :mod:`tawasol.wfm.skill_schedule`)."""
    started = clock.perf_counter()
    budget = TimeBudget(problem.time_limit_seconds)
    demand = quarter_demand(problem)
    templates = shift_templates(
        problem.rules,
        demand=demand,
        interval_minutes=problem.interval_minutes,
        first_day=problem.first_day,
        calendar=problem.calendar,
    )
    if on_phase:
        on_phase("cover")
    cover = solve_cover(problem, templates, demand, quarter_weights(problem), budget, PHASE_SHARES)
    if on_phase:
        on_phase("roster")
    if improve_roster:
        roster, _ = solve_roster(problem, templates, cover.takers, budget)
    else:
        chosen = [t for t in templates if cover.takers.get(t.index, 0) > 0]
        roster = greedy_roster(problem, chosen, cover.takers)
    return _assemble(problem, templates, cover, roster, demand, started)


def _assemble(
    problem: ScheduleProblem,
    templates: Sequence[ShiftTemplate],
    cover: CoverSolution,
    roster: Roster,
    demand: Sequence[int],
    started: float,
) -> Schedule:
    zone = ZoneInfo(problem.timezone)
    origin = datetime.combine(problem.first_day, datetime.min.time())

    def moment(quarter: int) -> datetime:
        return (origin + timedelta(minutes=quarter * QUARTER_MINUTES)).replace(tzinfo=zone)

    on_floor = [0] * len(demand)
    shifts: list[AssignedShift] = []
    unplaced = 0
    for template in templates:
        advisors = sorted(roster.get(template.index, []))
        unplaced += cover.takers.get(template.index, 0) - len(advisors)
        positions = {kind: cover.positions(kind, template) for kind in BREAK_KINDS}
        for seat, advisor in enumerate(advisors):
            breaks = []
            for kind, starts in positions.items():
                if seat < len(starts):
                    length = template.meal_length if kind == "meal" else template.short_length
                    breaks.append((starts[seat], length, "meal" if kind == "meal" else "short"))
            for quarter in range(template.start, template.end):
                on_floor[quarter] += 1
            for start, length, _ in breaks:
                for quarter in range(start, start + length):
                    on_floor[quarter] -= 1
            shifts.append(
                AssignedShift(
                    advisor=advisor,
                    day=problem.first_day + timedelta(days=template.day),
                    start=moment(template.start),
                    end=moment(template.end),
                    breaks=tuple(
                        ScheduledBreak(kind, moment(start), moment(start + length))
                        for start, length, kind in sorted(breaks)
                    ),
                )
            )
    shifts.sort(key=lambda shift: (shift.advisor, shift.start))
    per = problem.interval_minutes // QUARTER_MINUTES
    coverage = []
    short_intervals = 0
    for index, needed in enumerate(problem.required):
        heads = on_floor[index * per : (index + 1) * per]
        short_intervals += any(h < needed for h in heads)
        coverage.append(
            IntervalCoverage(
                start=moment(index * per),
                required=needed,
                scheduled=sum(heads) / per,
                lowest=min(heads),
            )
        )
    hours = QUARTER_MINUTES / 60
    pairs = list(zip(demand, on_floor, strict=True))
    shortfall = sum(max(d - h, 0) for d, h in pairs) * hours
    return Schedule(
        status="understaffed" if shortfall else "covered",
        first_day=problem.first_day,
        interval_minutes=problem.interval_minutes,
        timezone=problem.timezone,
        advisors_available=len(problem.team),
        shifts=shifts,
        coverage=coverage,
        understaffed_hours=shortfall,
        understaffed_interval_hours=short_intervals * problem.interval_minutes / 60,
        overstaffed_hours=sum(max(h - d, 0) for d, h in pairs) * hours,
        required_hours=sum(demand) * hours,
        unplaced_shifts=unplaced,
        solve_seconds=clock.perf_counter() - started,
    )
