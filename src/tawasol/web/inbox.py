"""The advisor inbox: `/inbox` (the page) and `/inbox/rows` (rows for "more" and live refresh).

The list pane is the same on the conversation page, so that j/k walk the list an advisor chose
without going back to it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from tawasol.auth.dependencies import get_runtime
from tawasol.auth.permissions import Permission
from tawasol.users.mentions import BADGE_CAP, unread_mention_count
from tawasol.web.console import ConsoleUser, login_redirect, page_actor, render_console
from tawasol.web.inbox_filters import CHANNELS, STATUSES, VIEWS, InboxQuery, read_cursor
from tawasol.web.inbox_listing import PAGE_SIZE, clients_in_reach, load_inbox
from tawasol.web.inbox_sla import SLA_STATES

router = APIRouter(include_in_schema=False)


def inbox_pane(
    session: Session, request: Request, me: ConsoleUser, *, current: int | None
) -> dict[str, Any]:
    """Everything the list pane renders, for the inbox page and the conversation page."""
    query = InboxQuery.parse(request.query_params, actor=me.actor)
    after = read_cursor(request.query_params.get("cursor"))
    page = load_inbox(session, actor=me.actor, query=query, after=after)
    return {
        "query": query,
        "page": page,
        "clients": clients_in_reach(session),
        # Only people who read internal notes can be mentioned in one.
        "views": [v for v in VIEWS if v != "mentions" or me.may(Permission.NOTES_READ)],
        "statuses": STATUSES,
        "channels": CHANNELS,
        "sla_states": SLA_STATES,
        "mention_count": unread_mention_count(session, user_id=me.id),
        "badge_cap": BADGE_CAP,
        "current_id": current,
        "console_config": {
            "rowsUrl": "/inbox/rows",
            "query": query.query_string(),
            "pageSize": PAGE_SIZE,
            "conversationId": current,
        },
    }


@router.get("/inbox", response_class=HTMLResponse)
def inbox_page(request: Request) -> Response:
    actor = page_actor(request)
    if actor is None:
        return login_redirect()
    with get_runtime(request).db.unit(actor.scope, write=False) as session:
        me = ConsoleUser.load(session, request, actor)
        if not me.may(Permission.CONVERSATIONS_READ):
            return render_console(request, "not_found.html", me, {}, status=403)
        pane = inbox_pane(session, request, me, current=None)
    return render_console(request, "inbox.html", me, pane)


@router.get("/inbox/rows", response_class=HTMLResponse)
def inbox_rows(request: Request) -> Response:
    """Rows only: the next page (`cursor`), or the first `limit` rows again after an event."""
    actor = page_actor(request)
    if actor is None or not actor.can(Permission.CONVERSATIONS_READ):
        return Response(status_code=401 if actor is None else 403)
    raw_limit = request.query_params.get("limit", "")
    limit = int(raw_limit) if raw_limit.isdigit() and len(raw_limit) < 4 else PAGE_SIZE
    raw_current = request.query_params.get("current", "")
    current = int(raw_current) if raw_current.isdigit() and len(raw_current) < 19 else None
    with get_runtime(request).db.unit(actor.scope, write=False) as session:
        me = ConsoleUser.load(session, request, actor)
        query = InboxQuery.parse(request.query_params, actor=actor)
        after = read_cursor(request.query_params.get("cursor"))
        page = load_inbox(session, actor=actor, query=query, after=after, limit=limit)
    context = {"query": query, "page": page, "current_id": current}
    return render_console(request, "_inbox_rows.html", me, context)
