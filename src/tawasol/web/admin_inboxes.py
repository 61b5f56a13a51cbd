"""`/admin/inboxes`: inboxes per client, creating one, and for web chat the line to paste into
the client's site (built from the public address, so it works behind a proxy)."""

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
from tawasol.errors import ApiError, NotFound
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models.client import Client
from tawasol.models.inbox import Inbox
from tawasol.models.vocabulary import Channel
from tawasol.web.console import ConsoleUser
from tawasol.web.staff import ADMINISTRATION, back, form_actor, open_page, render_staff

router = APIRouter(include_in_schema=False)


def widget_snippet(base: str, public_key: str) -> str:
    """The tag a client pastes once; the key is public by design (it names the inbox)."""
    return f'<script src="{base.rstrip("/")}/widget/{public_key}.js" async></script>'


def _builder(request: Request) -> Any:
    base = get_runtime(request).settings.public_url or str(request.base_url)

    def build(session: Session, me: ConsoleUser) -> dict[str, Any]:
        clients = list(session.scalars(select(Client).order_by(Client.name, Client.id)))
        names = {c.id: c.name for c in clients}
        inboxes = list(session.scalars(select(Inbox).order_by(Inbox.client_id, Inbox.id)))
        return {
            "clients": clients,
            "rows": [
                (
                    inbox,
                    names.get(inbox.client_id, ""),
                    widget_snippet(base, inbox.public_key) if inbox.channel == "webchat" else None,
                )
                for inbox in inboxes
            ],  # fmt: skip
            "channels": [c.value for c in Channel],
            "can_create": me.may(Permission.INBOXES_MANAGE),
        }

    return build


@router.get("/admin/inboxes", response_class=HTMLResponse)
def inboxes_page(request: Request) -> Response:
    actor = open_page(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    return render_staff(request, actor, "admin_inboxes.html", "inboxes", _builder(request),
                        typed={})  # fmt: skip


@router.post("/admin/inboxes")
async def create_inbox(request: Request) -> Response:
    actor, form = await form_actor(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    try:
        with get_runtime(request).db.unit(actor.scope) as session:
            actor.require(Permission.INBOXES_MANAGE)
            data = InboxIn.model_validate(
                {"client_id": form.get("client_id"), "name": form.get("name", "").strip(),
                 "channel": form.get("channel")}
            )  # fmt: skip
            client = access_client_by_id(session, data.client_id)
            do_create_inbox(session, actor=actor, client=client, data=data)
    except NotFound:
        return Response(status_code=404)
    except (ApiError, ValidationError) as exc:
        status = exc.status_code if isinstance(exc, ApiError) else 422
        return render_staff(request, actor, "admin_inboxes.html", "inboxes", _builder(request),
                            flash=exc, status=status, typed=form)  # fmt: skip
    return back("/admin/inboxes", done=1)
