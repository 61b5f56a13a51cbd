"""Generating a week's schedule in the background: the request, its job and its state.

A planner's request (:func:`do_request_schedule`) only adds an outbox job and an audit entry,
so the page answers at once. After commit the relay runs the job, which hands the request to
this node's solver thread (:mod:`tawasol.wfm.generation_solver`): the relay's batch holds
SQLite's only writer lock, and seconds of CP-SAT must not. The solver builds the week in a
read-only unit, then stores it — or the failure — in a short write unit.

The audit trail is the request's durable state: the client's latest entry among
``wfm.schedule_requested``, ``wfm.schedule_generated`` and ``wfm.schedule_failed`` says whether
a schedule is being generated, or why the last attempt failed. A request that has had no
answer for :data:`STALE_AFTER_SECONDS` (its node stopped mid-solve) counts as interrupted: it is
shown as a failure and a new request may start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.auth.permissions import Permission
from tawasol.db.types import utcnow
from tawasol.models.audit import AuditEntry
from tawasol.models.client import Client
from tawasol.realtime.events import agent_channel, client_channel, record_event
from tawasol.wfm.generate import WeekRequest
from tawasol.wfm.sunset import Location
from tawasol.worker.jobs import enqueue_job, job

GENERATE_JOB = "wfm.generate_schedule"
REQUESTED, GENERATED, FAILED = (
    "wfm.schedule_requested",
    "wfm.schedule_generated",
    "wfm.schedule_failed",
)
# Longer than a solve (≤ 15 s) plus the relay's retries of a hand-off that failed.
STALE_AFTER_SECONDS = 600.0


@dataclass(frozen=True, slots=True)
class GenerationState:
    """The client's last schedule request: ``pending``, ``failed`` or ``done``."""

    status: str
    request_id: int | None
    at: datetime
    first_day: date | None = None
    error_code: str | None = None


def generation_state(session: Session, *, client_id: int) -> GenerationState | None:
    """Where the client's last schedule generation stands (None before any)."""
    entry = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.client_id == client_id,
               AuditEntry.action.in_((REQUESTED, GENERATED, FAILED)))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()  # fmt: skip
    if entry is None:
        return None
    summary = entry.summary or {}
    first_day = date.fromisoformat(summary["first_day"]) if summary.get("first_day") else None
    request_id = summary.get("request_id")
    if entry.action == GENERATED:
        return GenerationState("done", request_id, entry.at, first_day)
    if entry.action == FAILED:
        return GenerationState("failed", request_id, entry.at, first_day, summary.get("code"))
    request_id = int(entry.object_id) if entry.object_id else None
    if utcnow() - entry.at > timedelta(seconds=STALE_AFTER_SECONDS):
        return GenerationState("failed", request_id, entry.at, first_day, "interrupted")
    return GenerationState("pending", request_id, entry.at, first_day)


def do_request_schedule(
    session: Session, *, actor: Actor, client: Client, week: WeekRequest
) -> tuple[int, bool]:
    """Queue the generation of ``week`` for ``client``; returns the request's id and whether it
    is new (False: one is already pending, and it is the one returned)."""
    state = generation_state(session, client_id=client.id)
    if state is not None and state.status == "pending" and state.request_id is not None:
        return state.request_id, False
    where = week.location
    row = enqueue_job(
        session, type=GENERATE_JOB, client_id=client.id,
        payload={"client_id": client.id, "user_id": actor.user_id, "actor_label": actor.label,
                 "first_day": week.first_day.isoformat(), "latitude": where.latitude,
                 "longitude": where.longitude, "time_limit_seconds": week.time_limit_seconds},
    )  # fmt: skip
    session.flush()
    row.payload = {**row.payload, "request_id": row.id}
    append_audit(
        session, actor=actor, action=REQUESTED, object_type="wfm_schedule_request",
        object_id=row.id, client_id=client.id,
        summary={"first_day": week.first_day.isoformat(), "request_id": row.id},
    )  # fmt: skip
    return row.id, True


def job_actor(payload: dict[str, Any]) -> Actor:
    """The requester, narrowed to the client and to planning, as the job's actor."""
    return Actor(
        user_id=payload.get("user_id"), label=str(payload.get("actor_label") or "wfm"),
        role=None, client_ids=frozenset({int(payload["client_id"])}),
        permissions=frozenset({Permission.WFM_MANAGE}), via="job",
    )  # fmt: skip


def week_of(payload: dict[str, Any], client: Client) -> WeekRequest:
    location = Location(
        latitude=float(payload["latitude"]), longitude=float(payload["longitude"]),
        timezone=client.timezone,
    )  # fmt: skip
    return WeekRequest(
        first_day=date.fromisoformat(payload["first_day"]), location=location,
        time_limit_seconds=float(payload["time_limit_seconds"]),
    )  # fmt: skip


def recipients(actor: Actor, client_id: int) -> list[str]:
    """The client's channel, and the requester's own (a planner may not follow the client's)."""
    channels = [client_channel(client_id)]
    if actor.user_id is not None:
        channels.append(agent_channel(actor.user_id))
    return channels


def do_record_failure(
    session: Session, *, actor: Actor, client_id: int, request_id: int, code: str, message: str
) -> None:
    """Store why a request failed (shown on the planner) and tell the open pages."""
    summary = {"request_id": request_id, "code": code, "message": message[:300]}
    append_audit(
        session, actor=actor, action=FAILED, object_type="wfm_schedule_request",
        object_id=request_id, client_id=client_id, summary=summary,
    )  # fmt: skip
    record_event(
        session, type=FAILED, client_id=client_id, recipients=recipients(actor, client_id),
        payload={"request_id": request_id, "code": code},
    )  # fmt: skip


def still_pending(session: Session, *, client_id: int, request_id: int) -> bool:
    """True while ``request_id`` is the client's open request (guards against a rerun job)."""
    state = generation_state(session, client_id=client_id)
    return state is not None and state.status == "pending" and state.request_id == request_id


@job(GENERATE_JOB)
def _hand_off(session: Session, payload: dict[str, Any]) -> None:
    from tawasol.wfm.generation_solver import SOLVER

    SOLVER.submit(session, payload)
