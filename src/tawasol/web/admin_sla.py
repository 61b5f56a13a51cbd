"""`/admin/sla`: a client's SLA targets, escalations and business hours.

Supervisors read them; operator admins change them, through the same action as
``PUT /api/v1/clients/{id}/sla`` (validated by the same schema, audited).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.dependencies import get_runtime
from tawasol.auth.permissions import Permission
from tawasol.clients.access import access_client_by_id
from tawasol.db.types import DbId
from tawasol.errors import ApiError, NotFound
from tawasol.models.client import Client
from tawasol.sla.actions import do_update_sla_settings
from tawasol.sla.calendar import DAYS
from tawasol.sla.queries import sla_settings_of
from tawasol.web.admin_sla_form import (
    ACTIONS,
    ESCALATION_KEYS,
    EVENTS,
    PERIOD_ROWS,
    PRIORITIES,
    TARGETS,
    form_values,
    settings_from_form,
)
from tawasol.web.console import ConsoleUser
from tawasol.web.staff import ADMINISTRATION, back, form_actor, int_or_none, open_page, render_staff

router = APIRouter(include_in_schema=False)
TEMPLATE = "admin_sla.html"


def _builder(client_id: int | None, typed: dict[str, str] | None = None) -> Any:
    def build(session: Session, me: ConsoleUser) -> dict[str, Any]:
        clients = list(session.scalars(select(Client).order_by(Client.name, Client.id)))
        chosen = next((c for c in clients if c.id == client_id), None)
        if chosen is None and client_id is None and clients:
            chosen = clients[0]
        page: dict[str, Any] = {
            "clients": clients,
            "client": chosen,
            "can_edit": me.may(Permission.CLIENTS_MANAGE),
            "priorities": PRIORITIES,
            "escalation_keys": ESCALATION_KEYS,
            "targets": TARGETS,
            "events": EVENTS,
            "actions": ACTIONS,
            "days": DAYS,
            "period_rows": range(PERIOD_ROWS),
            "values": {},
        }
        if chosen is not None:
            stored = sla_settings_of(session, client=chosen)
            page["tracked"] = stored.tracked
            page["zone"] = stored.timezone
            page["values"] = (
                typed if typed is not None else form_values(stored.policy, stored.calendar)
            )
        return page

    return build


@router.get("/admin/sla", response_class=HTMLResponse)
def sla_page(request: Request) -> Response:
    actor = open_page(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    client_id = int_or_none(request.query_params.get("client_id"))
    return render_staff(request, actor, TEMPLATE, "sla", _builder(client_id))


@router.post("/admin/sla/{client_id}")
async def save_sla(request: Request, client_id: DbId) -> Response:
    actor, form = await form_actor(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    try:
        with get_runtime(request).db.unit(actor.scope) as session:
            actor.require(Permission.CLIENTS_MANAGE)
            client = access_client_by_id(session, client_id)
            data = settings_from_form(form)
            # The page does not show the policy's name: saving it keeps the stored one.
            stored_name = sla_settings_of(session, client=client).policy.get("name")
            data.policy.name = str(stored_name or data.policy.name)
            do_update_sla_settings(session, actor=actor, client=client, data=data)
    except NotFound:
        return Response(status_code=404)
    except (ApiError, ValidationError) as exc:
        status = exc.status_code if isinstance(exc, ApiError) else 422
        return render_staff(request, actor, TEMPLATE, "sla", _builder(client_id, form),
                            flash=exc, status=status)  # fmt: skip
    return back("/admin/sla", client_id=client_id, done=1)
