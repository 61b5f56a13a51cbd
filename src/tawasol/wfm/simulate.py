"""Discrete-event simulation of one contact queue, used to validate the Erlang formulas.

Model: Poisson arrivals whose rate is piecewise constant per interval (the list of per-interval
contact volumes is repeated until ``contacts_total`` contacts have arrived, or played once when
``contacts_total`` is None); a single FCFS queue served by ``agents x concurrency`` identical
servers; handle times exponential or lognormal with mean AHT; optional exponential patience
after which a waiting contact abandons.

The engine is an event calendar on ``heapq`` holding service completions and abandonment
deadlines; the next arrival is kept outside the heap (it is always known) and compared with the
heap head, which saves a push/pop per contact. Abandonment events are cancelled lazily: a
deadline is ignored when its contact has already been answered.

Reported figures use the same conventions as :mod:`tawasol.wfm.erlang`: ``service_level`` is
answered within the threshold over offered, ``p_wait`` the fraction of contacts that queued,
``asa`` the mean wait of answered contacts and ``occupancy`` the busy fraction of server time
between the first counted arrival and the end of the arrival horizon. The first
``warmup_contacts`` contacts are simulated but not counted.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

HandleDistribution = Literal["exponential", "lognormal"]

_COMPLETION = 0
_ABANDON = 1
_HORIZON = 2


@dataclass(frozen=True, slots=True)
class SimulationConfig:
    """Inputs of one simulation run.

    ``contacts_per_interval`` holds contact volumes (not rates) per ``interval_seconds``.
    ``contacts_total`` counts every arrival, warm-up included; ``handle_cv`` only applies to
    the lognormal distribution. Servers are ``agents x concurrency``.
    """

    contacts_per_interval: Sequence[float]
    interval_seconds: float
    aht_seconds: float
    agents: int
    answer_within_seconds: float
    patience_seconds: float | None = None
    concurrency: int = 1
    handle_distribution: HandleDistribution = "exponential"
    handle_cv: float = 1.0
    contacts_total: int | None = None
    warmup_contacts: int = 0
    seed: int = 0

    def __post_init__(self) -> None:
        if not self.contacts_per_interval or any(c < 0 for c in self.contacts_per_interval):
            raise ValueError("contacts_per_interval must be a non-empty list of volumes >= 0")
        if self.contacts_total is not None and sum(self.contacts_per_interval) <= 0:
            raise ValueError("contacts_total needs at least one interval with contacts")
        if self.interval_seconds <= 0 or self.aht_seconds <= 0:
            raise ValueError("interval_seconds and aht_seconds must be > 0")
        if self.agents < 0 or self.concurrency < 1:
            raise ValueError("agents must be >= 0 and concurrency >= 1")
        if self.answer_within_seconds < 0:
            raise ValueError("answer_within_seconds must be >= 0")
        if self.patience_seconds is not None and self.patience_seconds <= 0:
            raise ValueError("patience_seconds must be > 0 when given")
        if self.handle_distribution not in ("exponential", "lognormal"):
            raise ValueError("handle_distribution must be 'exponential' or 'lognormal'")
        if self.handle_cv <= 0:
            raise ValueError("handle_cv must be > 0")
        if self.contacts_total is not None and self.contacts_total < 1:
            raise ValueError("contacts_total must be >= 1 when given")
        if self.warmup_contacts < 0:
            raise ValueError("warmup_contacts must be >= 0")


@dataclass(frozen=True, slots=True)
class SimulationResult:
    """Counts and rates observed in a run (counted contacts only)."""

    offered: int
    answered: int
    abandoned: int
    answered_within_threshold: int
    waited: int
    service_level: float
    p_wait: float
    asa: float
    abandon_rate: float
    occupancy: float
    mean_handle_seconds: float
    horizon_seconds: float


class _ArrivalStream:
    """Piecewise-constant-rate Poisson arrivals, interval by interval."""

    def __init__(self, config: SimulationConfig, rng: random.Random) -> None:
        self.rates = [c / config.interval_seconds for c in config.contacts_per_interval]
        self.interval_seconds = config.interval_seconds
        self.repeat = config.contacts_total is not None
        self.horizon = math.inf if self.repeat else len(self.rates) * config.interval_seconds
        self.expovariate = rng.expovariate
        self.index = 0
        self.interval_end = config.interval_seconds

    def next_after(self, now: float) -> float:
        """Time of the next arrival after ``now``; ``inf`` once the horizon is passed."""
        while True:
            rate = self.rates[self.index % len(self.rates)]
            if rate > 0.0:
                candidate = now + self.expovariate(rate)
                if candidate < self.interval_end:
                    return candidate
            if not self.repeat and self.index + 1 >= len(self.rates):
                return math.inf
            now = self.interval_end
            self.index += 1
            self.interval_end += self.interval_seconds


def handle_time_sampler(
    rng: random.Random, aht: float, distribution: HandleDistribution, cv: float = 1.0
) -> Callable[[], float]:
    """A zero-argument sampler of handle times with mean ``aht``.

    ``lognormal`` uses coefficient of variation ``cv``: ``sigma^2 = ln(1 + cv^2)`` and
    ``mu = ln(aht) - sigma^2 / 2``.
    """
    if distribution == "exponential":
        rate = 1.0 / aht
        expovariate = rng.expovariate
        return lambda: expovariate(rate)
    sigma = math.sqrt(math.log1p(cv * cv))
    mu = math.log(aht) - 0.5 * sigma * sigma
    lognormvariate = rng.lognormvariate
    return lambda: lognormvariate(mu, sigma)


def simulate(config: SimulationConfig) -> SimulationResult:
    """Run the simulation described by ``config`` (deterministic for a given seed)."""
    rng = random.Random(config.seed)
    arrivals = _ArrivalStream(config, rng)
    handle_time = handle_time_sampler(
        rng, config.aht_seconds, config.handle_distribution, config.handle_cv
    )
    abandon_rate = None if config.patience_seconds is None else 1.0 / config.patience_seconds
    expovariate = rng.expovariate
    threshold = config.answer_within_seconds
    servers = config.agents * config.concurrency
    limit = math.inf if config.contacts_total is None else config.contacts_total
    warmup = config.warmup_contacts

    events: list[tuple[float, int, int]] = []
    push, pop = heapq.heappush, heapq.heappop
    if arrivals.horizon < math.inf:
        push(events, (arrivals.horizon, _HORIZON, 0))
    waiting: dict[int, float] = {}  # contact id -> arrival time, while queued
    queue: deque[int] = deque()
    idle = servers
    busy_area = 0.0
    last_time = 0.0
    area_start = time_start = 0.0
    area_end = time_end = -1.0
    offered = answered = abandoned = in_time = waited = 0
    total_wait = total_handle = 0.0
    arrived = 0
    next_arrival = arrivals.next_after(0.0)

    while True:
        if events and events[0][0] <= next_arrival:
            now, kind, contact = pop(events)
        elif next_arrival < math.inf:
            now, kind, contact = next_arrival, -1, arrived
        else:
            break
        busy_area += (servers - idle) * (now - last_time)
        last_time = now

        if kind == -1:  # arrival
            arrived += 1
            counted = contact >= warmup
            if contact == warmup:
                area_start, time_start = busy_area, now
            if counted:
                offered += 1
            if idle > 0:
                idle -= 1
                service = handle_time()
                push(events, (now + service, _COMPLETION, 0))
                if counted:
                    answered += 1
                    in_time += 1
                    total_handle += service
            else:
                if counted:
                    waited += 1
                waiting[contact] = now
                queue.append(contact)
                if abandon_rate is not None:
                    push(events, (now + expovariate(abandon_rate), _ABANDON, contact))
            if arrived >= limit:
                next_arrival = math.inf
                area_end, time_end = busy_area, now
            else:
                next_arrival = arrivals.next_after(now)
        elif kind == _COMPLETION:
            while queue and queue[0] not in waiting:
                queue.popleft()
            if queue:
                contact = queue.popleft()
                wait = now - waiting.pop(contact)
                service = handle_time()
                push(events, (now + service, _COMPLETION, 0))
                if contact >= warmup:
                    answered += 1
                    total_wait += wait
                    total_handle += service
                    if wait <= threshold:
                        in_time += 1
            else:
                idle += 1
        elif kind == _ABANDON:
            if waiting.pop(contact, None) is not None and contact >= warmup:
                abandoned += 1
        else:  # horizon
            area_end, time_end = busy_area, now

    if time_end < 0.0:
        area_end, time_end = busy_area, last_time
    return _summarise(
        offered=offered,
        answered=answered,
        abandoned=abandoned,
        in_time=in_time,
        waited=waited,
        total_wait=total_wait,
        total_handle=total_handle,
        busy_time=area_end - area_start,
        capacity_time=servers * (time_end - time_start),
        horizon=time_end,
    )


def _summarise(
    *,
    offered: int,
    answered: int,
    abandoned: int,
    in_time: int,
    waited: int,
    total_wait: float,
    total_handle: float,
    busy_time: float,
    capacity_time: float,
    horizon: float,
) -> SimulationResult:
    def ratio(numerator: float, denominator: float, empty: float) -> float:
        return numerator / denominator if denominator > 0 else empty

    return SimulationResult(
        offered=offered,
        answered=answered,
        abandoned=abandoned,
        answered_within_threshold=in_time,
        waited=waited,
        service_level=ratio(in_time, offered, 1.0),
        p_wait=ratio(waited, offered, 0.0),
        asa=ratio(total_wait, answered, 0.0),
        abandon_rate=ratio(abandoned, offered, 0.0),
        occupancy=ratio(busy_time, capacity_time, 0.0),
        mean_handle_seconds=ratio(total_handle, answered, 0.0),
        horizon_seconds=horizon,
    )
