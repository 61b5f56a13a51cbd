"""Synthetic contact history for tests, benchmarks and demos (no real data needed).

The generator draws Poisson counts per local wall-clock interval around an expected volume

    daily volume x weekday factor x day effect x intraday shape(day type) x day noise

with a Moroccan working week (Monday busiest, Friday's midday prayer dip, quiet weekend),
public holidays at about a third of normal volume and Ramadan days whose shape shifts later: a
weaker morning, a trough at iftar (around 19:00 local) and a peak after it, with slightly fewer
contacts overall. Handle times are lognormal around each series' AHT, a little longer in the
evening. Everything is seeded and deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from tawasol.wfm.calendar import MOROCCO, HolidayCalendar
from tawasol.wfm.history import (
    DEFAULT_TIMEZONE,
    Arrival,
    IntervalSeries,
    SeriesKey,
    slot_start,
    slots_per_day,
)

# Monday .. Sunday.
WEEKDAY_FACTORS = (1.18, 1.06, 1.0, 1.0, 0.92, 0.62, 0.42)
HOLIDAY_FACTOR = 0.35
RAMADAN_FACTOR = 0.9
IFTAR_HOUR = 19.0
DAY_NOISE_CV = 0.04
HANDLE_CV = 0.6


@dataclass(frozen=True, slots=True)
class SyntheticSeries:
    """One series to generate: its key, mean contacts on a Wednesday and mean handle time."""

    key: SeriesKey
    daily_contacts: float
    aht_seconds: float


def default_portfolio(clients: int = 1, *, scale: float = 1.0) -> list[SyntheticSeries]:
    """A realistic mix per client: French and Arabic heavy, English thin, Spanish very thin."""
    mix = (
        ("webchat", "fr", 520.0, 420.0),
        ("webchat", "ar", 380.0, 450.0),
        ("webchat", "en", 45.0, 400.0),
        ("whatsapp", "ar", 260.0, 500.0),
        ("whatsapp", "fr", 150.0, 480.0),
        ("email", "fr", 90.0, 600.0),
        ("voice", "ar", 300.0, 240.0),
        ("voice", "es", 12.0, 260.0),
    )
    return [
        SyntheticSeries(
            key=SeriesKey(f"client-{index + 1}", channel, language),
            daily_contacts=volume * scale * (1.0 + 0.15 * index),
            aht_seconds=aht,
        )
        for index in range(clients)
        for channel, language, volume, aht in mix
    ]


def _bump(hours: np.ndarray, centre: float, width: float) -> np.ndarray:
    return np.exp(-0.5 * ((hours - centre) / width) ** 2)


def intraday_shape(slots: int, *, weekday: int, ramadan: bool) -> np.ndarray:
    """Share of a day's contacts per wall-clock slot (sums to 1)."""
    hours = (np.arange(slots) + 0.5) * 24.0 / slots
    night = 0.015 * np.ones(slots)
    if ramadan:
        curve = (
            0.55 * _bump(hours, 11.5, 1.6)
            + 0.7 * _bump(hours, 14.5, 1.5)
            + 1.1 * _bump(hours, 21.5, 1.2)
            + 0.35 * _bump(hours, 23.3, 0.8)
        )
        curve *= 1.0 - 0.85 * _bump(hours, IFTAR_HOUR + 0.25, 0.45)
    else:
        curve = 1.0 * _bump(hours, 10.5, 1.5) + 0.8 * _bump(hours, 15.0, 1.9)
        curve += 0.25 * _bump(hours, 20.0, 1.5)
        if weekday == 4:  # Friday: the midday prayer.
            curve *= 1.0 - 0.55 * _bump(hours, 13.25, 0.6)
    curve = curve + night
    return curve / curve.sum()


def expected_volumes(
    spec: SyntheticSeries,
    *,
    start: date,
    days: int,
    interval_minutes: int = 30,
    calendar: HolidayCalendar = MOROCCO,
    weekly_growth: float = 0.0,
    rng: np.random.Generator | None = None,
) -> np.ndarray:
    """Expected contacts per ``days x slots`` (with day-to-day noise when ``rng`` is given)."""
    slots = slots_per_day(interval_minutes)
    grid = np.empty((days, slots))
    for row in range(days):
        day = start + timedelta(days=row)
        ramadan = calendar.is_ramadan(day)
        factor = WEEKDAY_FACTORS[day.weekday()] * (1.0 + weekly_growth) ** (row / 7.0)
        if calendar.is_holiday(day):
            factor *= HOLIDAY_FACTOR
        if ramadan:
            factor *= RAMADAN_FACTOR
        if rng is not None:
            factor *= max(0.5, rng.normal(1.0, DAY_NOISE_CV))
        shape = intraday_shape(slots, weekday=day.weekday(), ramadan=ramadan)
        grid[row] = spec.daily_contacts * factor * shape
    return grid


def _evening_handle_factor(slots: int) -> np.ndarray:
    hours = (np.arange(slots) + 0.5) * 24.0 / slots
    return 1.0 + 0.12 * (hours >= 18.0)


def synthetic_series(
    specs: Sequence[SyntheticSeries],
    *,
    start: date,
    days: int,
    interval_minutes: int = 30,
    seed: int = 0,
    calendar: HolidayCalendar = MOROCCO,
    weekly_growth: float = 0.0,
    timezone: str = DEFAULT_TIMEZONE,
) -> dict[SeriesKey, IntervalSeries]:
    """Interval grids drawn directly (fast: no per-contact objects)."""
    rng = np.random.default_rng(seed)
    result: dict[SeriesKey, IntervalSeries] = {}
    for spec in specs:
        mean = expected_volumes(
            spec,
            start=start,
            days=days,
            interval_minutes=interval_minutes,
            calendar=calendar,
            weekly_growth=weekly_growth,
            rng=rng,
        )
        counts = rng.poisson(mean).astype(float)
        slot_aht = spec.aht_seconds * _evening_handle_factor(counts.shape[1])
        # A sum of n gamma(k, theta) handle times is gamma(n k, theta): exact, and vectorised.
        shape = 1.0 / HANDLE_CV**2
        handle_sum = np.where(
            counts > 0,
            rng.gamma(np.maximum(counts, 1.0) * shape, slot_aht[None, :] / shape),
            0.0,
        )
        result[spec.key] = IntervalSeries(
            key=spec.key,
            start=start,
            interval_minutes=interval_minutes,
            timezone=timezone,
            counts=counts,
            handle_sum=handle_sum,
            handle_count=counts.copy(),
        )
    return result


def synthetic_arrivals(
    specs: Sequence[SyntheticSeries],
    *,
    start: date,
    days: int,
    interval_minutes: int = 30,
    seed: int = 0,
    calendar: HolidayCalendar = MOROCCO,
    timezone: str = DEFAULT_TIMEZONE,
    known_handle_share: float = 0.9,
) -> list[Arrival]:
    """Individual contacts (UTC timestamps) as the reporting events would give them.

    A share ``1 - known_handle_share`` of contacts has no handle time (never assigned or not
    resolved yet), as in real data.
    """
    rng = np.random.default_rng(seed)
    zone = ZoneInfo(timezone)
    interval = timedelta(minutes=interval_minutes)
    sigma = math.sqrt(math.log1p(HANDLE_CV**2))
    arrivals: list[Arrival] = []
    for spec in specs:
        mean = expected_volumes(
            spec,
            start=start,
            days=days,
            interval_minutes=interval_minutes,
            calendar=calendar,
            rng=rng,
        )
        counts = rng.poisson(mean)
        slot_aht = spec.aht_seconds * _evening_handle_factor(counts.shape[1])
        for row, slot in zip(*np.nonzero(counts), strict=True):
            local = slot_start(start + timedelta(days=int(row)), int(slot), interval_minutes, "UTC")
            first = local.replace(tzinfo=zone).astimezone(UTC)
            n = int(counts[row, slot])
            offsets = rng.random(n) * interval.total_seconds()
            handles = rng.lognormal(math.log(slot_aht[slot]) - sigma * sigma / 2.0, sigma, n)
            known = rng.random(n) < known_handle_share
            for offset, handle, is_known in zip(offsets, handles, known, strict=True):
                arrivals.append(
                    Arrival(
                        at=first + timedelta(seconds=float(offset)),
                        client=spec.key.client,
                        channel=spec.key.channel,
                        language=spec.key.language,
                        handle_seconds=round(float(handle), 1) if is_known else None,
                    )
                )
    arrivals.sort(key=lambda arrival: arrival.at)
    return arrivals
