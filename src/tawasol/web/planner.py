"""The workforce planner's page: `/planner` — the next week's forecast per half hour, the
advisors to schedule for 80% answered in 20 s (30% shrinkage), last week's forecast against
what really came, the stored schedule with its coverage per language, and a day's adherence.

`POST /planner/schedule` (CSRF form) queues the generation of next week's schedule from the
client's history and answers at once; the page shows it as pending and `planner.js` reloads it
when the `wfm.schedule_generated` (or `wfm.schedule_failed`) event arrives. The week's previous
schedule is superseded and kept."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import get_runtime
from tawasol.auth.permissions import Permission
from tawasol.clients.access import access_client_by_id
from tawasol.db.types import utcnow
from tawasol.errors import ApiError, NotFound
from tawasol.i18n.catalogue import gettext, using_locale
from tawasol.models.client import Client
from tawasol.models.vocabulary import Role
from tawasol.web.console import ConsoleUser
from tawasol.web.planner_charts import week_lines
from tawasol.web.planner_data import TARGET, planner_view
from tawasol.web.planner_schedule import adherence_rows, location_defaults, schedule_view
from tawasol.web.staff import back, form_actor, int_or_none, open_page, render_staff
from tawasol.wfm.generate import WeekRequest, next_monday
from tawasol.wfm.generation import do_request_schedule, generation_state
from tawasol.wfm.sunset import Location

router = APIRouter(include_in_schema=False)
PLANNERS = frozenset({Role.OPERATOR_ADMIN, Role.SUPERVISOR, Role.WORKFORCE_PLANNER})
# Solver time for a week requested on the page (solved in the background); tests lower it.
SCHEDULE_SECONDS = 15.0


def _today(client: Client) -> date:
    return datetime.fromtimestamp(utcnow().timestamp(), ZoneInfo(client.timezone)).date()


def _day(raw: str | None, default: date) -> date:
    try:
        return date.fromisoformat(raw) if raw and len(raw) == 10 else default
    except ValueError:
        return default


def _context(session: Session, request: Request, me: ConsoleUser) -> dict[str, Any]:
    clients = list(session.scalars(select(Client).order_by(Client.name)))
    wanted = int_or_none(request.query_params.get("client"))
    client = next((c for c in clients if c.id == wanted), clients[0] if clients else None)
    if client is None:
        return {"clients": [], "client": None, "view": None, "chart": None, "schedule": None,
                "generation": None}  # fmt: skip
    today = _today(client)
    view = planner_view(session, client_id=client.id, today=today)
    adherence_day = _day(request.query_params.get("day"), today)
    with using_locale(me.locale):
        chart = week_lines(
            view.volume, view.scheduled,
            title=gettext("Contacts prévus et conseillers à planifier, par demi-heure"),
        ) if view.volume else None  # fmt: skip
        schedule = schedule_view(session, client_id=client.id)
    latitude, longitude = location_defaults(schedule)
    return {
        "clients": clients, "client": client, "view": view, "chart": chart, "target": TARGET,
        "schedule": schedule, "next_week": next_monday(today),
        "can_generate": me.may(Permission.WFM_MANAGE),
        "latitude": latitude, "longitude": longitude, "adherence_day": adherence_day,
        "adherence": adherence_rows(session, client_id=client.id, day=adherence_day),
        "generation": generation_state(session, client_id=client.id),
        "queued": request.query_params.get("queued"),
    }  # fmt: skip


@router.get("/planner", response_class=HTMLResponse)
def planner_page(request: Request) -> Response:
    actor = open_page(request, PLANNERS)
    if isinstance(actor, Response):
        return actor
    return render_staff(
        request, actor, "planner.html", "planner",
        lambda session, me: _context(session, request, me),
    )  # fmt: skip


def _coordinate(raw: str | None, low: float, high: float) -> float:
    value = float((raw or "").strip().replace(",", "."))
    if not low <= value <= high:
        raise ValueError("coordinate out of range")
    return value


@router.post("/planner/schedule")
async def generate_schedule(request: Request) -> Response:
    actor, form = await form_actor(request, PLANNERS)
    if isinstance(actor, Response):
        return actor
    client_id = int_or_none(form.get("client_id"))
    if client_id is None:
        return Response(status_code=404)
    return await run_in_threadpool(_request, request, actor, client_id, form)


def _request(request: Request, actor: Actor, client_id: int, form: dict[str, str]) -> Response:
    """Queue the generation (the solve runs in the background, see `wfm/generation.py`)."""
    try:
        with get_runtime(request).db.unit(actor.scope) as session:
            actor.require(Permission.WFM_MANAGE)
            client = access_client_by_id(session, client_id)
            location = Location(
                latitude=_coordinate(form.get("latitude"), -66.0, 66.0),
                longitude=_coordinate(form.get("longitude"), -180.0, 180.0),
                timezone=client.timezone,
            )
            week = WeekRequest(first_day=next_monday(_today(client)), location=location,
                               time_limit_seconds=SCHEDULE_SECONDS)  # fmt: skip
            _, new = do_request_schedule(session, actor=actor, client=client, week=week)
    except NotFound:
        return Response(status_code=404)
    except (ApiError, ValidationError, ValueError) as exc:
        return _refused(request, actor, exc)
    return back("/planner", client=client_id, queued=1 if new else 2)


def _refused(request: Request, actor: Actor, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, ApiError) else 422
    flash = exc if isinstance(exc, ApiError | ValidationError) else None
    return render_staff(
        request, actor, "planner.html", "planner",
        lambda session, me: _context(session, request, me),
        flash=flash, status=status, generate_error=None if flash else "invalid",
    )  # fmt: skip
