"""Contact history: arrivals in, interval counts in the client's local time out.

An :class:`Arrival` is one contact (a conversation created) with its UTC timestamp, client,
channel, language and, when known, its handle time. :func:`bucket_arrivals` turns arrivals into
one :class:`IntervalSeries` per (client, channel, language): a ``days x slots`` grid of counts
indexed by *local* date and *local wall-clock* slot of 15 or 30 minutes, which is what planners
schedule against.

Clock changes: ``Africa/Casablanca`` leaves UTC+1 for UTC+0 during Ramadan. Arrivals are placed
by their local wall-clock time, so in the hour that repeats when clocks go back both passes land
in the same slots (counts add up), and the slots skipped when clocks go forward stay empty. Both
happen in the middle of the night, when contact centres are quiet.

Sources: :func:`arrivals_from_db` reads ``conversation_created`` reporting events, and
:func:`arrivals_from_csv` reads the CSV the CLI accepts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.reporting import ReportingEvent
from tawasol.models.vocabulary import ReportingEventType

DEFAULT_TIMEZONE = "Africa/Casablanca"
INTERVAL_CHOICES = (15, 30)
UNKNOWN_LANGUAGE = "und"
CSV_COLUMNS = ("timestamp", "client", "channel", "language", "handle_seconds")


class SeriesKey(NamedTuple):
    """What a forecast is made for: one client's contacts on one channel in one language."""

    client: str
    channel: str
    language: str


@dataclass(frozen=True, slots=True)
class Arrival:
    """One contact: when it arrived (timezone-aware), where, and its handle time if known."""

    at: datetime
    client: str
    channel: str
    language: str | None
    handle_seconds: float | None = None

    @property
    def key(self) -> SeriesKey:
        """The series this arrival belongs to (unknown language as ``und``)."""
        return SeriesKey(self.client, self.channel, self.language or UNKNOWN_LANGUAGE)


@dataclass(frozen=True, slots=True)
class IntervalSeries:
    """Counts (and handle-time sums) of one series on a local ``days x slots`` grid.

    ``handle_sum`` / ``handle_count`` only cover contacts whose handle time is known, so
    ``handle_sum / handle_count`` is the average handle time of the slot.
    """

    key: SeriesKey
    start: date
    interval_minutes: int
    timezone: str
    counts: np.ndarray
    handle_sum: np.ndarray
    handle_count: np.ndarray

    @property
    def days(self) -> int:
        """Number of local days on the grid."""
        return int(self.counts.shape[0])

    @property
    def slots_per_day(self) -> int:
        """Intervals per day (96 or 48)."""
        return int(self.counts.shape[1])

    @property
    def total(self) -> float:
        """All contacts on the grid."""
        return float(self.counts.sum())

    def dates(self) -> list[date]:
        """The local dates of the grid's rows."""
        return [self.start + timedelta(days=offset) for offset in range(self.days)]

    def head(self, days: int) -> IntervalSeries:
        """The first ``days`` days (a training window in a backtest)."""
        return self._rows(0, days)

    def window(self, first: int, days: int) -> IntervalSeries:
        """``days`` days starting at row ``first``."""
        return self._rows(first, first + days)

    def _rows(self, first: int, stop: int) -> IntervalSeries:
        return IntervalSeries(
            key=self.key,
            start=self.start + timedelta(days=first),
            interval_minutes=self.interval_minutes,
            timezone=self.timezone,
            counts=self.counts[first:stop],
            handle_sum=self.handle_sum[first:stop],
            handle_count=self.handle_count[first:stop],
        )


def slots_per_day(interval_minutes: int) -> int:
    """Intervals per day; only 15- and 30-minute intervals are supported."""
    if interval_minutes not in INTERVAL_CHOICES:
        raise ValueError("interval_minutes must be 15 or 30")
    return 24 * 60 // interval_minutes


def local_slot(at: datetime, zone: ZoneInfo, interval_minutes: int) -> tuple[date, int]:
    """Local date and wall-clock slot index of an aware timestamp."""
    if at.tzinfo is None:
        raise ValueError("arrival timestamps must be timezone-aware")
    local = at.astimezone(zone)
    return local.date(), (local.hour * 60 + local.minute) // interval_minutes


def slot_start(day: date, slot: int, interval_minutes: int, timezone: str) -> datetime:
    """Aware local start of a slot (the first pass of a repeated wall-clock time)."""
    minutes = slot * interval_minutes
    naive = datetime.combine(day, time(minutes // 60, minutes % 60))
    return naive.replace(tzinfo=ZoneInfo(timezone))


def bucket_arrivals(
    arrivals: Iterable[Arrival],
    *,
    interval_minutes: int = 30,
    timezone: str = DEFAULT_TIMEZONE,
    timezones: Mapping[str, str] | None = None,
    first_day: date | None = None,
    last_day: date | None = None,
) -> dict[SeriesKey, IntervalSeries]:
    """Count arrivals per series, local date and wall-clock slot.

    ``timezones`` maps a client to its own timezone (others use ``timezone``). Every series
    shares one grid from ``first_day`` to ``last_day`` inclusive (by default the first and last
    local dates seen), so series of one history line up for pooling and backtests. Arrivals
    outside the grid are ignored.
    """
    slots = slots_per_day(interval_minutes)
    zones: dict[str, ZoneInfo] = {}
    placed: list[tuple[SeriesKey, date, int, float | None]] = []
    for arrival in arrivals:
        zone_name = (timezones or {}).get(arrival.client, timezone)
        zone = zones.get(zone_name) or zones.setdefault(zone_name, ZoneInfo(zone_name))
        day, slot = local_slot(arrival.at, zone, interval_minutes)
        placed.append((arrival.key, day, slot, arrival.handle_seconds))
    if not placed:
        return {}
    start = first_day or min(day for _, day, _, _ in placed)
    end = last_day or max(day for _, day, _, _ in placed)
    days = (end - start).days + 1
    if days < 1:
        raise ValueError("last_day must not be before first_day")
    grids: dict[SeriesKey, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for key, day, slot, handle in placed:
        row = (day - start).days
        if not 0 <= row < days:
            continue
        if key not in grids:
            grids[key] = (np.zeros((days, slots)), np.zeros((days, slots)), np.zeros((days, slots)))
        counts, handle_sum, handle_count = grids[key]
        counts[row, slot] += 1
        if handle is not None:
            handle_sum[row, slot] += handle
            handle_count[row, slot] += 1
    return {
        key: IntervalSeries(
            key=key,
            start=start,
            interval_minutes=interval_minutes,
            timezone=(timezones or {}).get(key.client, timezone),
            counts=counts,
            handle_sum=handle_sum,
            handle_count=handle_count,
        )
        for key, (counts, handle_sum, handle_count) in sorted(grids.items())
    }


def client_timezone(session: Session, client_id: int) -> str:
    """The client's configured timezone (``Africa/Casablanca`` when unknown)."""
    zone = session.scalar(select(Client.timezone).where(Client.id == client_id))
    return zone or DEFAULT_TIMEZONE


def arrivals_from_db(
    session: Session, *, client_id: int, since: datetime, until: datetime
) -> list[Arrival]:
    """Arrivals of one client from ``conversation_created`` events in ``[since, until)``.

    Channel and language come from the conversation. The handle time is the conversation's
    ``resolved_at`` minus its first ``assigned`` event when both exist (and in that order),
    otherwise None. The session's tenant scope applies as usual; this function never opens one.
    """
    first_assigned = (
        select(
            ReportingEvent.conversation_id.label("conversation_id"),
            func.min(ReportingEvent.at).label("assigned_at"),
        )
        .where(
            ReportingEvent.client_id == client_id,
            ReportingEvent.type == ReportingEventType.ASSIGNED.value,
        )
        .group_by(ReportingEvent.conversation_id)
        .subquery("first_assigned")
    )
    statement = (
        select(
            ReportingEvent.at,
            Conversation.channel,
            Conversation.language,
            Conversation.resolved_at,
            first_assigned.c.assigned_at,
        )
        .join(
            Conversation,
            and_(
                Conversation.id == ReportingEvent.conversation_id,
                Conversation.client_id == ReportingEvent.client_id,
            ),
        )
        .outerjoin(first_assigned, first_assigned.c.conversation_id == Conversation.id)
        .where(
            ReportingEvent.client_id == client_id,
            ReportingEvent.type == ReportingEventType.CONVERSATION_CREATED.value,
            ReportingEvent.at >= since,
            ReportingEvent.at < until,
        )
        .order_by(ReportingEvent.at, ReportingEvent.id)
    )
    client = str(client_id)
    return [
        Arrival(
            at=at,
            client=client,
            channel=channel,
            language=language,
            handle_seconds=_handle_seconds(_as_utc(assigned_at), resolved_at),
        )
        for at, channel, language, resolved_at, assigned_at in session.execute(statement)
    ]


def _as_utc(value: datetime | str | None) -> datetime | None:
    """Aggregates bypass the column type on SQLite, which hands back naive text or datetimes."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _handle_seconds(assigned_at: datetime | None, resolved_at: datetime | None) -> float | None:
    if assigned_at is None or resolved_at is None or resolved_at < assigned_at:
        return None
    return (resolved_at - assigned_at).total_seconds()


def arrivals_from_csv(path: Path) -> Iterator[Arrival]:
    """Arrivals from a CSV with columns timestamp (ISO 8601), client, channel, language and
    handle_seconds (may be empty). Timestamps without an offset are taken as UTC."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = set(CSV_COLUMNS[:3]) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"history CSV lacks column(s): {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            try:
                at = datetime.fromisoformat(row["timestamp"].strip().replace("Z", "+00:00"))
                handle_text = (row.get("handle_seconds") or "").strip()
                handle = float(handle_text) if handle_text else None
            except ValueError as error:
                raise ValueError(f"history CSV line {line}: {error}") from error
            yield Arrival(
                at=at if at.tzinfo else at.replace(tzinfo=UTC),
                client=row["client"].strip(),
                channel=row["channel"].strip(),
                language=(row.get("language") or "").strip() or None,
                handle_seconds=handle,
            )


def write_arrivals_csv(arrivals: Iterable[Arrival], path: Path) -> int:
    """Write arrivals in the CSV layout :func:`arrivals_from_csv` reads; returns the row count."""
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for arrival in arrivals:
            handle_text = "" if arrival.handle_seconds is None else f"{arrival.handle_seconds:.0f}"
            writer.writerow(
                (
                    arrival.at.astimezone(UTC).isoformat(timespec="seconds"),
                    arrival.client,
                    arrival.channel,
                    arrival.language or "",
                    handle_text,
                )
            )
            rows += 1
    return rows
