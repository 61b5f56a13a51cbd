"""Staffing plan: advisors needed per interval and skill (language) from a forecast.

:func:`demand_by_skill` adds up the forecast series that need the same skill (by default the
language, whatever the channel) with a volume-weighted AHT; :func:`staffing_plan` then runs
:func:`~tawasol.wfm.staffing.required_staff` on every interval of every skill. Those are
*single-skill* requirements: each language staffed as its own queue.

Advisors who speak several languages pool the queues and need fewer heads in total.
:func:`smallest_team` measures that by simulation (:mod:`tawasol.wfm.simulate_skills`): the
smallest roster of a given composition on which every language meets its service level;
:func:`pooling_check` compares it with the sum of single-skill requirements.

Requirements files (CSV ``start,skill,contacts,aht_seconds,agents,scheduled``) are what
``tawasol wfm plan`` writes and ``tawasol wfm schedule`` reads.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

from tawasol.wfm.forecast import SeriesForecast
from tawasol.wfm.history import SeriesKey, slot_start
from tawasol.wfm.simulate_skills import (
    MultiSkillConfig,
    MultiSkillResult,
    SkillQueue,
    simulate_skills,
)
from tawasol.wfm.staffing import StaffingInput, required_staff

REQUIREMENT_COLUMNS = ("start", "skill", "contacts", "aht_seconds", "agents", "scheduled")


@dataclass(frozen=True, slots=True)
class ServiceTarget:
    """Service objective and staffing assumptions of one skill."""

    target_service_level: float = 0.8
    answer_within_seconds: float = 20.0
    shrinkage: float = 0.0
    max_occupancy: float = 1.0
    patience_seconds: float | None = None
    concurrency: int = 1


@dataclass(frozen=True, slots=True)
class SkillDemand:
    """Forecast contacts and AHT of one skill, per interval (flattened days x slots)."""

    skill: str
    contacts: np.ndarray
    aht_seconds: np.ndarray


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One interval of one skill in the plan."""

    start: datetime
    skill: str
    contacts: float
    aht_seconds: float
    agents: int
    scheduled: int


@dataclass(frozen=True, slots=True)
class StaffingPlan:
    """Required advisors per interval and skill (single-skill queues)."""

    start: date
    interval_minutes: int
    timezone: str
    demand: dict[str, SkillDemand]
    agents: dict[str, np.ndarray]
    scheduled: dict[str, np.ndarray]

    @property
    def intervals(self) -> int:
        """Intervals in the plan."""
        return len(next(iter(self.agents.values()))) if self.agents else 0

    def total_scheduled(self) -> np.ndarray:
        """Heads to schedule per interval, all skills added up (no pooling)."""
        return np.sum(list(self.scheduled.values()), axis=0).astype(int)

    def interval_start(self, index: int) -> datetime:
        """Aware local start of interval ``index``."""
        slots = 24 * 60 // self.interval_minutes
        day = self.start + timedelta(days=index // slots)
        return slot_start(day, index % slots, self.interval_minutes, self.timezone)

    def rows(self) -> Iterator[PlanRow]:
        """Every interval of every skill, in time order."""
        for index in range(self.intervals):
            start = self.interval_start(index)
            for skill, demand in self.demand.items():
                yield PlanRow(
                    start=start,
                    skill=skill,
                    contacts=float(demand.contacts[index]),
                    aht_seconds=float(demand.aht_seconds[index]),
                    agents=int(self.agents[skill][index]),
                    scheduled=int(self.scheduled[skill][index]),
                )


def language_skill(key: SeriesKey) -> str:
    """The default skill of a series: its language."""
    return key.language


def demand_by_skill(
    forecasts: Mapping[SeriesKey, SeriesForecast],
    skill_of: Callable[[SeriesKey], str] = language_skill,
) -> dict[str, SkillDemand]:
    """Contacts added up per skill; AHT weighted by contacts."""
    volumes: dict[str, np.ndarray] = {}
    handle: dict[str, np.ndarray] = {}
    fallback: dict[str, np.ndarray] = {}
    for key, item in forecasts.items():
        skill = skill_of(key)
        volume = item.volume.reshape(-1)
        volumes[skill] = volumes.get(skill, 0.0) + volume
        handle[skill] = handle.get(skill, 0.0) + volume * item.aht.reshape(-1)
        fallback.setdefault(skill, item.aht.reshape(-1))
    return {
        skill: SkillDemand(
            skill=skill,
            contacts=volumes[skill],
            aht_seconds=np.divide(
                handle[skill],
                volumes[skill],
                out=fallback[skill].astype(float),
                where=volumes[skill] > 0,
            ),
        )
        for skill in sorted(volumes)
    }


def staffing_plan(
    demand: Mapping[str, SkillDemand],
    *,
    start: date,
    interval_minutes: int,
    timezone: str,
    target: ServiceTarget | Mapping[str, ServiceTarget] = ServiceTarget(),
) -> StaffingPlan:
    """Required and scheduled advisors per interval for each skill."""
    agents: dict[str, np.ndarray] = {}
    scheduled: dict[str, np.ndarray] = {}
    interval_seconds = interval_minutes * 60.0
    for skill, item in demand.items():
        goal = target if isinstance(target, ServiceTarget) else target[skill]
        cache: dict[tuple[float, float], tuple[int, int]] = {}
        needed = np.zeros(len(item.contacts), dtype=int)
        heads = np.zeros(len(item.contacts), dtype=int)
        for index, (contacts, aht) in enumerate(zip(item.contacts, item.aht_seconds, strict=True)):
            signature = (round(float(contacts), 2), round(float(aht), 1))
            if signature not in cache:
                result = required_staff(_staffing_input(signature, interval_seconds, goal))
                cache[signature] = (result.agents, result.scheduled)
            needed[index], heads[index] = cache[signature]
        agents[skill], scheduled[skill] = needed, heads
    return StaffingPlan(
        start=start,
        interval_minutes=interval_minutes,
        timezone=timezone,
        demand=dict(demand),
        agents=agents,
        scheduled=scheduled,
    )


def _staffing_input(
    signature: tuple[float, float], interval_seconds: float, goal: ServiceTarget
) -> StaffingInput:
    contacts, aht = signature
    return StaffingInput(
        contacts=max(contacts, 0.0),
        interval_seconds=interval_seconds,
        aht_seconds=max(aht, 1.0),
        target_service_level=goal.target_service_level,
        answer_within_seconds=goal.answer_within_seconds,
        shrinkage=goal.shrinkage,
        max_occupancy=goal.max_occupancy,
        patience_seconds=goal.patience_seconds,
        concurrency=goal.concurrency,
    )


def plan_from_forecast(
    forecasts: Mapping[SeriesKey, SeriesForecast],
    *,
    target: ServiceTarget | Mapping[str, ServiceTarget] = ServiceTarget(),
    skill_of: Callable[[SeriesKey], str] = language_skill,
) -> StaffingPlan:
    """:func:`staffing_plan` of :func:`demand_by_skill` of a forecast."""
    if not forecasts:
        raise ValueError("the forecast is empty")
    first = next(iter(forecasts.values()))
    return staffing_plan(
        demand_by_skill(forecasts, skill_of),
        start=first.start,
        interval_minutes=first.interval_minutes,
        timezone=first.timezone,
        target=target,
    )


def full_roster(skills: Sequence[str]) -> Callable[[int], list[frozenset[str]]]:
    """A roster builder where every advisor has every skill."""
    everything = frozenset(skills)
    return lambda size: [everything] * size


def smallest_team(
    queues: Sequence[SkillQueue],
    roster: Callable[[int], Sequence[frozenset[str]]],
    *,
    target: ServiceTarget = ServiceTarget(),
    interval_seconds: float = 1800.0,
    start_at: int = 1,
    limit: int = 10_000,
    contacts_total: int = 40_000,
    seed: int = 0,
) -> tuple[int, MultiSkillResult]:
    """Smallest roster size (from ``start_at`` up) whose simulation meets the target everywhere.

    The same seed is used for every size (common random numbers), so the service level grows
    with the roster and the search can step up one advisor at a time.
    """
    for size in range(max(start_at, 1), limit + 1):
        result = simulate_skills(
            MultiSkillConfig(
                queues=queues,
                advisors=roster(size),
                interval_seconds=interval_seconds,
                answer_within_seconds=target.answer_within_seconds,
                patience_seconds=target.patience_seconds,
                contacts_total=contacts_total,
                warmup_contacts=min(1_000, contacts_total // 10),
                seed=seed,
            )
        )
        if result.meets(target.target_service_level):
            return size, result
    raise ValueError(f"no roster of up to {limit} advisors meets the target")


@dataclass(frozen=True, slots=True)
class PoolingCheck:
    """Single-skill requirements against the smallest pooled team, checked by simulation."""

    single_skill: dict[str, int]
    single_skill_total: int
    pooled_agents: int
    pooled: MultiSkillResult

    @property
    def saved(self) -> int:
        """Advisors saved by pooling."""
        return self.single_skill_total - self.pooled_agents


def pooling_check(
    queues: Sequence[SkillQueue],
    roster: Callable[[int], Sequence[frozenset[str]]] | None = None,
    *,
    target: ServiceTarget = ServiceTarget(),
    interval_seconds: float = 1800.0,
    contacts_total: int = 40_000,
    seed: int = 0,
) -> PoolingCheck:
    """Compare the per-language Erlang requirements with a multi-skill team (all skills each by
    default) sized by simulation, for one interval's demand."""
    single = {
        q.skill: required_staff(
            _staffing_input((q.contacts, q.aht_seconds), interval_seconds, target)
        ).agents
        for q in queues
    }
    total = sum(single.values())
    roster = roster or full_roster([q.skill for q in queues])
    lower = max(1, total - 2 * len(queues) - 4)
    size, result = smallest_team(
        queues,
        roster,
        target=target,
        interval_seconds=interval_seconds,
        start_at=lower,
        limit=max(total * 2, lower + 10),
        contacts_total=contacts_total,
        seed=seed,
    )
    return PoolingCheck(
        single_skill=single, single_skill_total=total, pooled_agents=size, pooled=result
    )


def write_requirements_csv(plan: StaffingPlan, path: Path) -> int:
    """Write the plan (one row per interval and skill); returns the row count."""
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(REQUIREMENT_COLUMNS)
        for row in plan.rows():
            writer.writerow(
                (
                    row.start.isoformat(timespec="minutes"),
                    row.skill,
                    f"{row.contacts:.2f}",
                    f"{row.aht_seconds:.0f}",
                    row.agents,
                    row.scheduled,
                )
            )
            rows += 1
    return rows


@dataclass(frozen=True, slots=True)
class Requirements:
    """Heads required per interval (skills added up), as the scheduler consumes them."""

    start: datetime
    interval_minutes: int
    required: list[int]


def read_requirements_csv(path: Path, *, column: str = "scheduled") -> Requirements:
    """Read a requirements CSV: ``start`` (ISO local time) and ``column`` (or ``required``).

    Rows with the same start (several skills) are added up. Intervals must be evenly spaced by
    15 or 30 minutes; missing intervals inside the range count as zero.
    """
    totals: dict[datetime, int] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = set(reader.fieldnames or ())
        name = column if column in fields else "required"
        if "start" not in fields or name not in fields:
            raise ValueError(f"requirements CSV needs 'start' and '{column}' (or 'required')")
        for line, row in enumerate(reader, start=2):
            try:
                start = datetime.fromisoformat(row["start"].strip())
                value = int(float(row[name]))
            except ValueError as error:
                raise ValueError(f"requirements CSV line {line}: {error}") from error
            key = start.replace(tzinfo=None)
            totals[key] = totals.get(key, 0) + value
    if not totals:
        raise ValueError("requirements CSV has no rows")
    starts = sorted(totals)
    gaps = {(b - a).total_seconds() / 60 for a, b in zip(starts, starts[1:], strict=False)}
    interval = int(min(gaps)) if gaps else 30
    if interval not in (15, 30) or any(gap % interval for gap in gaps):
        raise ValueError("requirement intervals must be evenly spaced by 15 or 30 minutes")
    first = starts[0]
    count = int((starts[-1] - first).total_seconds() // (interval * 60)) + 1
    required = [0] * count
    for start, value in totals.items():
        required[int((start - first).total_seconds() // (interval * 60))] = value
    return Requirements(start=first, interval_minutes=interval, required=required)
