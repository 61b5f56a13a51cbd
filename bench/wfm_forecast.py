"""Benchmark: forecast 50 series x 8 weeks of 30-minute history, against the seasonal naive.

Prints one JSON line: the median wall time of a 7-day forecast of all 50 series fitted together
(pooled shapes), the time of the seasonal-naive baseline on the same data, and both methods'
WAPE / MAPE from a rolling backtest (3 folds of 7 days) over all series, all in the same run.
Data: the synthetic generator (weekly and intraday seasonality, holidays, day-level noise,
Poisson counts), 7 client brands x 8 channel-language series (one dropped to make 50).

Run: ``.venv/bin/python bench/wfm_forecast.py``
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from tawasol.wfm.backtest import backtest, seasonal_naive
from tawasol.wfm.forecast import forecast
from tawasol.wfm.synth import default_portfolio, synthetic_series

SERIES = 50
DAYS = 56
HORIZON = 7
RUNS = 5
T = TypeVar("T")


def timed(run: Callable[[], T], runs: int) -> tuple[T, float]:
    """Last result and median wall milliseconds over ``runs`` calls (after one warm-up)."""
    result = run()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        timings.append((time.perf_counter() - started) * 1000.0)
    return result, statistics.median(timings)


def main() -> None:
    specs = default_portfolio(7)[:SERIES]
    history = synthetic_series(specs, start=date(2025, 1, 6), days=DAYS, seed=2026)
    _, forecast_ms = timed(lambda: forecast(history, HORIZON), RUNS)
    _, naive_ms = timed(lambda: {k: seasonal_naive(s, HORIZON) for k, s in history.items()}, RUNS)
    started = time.perf_counter()
    result = backtest(history, HORIZON, folds=3)
    backtest_ms = (time.perf_counter() - started) * 1000.0
    print(
        json.dumps(
            {
                "benchmark": "wfm_forecast",
                "series": len(history),
                "history_days": DAYS,
                "interval_minutes": 30,
                "horizon_days": HORIZON,
                "history_contacts": int(sum(s.total for s in history.values())),
                "runs": RUNS,
                "forecast_median_ms": round(forecast_ms, 2),
                "per_series_ms": round(forecast_ms / len(history), 3),
                "model": {
                    "wape": round(result.model.wape, 4),
                    "mape": round(result.model.mape or 0, 4),
                },
                "backtest_folds": result.folds,
                "backtest_ms": round(backtest_ms, 1),
                "baseline": {
                    "method": "seasonal naive (same interval one week earlier)",
                    "median_ms": round(naive_ms, 3),
                    "wape": round(result.baseline.wape, 4),
                    "mape": round(result.baseline.mape or 0, 4),
                },
            }
        )
    )


if __name__ == "__main__":
    main()
