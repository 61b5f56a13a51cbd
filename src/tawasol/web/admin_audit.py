"""`/admin/audit`: the audit trail, newest first, filtered like the JSON API (client, action,
actor, object) and paged by keyset ("more" carries the last id, never an offset)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.permissions import Permission
from tawasol.errors import ApiError
from tawasol.models.audit import AuditEntry
from tawasol.models.client import Client
from tawasol.pagination import decode_cursor, encode_cursor
from tawasol.web.console import ConsoleUser
from tawasol.web.staff import ADMINISTRATION, int_or_none, open_page, render_staff

router = APIRouter(include_in_schema=False)
PAGE = 50
TEXT_FILTERS = ("action", "object_type", "object_id")


def _filters(request: Request) -> dict[str, str]:
    params = request.query_params
    chosen = {key: params.get(key, "").strip()[:64] for key in TEXT_FILTERS}
    for key in ("client_id", "actor_user_id"):
        number = int_or_none(params.get(key))
        chosen[key] = str(number) if number else ""
    return {key: value for key, value in chosen.items() if value}


def _builder(filters: dict[str, str], cursor: str | None) -> Any:
    def build(session: Session, me: ConsoleUser) -> dict[str, Any]:
        me.actor.require(Permission.AUDIT_READ)
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(PAGE + 1)
        if cursor:
            query = query.where(AuditEntry.id < decode_cursor(cursor, (int,))[0])
        columns = {
            "client_id": AuditEntry.client_id, "actor_user_id": AuditEntry.actor_user_id,
            "action": AuditEntry.action, "object_type": AuditEntry.object_type,
            "object_id": AuditEntry.object_id,
        }  # fmt: skip
        for key, value in filters.items():
            query = query.where(columns[key] == (int(value) if key.endswith("_id") and
                                                 key != "object_id" else value))  # fmt: skip
        rows = list(session.scalars(query))
        more = encode_cursor(rows[PAGE - 1].id) if len(rows) > PAGE else None
        clients = list(session.scalars(select(Client).order_by(Client.name, Client.id)))
        return {
            "entries": rows[:PAGE],
            "clients": clients,
            "client_names": {c.id: c.name for c in clients},
            "filters": filters,
            "more_url": f"/admin/audit?{urlencode({**filters, 'cursor': more})}" if more else None,
        }

    return build


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(request: Request) -> Response:
    actor = open_page(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    cursor = request.query_params.get("cursor") or None
    try:
        return render_staff(request, actor, "admin_audit.html", "audit",
                            _builder(_filters(request), cursor))  # fmt: skip
    except ApiError as exc:
        return Response(status_code=exc.status_code)
