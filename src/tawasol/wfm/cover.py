"""Phase 1 of scheduling: how many advisors take each shift template, and where their breaks go.

A single model choosing shifts and break positions together has a linear relaxation that is a
perfect fractional cover, and CP-SAT (like MIP solvers) then hardly improves a first solution of
a week in seconds. The phase is therefore split into steps that each solve well:

1. **Shifts** (:mod:`tawasol.wfm.cover_shifts`): counts per template against the *expected*
   presence of shifts, by rounding the linear relaxation and a greedy repair.
2. **Breaks** (CP-SAT, here). With the shifts fixed, integer counts per template and break
   position (adding up to the template's count) minimise the weighted shortfall. Breaks cover
   intervals of consecutive quarters, which makes this close to a network problem that CP-SAT
   solves to optimality quickly.
Expected presence is optimistic where few advisors share a template (one advisor's break cannot
be spread over twelve positions), so steps 1-2 run in rounds: the shortfall left after placing
the breaks is added to the demand of the next round, and the best round is kept (shortfall,
then surplus, then shifts). Up to ``MAX_ROUNDS`` rounds, while time allows.

3. **Top-up** (:mod:`tawasol.wfm.cover_greedy`). If shortfall remains, shifts are added where
   they close it best, and the breaks are placed again.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
from ortools.sat.python import cp_model

from tawasol.wfm.cover_greedy import greedy_cover
from tawasol.wfm.cover_shifts import choose_shifts
from tawasol.wfm.coverage import (
    BREAK_KINDS,
    CoverSolution,
    TeamCapacity,
    break_length,
    break_starts,
)
from tawasol.wfm.cpsat import SOLVED, TimeBudget, new_solver
from tawasol.wfm.schedule_problem import ScheduleProblem
from tawasol.wfm.shifts import ShiftTemplate

TOP_UP_PENALTIES = (0.05,)
MAX_ROUNDS = 4
MIN_BREAK_SECONDS = 0.2


def _place_breaks(
    problem: ScheduleProblem,
    templates: Sequence[ShiftTemplate],
    takers: dict[int, int],
    demand: Sequence[int],
    weights: Sequence[int],
    seconds: float,
) -> tuple[dict[tuple[str, int], list[int]], bool] | None:
    """Step 2: break counts per position for fixed shifts; (counts, proven optimal)."""
    model = cp_model.CpModel()
    running = np.zeros(len(demand), dtype=np.int64)
    resting: list[list[cp_model.IntVar]] = [[] for _ in demand]
    variables: dict[tuple[str, int], list[cp_model.IntVar]] = {}
    for template in templates:
        count = takers.get(template.index, 0)
        if not count:
            continue
        running[template.start : template.end] += count
        for kind in BREAK_KINDS:
            starts = break_starts(template, kind)
            if not starts:
                continue
            counts = [model.new_int_var(0, count, f"{kind}{template.index}_{p}") for p in starts]
            model.add(sum(counts) == count)
            variables[(kind, template.index)] = counts
            length = break_length(template, kind)
            for variable, start in zip(counts, starts, strict=True):
                for quarter in range(start, start + length):
                    resting[quarter].append(variable)
    shortfall = []
    for quarter, needed in enumerate(demand):
        if not resting[quarter] or needed <= 0:
            continue
        under = model.new_int_var(0, needed, f"u{quarter}")
        model.add(int(running[quarter]) - sum(resting[quarter]) + under >= needed)
        shortfall.append(int(weights[quarter]) * under)
    model.minimize(sum(shortfall))
    solver = new_solver(seconds, workers=problem.workers, seed=problem.seed)
    status = solver.solve(model)
    if status not in SOLVED:
        return None
    values = {key: [int(solver.value(v)) for v in vs] for key, vs in variables.items()}
    return values, status == cp_model.OPTIMAL


def _even_breaks(
    templates: Sequence[ShiftTemplate], takers: dict[int, int]
) -> dict[tuple[str, int], list[int]]:
    """Breaks spread round-robin over their positions (used when step 2 runs out of time)."""
    spread = {}
    for template in templates:
        count = takers.get(template.index, 0)
        for kind in BREAK_KINDS:
            starts = break_starts(template, kind)
            if count and starts:
                spread[(kind, template.index)] = [
                    count // len(starts) + (i < count % len(starts)) for i in range(len(starts))
                ]
    return spread


def _quality(solution: CoverSolution, templates, demand, weights) -> tuple[float, float, int]:
    floor = solution.on_floor(templates, len(demand))
    gap = np.asarray(demand) - floor
    shortfall = float((np.clip(gap, 0, None) * np.asarray(weights)).sum())
    return shortfall, float(np.clip(-gap, 0, None).sum()), sum(solution.takers.values())


def solve_cover(
    problem: ScheduleProblem,
    templates: Sequence[ShiftTemplate],
    demand: Sequence[int],
    weights: Sequence[int],
    budget: TimeBudget,
    shares: tuple[float, float],
) -> CoverSolution:
    """Rounds of steps 1-2 with the shortfall fed back as extra demand, then step 3.

    ``shares`` weigh this phase's time against the roster phase's.
    """
    if not templates or not problem.team:
        return CoverSolution()
    share, roster_share = shares
    deadline = budget.left() * share / (share + roster_share)
    started = time.perf_counter()
    target = np.asarray(demand, dtype=float)
    best: tuple[tuple[float, float, int], CoverSolution] | None = None
    for rounds in range(1, MAX_ROUNDS + 1):
        takers = choose_shifts(problem, templates, target, weights)
        seconds = max(deadline - (time.perf_counter() - started), MIN_BREAK_SECONDS) / 2
        placed = _place_breaks(problem, templates, takers, demand, weights, seconds)
        breaks, optimal = placed if placed else (_even_breaks(templates, takers), False)
        candidate = CoverSolution(takers=takers, breaks=breaks, status="feasible")
        quality = _quality(candidate, templates, demand, weights)
        if best is None or quality < best[0]:
            best = (quality, candidate)
        gap = np.asarray(demand) - candidate.on_floor(templates, len(demand))
        elapsed = time.perf_counter() - started
        if not (gap > 0).any() or elapsed * (rounds + 1) / rounds > deadline:
            break  # covered, or another round would not finish in time
        target = target + np.clip(gap, 0, None)
    assert best is not None
    solution = best[1]
    residual = np.asarray(demand) - solution.on_floor(templates, len(demand))
    if (residual > 0).any():
        capacity = TeamCapacity.of(problem)
        for template in templates:
            if template.index in solution.takers:
                capacity.take(template, solution.takers[template.index])
        extra = greedy_cover(
            templates, residual, np.asarray(weights, dtype=float), capacity, TOP_UP_PENALTIES
        )
        if extra.takers:
            solution.merge(extra)
            seconds = max(deadline - (time.perf_counter() - started), MIN_BREAK_SECONDS)
            again = _place_breaks(problem, templates, solution.takers, demand, weights, seconds)
            if again is not None:
                solution.breaks = again[0]
    residual = np.asarray(demand) - solution.on_floor(templates, len(demand))
    solution.status = "feasible" if (residual > 0).any() else "covered"
    return solution
