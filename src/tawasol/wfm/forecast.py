"""Interval forecasts of contact volume and handle time per (client, channel, language).

Model (multiplicative decomposition, chosen over a dummy regression, see below)::

    volume(day, slot) = level x weekday(dow) x effect(day) x shape[day type, dow](slot)

* ``level`` - deseasonalised daily volume, tracked by simple exponential smoothing over the
  ordinary days of the history; the smoothing constant is picked per series from a small grid
  by one-step-ahead squared error. Holidays and Ramadan days neither update nor distort it.
* ``weekday`` - mean volume of each weekday relative to the week (mean 1), from recent ordinary
  days weighted by ``week_decay ** weeks_ago``.
* ``effect`` - 1 on ordinary days; a holiday factor and a Ramadan factor, each the ratio of the
  observed to the expected daily volume on such days of the history, shrunk towards a prior
  (0.5 for holidays, 1 for Ramadan) by a few pseudo-days so that one odd day does not decide it.
* ``shape`` - share of the day's volume in each wall-clock slot, per weekday and day type
  (ordinary or Ramadan; holidays use the Sunday shape). Estimated from recency-weighted counts
  with a Dirichlet prior: ``(own counts + k x parent shape) / (own total + k)`` where the parent
  is the same shape pooled over the client's channel across languages, itself pooled over all
  series, itself pooled over weekdays. A thin series (a few contacts a day) therefore borrows
  the intraday shape of its channel and is not a noisy copy of last week; a big one keeps its
  own. Recency weights restart for each day type, so a Ramadan eleven months back still shapes
  the next Ramadan (Ramadan shapes need at least ``min_ramadan_days`` days somewhere in the
  history, otherwise the ordinary shape is used).

AHT per slot is the recency-weighted handle time of the series in that slot, shrunk towards the
series mean, itself shrunk towards the channel's mean (``default_aht_seconds`` with no data).

Why not a regression on weekday x interval dummies with holiday and Ramadan terms? With 30-minute
intervals that is 336 coefficients per series plus the effects: eight weeks of history give one
observation per coefficient, so thin series overfit to noise, and the additive form gets count
data wrong (a holiday removes a share of each interval, not a constant). A log-link Poisson
regression fixes the latter but needs iterative fitting per series and still no pooling. The
decomposition needs a few dozen parameters per series, shares strength across languages, fits in
one pass of numpy and is easy to explain to a planner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from tawasol.wfm.calendar import MOROCCO, HolidayCalendar
from tawasol.wfm.history import IntervalSeries, SeriesKey

ORDINARY, RAMADAN, HOLIDAY = 0, 1, 2
SHAPE_TYPES = (ORDINARY, RAMADAN)
SUNDAY = 6


@dataclass(frozen=True, slots=True)
class ForecastConfig:
    """Tuning knobs; the defaults suit 15/30-minute contact-centre data."""

    alphas: tuple[float, ...] = (0.03, 0.08, 0.15, 0.3, 0.5)
    week_decay: float = 0.8
    shape_prior_contacts: float = 300.0
    weekday_prior_contacts: float = 150.0
    holiday_factor_prior: float = 0.5
    holiday_prior_days: float = 2.0
    ramadan_factor_prior: float = 1.0
    ramadan_prior_days: float = 5.0
    min_ramadan_days: int = 7
    aht_prior_contacts: float = 30.0
    default_aht_seconds: float = 300.0

    def __post_init__(self) -> None:
        if not self.alphas or any(not 0 < a <= 1 for a in self.alphas):
            raise ValueError("alphas must be a non-empty list of values in (0, 1]")
        if not 0 < self.week_decay <= 1:
            raise ValueError("week_decay must be in (0, 1]")


@dataclass(frozen=True, slots=True)
class SeriesForecast:
    """Expected contacts and AHT (seconds) per local ``days x slots`` grid."""

    key: SeriesKey
    start: date
    interval_minutes: int
    timezone: str
    volume: np.ndarray
    aht: np.ndarray

    @property
    def total(self) -> float:
        """Contacts over the whole horizon."""
        return float(self.volume.sum())

    def dates(self) -> list[date]:
        """Local dates of the rows."""
        return [self.start + timedelta(days=row) for row in range(self.volume.shape[0])]


@dataclass(frozen=True, slots=True)
class _DayInfo:
    kinds: np.ndarray  # ORDINARY / RAMADAN / HOLIDAY per row
    weekdays: np.ndarray
    weights: np.ndarray  # recency weight, restarting for each day type


@dataclass(frozen=True, slots=True)
class _Fit:
    level: float
    weekday: np.ndarray
    holiday: float
    ramadan: float


def day_kind(day: date, calendar: HolidayCalendar) -> int:
    """ORDINARY, RAMADAN or HOLIDAY (a holiday during Ramadan counts as a holiday)."""
    if calendar.is_holiday(day):
        return HOLIDAY
    return RAMADAN if calendar.is_ramadan(day) else ORDINARY


def _day_info(start: date, days: int, calendar: HolidayCalendar, decay: float) -> _DayInfo:
    dates = [start + timedelta(days=row) for row in range(days)]
    kinds = np.array([day_kind(day, calendar) for day in dates], dtype=np.int8)
    weekdays = np.array([day.weekday() for day in dates], dtype=np.int8)
    weights = np.zeros(days)
    rows = np.arange(days)
    for kind in (ORDINARY, RAMADAN, HOLIDAY):
        mask = kinds == kind
        if mask.any():
            last = rows[mask].max()
            weights[mask] = decay ** ((last - rows[mask]) / 7.0)
    return _DayInfo(kinds=kinds, weekdays=weekdays, weights=weights)


def _shape_counts(series: IntervalSeries, info: _DayInfo) -> np.ndarray:
    """Recency-weighted counts, ``[type][weekday][slot]`` (holidays left out)."""
    counts = np.zeros((len(SHAPE_TYPES), 7, series.slots_per_day))
    weighted = series.counts * info.weights[:, None]
    for kind in SHAPE_TYPES:
        for weekday in range(7):
            mask = (info.kinds == kind) & (info.weekdays == weekday)
            if mask.any():
                counts[kind, weekday] = weighted[mask].sum(axis=0)
    return counts


def _shrink(counts: np.ndarray, prior: np.ndarray, strength: float) -> np.ndarray:
    """Dirichlet posterior mean of shares along the last axis."""
    total = counts.sum(axis=-1, keepdims=True)
    return (counts + strength * prior) / (total + strength)


def _pooled_shapes(
    counts: np.ndarray, parent: np.ndarray | None, config: ForecastConfig, ramadan_days: float
) -> np.ndarray:
    """Shapes ``[type][weekday][slot]`` shrunk towards ``parent`` (or a weekday-pooled root)."""
    strength = config.shape_prior_contacts
    if parent is None:
        slots = counts.shape[-1]
        uniform = np.full(slots, 1.0 / slots)
        all_week = _shrink(counts.sum(axis=1), uniform, 1.0)  # [type][slot]
        parent = np.repeat(all_week[:, None, :], 7, axis=1)
        parent = _shrink(counts, parent, strength)
        if ramadan_days < config.min_ramadan_days:
            parent[RAMADAN] = parent[ORDINARY]
        return parent
    return _shrink(counts, parent, strength)


def _weekday_factors(
    series: IntervalSeries, info: _DayInfo, prior: np.ndarray, config: ForecastConfig
) -> np.ndarray:
    """Weekday factors (mean 1) shrunk towards ``prior`` shares."""
    daily = series.counts.sum(axis=1)
    means = np.full(7, np.nan)
    for weekday in range(7):
        mask = (info.kinds == ORDINARY) & (info.weekdays == weekday)
        if mask.any() and info.weights[mask].sum() > 0:
            means[weekday] = np.average(daily[mask], weights=info.weights[mask])
    known = ~np.isnan(means)
    if not known.any() or means[known].sum() <= 0:
        return 7.0 * prior
    scale = means[known].sum() / prior[known].sum()
    means[~known] = prior[~known] * scale
    shares = means / means.sum()
    effective = float((daily * info.weights)[info.kinds == ORDINARY].sum())
    strength = config.weekday_prior_contacts
    return 7.0 * (effective * shares + strength * prior) / (effective + strength)


def _weekday_shares(counts: np.ndarray) -> np.ndarray:
    """Weekday shares from shape counts of ordinary days (uniform when empty)."""
    totals = counts[ORDINARY].sum(axis=1)
    return totals / totals.sum() if totals.sum() > 0 else np.full(7, 1.0 / 7.0)


def _smooth_level(
    daily: np.ndarray, info: _DayInfo, weekday: np.ndarray, alpha: float, config: ForecastConfig
) -> tuple[_Fit, float]:
    """One exponential-smoothing pass: final level, effect factors and one-step SSE."""
    seasonal = weekday[info.weekdays]
    deseasonalised = np.divide(daily, seasonal, out=np.zeros_like(daily), where=seasonal > 0)
    ordinary = np.flatnonzero(info.kinds == ORDINARY)
    if ordinary.size == 0:
        level = float(deseasonalised.mean())
    else:
        level = float(deseasonalised[ordinary[:7]].mean())
    warmup_end = ordinary[6] if ordinary.size > 7 else -1
    sse = 0.0
    special: dict[int, list[float]] = {HOLIDAY: [0.0, 0.0], RAMADAN: [0.0, 0.0]}
    for row, (kind, value) in enumerate(zip(info.kinds, deseasonalised, strict=True)):
        if kind == ORDINARY:
            error = value - level
            if row > warmup_end:
                sse += error * error
            level += alpha * error
        else:
            special[int(kind)][0] += value
            special[int(kind)][1] += level
    mean_level = max(float(deseasonalised.mean()), 1e-9)

    def factor(kind: int, prior: float, days: float) -> float:
        observed, expected = special[kind]
        return (observed + days * prior * mean_level) / (expected + days * mean_level)

    fit = _Fit(
        level=max(level, 0.0),
        weekday=weekday,
        holiday=factor(HOLIDAY, config.holiday_factor_prior, config.holiday_prior_days),
        ramadan=factor(RAMADAN, config.ramadan_factor_prior, config.ramadan_prior_days),
    )
    return fit, sse


def _fit_level(
    series: IntervalSeries, info: _DayInfo, weekday: np.ndarray, config: ForecastConfig
) -> _Fit:
    daily = series.counts.sum(axis=1)
    best: tuple[float, _Fit] | None = None
    for alpha in config.alphas:
        fit, sse = _smooth_level(daily, info, weekday, alpha, config)
        if best is None or sse < best[0]:
            best = (sse, fit)
    assert best is not None
    return best[1]


def _aht_profiles(
    history: Mapping[SeriesKey, IntervalSeries],
    infos: Mapping[SeriesKey, _DayInfo],
    config: ForecastConfig,
) -> dict[SeriesKey, np.ndarray]:
    """AHT per slot: slot -> series mean -> (client, channel) mean -> default."""
    sums: dict[SeriesKey, tuple[np.ndarray, np.ndarray]] = {}
    group_sum: dict[tuple[str, str], float] = defaultdict(float)
    group_count: dict[tuple[str, str], float] = defaultdict(float)
    for key, series in history.items():
        weights = infos[key].weights[:, None]
        handle_sum = (series.handle_sum * weights).sum(axis=0)
        handle_count = (series.handle_count * weights).sum(axis=0)
        sums[key] = (handle_sum, handle_count)
        group_sum[key[:2]] += float(handle_sum.sum())
        group_count[key[:2]] += float(handle_count.sum())
    strength = config.aht_prior_contacts
    profiles = {}
    for key, (handle_sum, handle_count) in sums.items():
        group = key[:2]
        group_mean = (group_sum[group] + strength * config.default_aht_seconds) / (
            group_count[group] + strength
        )
        series_mean = (handle_sum.sum() + strength * group_mean) / (handle_count.sum() + strength)
        profiles[key] = (handle_sum + strength * series_mean) / (handle_count + strength)
    return profiles


def forecast(
    history: Mapping[SeriesKey, IntervalSeries],
    horizon_days: int,
    *,
    start: date | None = None,
    config: ForecastConfig | None = None,
    calendar: HolidayCalendar = MOROCCO,
) -> dict[SeriesKey, SeriesForecast]:
    """Forecast every series of ``history`` for ``horizon_days`` days from ``start``.

    ``start`` defaults to the day after the latest history day. Series are fitted together so
    that thin ones borrow intraday shapes from the others.
    """
    if horizon_days < 1:
        raise ValueError("horizon_days must be >= 1")
    if not history:
        return {}
    config = config or ForecastConfig()
    intervals = {series.interval_minutes for series in history.values()}
    if len(intervals) != 1:
        raise ValueError("all series must use the same interval length")
    first = next(iter(history.values()))
    start = start or max(s.start + timedelta(days=s.days) for s in history.values())

    infos = {
        key: _day_info(series.start, series.days, calendar, config.week_decay)
        for key, series in history.items()
    }
    counts = {key: _shape_counts(series, infos[key]) for key, series in history.items()}
    ramadan_days = max(float((info.kinds == RAMADAN).sum()) for info in infos.values())
    root = _pooled_shapes(np.sum(list(counts.values()), axis=0), None, config, ramadan_days)
    group_counts: dict[tuple[str, str], np.ndarray] = {}
    for key, value in counts.items():
        group = (key.client, key.channel)
        group_counts[group] = group_counts[group] + value if group in group_counts else value
    group_shapes = {
        group: _pooled_shapes(value, root, config, ramadan_days)
        for group, value in group_counts.items()
    }
    group_weekday = {group: _weekday_shares(value) for group, value in group_counts.items()}
    aht = _aht_profiles(history, infos, config)

    future = [start + timedelta(days=row) for row in range(horizon_days)]
    future_kinds = [day_kind(day, calendar) for day in future]
    result = {}
    for key, series in history.items():
        info = infos[key]
        shapes = _pooled_shapes(counts[key], group_shapes[key[:2]], config, ramadan_days)
        weekday = _weekday_factors(series, info, group_weekday[key[:2]], config)
        fit = _fit_level(series, info, weekday, config)
        volume = np.empty((horizon_days, first.slots_per_day))
        for row, (day, kind) in enumerate(zip(future, future_kinds, strict=True)):
            daily = fit.level * fit.weekday[day.weekday()]
            if kind == HOLIDAY:
                volume[row] = daily * fit.holiday * shapes[ORDINARY, SUNDAY]
            elif kind == RAMADAN:
                volume[row] = daily * fit.ramadan * shapes[RAMADAN, day.weekday()]
            else:
                volume[row] = daily * shapes[ORDINARY, day.weekday()]
        result[key] = SeriesForecast(
            key=key,
            start=start,
            interval_minutes=series.interval_minutes,
            timezone=series.timezone,
            volume=volume,
            aht=np.repeat(aht[key][None, :], horizon_days, axis=0),
        )
    return result
