"""The workforce planner's page: `/planner` — the next week's forecast per half hour, the
advisors to schedule for 80% answered in 20 s (30% shrinkage), and last week's forecast
against what really came."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.db.types import utcnow
from tawasol.i18n.catalogue import gettext, using_locale
from tawasol.models.client import Client
from tawasol.models.vocabulary import Role
from tawasol.web.console import ConsoleUser
from tawasol.web.planner_charts import week_lines
from tawasol.web.planner_data import TARGET, planner_view
from tawasol.web.staff import int_or_none, open_page, render_staff

router = APIRouter(include_in_schema=False)
PLANNERS = frozenset({Role.OPERATOR_ADMIN, Role.SUPERVISOR, Role.WORKFORCE_PLANNER})


def _context(session: Session, request: Request, me: ConsoleUser) -> dict[str, Any]:
    clients = list(session.scalars(select(Client).order_by(Client.name)))
    wanted = int_or_none(request.query_params.get("client"))
    client = next((c for c in clients if c.id == wanted), clients[0] if clients else None)
    if client is None:
        return {"clients": [], "client": None, "view": None, "chart": None}
    today = datetime.fromtimestamp(utcnow().timestamp(), ZoneInfo(client.timezone)).date()
    view = planner_view(session, client_id=client.id, today=today)
    with using_locale(me.locale):
        chart = week_lines(
            view.volume, view.scheduled,
            title=gettext("Contacts prévus et conseillers à planifier, par demi-heure"),
        ) if view.volume else None  # fmt: skip
    return {"clients": clients, "client": client, "view": view, "chart": chart, "target": TARGET}


@router.get("/planner", response_class=HTMLResponse)
def planner_page(request: Request) -> Response:
    actor = open_page(request, PLANNERS)
    if isinstance(actor, Response):
        return actor
    return render_staff(
        request, actor, "planner.html", "planner",
        lambda session, me: _context(session, request, me),
    )  # fmt: skip
