"""Per-skill rostering: who works which shift so that every language is covered.

The shift and break phases (:mod:`tawasol.wfm.schedule`) cover the *total* requirement, all
languages added up, and hand shifts out to interchangeable advisors. Real advisors speak some
languages and not others, so a skill-blind roster can staff the floor with French speakers while
the Arabic queue has nobody. This phase gives the same shifts (breaks fixed) to advisors again,
skills in view, with CP-SAT:

* ``x[a, k]``: advisor ``a`` works shift ``k`` - at most one advisor per shift, one shift a day,
  the advisor's weekly minutes, working days and rest between consecutive days (the rules of
  :class:`~tawasol.wfm.shifts.AdvisorRules`), never on an unavailable day.
* Coverage uses Hall's theorem instead of per-quarter assignment variables: the on-floor
  advisors can serve every language's requirement of a quarter (each advisor one contact type
  at a time, a multilingual one either) exactly when, for every set ``S`` of languages, the
  heads required by ``S`` are at most the on-floor advisors speaking a language of ``S``. The
  shortfall of a quarter is the largest violation over ``S``, which is what a maximum matching
  misses, so minimising it is exact. Beyond ``MAX_EXACT_SKILLS`` languages only single
  languages, pairs and the whole set are checked (a relaxation).
* Objective: shortfall first, then the shift time placed.

:func:`allocate` is the matching itself (OR-Tools max flow), used to report coverage per skill.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import combinations

from ortools.graph.python import max_flow
from ortools.sat.python import cp_model

from tawasol.wfm.cpsat import SOLVED, new_solver
from tawasol.wfm.schedule_problem import AssignedShift
from tawasol.wfm.shifts import QUARTER_MINUTES, QUARTERS_PER_DAY, AdvisorRules

MAX_EXACT_SKILLS = 6
Profile = frozenset[str]


@dataclass(frozen=True, slots=True)
class SkilledAdvisor:
    """An advisor as the roster sees them: a reference (user id), languages, labour rules."""

    ref: int
    skills: Profile
    rules: AdvisorRules = field(default_factory=AdvisorRules)


@dataclass(frozen=True, slots=True)
class Horizon:
    """The quarter grid of a schedule: local midnight of ``first_day``, ``days`` days."""

    first_day: date
    days: int
    cyclic_week: bool = True

    @property
    def quarters(self) -> int:
        return self.days * QUARTERS_PER_DAY

    def quarter(self, moment: datetime) -> int:
        """Quarter index of a local wall-clock time (the scheduler's own arithmetic)."""
        origin = datetime.combine(self.first_day, datetime.min.time())
        return int((moment.replace(tzinfo=None) - origin) / timedelta(minutes=QUARTER_MINUTES))

    def on_floor(self, shift: AssignedShift) -> list[int]:
        """Quarters in which the shift's advisor is working (not on a break)."""
        resting = {
            q
            for pause in shift.breaks
            for q in range(self.quarter(pause.start), self.quarter(pause.end))
        }
        span = range(self.quarter(shift.start), min(self.quarter(shift.end), self.quarters))
        return [q for q in span if q not in resting]


def expand(required: Sequence[int], interval_minutes: int) -> list[int]:
    """Per-interval heads spread onto quarters."""
    per = interval_minutes // QUARTER_MINUTES
    return [int(v) for v in required for _ in range(per)]


def skill_sets(skills: Sequence[str]) -> list[Profile]:
    """The sets of languages whose Hall condition is checked (all of them up to a point)."""
    ordered = sorted(skills)
    if len(ordered) <= MAX_EXACT_SKILLS:
        sizes: Sequence[int] = range(1, len(ordered) + 1)
    else:
        sizes = (1, 2, len(ordered))
    return [frozenset(c) for size in sizes for c in combinations(ordered, size)]


@lru_cache(maxsize=4096)
def _allocate(
    profiles: tuple[tuple[Profile, int], ...], need: tuple[tuple[str, int], ...]
) -> tuple[tuple[str, int], ...]:
    flow = max_flow.SimpleMaxFlow()
    skills = [skill for skill, _ in need]
    source, sink = 0, 1
    for index, (profile, count) in enumerate(profiles):
        node = 2 + index
        flow.add_arc_with_capacity(source, node, count)
        for position, skill in enumerate(skills):
            if skill in profile:
                flow.add_arc_with_capacity(node, 2 + len(profiles) + position, count)
    for position, (_, heads) in enumerate(need):
        flow.add_arc_with_capacity(2 + len(profiles) + position, sink, heads)
    if flow.solve(source, sink) != flow.OPTIMAL:
        raise RuntimeError("max flow failed")
    served = dict.fromkeys(skills, 0)
    for arc in range(flow.num_arcs()):
        if flow.head(arc) == sink:
            served[skills[flow.tail(arc) - 2 - len(profiles)]] = flow.flow(arc)
    return tuple(served.items())


def allocate(present: Counter[Profile], need: Mapping[str, int]) -> dict[str, int]:
    """Heads of each skill served by the advisors present (a maximum matching)."""
    profiles = tuple(sorted(((p, c) for p, c in present.items() if c > 0), key=_profile_order))
    wanted = tuple(sorted((s, int(h)) for s, h in need.items() if h > 0))
    served = dict(_allocate(profiles, wanted)) if profiles and wanted else {}
    return {skill: served.get(skill, 0) for skill in need}


def _profile_order(item: tuple[Profile, int]) -> tuple[str, ...]:
    return tuple(sorted(item[0]))


def skill_shortfall_by_quarter(
    shifts: Sequence[AssignedShift],
    advisors: Sequence[SkilledAdvisor],
    required: Mapping[str, Sequence[int]],
    horizon: Horizon,
) -> dict[str, list[int]]:
    """Per skill and quarter, heads required but not served (``required`` is per quarter)."""
    present: list[Counter[Profile]] = [Counter() for _ in range(horizon.quarters)]
    for shift in shifts:
        profile = advisors[shift.advisor].skills
        for q in horizon.on_floor(shift):
            present[q][profile] += 1
    short = {skill: [0] * horizon.quarters for skill in required}
    for q in range(horizon.quarters):
        need = {skill: values[q] for skill, values in required.items()}
        if not any(need.values()):
            continue
        served = allocate(present[q], need)
        for skill in required:
            short[skill][q] = need[skill] - served[skill]
    return short


def _rest_conflicts(
    shifts: Sequence[AssignedShift], days: list[int], horizon: Horizon, rest_quarters: int
) -> list[tuple[int, int]]:
    starts = [horizon.quarter(s.start) for s in shifts]
    ends = [horizon.quarter(s.end) for s in shifts]
    pairs = []
    for k, first in enumerate(shifts):
        for j in range(len(shifts)):
            wrap = horizon.cyclic_week and horizon.days == 7
            if days[j] == days[k] + 1:
                gap = starts[j] - ends[k]
            elif wrap and days[k] == horizon.days - 1 and days[j] == 0:
                gap = starts[j] + horizon.quarters - ends[k]
            else:
                continue
            if gap < rest_quarters and first is not shifts[j]:
                pairs.append((k, j))
    return pairs


def reroster(
    shifts: Sequence[AssignedShift],
    advisors: Sequence[SkilledAdvisor],
    required: Mapping[str, Sequence[int]],
    horizon: Horizon,
    *,
    seconds: float,
    hint: Sequence[int | None] | None = None,
    workers: int | None = None,
    seed: int = 0,
) -> list[AssignedShift] | None:
    """The shifts given to advisors so that each skill's per-quarter requirement is served.

    ``shift.advisor`` of the result indexes ``advisors``; shifts nobody can take are left out.
    ``hint`` (advisor index per shift, None for none) seeds the search. None when the solver
    found no solution in ``seconds`` (a loaded machine can spend them all in presolve).
    """
    model = cp_model.CpModel()
    demanded = sorted(s for s, values in required.items() if any(values))
    days = [(s.day - horizon.first_day).days for s in shifts]
    lengths = [horizon.quarter(s.end) - horizon.quarter(s.start) for s in shifts]
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    for a, advisor in enumerate(advisors):
        if not advisor.skills & set(demanded):
            continue
        for k in range(len(shifts)):
            if days[k] in advisor.rules.unavailable_days:
                continue
            if lengths[k] * QUARTER_MINUTES > advisor.rules.max_minutes_per_week:
                continue
            x[(a, k)] = model.new_bool_var(f"x{a}_{k}")
    by_shift: dict[int, list[tuple[int, cp_model.IntVar]]] = {}
    for (a, k), var in x.items():
        by_shift.setdefault(k, []).append((a, var))
    for takers in by_shift.values():
        model.add_at_most_one(var for _, var in takers)
    _advisor_rules(model, x, advisors, shifts, days, lengths, horizon)
    floor = [horizon.on_floor(s) for s in shifts]
    shortfall = _coverage(model, x, advisors, floor, required, demanded, horizon)
    placed = sum(lengths[k] * var for (_, k), var in x.items())
    model.minimize(sum(shortfall) * (sum(lengths) + 1) - placed)
    if hint is not None:
        for (a, k), var in x.items():
            model.add_hint(var, hint[k] == a)
    solver = new_solver(seconds, workers=workers, seed=seed)
    status = solver.solve(model)
    if status not in SOLVED:
        return None
    chosen = [_with_advisor(shifts[k], a) for (a, k), var in sorted(x.items()) if solver.value(var)]
    return sorted(chosen, key=lambda s: (s.advisor, s.start))


def _advisor_rules(
    model: cp_model.CpModel,
    x: Mapping[tuple[int, int], cp_model.IntVar],
    advisors: Sequence[SkilledAdvisor],
    shifts: Sequence[AssignedShift],
    days: list[int],
    lengths: list[int],
    horizon: Horizon,
) -> None:
    conflicts: dict[int, list[tuple[int, int]]] = {}
    by_advisor: dict[int, dict[int, cp_model.IntVar]] = {}
    for (a, k), var in x.items():
        by_advisor.setdefault(a, {})[k] = var
    for a, advisor in enumerate(advisors):
        mine = by_advisor.get(a)
        if not mine:
            continue
        per_day: dict[int, list[cp_model.IntVar]] = {}
        for k, var in mine.items():
            per_day.setdefault(days[k], []).append(var)
        worked = []
        for options in per_day.values():
            model.add_at_most_one(options)
            worked.append(sum(options))
        rules = advisor.rules
        model.add(sum(worked) <= rules.max_days)
        model.add(
            sum(lengths[k] * var for k, var in mine.items())
            <= rules.max_minutes_per_week // QUARTER_MINUTES
        )
        rest = rules.min_rest_minutes // QUARTER_MINUTES
        if rest not in conflicts:
            conflicts[rest] = _rest_conflicts(shifts, days, horizon, rest)
        for k, j in conflicts[rest]:
            if k in mine and j in mine:
                model.add_bool_or([mine[k].Not(), mine[j].Not()])


def _coverage(
    model: cp_model.CpModel,
    x: Mapping[tuple[int, int], cp_model.IntVar],
    advisors: Sequence[SkilledAdvisor],
    floor: list[list[int]],
    required: Mapping[str, Sequence[int]],
    demanded: list[str],
    horizon: Horizon,
) -> list[cp_model.IntVar]:
    """Shortfall variables per quarter, bounded below by every checked Hall condition."""
    sets = skill_sets(demanded)
    serves: dict[tuple[int, Profile], cp_model.IntVar] = {}
    by_shift: dict[int, list[tuple[int, cp_model.IntVar]]] = {}
    for (a, k), var in x.items():
        by_shift.setdefault(k, []).append((a, var))
    for k, takers in by_shift.items():
        for skill_set in sets:
            able = [var for a, var in takers if advisors[a].skills & skill_set]
            if able:
                serving = model.new_bool_var(f"c{k}")
                model.add(serving == sum(able))
                serves[(k, skill_set)] = serving
    at_quarter: list[list[int]] = [[] for _ in range(horizon.quarters)]
    for k, quarters in enumerate(floor):
        for q in quarters:
            at_quarter[q].append(k)
    shortfall = []
    for q in range(horizon.quarters):
        total = sum(int(required[s][q]) for s in demanded)
        if total <= 0:
            continue
        short = model.new_int_var(0, total, f"u{q}")
        for skill_set in sets:
            need = sum(int(required[s][q]) for s in skill_set)
            if need <= 0:
                continue
            covering = [serves[(k, skill_set)] for k in at_quarter[q] if (k, skill_set) in serves]
            model.add(short + sum(covering) >= need)
        shortfall.append(short)
    return shortfall


def _with_advisor(shift: AssignedShift, advisor: int) -> AssignedShift:
    return AssignedShift(
        advisor=advisor, day=shift.day, start=shift.start, end=shift.end, breaks=shift.breaks
    )
