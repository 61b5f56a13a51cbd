"""Forecaster and backtest on synthetic histories with known seasonality."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from tawasol.wfm.backtest import backtest, fold_origins, seasonal_naive
from tawasol.wfm.forecast import forecast
from tawasol.wfm.history import IntervalSeries, SeriesKey
from tawasol.wfm.synth import SyntheticSeries, default_portfolio, expected_volumes, synthetic_series

MONDAY = date(2025, 1, 6)


def test_model_beats_seasonal_naive_on_seasonal_data() -> None:
    history = synthetic_series(default_portfolio(1), start=MONDAY, days=56, seed=7)
    result = backtest(history, horizon_days=7, folds=3)
    assert result.model.wape < result.baseline.wape
    assert result.model.wape < 0.9 * result.baseline.wape
    assert result.model.mape is not None and result.baseline.mape is not None
    assert result.model.mape < result.baseline.mape


def test_backtest_numbers_are_sane() -> None:
    history = synthetic_series(default_portfolio(1), start=MONDAY, days=42, seed=3)
    result = backtest(history, horizon_days=7, folds=2)
    assert result.folds == 2 and result.horizon_days == 7
    assert result.intervals == 2 * 7 * 8 * 48
    assert 0.0 < result.model.wape < 1.0
    assert 0.0 < result.baseline.wape < 1.5
    truth = sum(s.counts[-14:].sum() for s in history.values())
    assert result.actual_contacts == pytest.approx(truth)
    assert fold_origins(42, 7, 2) == [28, 35]
    with pytest.raises(ValueError, match="cannot hold"):
        fold_origins(20, 7, 2)


def _periodic(days: int) -> IntervalSeries:
    week = np.arange(7 * 48, dtype=float).reshape(7, 48) % 11
    counts = np.tile(week, (days // 7, 1))
    return IntervalSeries(
        key=SeriesKey("c", "email", "fr"), start=MONDAY, interval_minutes=30, timezone="UTC",
        counts=counts, handle_sum=counts * 200.0, handle_count=counts.copy(),
    )  # fmt: skip


def test_exactly_periodic_series() -> None:
    series = _periodic(42)
    assert np.array_equal(seasonal_naive(series.head(35), 10)[7:], series.counts[28:31])
    result = backtest(series, horizon_days=7, folds=2)
    assert result.baseline.wape == 0.0
    assert result.model.wape < 0.05
    predicted = forecast({series.key: series}, 7)[series.key]
    assert np.allclose(predicted.aht[predicted.volume > 1], 200.0, rtol=0.05)


def test_thin_series_borrows_the_intraday_shape() -> None:
    specs = [
        SyntheticSeries(SeriesKey("c", "webchat", "fr"), 800.0, 400.0),
        SyntheticSeries(SeriesKey("c", "webchat", "es"), 6.0, 400.0),
    ]
    history = synthetic_series(specs, start=MONDAY, days=56, seed=5)
    thin = forecast(history, 7)[specs[1].key]
    truth = expected_volumes(specs[1], start=MONDAY + timedelta(days=56), days=7)
    own_last_week = history[specs[1].key].counts[-7:]
    pooled_error = np.abs(thin.volume - truth).sum()
    naive_error = np.abs(own_last_week - truth).sum()
    assert pooled_error < 0.6 * naive_error
    assert thin.total == pytest.approx(truth.sum(), rel=0.25)


def test_holidays_lower_the_forecast() -> None:
    specs = [SyntheticSeries(SeriesKey("c", "voice", "ar"), 500.0, 240.0)]
    history = synthetic_series(specs, start=MONDAY, days=112, seed=11)  # to 27 April
    predicted = forecast(history, 7)[specs[0].key]  # 28 April - 4 May, Labour Day on Thursday
    daily = predicted.volume.sum(axis=1)
    labour_day = predicted.dates().index(date(2025, 5, 1))
    assert daily[labour_day] < 0.6 * daily[labour_day - 1]


def test_ramadan_moves_contacts_to_the_evening() -> None:
    specs = [SyntheticSeries(SeriesKey("c", "webchat", "ar"), 400.0, 420.0)]
    start = date(2024, 1, 1)
    history = synthetic_series(specs, start=start, days=(date(2025, 3, 1) - start).days, seed=2)
    predicted = forecast(history, 9)[specs[0].key]  # 1-9 March 2025: Ramadan from 2 March
    days = predicted.dates()
    ordinary = predicted.volume[days.index(date(2025, 3, 1))]
    ramadan = predicted.volume[days.index(date(2025, 3, 8))]  # both Saturdays
    evening = slice(42, 48)  # 21:00-24:00
    assert ramadan[evening].sum() / ramadan.sum() > 2 * ordinary[evening].sum() / ordinary.sum()
    iftar = slice(38, 39)  # 19:00-19:30
    assert ramadan[iftar].sum() / ramadan.sum() < 0.5 * ordinary[iftar].sum() / ordinary.sum()


def test_forecast_validates_input() -> None:
    with pytest.raises(ValueError, match="horizon_days"):
        forecast({}, 0)
    assert forecast({}, 7) == {}
