"""Staffing: how many advisors an interval needs to meet a service-level target.

``required_staff`` finds the smallest number of advisors N such that the service level meets the
target *and* occupancy stays at or below the maximum; ``scheduled`` then grosses N up for
shrinkage (breaks, training, absence): ``ceil(N / (1 - shrinkage))``.

Without patience the queue is Erlang C; with ``patience_seconds`` it is Erlang A (see
:mod:`tawasol.wfm.erlang` for the conventions). With ``concurrency`` k each advisor is k servers.

The Erlang C search starts at the first stable / occupancy-feasible staffing level (just above
the traffic A) and steps up one advisor at a time, advancing Erlang B by its one-step recursion,
so each interval costs one Erlang B evaluation plus a handful of cheap steps. The Erlang A search
gallops up from the lower bound ``A x target`` (answered contacts can't exceed carried load) and
then bisects.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from tawasol.wfm.erlang import (
    QueueMetrics,
    erlang_a_metrics,
    erlang_b,
    erlang_c_metrics,
    next_erlang_b,
)

_TOLERANCE = 1e-12


@dataclass(frozen=True, slots=True)
class StaffingInput:
    """Forecast and targets for one queue in one interval."""

    contacts: float
    interval_seconds: float
    aht_seconds: float
    target_service_level: float
    answer_within_seconds: float
    shrinkage: float = 0.0
    max_occupancy: float = 1.0
    patience_seconds: float | None = None
    concurrency: int = 1

    def __post_init__(self) -> None:
        _require(self.contacts >= 0 and math.isfinite(self.contacts), "contacts must be >= 0")
        _require(self.interval_seconds > 0, "interval_seconds must be > 0")
        _require(self.aht_seconds > 0, "aht_seconds must be > 0")
        _require(
            0 < self.target_service_level < 1, "target_service_level must be in (0, 1) exclusive"
        )
        _require(self.answer_within_seconds >= 0, "answer_within_seconds must be >= 0")
        _require(0 <= self.shrinkage < 1, "shrinkage must be in [0, 1)")
        _require(0 < self.max_occupancy <= 1, "max_occupancy must be in (0, 1]")
        _require(
            self.patience_seconds is None or self.patience_seconds > 0,
            "patience_seconds must be > 0 when given",
        )
        _require(self.concurrency >= 1, "concurrency must be >= 1")

    @property
    def arrival_rate(self) -> float:
        """Contacts per second."""
        return self.contacts / self.interval_seconds

    @property
    def traffic(self) -> float:
        """Offered load in Erlangs: arrival rate x AHT."""
        return self.arrival_rate * self.aht_seconds


@dataclass(frozen=True, slots=True)
class StaffingResult:
    """Staffing level and the performance it yields."""

    agents: int
    scheduled: int
    service_level: float
    p_wait: float
    asa: float
    occupancy: float
    abandon: float
    traffic: float
    meets_target: bool

    def as_dict(self) -> dict[str, float | int | bool | None]:
        """JSON-safe mapping (non-finite figures such as an unstable ASA become ``None``)."""
        return {
            key: (None if isinstance(value, float) and not math.isfinite(value) else value)
            for key, value in asdict(self).items()
        }


def scheduled_headcount(agents: int, shrinkage: float) -> int:
    """Advisors to schedule so that ``agents`` remain after shrinkage."""
    if agents == 0:
        return 0
    return math.ceil(round(agents / (1.0 - shrinkage), 9))


def queue_metrics(inp: StaffingInput, agents: int) -> QueueMetrics:
    """Erlang C or Erlang A figures for ``agents`` advisors."""
    if agents < 0:
        raise ValueError("agents must be >= 0")
    servers = agents * inp.concurrency
    if inp.patience_seconds is None:
        return erlang_c_metrics(inp.traffic, servers, inp.aht_seconds, inp.answer_within_seconds)
    return erlang_a_metrics(
        inp.arrival_rate,
        inp.aht_seconds,
        inp.patience_seconds,
        servers,
        inp.answer_within_seconds,
    )


def evaluate(inp: StaffingInput, agents: int) -> StaffingResult:
    """Performance of the queue when staffed with ``agents`` advisors."""
    return _result(inp, agents, queue_metrics(inp, agents))


def required_staff(inp: StaffingInput) -> StaffingResult:
    """Smallest staffing meeting the service-level target and the occupancy cap."""
    if inp.traffic == 0.0:
        return evaluate(inp, 0)
    if inp.patience_seconds is None:
        return _search_erlang_c(inp)
    return evaluate(inp, _search_erlang_a(inp))


def _search_erlang_c(inp: StaffingInput) -> StaffingResult:
    traffic = inp.traffic
    per_agent = inp.concurrency
    target = inp.target_service_level - _TOLERANCE
    max_occupancy = inp.max_occupancy + _TOLERANCE
    decay = inp.answer_within_seconds / inp.aht_seconds
    agents = max(
        math.floor(traffic / per_agent) + 1,
        math.ceil(traffic / (per_agent * inp.max_occupancy) - 1e-9),
    )
    servers = agents * per_agent
    blocking = erlang_b(traffic, servers)
    while True:
        if servers > traffic and traffic / servers <= max_occupancy:
            p_wait = servers * blocking / (servers - traffic * (1.0 - blocking))
            service_level = 1.0 - p_wait * math.exp(-(servers - traffic) * decay)
            if service_level >= target:
                metrics = QueueMetrics(
                    p_wait=p_wait,
                    service_level=service_level,
                    asa=p_wait * inp.aht_seconds / (servers - traffic),
                    abandon=0.0,
                    occupancy=traffic / servers,
                )
                return _result(inp, agents, metrics)
        agents += 1
        for _ in range(per_agent):
            servers += 1
            blocking = next_erlang_b(traffic, blocking, servers)


def _search_erlang_a(inp: StaffingInput) -> int:
    def feasible(agents: int) -> bool:
        return _meets(inp, _erlang_a_quick(inp, agents))

    low = max(1, math.ceil(inp.traffic * inp.target_service_level / inp.concurrency))
    if feasible(low):
        return low
    step = 1
    high = low + step
    while not feasible(high):
        low = high
        step *= 2
        high = low + step
    while high - low > 1:
        middle = (low + high) // 2
        if feasible(middle):
            high = middle
        else:
            low = middle
    return high


def _erlang_a_quick(inp: StaffingInput, agents: int) -> QueueMetrics:
    """Erlang A figures without the ASA quadrature (the search does not need it)."""
    assert inp.patience_seconds is not None
    return erlang_a_metrics(
        inp.arrival_rate,
        inp.aht_seconds,
        inp.patience_seconds,
        agents * inp.concurrency,
        inp.answer_within_seconds,
        with_asa=False,
    )


def _meets(inp: StaffingInput, metrics: QueueMetrics) -> bool:
    return (
        metrics.service_level >= inp.target_service_level - _TOLERANCE
        and metrics.occupancy <= inp.max_occupancy + _TOLERANCE
    )


def _result(inp: StaffingInput, agents: int, metrics: QueueMetrics) -> StaffingResult:
    return StaffingResult(
        agents=agents,
        scheduled=scheduled_headcount(agents, inp.shrinkage),
        service_level=metrics.service_level,
        p_wait=metrics.p_wait,
        asa=metrics.asa,
        occupancy=metrics.occupancy,
        abandon=metrics.abandon,
        traffic=inp.traffic,
        meets_target=_meets(inp, metrics),
    )


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)
