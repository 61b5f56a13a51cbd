"""Benchmark: schedule a 100-advisor week of 30-minute requirements with OR-Tools.

The requirement comes from the pipeline itself: a synthetic history of one client brand (eight
weeks), forecast for the next week, turned into heads per interval (Erlang C, 80/20, 30%
shrinkage) and scaled so that the week needs about three quarters of what 100 advisors can give
at 44 hours each, breaks included. Prints one JSON line: the solve time, the understaffed
interval-hours (intervals with any shortfall) and advisor-hours, the surplus, advisors used, and
a ``baseline`` measured in the same run: the same requirement covered by the greedy cover alone
(no LP, no CP-SAT), to show what the solver adds.

Run: ``.venv/bin/python bench/wfm_schedule.py``
"""

from __future__ import annotations

import json
import time
from datetime import date

import numpy as np

from tawasol.wfm.cover_greedy import greedy_cover
from tawasol.wfm.coverage import TeamCapacity
from tawasol.wfm.forecast import forecast
from tawasol.wfm.plan import ServiceTarget, plan_from_forecast
from tawasol.wfm.schedule import ScheduleProblem, solve_schedule
from tawasol.wfm.schedule_problem import quarter_demand, quarter_weights
from tawasol.wfm.shifts import shift_templates
from tawasol.wfm.synth import default_portfolio, synthetic_series

ADVISORS = 100
TIME_LIMIT = 10.0
TARGET_LOAD = 0.75


def week_requirement() -> tuple[date, list[int]]:
    """Heads per 30-minute interval for one week, from forecast and Erlang C."""
    history = synthetic_series(default_portfolio(1), start=date(2025, 1, 6), days=56, seed=99)
    plan = plan_from_forecast(forecast(history, 7), target=ServiceTarget(shrinkage=0.3))
    heads = plan.total_scheduled().astype(float)
    capacity_hours = ADVISORS * 44 * 0.88  # about 12% of shift time goes to breaks
    scale = TARGET_LOAD * capacity_hours / (heads.sum() / 2)
    return plan.start, [int(round(h * scale)) for h in heads]


def main() -> None:
    first_day, required = week_requirement()
    problem = ScheduleProblem(
        required=required,
        interval_minutes=30,
        first_day=first_day,
        advisors=ADVISORS,
        time_limit_seconds=TIME_LIMIT,
    )
    schedule = solve_schedule(problem)

    demand = quarter_demand(problem)
    started = time.perf_counter()
    templates = shift_templates(
        problem.rules, demand=demand, interval_minutes=30, first_day=first_day
    )
    greedy = greedy_cover(
        templates,
        np.asarray(demand, dtype=float),
        np.asarray(quarter_weights(problem), dtype=float),
        TeamCapacity.of(problem),
    )
    greedy_seconds = time.perf_counter() - started
    floor = greedy.on_floor(templates, len(demand))
    gap = np.asarray(demand) - floor
    print(
        json.dumps(
            {
                "benchmark": "wfm_schedule",
                "advisors": ADVISORS,
                "days": problem.days,
                "interval_minutes": 30,
                "required_hours": schedule.required_hours,
                "peak_required": max(required),
                "time_limit_s": TIME_LIMIT,
                "solve_s": round(schedule.solve_seconds, 2),
                "status": schedule.status,
                "understaffed_interval_hours": schedule.understaffed_interval_hours,
                "understaffed_advisor_hours": schedule.understaffed_hours,
                "overstaffed_advisor_hours": schedule.overstaffed_hours,
                "surplus_share": round(schedule.overstaffed_hours / schedule.required_hours, 4),
                "advisors_used": schedule.advisors_used,
                "unplaced_shifts": schedule.unplaced_shifts,
                "shifts": len(schedule.shifts),
                "max_week_hours": max(schedule.minutes_by_advisor().values()) / 60,
                "baseline": {
                    "method": "greedy cover only (no LP rounding, no CP-SAT breaks)",
                    "seconds": round(greedy_seconds, 2),
                    "understaffed_advisor_hours": float(np.clip(gap, 0, None).sum()) / 4,
                    "overstaffed_advisor_hours": float(np.clip(-gap, 0, None).sum()) / 4,
                    "shifts": sum(greedy.takers.values()),
                },
            }
        )
    )


if __name__ == "__main__":
    main()
