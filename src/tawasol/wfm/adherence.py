"""Schedule adherence: the share of scheduled time an advisor spent in the scheduled state.

The schedule says, minute by minute, whether an advisor should be *working* (on shift, not on a
break) or *on break*. Presence events say what the advisor actually was: ``(advisor_id, state,
start, end)`` with timezone-aware times. Time counts as adherent when the advisor was in one of
``work_states`` while scheduled to work, or in one of ``break_states`` while scheduled on a
break; time with no presence event counts as not adherent. Overlapping presence events are not
double counted (the scheduled time is the denominator, and each scheduled second is adherent
or not). Unscheduled time is ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from tawasol.wfm.schedule_problem import AssignedShift, Schedule

PresenceEvent = tuple[int | str, str, datetime, datetime]
WORK_STATES = frozenset({"available", "busy", "online"})
BREAK_STATES = frozenset({"break", "away", "offline"})
WORK, BREAK = "work", "break"


@dataclass(frozen=True, slots=True)
class AdherenceReport:
    """Scheduled and adherent seconds of one advisor (or of everyone)."""

    advisor: int | str | None
    scheduled_seconds: float
    adherent_seconds: float

    @property
    def adherence(self) -> float | None:
        """Adherent share of scheduled time; None when nothing was scheduled."""
        if self.scheduled_seconds <= 0:
            return None
        return self.adherent_seconds / self.scheduled_seconds


def scheduled_segments(shift: AssignedShift) -> list[tuple[datetime, datetime, str]]:
    """A shift cut into ``work`` and ``break`` segments, in UTC."""
    segments = []
    cursor = shift.start.astimezone(UTC)
    for pause in sorted(shift.breaks, key=lambda b: b.start):
        start, end = pause.start.astimezone(UTC), pause.end.astimezone(UTC)
        if start > cursor:
            segments.append((cursor, start, WORK))
        segments.append((start, end, BREAK))
        cursor = max(cursor, end)
    end_of_shift = shift.end.astimezone(UTC)
    if end_of_shift > cursor:
        segments.append((cursor, end_of_shift, WORK))
    return segments


def _covered_seconds(
    start: datetime, end: datetime, spans: Sequence[tuple[datetime, datetime]]
) -> float:
    """Seconds of ``[start, end)`` inside the union of ``spans`` (sorted by start)."""
    total = 0.0
    cursor = start
    for span_start, span_end in spans:
        if span_end <= cursor:
            continue
        if span_start >= end:
            break
        lower = max(span_start, cursor)
        upper = min(span_end, end)
        if upper > lower:
            total += (upper - lower).total_seconds()
            cursor = upper
    return total


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("presence event times must be timezone-aware")
    return moment.astimezone(UTC)


def adherence(
    schedule: Schedule,
    presence_events: Iterable[PresenceEvent],
    *,
    advisor_ids: Sequence[int | str] | None = None,
    work_states: frozenset[str] = WORK_STATES,
    break_states: frozenset[str] = BREAK_STATES,
) -> dict[int | str | None, AdherenceReport]:
    """Adherence per advisor, plus the whole team under the key None.

    Schedule advisors are numbered from 0; ``advisor_ids`` maps those numbers to the ids the
    presence events use (identity by default).
    """
    spans: dict[tuple[int | str, str], list[tuple[datetime, datetime]]] = {}
    for advisor, state, start, end in presence_events:
        kind = WORK if state in work_states else BREAK if state in break_states else None
        if kind is not None:
            spans.setdefault((advisor, kind), []).append((_aware(start), _aware(end)))
    for value in spans.values():
        value.sort()
    reports: dict[int | str | None, AdherenceReport] = {}
    total_scheduled = total_adherent = 0.0
    for shift in schedule.shifts:
        advisor = advisor_ids[shift.advisor] if advisor_ids is not None else shift.advisor
        scheduled = adherent = 0.0
        for start, end, kind in scheduled_segments(shift):
            scheduled += (end - start).total_seconds()
            adherent += _covered_seconds(start, end, spans.get((advisor, kind), []))
        previous = reports.get(advisor)
        if previous is not None:
            scheduled += previous.scheduled_seconds
            adherent += previous.adherent_seconds
        reports[advisor] = AdherenceReport(advisor, scheduled, adherent)
    for report in list(reports.values()):
        total_scheduled += report.scheduled_seconds
        total_adherent += report.adherent_seconds
    reports[None] = AdherenceReport(None, total_scheduled, total_adherent)
    return reports
