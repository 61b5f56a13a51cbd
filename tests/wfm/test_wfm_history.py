"""Interval bucketing in the client's local time, across Morocco's Ramadan clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tawasol.wfm.history import (
    Arrival,
    SeriesKey,
    arrivals_from_csv,
    bucket_arrivals,
    slot_start,
    write_arrivals_csv,
)


def _arrival(at: str, language: str | None = "fr", handle: float | None = None) -> Arrival:
    moment = datetime.fromisoformat(at).replace(tzinfo=UTC)
    return Arrival(
        at=moment, client="c1", channel="webchat", language=language, handle_seconds=handle
    )


def test_local_day_and_slot_in_casablanca_winter_time() -> None:
    # 23:30 UTC on 31 December is 00:30 on 1 January in Casablanca (UTC+1).
    grid = bucket_arrivals([_arrival("2024-12-31T23:30:00")], interval_minutes=30)
    series = grid[SeriesKey("c1", "webchat", "fr")]
    assert series.start == date(2025, 1, 1)
    assert series.counts.shape == (1, 48)
    assert series.counts[0, 1] == 1  # the 00:30-01:00 slot
    assert series.total == 1


def test_repeated_hour_when_clocks_go_back_for_ramadan() -> None:
    # 23 Feb 2025: 03:00 (UTC+1) becomes 02:00 (UTC+0); 01:30 and 02:30 UTC both read 02:30.
    arrivals = [_arrival("2025-02-23T01:30:00"), _arrival("2025-02-23T02:30:00")]
    series = bucket_arrivals(arrivals, interval_minutes=30)[SeriesKey("c1", "webchat", "fr")]
    assert series.counts[0, 5] == 2
    assert series.total == 2


def test_skipped_hour_when_clocks_go_forward_after_ramadan() -> None:
    # 6 Apr 2025: 02:00 (UTC+0) becomes 03:00 (UTC+1): the 02:00-03:00 local slots stay empty.
    arrivals = [
        _arrival(f"2025-04-06T{hour:02d}:{minute:02d}:00")
        for hour in (1, 2)
        for minute in (0, 15, 30, 45)
    ]
    series = bucket_arrivals(arrivals, interval_minutes=15)[SeriesKey("c1", "webchat", "fr")]
    counts = series.counts[0]
    assert counts[4:8].sum() == 4  # 01:00-02:00 local (UTC+0)
    assert counts[8:12].sum() == 0  # 02:00-03:00 local never happens
    assert counts[12:16].sum() == 4  # 03:00-04:00 local (UTC+1)


def test_per_client_timezones_and_shared_grid() -> None:
    arrivals = [
        Arrival(datetime(2025, 1, 6, 8, 0, tzinfo=UTC), "casa", "email", "ar"),
        Arrival(datetime(2025, 1, 8, 8, 0, tzinfo=UTC), "paris", "email", "fr"),
    ]
    grid = bucket_arrivals(arrivals, interval_minutes=30, timezones={"paris": "Europe/Paris"})
    casa, paris = grid[SeriesKey("casa", "email", "ar")], grid[SeriesKey("paris", "email", "fr")]
    assert casa.start == paris.start == date(2025, 1, 6)
    assert casa.days == paris.days == 3
    assert casa.counts[0, 18] == 1  # 09:00 in Casablanca
    assert paris.counts[2, 18] == 1  # 09:00 in Paris
    assert paris.timezone == "Europe/Paris"


def test_handle_time_sums_and_unknown_language() -> None:
    arrivals = [
        _arrival("2025-01-06T09:05:00", language=None, handle=300.0),
        _arrival("2025-01-06T09:10:00", language=None, handle=None),
        _arrival("2025-01-06T09:20:00", language=None, handle=500.0),
    ]
    series = bucket_arrivals(arrivals, interval_minutes=30)[SeriesKey("c1", "webchat", "und")]
    slot = 20  # 10:00 local
    assert series.counts[0, slot] == 3
    assert series.handle_count[0, slot] == 2
    assert series.handle_sum[0, slot] / series.handle_count[0, slot] == 400.0


def test_rejects_naive_timestamps_and_odd_intervals() -> None:
    naive = Arrival(datetime(2025, 1, 6, 9, 0), "c1", "email", "fr")
    with pytest.raises(ValueError, match="timezone-aware"):
        bucket_arrivals([naive])
    with pytest.raises(ValueError, match="15 or 30"):
        bucket_arrivals([_arrival("2025-01-06T09:00:00")], interval_minutes=20)


def test_csv_round_trip(tmp_path: Path) -> None:
    arrivals = [
        _arrival("2025-01-06T09:05:00", handle=301.0),
        _arrival("2025-01-06T10:00:00", language=None),
    ]
    path = tmp_path / "history.csv"
    assert write_arrivals_csv(arrivals, path) == 2
    back = list(arrivals_from_csv(path))
    assert [a.at for a in back] == [a.at for a in arrivals]
    assert back[0].handle_seconds == 301.0 and back[1].handle_seconds is None
    assert back[1].language is None


def test_slot_start_is_local_and_aware() -> None:
    start = slot_start(date(2025, 3, 10), 24, 30, "Africa/Casablanca")
    assert start.isoformat() == "2025-03-10T12:00:00+00:00"  # Ramadan 2025: UTC+0
    assert start + timedelta(minutes=30) == slot_start(
        date(2025, 3, 10), 25, 30, "Africa/Casablanca"
    )
