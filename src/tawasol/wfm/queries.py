"""Reading stored schedules, and adherence of a day from the stored presence events.

Adherence compares each advisor's scheduled shifts and breaks (current schedules only) with
what their presence events say they were doing (:func:`tawasol.wfm.adherence.adherence`):
available, busy or in after-contact work counts as working; on a break or offline counts as
resting. A presence state lasts until the advisor's next event; the state at the start of the
day comes from the last event before it. Only time already past is judged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawasol.db.types import utcnow
from tawasol.models.presence import PresenceEvent
from tawasol.models.user import User
from tawasol.models.wfm import WfmSchedule, WfmShift
from tawasol.wfm.adherence import PresenceEvent as PresenceSpan
from tawasol.wfm.adherence import adherence
from tawasol.wfm.schedule_problem import AssignedShift, Schedule, ScheduledBreak

WORKING = frozenset({"available", "busy", "after_contact_work"})
RESTING = frozenset({"on_break", "offline"})


def current_schedule(session: Session, *, client_id: int) -> WfmSchedule | None:
    """The client's latest current schedule."""
    return session.scalars(
        select(WfmSchedule)
        .where(WfmSchedule.client_id == client_id, WfmSchedule.status == "current")
        .order_by(WfmSchedule.first_day.desc(), WfmSchedule.id.desc())
        .limit(1)
    ).first()


def schedule_history(session: Session, *, client_id: int, limit: int = 10) -> list[WfmSchedule]:
    """The client's schedules, newest first (superseded ones included)."""
    return list(
        session.scalars(
            select(WfmSchedule)
            .where(WfmSchedule.client_id == client_id)
            .order_by(WfmSchedule.id.desc())
            .limit(limit)
        )
    )


def schedule_shifts(session: Session, *, schedule_id: int) -> list[tuple[WfmShift, str]]:
    """Shifts of one schedule with their advisor's name, by advisor then time."""
    rows = session.execute(
        select(WfmShift, User.full_name)
        .join(User, User.id == WfmShift.user_id)
        .where(WfmShift.schedule_id == schedule_id)
        .order_by(User.full_name, WfmShift.user_id, WfmShift.starts_at)
    )
    return [(shift, name) for shift, name in rows]


def day_shifts(session: Session, *, client_id: int, day: date) -> list[tuple[WfmShift, str]]:
    """Shifts of the client's current schedules on ``day`` (local date of the shift)."""
    rows = session.execute(
        select(WfmShift, User.full_name)
        .join(WfmSchedule, WfmSchedule.id == WfmShift.schedule_id)
        .join(User, User.id == WfmShift.user_id)
        .where(
            WfmShift.client_id == client_id,
            WfmShift.day == day,
            WfmSchedule.status == "current",
        )
        .order_by(User.full_name, WfmShift.user_id, WfmShift.starts_at)
    )
    return [(shift, name) for shift, name in rows]


@dataclass(frozen=True, slots=True)
class AdvisorAdherence:
    """One advisor's (or everyone's, ``user_id`` None) adherence on a day, in minutes."""

    user_id: int | None
    full_name: str
    scheduled_minutes: float
    adherent_minutes: float

    @property
    def adherence(self) -> float | None:
        if self.scheduled_minutes <= 0:
            return None
        return self.adherent_minutes / self.scheduled_minutes


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _clipped(shift: WfmShift, now: datetime) -> AssignedShift | None:
    start, end = shift.starts_at, min(shift.ends_at, now)
    if end <= start:
        return None
    breaks = []
    for pause in shift.breaks:
        begin = _aware(datetime.fromisoformat(pause["start"]))
        finish = min(_aware(datetime.fromisoformat(pause["end"])), end)
        if finish > begin:
            breaks.append(ScheduledBreak(pause["kind"], begin, finish))
    return AssignedShift(advisor=shift.user_id, day=shift.day, start=start, end=end,
                         breaks=tuple(breaks))  # fmt: skip


def presence_spans(
    session: Session, *, user_ids: list[int], since: datetime, until: datetime
) -> list[PresenceSpan]:
    """``(user_id, state, start, end)`` from the presence events, clipped to the window."""
    before = (
        select(PresenceEvent.user_id, func.max(PresenceEvent.at).label("at"))
        .where(PresenceEvent.user_id.in_(user_ids), PresenceEvent.at < since)
        .group_by(PresenceEvent.user_id)
        .subquery()
    )
    opening = {
        user_id: state
        for user_id, state in session.execute(
            select(PresenceEvent.user_id, PresenceEvent.state).join(
                before,
                (before.c.user_id == PresenceEvent.user_id) & (before.c.at == PresenceEvent.at),
            )
        )
    }
    events = session.execute(
        select(PresenceEvent.user_id, PresenceEvent.state, PresenceEvent.at)
        .where(PresenceEvent.user_id.in_(user_ids), PresenceEvent.at >= since,
               PresenceEvent.at < until)
        .order_by(PresenceEvent.user_id, PresenceEvent.at, PresenceEvent.id)
    )  # fmt: skip
    changes: dict[int, list[tuple[datetime, str]]] = {
        user_id: [(since, state)] for user_id, state in opening.items()
    }
    for user_id, state, at in events:
        changes.setdefault(user_id, []).append((at, state))
    spans: list[PresenceSpan] = []
    for user_id, steps in changes.items():
        for (start, state), (end, _) in zip(steps, [*steps[1:], (until, "")], strict=True):
            if end > start:
                spans.append((user_id, state, start, end))
    return spans


def day_adherence(
    session: Session, *, client_id: int, day: date, now: datetime | None = None
) -> list[AdvisorAdherence]:
    """Per advisor on ``day`` (scheduled in a current schedule), then the team's total last."""
    now = now or utcnow()
    rows = day_shifts(session, client_id=client_id, day=day)
    names = {shift.user_id: name for shift, name in rows}
    if not rows:
        return []
    shifts = [s for s in (_clipped(shift, now) for shift, _ in rows) if s is not None]
    if not shifts:  # the day has not started yet: scheduled, nothing to judge
        out = [AdvisorAdherence(uid, name, 0.0, 0.0) for uid, name in sorted(names.items())]
        out.sort(key=lambda item: (item.full_name, item.user_id or 0))
        return [*out, AdvisorAdherence(None, "", 0.0, 0.0)]
    since = min(s.start for s in shifts) - timedelta(seconds=1)
    until = max(s.end for s in shifts)
    spans = presence_spans(session, user_ids=sorted(names), since=since, until=until)
    schedule = Schedule(
        status="stored", first_day=day, interval_minutes=30, timezone="UTC",
        advisors_available=len(names), shifts=shifts, coverage=[], understaffed_hours=0.0,
        understaffed_interval_hours=0.0, overstaffed_hours=0.0, required_hours=0.0,
        unplaced_shifts=0, solve_seconds=0.0,
    )  # fmt: skip
    reports = adherence(schedule, spans, work_states=WORKING, break_states=RESTING)
    out = [
        AdvisorAdherence(
            user_id=int(user_id),
            full_name=names[int(user_id)],
            scheduled_minutes=report.scheduled_seconds / 60,
            adherent_minutes=report.adherent_seconds / 60,
        )  # fmt: skip
        for user_id, report in reports.items()
        if user_id is not None
    ]
    out += [AdvisorAdherence(uid, name, 0.0, 0.0) for uid, name in names.items()
            if uid not in reports]  # fmt: skip
    out.sort(key=lambda item: (item.full_name, item.user_id or 0))
    total = reports[None]
    out.append(
        AdvisorAdherence(None, "", total.scheduled_seconds / 60, total.adherent_seconds / 60)
    )
    return out
