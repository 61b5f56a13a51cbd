"""Rolling-origin backtest of the forecaster against a seasonal-naive baseline.

Each fold cuts the history at an origin, forecasts the next ``horizon_days`` days from what came
before, and compares interval by interval with what actually happened. Origins step back from
the end of the history by ``horizon_days``, so the last fold ends on the last day.

Errors over every series, fold and interval:

* WAPE = sum |forecast - actual| / sum actual (the figure planners should read: it weighs busy
  intervals more and is defined when some intervals are empty);
* MAPE = mean of |forecast - actual| / actual over intervals with a non-zero actual (reported
  because it is customary; it punishes quiet intervals heavily).

The baseline is the seasonal naive forecast: the same interval one week earlier (for horizons
past seven days the last observed week repeats).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from tawasol.wfm.calendar import MOROCCO, HolidayCalendar
from tawasol.wfm.forecast import ForecastConfig, forecast
from tawasol.wfm.history import IntervalSeries, SeriesKey

MIN_TRAINING_DAYS = 14
WEEK = 7


@dataclass(frozen=True, slots=True)
class ErrorMetrics:
    """Forecast error of one method; ``mape`` is None when every actual was zero."""

    wape: float
    mape: float | None

    def as_dict(self) -> dict[str, float | None]:
        """JSON-ready figures."""
        return {"wape": self.wape, "mape": self.mape}


@dataclass(frozen=True, slots=True)
class BacktestResult:
    """Errors of the model and the baseline over ``folds`` origins."""

    model: ErrorMetrics
    baseline: ErrorMetrics
    folds: int
    horizon_days: int
    intervals: int
    actual_contacts: float

    def as_dict(self) -> dict[str, object]:
        """JSON-ready summary."""
        return {
            "model": self.model.as_dict(),
            "baseline": self.baseline.as_dict(),
            "folds": self.folds,
            "horizon_days": self.horizon_days,
            "intervals": self.intervals,
            "actual_contacts": self.actual_contacts,
        }


def seasonal_naive(history: IntervalSeries, horizon_days: int) -> np.ndarray:
    """The last observed week repeated over ``horizon_days`` days."""
    if history.days < WEEK:
        raise ValueError("seasonal naive needs at least one week of history")
    last_week = history.counts[-WEEK:]
    repeats = -(-horizon_days // WEEK)
    return np.tile(last_week, (repeats, 1))[:horizon_days]


class _ErrorSums:
    def __init__(self) -> None:
        self.absolute = 0.0
        self.actual = 0.0
        self.relative = 0.0
        self.nonzero = 0

    def add(self, predicted: np.ndarray, actual: np.ndarray) -> None:
        error = np.abs(predicted - actual)
        self.absolute += float(error.sum())
        self.actual += float(actual.sum())
        mask = actual > 0
        self.relative += float((error[mask] / actual[mask]).sum())
        self.nonzero += int(mask.sum())

    def metrics(self) -> ErrorMetrics:
        wape = self.absolute / self.actual if self.actual > 0 else float("nan")
        mape = self.relative / self.nonzero if self.nonzero else None
        return ErrorMetrics(wape=wape, mape=mape)


def fold_origins(days: int, horizon_days: int, folds: int) -> list[int]:
    """History rows where each fold's forecast starts (oldest first)."""
    if horizon_days < 1 or folds < 1:
        raise ValueError("horizon_days and folds must be >= 1")
    origins = [days - horizon_days * (folds - index) for index in range(folds)]
    if origins[0] < MIN_TRAINING_DAYS:
        raise ValueError(
            f"{days} days of history cannot hold {folds} fold(s) of {horizon_days} day(s) after "
            f"{MIN_TRAINING_DAYS} days of training"
        )
    return origins


def backtest(
    series: IntervalSeries | Mapping[SeriesKey, IntervalSeries],
    horizon_days: int = 7,
    folds: int = 4,
    *,
    config: ForecastConfig | None = None,
    calendar: HolidayCalendar = MOROCCO,
    on_fold: Callable[[int], None] | None = None,
) -> BacktestResult:
    """WAPE and MAPE of the model and of the seasonal-naive baseline.

    Several series (all on one grid, as :func:`~tawasol.wfm.history.bucket_arrivals` makes them)
    are forecast together, as in production, and their errors are pooled. ``on_fold`` is called
    after each fold (progress reporting).
    """
    history = {series.key: series} if isinstance(series, IntervalSeries) else dict(series)
    if not history:
        raise ValueError("nothing to backtest")
    grids = {(s.start, s.days) for s in history.values()}
    if len(grids) != 1:
        raise ValueError("backtested series must share one grid (same first day and length)")
    ((_, days),) = grids
    model, baseline = _ErrorSums(), _ErrorSums()
    origins = fold_origins(days, horizon_days, folds)
    for index, origin in enumerate(origins):
        training = {key: s.head(origin) for key, s in history.items()}
        predicted = forecast(training, horizon_days, config=config, calendar=calendar)
        for key, s in history.items():
            actual = s.window(origin, horizon_days).counts
            model.add(predicted[key].volume, actual)
            baseline.add(seasonal_naive(training[key], horizon_days), actual)
        if on_fold is not None:
            on_fold(index + 1)
    return BacktestResult(
        model=model.metrics(),
        baseline=baseline.metrics(),
        folds=len(origins),
        horizon_days=horizon_days,
        intervals=len(origins)
        * horizon_days
        * len(history)
        * next(iter(history.values())).slots_per_day,
        actual_contacts=model.actual,
    )
