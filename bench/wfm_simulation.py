"""Benchmark: simulate 200,000 contacts and compare with the analytic figures.

Prints one JSON line: wall time (median of three runs) to simulate 200,000 contacts on the
PRODUCT.md reference queue (100 contacts / 30 min, AHT 180 s, 14 agents, 20 s threshold) with
Erlang C assumptions, the same with 90 s patience against Erlang A, and a ``baseline`` measured
in the same run: the time of the analytic Erlang C evaluation and the service-level difference
between simulation and formula.

Run: ``.venv/bin/python bench/wfm_simulation.py``
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from typing import TypeVar

from tawasol.wfm.erlang import QueueMetrics, erlang_a_metrics, erlang_c_metrics
from tawasol.wfm.simulate import SimulationConfig, simulate

CONTACTS = 200_000
RUNS = 3
ANALYTIC_REPEATS = 1_000
T = TypeVar("T")


def timed(run: Callable[[], T], runs: int) -> tuple[T, float]:
    """Last result and median wall seconds over ``runs`` calls."""
    timings = []
    result = run()
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        timings.append(time.perf_counter() - started)
    return result, statistics.median(timings)


def reference_config(**changes: object) -> SimulationConfig:
    fields: dict[str, object] = {
        "contacts_per_interval": [100.0],
        "interval_seconds": 1800.0,
        "aht_seconds": 180.0,
        "agents": 14,
        "answer_within_seconds": 20.0,
        "contacts_total": CONTACTS,
        "warmup_contacts": 0,
        "seed": 2024,
    }
    fields.update(changes)
    return SimulationConfig(**fields)


def main() -> None:
    erlang_c_run, erlang_c_seconds = timed(lambda: simulate(reference_config()), RUNS)
    erlang_a_run, erlang_a_seconds = timed(
        lambda: simulate(reference_config(agents=11, patience_seconds=90.0, seed=2025)), RUNS
    )

    def analytic_batch() -> QueueMetrics:
        return [erlang_c_metrics(10.0, 14, 180.0, 20.0) for _ in range(ANALYTIC_REPEATS)][-1]

    analytic_c, analytic_batch_seconds = timed(analytic_batch, RUNS)
    analytic_a = erlang_a_metrics(100 / 1800, 180.0, 90.0, 11, 20.0)
    print(
        json.dumps(
            {
                "benchmark": "wfm_simulation",
                "contacts": CONTACTS,
                "runs": RUNS,
                "seconds": round(erlang_c_seconds, 3),
                "budget_seconds": 10,
                "service_level_simulated": round(erlang_c_run.service_level, 5),
                "service_level_analytic": round(analytic_c.service_level, 5),
                "erlang_a": {
                    "seconds": round(erlang_a_seconds, 3),
                    "service_level_simulated": round(erlang_a_run.service_level, 5),
                    "service_level_analytic": round(analytic_a.service_level, 5),
                    "sl_difference": round(
                        erlang_a_run.service_level - analytic_a.service_level, 5
                    ),
                    "abandon_difference": round(erlang_a_run.abandon_rate - analytic_a.abandon, 5),
                },
                "baseline": {
                    "method": "analytic Erlang C (same queue)",
                    "seconds": round(analytic_batch_seconds / ANALYTIC_REPEATS, 9),
                    "microseconds": round(analytic_batch_seconds / ANALYTIC_REPEATS * 1e6, 2),
                    "sl_difference": round(
                        erlang_c_run.service_level - analytic_c.service_level,
                        5,
                    ),
                },
            }
        )
    )


if __name__ == "__main__":
    main()
