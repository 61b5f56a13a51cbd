"""Phase 2 of scheduling: give each chosen shift to an advisor within the labour rules.

One Boolean per (advisor, chosen template): at most one shift a day, weekly minutes and working
days within the advisor's rules, at least the advisor's minimum rest between shifts of
consecutive days (and from the last day to the first when the week repeats). The number of
advisors given a template may fall short of what phase 1 asked for; placed shift time is
maximised first and the advisors used minimised second. A greedy roster (each shift to a
qualifying advisor already in use, the one with the most hours left) is the starting hint.
"""

from __future__ import annotations

from collections.abc import Sequence

from ortools.sat.python import cp_model

from tawasol.wfm.cpsat import SOLVED, TimeBudget, new_solver
from tawasol.wfm.schedule_problem import ScheduleProblem
from tawasol.wfm.shifts import QUARTER_MINUTES, QUARTERS_PER_DAY, AdvisorRules, ShiftTemplate

Roster = dict[int, list[int]]  # template index -> advisors
MIN_SOLVE_SECONDS = 1.0  # below this the greedy roster is kept (building the model costs more)


def _rest_ok(earlier: ShiftTemplate, later: ShiftTemplate, rules: AdvisorRules, shift: int) -> bool:
    return later.start + shift - earlier.end >= rules.min_rest_minutes // QUARTER_MINUTES


def _day_pairs(problem: ScheduleProblem) -> list[tuple[int, int, int]]:
    """Consecutive (day, next day, quarters to add to the next day's times)."""
    pairs = [(day, day + 1, 0) for day in range(problem.days - 1)]
    if problem.cyclic_week and problem.days == 7:
        pairs.append((problem.days - 1, 0, problem.days * QUARTERS_PER_DAY))
    return pairs


def greedy_roster(
    problem: ScheduleProblem, chosen: Sequence[ShiftTemplate], takers: dict[int, int]
) -> Roster:
    """Shifts in time order, each to the best qualifying advisor (in use first, most hours
    left); a shift nobody can take is left out."""
    team = problem.team
    remaining = [rules.max_minutes_per_week // QUARTER_MINUTES for rules in team]
    days_left = [rules.max_days for rules in team]
    worked: list[dict[int, ShiftTemplate]] = [{} for _ in team]
    used = [False] * len(team)
    pairs = _day_pairs(problem)
    roster: Roster = {}
    for template in sorted(chosen, key=lambda t: (t.day, t.start, -t.length)):
        for _ in range(takers[template.index]):
            best: tuple[tuple[bool, int], int] | None = None
            for advisor, rules in enumerate(team):
                day = template.day
                if (
                    day in worked[advisor]
                    or day in rules.unavailable_days
                    or remaining[advisor] < template.length
                    or days_left[advisor] < 1
                ):
                    continue
                if not _fits(template, worked[advisor], rules, pairs):
                    continue
                key = (not used[advisor], -remaining[advisor])
                if best is None or key < best[0]:
                    best = (key, advisor)
            if best is None:
                continue
            advisor = best[1]
            worked[advisor][template.day] = template
            remaining[advisor] -= template.length
            days_left[advisor] -= 1
            used[advisor] = True
            roster.setdefault(template.index, []).append(advisor)
    return roster


def _fits(
    template: ShiftTemplate,
    worked: dict[int, ShiftTemplate],
    rules: AdvisorRules,
    pairs: Sequence[tuple[int, int, int]],
) -> bool:
    for day, following, shift in pairs:
        after = worked.get(following) if day == template.day else None
        if after is not None and not _rest_ok(template, after, rules, shift):
            return False
        before = worked.get(day) if following == template.day else None
        if before is not None and not _rest_ok(before, template, rules, shift):
            return False
    return True


def advisors_lower_bound(
    problem: ScheduleProblem, chosen: Sequence[ShiftTemplate], takers: dict[int, int]
) -> int:
    """Advisors any roster of these shifts needs: the busiest day, the hours, the days."""
    team = problem.team
    if not team:
        return 0
    per_day: dict[int, int] = {}
    quarters = shifts = 0
    for template in chosen:
        count = takers[template.index]
        per_day[template.day] = per_day.get(template.day, 0) + count
        quarters += template.length * count
        shifts += count
    most_quarters = max(rules.max_minutes_per_week // QUARTER_MINUTES for rules in team)
    most_days = max(rules.max_days for rules in team)
    return max(
        max(per_day.values(), default=0),
        -(-quarters // most_quarters) if most_quarters else 0,
        -(-shifts // most_days) if most_days else 0,
    )


def _rest_conflicts(
    earlier: Sequence[ShiftTemplate],
    later: Sequence[ShiftTemplate],
    rest: int,
    shift: int,
) -> list[tuple[list[int], list[int]]]:
    """Groups (later shifts starting at s, earlier shifts ending too late for s).

    Each group becomes one at-most-one constraint per advisor, instead of one clause per
    conflicting pair.
    """
    groups = []
    for start in sorted({t.start for t in later}):
        starting = [t.index for t in later if t.start == start]
        too_late = [t.index for t in earlier if start + shift - t.end < rest]
        if too_late:
            groups.append((starting, too_late))
    return groups


def solve_roster(
    problem: ScheduleProblem,
    templates: Sequence[ShiftTemplate],
    takers: dict[int, int],
    budget: TimeBudget,
) -> tuple[Roster, str]:
    """Advisors per chosen template, and ``optimal`` / ``feasible``.

    The greedy roster is kept as it is when it places every shift on as few advisors as the
    lower bound allows; otherwise CP-SAT improves it.
    """
    team = problem.team
    chosen = [t for t in templates if takers.get(t.index, 0) > 0]
    greedy = greedy_roster(problem, chosen, takers)
    if not chosen:
        return {}, "optimal"
    placed = sum(len(advisors) for advisors in greedy.values())
    used_by_greedy = {advisor for advisors in greedy.values() for advisor in advisors}
    if placed == sum(takers[t.index] for t in chosen) and len(used_by_greedy) <= (
        advisors_lower_bound(problem, chosen, takers)
    ):
        return greedy, "optimal"
    if budget.left() < MIN_SOLVE_SECONDS:
        return greedy, "feasible"
    model = cp_model.CpModel()
    assign: dict[tuple[int, int], cp_model.IntVar] = {}
    for template in chosen:
        for advisor, rules in enumerate(team):
            if template.day in rules.unavailable_days:
                continue
            if template.length * QUARTER_MINUTES > rules.max_minutes_per_week:
                continue
            assign[(advisor, template.index)] = model.new_bool_var(f"z{advisor}_{template.index}")
    for template in chosen:
        seats = [v for (_, index), v in assign.items() if index == template.index]
        model.add(sum(seats) <= takers[template.index])
    used = [model.new_bool_var(f"used{advisor}") for advisor in range(len(team))]
    by_day: dict[int, list[ShiftTemplate]] = {}
    for template in chosen:
        by_day.setdefault(template.day, []).append(template)
    conflicts: dict[int, list[tuple[list[int], list[int]]]] = {}
    for advisor, rules in enumerate(team):
        mine = {index: v for (a, index), v in assign.items() if a == advisor}
        working_days = []
        for day_templates in by_day.values():
            options = [mine[t.index] for t in day_templates if t.index in mine]
            if options:
                model.add_at_most_one(options)
                working_days.append(sum(options))
        for variable in mine.values():
            model.add_implication(variable, used[advisor])
        model.add(
            sum(templates[index].length * v for index, v in mine.items())
            <= rules.max_minutes_per_week // QUARTER_MINUTES
        )
        model.add(sum(working_days) <= rules.max_days)
        rest = rules.min_rest_minutes // QUARTER_MINUTES
        if rest not in conflicts:
            conflicts[rest] = [
                group
                for day, following, shift in _day_pairs(problem)
                for group in _rest_conflicts(
                    by_day.get(day, []), by_day.get(following, []), rest, shift
                )
            ]
        for starting, too_late in conflicts[rest]:
            members = [mine[i] for i in (*starting, *too_late) if i in mine]
            if len(members) > 1:
                model.add_at_most_one(members)
    for advisor in range(len(team) - 1):
        if team[advisor] == team[advisor + 1]:
            model.add(used[advisor] >= used[advisor + 1])
    placed_quarters = sum(templates[index].length * v for (_, index), v in assign.items())
    model.maximize(placed_quarters * (len(team) + 1) - sum(used))
    hinted = {(advisor, index) for index, advisors in greedy.items() for advisor in advisors}
    for key, variable in assign.items():
        model.add_hint(variable, key in hinted)
    for advisor, variable in enumerate(used):
        model.add_hint(variable, advisor in used_by_greedy)
    solver = new_solver(budget.left(), workers=problem.workers, seed=problem.seed)
    status = solver.solve(model)
    if status not in SOLVED:
        return greedy, "feasible"
    roster: Roster = {}
    for (advisor, index), variable in sorted(assign.items()):
        if solver.value(variable):
            roster.setdefault(index, []).append(advisor)
    return roster, "optimal" if status == cp_model.OPTIMAL else "feasible"
