"""Writing workforce plans: store a forecast, its plan and a schedule; supersede the old one.

Like every ``do_*`` action: works in the caller's transaction, audits, records the realtime
event (published after commit), never commits.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.db.types import utcnow
from tawasol.errors import Invalid
from tawasol.models.client import Client
from tawasol.models.wfm import WfmForecast, WfmPlan, WfmSchedule, WfmShift
from tawasol.realtime.events import agent_channel, client_channel, record_event
from tawasol.wfm.generate import WeekBuild, WeekRequest, build_week
from tawasol.wfm.schedule_problem import AssignedShift

CURRENT, SUPERSEDED = "current", "superseded"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def do_store_forecast(
    session: Session, *, actor: Actor, client: Client, build: WeekBuild
) -> WfmForecast:
    """Store the forecast run of ``build`` (one row, interval series as JSON)."""
    series = [
        {"channel": key.channel, "language": key.language,
         "contacts": [round(float(v), 3) for v in item.volume.reshape(-1)],
         "aht_seconds": [round(float(v), 1) for v in item.aht.reshape(-1)]}
        for key, item in sorted(build.forecast.items())
    ]  # fmt: skip
    row = WfmForecast(
        client_id=client.id, first_day=build.request.first_day, days=build.request.days,
        interval_minutes=build.request.interval_minutes, timezone=build.timezone,
        history_contacts=build.history_contacts, series=series, created_by_id=actor.user_id,
    )  # fmt: skip
    session.add(row)
    session.flush()
    append_audit(
        session, actor=actor, action="wfm.forecast_stored", object_type="wfm_forecast",
        object_id=row.id, client_id=client.id,
        summary={"first_day": row.first_day.isoformat(), "series": len(series)},
    )  # fmt: skip
    return row


def do_store_plan(
    session: Session, *, actor: Actor, forecast: WfmForecast, build: WeekBuild
) -> WfmPlan:
    """Store the per-skill staffing plan made from ``forecast``."""
    plan = build.plan
    if plan is None:
        raise Invalid("no plan without history", code="no_history")
    target = build.request.target
    row = WfmPlan(
        client_id=forecast.client_id, forecast_id=forecast.id,
        target={"service_level": target.target_service_level,
                "answer_within_seconds": target.answer_within_seconds,
                "shrinkage": target.shrinkage},
        agents={skill: [int(v) for v in heads] for skill, heads in plan.agents.items()},
        scheduled={skill: [int(v) for v in heads] for skill, heads in plan.scheduled.items()},
    )  # fmt: skip
    session.add(row)
    session.flush()
    append_audit(
        session, actor=actor, action="wfm.plan_stored", object_type="wfm_plan", object_id=row.id,
        client_id=forecast.client_id, summary={"skills": sorted(row.agents)},
    )  # fmt: skip
    return row


def _shift_row(schedule: WfmSchedule, shift: AssignedShift, build: WeekBuild) -> WfmShift:
    assert build.schedule is not None
    advisor = build.schedule.advisors[shift.advisor]
    return WfmShift(
        client_id=schedule.client_id, schedule_id=schedule.id, user_id=advisor.ref,
        day=shift.day, starts_at=shift.start.astimezone(UTC), ends_at=shift.end.astimezone(UTC),
        skills=sorted(advisor.skills),
        breaks=[{"kind": b.kind, "start": _utc(b.start), "end": _utc(b.end)} for b in shift.breaks],
    )  # fmt: skip


def _supersede(session: Session, *, client_id: int, first_day: date, days: int) -> list[int]:
    """Mark the client's current schedules overlapping the week as superseded."""
    last = first_day + timedelta(days=days)
    older = session.scalars(
        select(WfmSchedule).where(
            WfmSchedule.client_id == client_id, WfmSchedule.status == CURRENT,
            WfmSchedule.first_day < last, WfmSchedule.first_day > first_day - timedelta(days=31),
        )
    )  # fmt: skip
    replaced = []
    for row in older:
        if row.first_day + timedelta(days=row.days) > first_day:
            row.status, row.superseded_at = SUPERSEDED, utcnow()
            replaced.append(row.id)
    return replaced


def do_store_schedule(
    session: Session,
    *,
    actor: Actor,
    plan: WfmPlan,
    build: WeekBuild,
    request_id: int | None = None,
) -> WfmSchedule:
    """Store the schedule (one row per shift), superseding the week's current one;
    ``request_id`` is the planner's request it answers (see :mod:`tawasol.wfm.generation`)."""
    result = build.schedule
    if result is None:
        raise Invalid("nothing was scheduled", code="no_history")
    request = build.request
    replaced = _supersede(
        session, client_id=plan.client_id, first_day=request.first_day, days=request.days
    )
    solved = result.schedule
    row = WfmSchedule(
        client_id=plan.client_id, plan_id=plan.id, first_day=request.first_day, days=request.days,
        interval_minutes=request.interval_minutes, timezone=build.timezone, status=CURRENT,
        location={"latitude": request.location.latitude, "longitude": request.location.longitude,
                  "timezone": request.location.timezone},
        coverage={skill: {"required": c.required, "served": [round(v, 2) for v in c.served]}
                  for skill, c in result.skills.items()},
        summary=_summary(build, replaced), created_by_id=actor.user_id,
    )  # fmt: skip
    session.add(row)
    session.flush()
    session.add_all(_shift_row(row, shift, build) for shift in solved.shifts)
    append_audit(
        session, actor=actor, action="wfm.schedule_generated", object_type="wfm_schedule",
        object_id=row.id, client_id=plan.client_id,
        summary={"first_day": request.first_day.isoformat(), "shifts": len(solved.shifts),
                 "superseded": replaced, "short_hours": row.summary["short_hours"],
                 "request_id": request_id},
    )  # fmt: skip
    channels = [client_channel(plan.client_id)]
    if actor.user_id is not None:  # a planner may not follow the client's channel
        channels.append(agent_channel(actor.user_id))
    record_event(
        session, type="wfm.schedule_generated", client_id=plan.client_id, recipients=channels,
        payload={"schedule_id": row.id, "first_day": request.first_day.isoformat(),
                 "request_id": request_id},
    )  # fmt: skip
    return row


def _summary(build: WeekBuild, replaced: list[int]) -> dict[str, Any]:
    assert build.schedule is not None
    solved = build.schedule.schedule
    return {
        "status": "covered" if build.schedule.short_hours == 0 else "understaffed",
        "short_hours": round(build.schedule.short_hours, 2),
        "short_hours_by_skill": {
            skill: round(c.short_hours, 2) for skill, c in build.schedule.skills.items()
        },
        "advisors_available": len(build.staff),
        "advisors_used": len({s.advisor for s in solved.shifts}),
        "solve_seconds": round(solved.solve_seconds, 2),
        "superseded": replaced,
    }


def do_store_week(
    session: Session,
    *,
    actor: Actor,
    client: Client,
    build: WeekBuild,
    request_id: int | None = None,
) -> WfmSchedule:
    """Store a built week: forecast, plan and schedule; the week's old schedule is superseded
    (kept). Build it first with :func:`~tawasol.wfm.generate.build_week` in a read-only unit:
    solving takes seconds, and a write unit on SQLite holds the single writer lock."""
    if build.plan is None or build.schedule is None:
        raise Invalid("not enough history to forecast", code="no_history")
    forecast = do_store_forecast(session, actor=actor, client=client, build=build)
    plan = do_store_plan(session, actor=actor, forecast=forecast, build=build)
    return do_store_schedule(session, actor=actor, plan=plan, build=build, request_id=request_id)


def do_generate_schedule(
    session: Session, *, actor: Actor, client: Client, request: WeekRequest
) -> WfmSchedule:
    """History → forecast → per-skill plan → schedule, all stored, in one session (for scripts
    and tests; pages build in a read unit and call :func:`do_store_week`)."""
    build = build_week(session, client_id=client.id, request=request)
    return do_store_week(session, actor=actor, client=client, build=build)
