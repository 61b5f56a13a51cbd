"""`/admin/clients`: the client brands in reach, creating one (operator-wide admins only, as in
the API) and editing one. Supervisors read the list; the forms appear only with the right."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import get_runtime
from tawasol.auth.permissions import Permission
from tawasol.clients.access import access_client_by_id
from tawasol.clients.actions import do_create_client, do_update_client
from tawasol.clients.schemas import ClientIn, ClientPatch
from tawasol.db.types import DbId
from tawasol.errors import ApiError, NotFound
from tawasol.models.client import Client
from tawasol.web.console import ConsoleUser
from tawasol.web.staff import ADMINISTRATION, back, form_actor, open_page, render_staff

router = APIRouter(include_in_schema=False)


def _status(exc: Exception) -> int:
    return exc.status_code if isinstance(exc, ApiError) else 422


def _list(session: Session, me: ConsoleUser) -> dict[str, Any]:
    return {
        "clients": list(session.scalars(select(Client).order_by(Client.name, Client.id))),
        "can_create": me.may(Permission.CLIENTS_MANAGE) and me.actor.client_ids is None,
    }


@router.get("/admin/clients", response_class=HTMLResponse)
def clients_page(request: Request) -> Response:
    actor = open_page(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    return render_staff(request, actor, "admin_clients.html", "clients", _list, typed={})


@router.post("/admin/clients")
async def create_client(request: Request) -> Response:
    actor, form = await form_actor(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    try:
        with get_runtime(request).db.unit(actor.scope) as session:
            actor.require(Permission.CLIENTS_MANAGE)
            data = ClientIn.model_validate(
                {"name": form.get("name", "").strip(), "slug": form.get("slug", "").strip(),
                 "locale": form.get("locale") or "fr",
                 "timezone": form.get("timezone") or "Africa/Casablanca"}
            )  # fmt: skip
            client = do_create_client(session, actor=actor, data=data)
            client_id = client.id
    except (ApiError, ValidationError) as exc:
        return render_staff(request, actor, "admin_clients.html", "clients", _list,
                            flash=exc, status=_status(exc), typed=form)  # fmt: skip
    return back(f"/admin/clients/{client_id}", done=1)


def _one(client_id: int) -> Any:
    def build(session: Session, me: ConsoleUser) -> dict[str, Any]:
        return {
            "client": access_client_by_id(session, client_id),
            "can_edit": me.may(Permission.CLIENTS_MANAGE),
        }

    return build


@router.get("/admin/clients/{client_id}", response_class=HTMLResponse)
def client_page(client_id: DbId, request: Request) -> Response:
    actor = open_page(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    return _client_or_404(request, actor, client_id)


def _client_or_404(
    request: Request, actor: Actor, client_id: int, *, flash: Exception | None = None
) -> Response:
    try:
        return render_staff(request, actor, "admin_client.html", "clients", _one(client_id),
                            flash=flash, status=_status(flash) if flash else 200)  # fmt: skip
    except NotFound:
        return Response(status_code=404)


@router.post("/admin/clients/{client_id}")
async def update_client(client_id: DbId, request: Request) -> Response:
    actor, form = await form_actor(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    try:
        with get_runtime(request).db.unit(actor.scope) as session:
            actor.require(Permission.CLIENTS_MANAGE)
            client = access_client_by_id(session, client_id)
            patch = ClientPatch.model_validate(
                {"name": form.get("name", "").strip(), "locale": form.get("locale") or "fr",
                 "timezone": form.get("timezone") or client.timezone,
                 "is_active": form.get("is_active") == "on",
                 "redact_stored_pii": form.get("redact_stored_pii") == "on"}
            )  # fmt: skip
            do_update_client(session, actor=actor, client=client, patch=patch)
    except NotFound:
        return Response(status_code=404)
    except (ApiError, ValidationError) as exc:
        return _client_or_404(request, actor, client_id, flash=exc)
    return back(f"/admin/clients/{client_id}", done=1)
