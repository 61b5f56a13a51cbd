"""What the planner page shows of the stored schedule: each advisor's shifts and breaks per day,
required against scheduled heads per interval (per language and in total), and a day's
adherence from the presence events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlalchemy.orm import Session

from tawasol.i18n.catalogue import gettext
from tawasol.models.wfm import WfmSchedule, WfmShift
from tawasol.web.planner_charts import week_lines
from tawasol.wfm.history import UNKNOWN_LANGUAGE
from tawasol.wfm.queries import (
    AdvisorAdherence,
    current_schedule,
    day_adherence,
    schedule_history,
    schedule_shifts,
)
from tawasol.wfm.schedule_problem import AssignedShift, ScheduledBreak
from tawasol.wfm.skill_roster import Horizon
from tawasol.wfm.sunset import CASABLANCA


@dataclass
class ShiftCell:
    start: str
    end: str
    breaks: list[tuple[str, str, str]]  # kind, start, end (local HH:MM)


@dataclass
class AdvisorWeek:
    name: str
    skills: list[str]
    cells: list[list[ShiftCell]]


@dataclass
class ScheduleView:
    schedule: WfmSchedule
    days: list[date]
    advisors: list[AdvisorWeek] = field(default_factory=list)
    charts: list[tuple[str, Markup]] = field(default_factory=list)
    history: list[WfmSchedule] = field(default_factory=list)


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def _assigned(shift: WfmShift, zone: ZoneInfo) -> AssignedShift:
    breaks = tuple(
        ScheduledBreak(b["kind"], _local(datetime.fromisoformat(b["start"]), zone),
                       _local(datetime.fromisoformat(b["end"]), zone))
        for b in shift.breaks
    )  # fmt: skip
    return AssignedShift(advisor=shift.user_id, day=shift.day, start=_local(shift.starts_at, zone),
                         end=_local(shift.ends_at, zone), breaks=breaks)  # fmt: skip


def _cell(shift: AssignedShift) -> ShiftCell:
    return ShiftCell(
        start=shift.start.strftime("%H:%M"), end=shift.end.strftime("%H:%M"),
        breaks=[(b.kind, b.start.strftime("%H:%M"), b.end.strftime("%H:%M"))
                for b in sorted(shift.breaks, key=lambda b: b.start)],
    )  # fmt: skip


def _on_floor(shifts: list[AssignedShift], schedule: WfmSchedule) -> list[float]:
    horizon = Horizon(first_day=schedule.first_day, days=schedule.days)
    quarters = [0] * horizon.quarters
    for shift in shifts:
        for q in horizon.on_floor(shift):
            quarters[q] += 1
    per = schedule.interval_minutes // 15
    return [sum(quarters[i : i + per]) / per for i in range(0, len(quarters), per)]


def _charts(schedule: WfmSchedule, shifts: list[AssignedShift]) -> list[tuple[str, Markup]]:
    coverage = schedule.coverage
    charts = []
    if coverage:
        length = len(next(iter(coverage.values()))["required"])
        total = [sum(c["required"][i] for c in coverage.values()) for i in range(length)]
        title = gettext("Conseillers requis et planifiés, tous profils, par demi-heure")
        charts.append(
            (gettext("Total"), week_lines(total, _on_floor(shifts, schedule), title=title))
        )
    for skill, item in sorted(coverage.items()):
        if not any(item["required"]):
            continue
        label = gettext("Langue non détectée") if skill == UNKNOWN_LANGUAGE else skill
        title = gettext("Conseillers requis et couverts pour la langue %(skill)s") % {
            "skill": label
        }
        charts.append((label, week_lines(item["required"], item["served"], title=title)))
    return charts


def schedule_view(session: Session, *, client_id: int) -> ScheduleView | None:
    """The client's current schedule laid out per advisor and day (call inside the locale)."""
    schedule = current_schedule(session, client_id=client_id)
    if schedule is None:
        return None
    zone = ZoneInfo(schedule.timezone)
    days = [schedule.first_day + timedelta(days=d) for d in range(schedule.days)]
    view = ScheduleView(schedule=schedule, days=days)
    weeks: dict[int, AdvisorWeek] = {}
    placed = []
    for row, name in schedule_shifts(session, schedule_id=schedule.id):
        shift = _assigned(row, zone)
        placed.append(shift)
        known = [s for s in row.skills if s != UNKNOWN_LANGUAGE]
        week = weeks.setdefault(
            row.user_id, AdvisorWeek(name=name, skills=known, cells=[[] for _ in days])
        )
        offset = (row.day - schedule.first_day).days
        if 0 <= offset < len(days):
            week.cells[offset].append(_cell(shift))
    view.advisors = list(weeks.values())
    view.charts = _charts(schedule, placed)
    view.history = schedule_history(session, client_id=client_id)
    return view


def location_defaults(view: ScheduleView | None) -> tuple[float, float]:
    """Latitude and longitude to offer in the form: the last schedule's, else Casablanca."""
    if view is not None and view.schedule.location:
        where = view.schedule.location
        return float(where["latitude"]), float(where["longitude"])
    return CASABLANCA.latitude, CASABLANCA.longitude


def adherence_rows(session: Session, *, client_id: int, day: date) -> list[AdvisorAdherence]:
    """The day's adherence per advisor, the team's total last (empty without shifts)."""
    return day_adherence(session, client_id=client_id, day=day)
