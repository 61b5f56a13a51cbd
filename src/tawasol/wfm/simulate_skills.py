"""Discrete-event simulation of multi-skill routing: several languages, advisors with skill sets.

Model: each skill (a language) receives Poisson arrivals at its own constant rate and has its
own exponential handle time; a contact needs one advisor who has its skill. Routing is the usual
contact-centre rule:

* an arriving contact goes to the qualified advisor who has been idle the longest, otherwise it
  waits in its skill's FIFO queue (and abandons after an exponential patience, when given);
* an advisor who finishes takes the contact that has waited the longest among the queues of
  the skills they have, otherwise becomes idle.

Idle advisors sit in one heap per skill keyed by the time they became idle; an advisor in
several heaps is taken from one and the stale entries in the others are skipped lazily (each
idle spell has a stamp). Abandonment deadlines are cancelled lazily too, as in
:mod:`tawasol.wfm.simulate`. Figures per skill follow that module's conventions (service level
= answered within the threshold over offered); the first ``warmup_contacts`` are not counted.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

_COMPLETION = 0
_ABANDON = 1


@dataclass(frozen=True, slots=True)
class SkillQueue:
    """Demand for one skill: contacts per interval and their mean handle time."""

    skill: str
    contacts: float
    aht_seconds: float


@dataclass(frozen=True, slots=True)
class MultiSkillConfig:
    """Inputs of one multi-skill run; ``advisors`` lists each advisor's skills."""

    queues: Sequence[SkillQueue]
    advisors: Sequence[frozenset[str]]
    interval_seconds: float = 1800.0
    answer_within_seconds: float = 20.0
    patience_seconds: float | None = None
    contacts_total: int = 40_000
    warmup_contacts: int = 1_000
    seed: int = 0

    def __post_init__(self) -> None:
        if not self.queues or sum(q.contacts for q in self.queues) <= 0:
            raise ValueError("at least one skill must have contacts")
        if any(q.contacts < 0 or q.aht_seconds <= 0 for q in self.queues):
            raise ValueError("contacts must be >= 0 and aht_seconds > 0")
        if len({q.skill for q in self.queues}) != len(self.queues):
            raise ValueError("each skill may appear once")
        if self.interval_seconds <= 0 or self.answer_within_seconds < 0:
            raise ValueError("interval_seconds must be > 0 and answer_within_seconds >= 0")
        if self.patience_seconds is not None and self.patience_seconds <= 0:
            raise ValueError("patience_seconds must be > 0 when given")
        if self.contacts_total <= self.warmup_contacts or self.warmup_contacts < 0:
            raise ValueError("contacts_total must exceed warmup_contacts >= 0")


@dataclass(frozen=True, slots=True)
class SkillOutcome:
    """Counted contacts of one skill and the service they got."""

    skill: str
    offered: int
    answered: int
    abandoned: int
    answered_within_threshold: int
    service_level: float
    asa: float


@dataclass(frozen=True, slots=True)
class MultiSkillResult:
    """Per-skill outcomes and the advisors' mean occupancy."""

    skills: dict[str, SkillOutcome]
    occupancy: float

    def meets(self, target_service_level: float) -> bool:
        """Whether every skill with contacts reaches the target service level."""
        return all(
            outcome.service_level >= target_service_level
            for outcome in self.skills.values()
            if outcome.offered > 0
        )


class _Router:
    """Idle advisors per skill, longest idle first, with lazy removal."""

    def __init__(self, advisors: Sequence[frozenset[str]]) -> None:
        self.skills = [sorted(skills) for skills in advisors]
        self.stamp = [0] * len(advisors)
        self.idle = [True] * len(advisors)
        self.heaps: dict[str, list[tuple[float, int, int]]] = {}
        for advisor, skills in enumerate(self.skills):
            for skill in skills:
                self.heaps.setdefault(skill, []).append((0.0, advisor, 0))
        for heap in self.heaps.values():
            heapq.heapify(heap)

    def take(self, skill: str) -> int | None:
        """The longest-idle advisor with ``skill``, now busy; None when all are busy."""
        heap = self.heaps.get(skill)
        while heap:
            _, advisor, stamp = heapq.heappop(heap)
            if self.idle[advisor] and self.stamp[advisor] == stamp:
                self.idle[advisor] = False
                return advisor
        return None

    def release(self, advisor: int, now: float) -> None:
        """Mark ``advisor`` idle from ``now``."""
        self.stamp[advisor] += 1
        self.idle[advisor] = True
        for skill in self.skills[advisor]:
            heapq.heappush(self.heaps[skill], (now, advisor, self.stamp[advisor]))


def simulate_skills(config: MultiSkillConfig) -> MultiSkillResult:
    """Run the multi-skill simulation (deterministic for a given seed)."""
    rng = random.Random(config.seed)
    expovariate = rng.expovariate
    skills = [q.skill for q in config.queues]
    rates = [q.contacts / config.interval_seconds for q in config.queues]
    total_rate = sum(rates)
    cumulative = [sum(rates[: index + 1]) / total_rate for index in range(len(rates))]
    service_rate = {q.skill: 1.0 / q.aht_seconds for q in config.queues}
    abandon_rate = None if config.patience_seconds is None else 1.0 / config.patience_seconds
    threshold = config.answer_within_seconds
    warmup = config.warmup_contacts

    router = _Router(config.advisors)
    queues: dict[str, deque[tuple[float, int]]] = {skill: deque() for skill in skills}
    waiting: dict[int, float] = {}
    contact_skill: dict[int, str] = {}
    events: list[tuple[float, int, int]] = []
    offered = dict.fromkeys(skills, 0)
    answered = dict.fromkeys(skills, 0)
    abandoned = dict.fromkeys(skills, 0)
    in_time = dict.fromkeys(skills, 0)
    total_wait = dict.fromkeys(skills, 0.0)
    busy = 0
    busy_area = 0.0
    last = 0.0
    window_start = window_end = 0.0
    area_start = area_end = 0.0

    def start_service(advisor: int, contact: int, skill: str, now: float, wait: float) -> None:
        heapq.heappush(events, (now + expovariate(service_rate[skill]), _COMPLETION, advisor))
        if contact >= warmup:
            answered[skill] += 1
            total_wait[skill] += wait
            if wait <= threshold:
                in_time[skill] += 1

    next_arrival = expovariate(total_rate)
    arrived = 0
    while True:
        if events and events[0][0] <= next_arrival:
            now, kind, subject = heapq.heappop(events)
        elif next_arrival < math.inf:
            now, kind, subject = next_arrival, -1, arrived
        else:
            break
        busy_area += busy * (now - last)
        last = now
        if kind == -1:
            arrived += 1
            draw = rng.random()
            skill = skills[next(i for i, edge in enumerate(cumulative) if draw <= edge)]
            if subject == warmup:
                window_start, area_start = now, busy_area
            if subject >= warmup:
                offered[skill] += 1
            advisor = router.take(skill)
            if advisor is not None:
                busy += 1
                start_service(advisor, subject, skill, now, 0.0)
            else:
                queues[skill].append((now, subject))
                waiting[subject] = now
                contact_skill[subject] = skill
                if abandon_rate is not None:
                    heapq.heappush(events, (now + expovariate(abandon_rate), _ABANDON, subject))
            if arrived >= config.contacts_total:
                next_arrival = math.inf
                window_end, area_end = now, busy_area
            else:
                next_arrival = now + expovariate(total_rate)
        elif kind == _COMPLETION:
            advisor = subject
            best: tuple[float, int, str] | None = None
            for skill in router.skills[advisor]:
                queue = queues.get(skill)
                while queue and queue[0][1] not in waiting:
                    queue.popleft()
                if queue and (best is None or queue[0][0] < best[0]):
                    best = (queue[0][0], queue[0][1], skill)
            if best is None:
                busy -= 1
                router.release(advisor, now)
            else:
                arrival_time, contact, skill = best
                queues[skill].popleft()
                del waiting[contact]
                contact_skill.pop(contact, None)
                start_service(advisor, contact, skill, now, now - arrival_time)
        elif waiting.pop(subject, None) is not None:  # abandonment of a still-waiting contact
            skill = contact_skill.pop(subject)
            if subject >= warmup:
                abandoned[skill] += 1

    capacity = len(config.advisors) * (window_end - window_start)
    outcomes = {
        skill: SkillOutcome(
            skill=skill,
            offered=offered[skill],
            answered=answered[skill],
            abandoned=abandoned[skill],
            answered_within_threshold=in_time[skill],
            service_level=in_time[skill] / offered[skill] if offered[skill] else 1.0,
            asa=total_wait[skill] / answered[skill] if answered[skill] else 0.0,
        )
        for skill in skills
    }
    occupancy = (area_end - area_start) / capacity if capacity > 0 else 0.0
    return MultiSkillResult(skills=outcomes, occupancy=occupancy)
