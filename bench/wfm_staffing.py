"""Benchmark: Erlang C staffing for 96 half-hour intervals x 50 queues.

Prints one JSON line: the median wall time of ``required_staff`` over the whole day (several
runs), the same for Erlang A (patience 120 s) as an extra figure, and a ``baseline`` measured in
the same run: a naive search starting at N = 1 with the textbook power/factorial Erlang C
formula in Python floats, falling back to exact ``fractions.Fraction`` arithmetic where floats
overflow. The baseline's answers are checked against ours.

Run: ``.venv/bin/python bench/wfm_staffing.py``
"""

from __future__ import annotations

import json
import math
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction

from tawasol.wfm.staffing import StaffingInput, required_staff

INTERVALS = 96
QUEUES = 50
RUNS = 7
BASELINE_RUNS = 3


def day_of_queues(seed: int = 20261127) -> list[StaffingInput]:
    """A realistic day: per-queue peak volume and AHT, two-humped intraday curve."""
    rng = random.Random(seed)
    inputs = []
    for _ in range(QUEUES):
        peak = rng.uniform(20.0, 600.0)
        aht = rng.uniform(120.0, 600.0)
        target = rng.choice((0.7, 0.8, 0.9))
        answer_within = rng.choice((10.0, 20.0, 30.0, 60.0))
        for interval in range(INTERVALS):
            shape = math.exp(-(((interval - 44) / 14) ** 2)) + 0.6 * math.exp(
                -(((interval - 68) / 10) ** 2)
            )
            inputs.append(
                StaffingInput(
                    contacts=round(peak * shape, 1),
                    interval_seconds=1800.0,
                    aht_seconds=aht,
                    target_service_level=target,
                    answer_within_seconds=answer_within,
                    shrinkage=0.3,
                    max_occupancy=0.9,
                )
            )
    return inputs


def naive_erlang_c(traffic: float, servers: int) -> tuple[float, bool]:
    """Textbook Erlang C with powers and factorials; ``(value, used_fractions)``."""
    try:
        head = sum(traffic**k / math.factorial(k) for k in range(servers))
        tail = traffic**servers / math.factorial(servers) * servers / (servers - traffic)
        return tail / (head + tail), False
    except OverflowError:
        exact = Fraction(traffic)
        head_exact = sum(exact**k / math.factorial(k) for k in range(servers))
        tail_exact = exact**servers / math.factorial(servers) * servers / (servers - exact)
        return float(tail_exact / (head_exact + tail_exact)), True


def naive_required_staff(inp: StaffingInput) -> tuple[int, bool]:
    """Start at one agent and step up, recomputing Erlang C from scratch each time."""
    traffic = inp.traffic
    if traffic == 0.0:
        return 0, False
    used_fractions = False
    agents = 1
    while True:
        if agents > traffic and traffic / agents <= inp.max_occupancy:
            p_wait, exact = naive_erlang_c(traffic, agents)
            used_fractions = used_fractions or exact
            decay = math.exp(-(agents - traffic) * inp.answer_within_seconds / inp.aht_seconds)
            if 1.0 - p_wait * decay >= inp.target_service_level - 1e-12:
                return agents, used_fractions
        agents += 1


def median_ms(run: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000.0)
    return statistics.median(timings), timings


def main() -> None:
    inputs = day_of_queues()
    patient = [replace(inp, patience_seconds=120.0) for inp in inputs]
    ours = [required_staff(inp) for inp in inputs]
    ours_ms, ours_runs = median_ms(lambda: [required_staff(inp) for inp in inputs], RUNS)
    erlang_a_ms, _ = median_ms(lambda: [required_staff(inp) for inp in patient], 3)

    naive = [naive_required_staff(inp) for inp in inputs]
    baseline_ms, baseline_runs = median_ms(
        lambda: [naive_required_staff(inp) for inp in inputs], BASELINE_RUNS
    )
    mismatches = sum(
        1 for mine, (theirs, _) in zip(ours, naive, strict=True) if mine.agents != theirs
    )
    print(
        json.dumps(
            {
                "benchmark": "wfm_staffing",
                "intervals": INTERVALS,
                "queues": QUEUES,
                "searches": len(inputs),
                "max_traffic_erlangs": round(max(inp.traffic for inp in inputs), 1),
                "runs": RUNS,
                "median_ms": round(ours_ms, 2),
                "min_ms": round(min(ours_runs), 2),
                "per_search_us": round(ours_ms * 1000.0 / len(inputs), 2),
                "budget_ms": 200,
                "erlang_a_patience_120s_median_ms": round(erlang_a_ms, 2),
                "baseline": {
                    "method": "naive: N from 1, power/factorial Erlang C, floats then Fraction",
                    "runs": BASELINE_RUNS,
                    "median_ms": round(baseline_ms, 2),
                    "min_ms": round(min(baseline_runs), 2),
                    "searches_needing_fractions": sum(1 for _, exact in naive if exact),
                    "agent_mismatches": mismatches,
                },
                "speedup": round(baseline_ms / ours_ms, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
