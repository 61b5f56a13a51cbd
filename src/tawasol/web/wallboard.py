"""The supervisor wallboard: `/wallboard` (the page), `/wallboard/panel` (the figures alone,
re-fetched by the page on live events and every 30 s) and `/wallboard/assign` (reassign).

Client viewers see their own client's figures read-only (no names of advisors, no forms).
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
from tawasol.conversations.access import access_conversation_by_id
from tawasol.conversations.actions import do_assign
from tawasol.conversations.schemas import AssignIn
from tawasol.db.types import DbId, utcnow
from tawasol.errors import ApiError, NotFound
from tawasol.i18n.catalogue import gettext, using_locale
from tawasol.models.client import Client
from tawasol.users.access import access_user_by_id
from tawasol.web.console import ConsoleUser, render_console
from tawasol.web.staff import (
    SUPERVISION,
    back,
    error_text,
    form_actor,
    int_or_none,
    open_page,
    staff_context,
)
from tawasol.web.wallboard_charts import hourly_bars, level_line
from tawasol.web.wallboard_data import load_boards
from tawasol.web.wallboard_figures import clock

router = APIRouter(include_in_schema=False)
LEVEL_GOAL = 0.8
ASSIGN_ERRORS = ("not_granted", "not_certified", "invalid_assignee", "forbidden", "invalid")


def _board_context(session: Session, request: Request, me: ConsoleUser) -> dict[str, Any]:
    client_id = int_or_none(request.query_params.get("client"))
    boards = load_boards(session, actor=me.actor, now=utcnow(), client_id=client_id)
    with using_locale(me.locale):
        charts = {
            board.client.id: (
                hourly_bars(board.hours_today, board.hours_yesterday,
                            title=gettext("Conversations créées par heure, aujourd'hui et hier")),
                level_line(board.daily, goal=LEVEL_GOAL,
                           title=gettext("Niveau de service par jour, 14 derniers jours")),
            )
            for board in boards
        }  # fmt: skip
    return {
        "boards": boards,
        "charts": charts,
        "client_filter": client_id,
        "can_assign": me.may(Permission.CONVERSATIONS_ASSIGN),
        "show_names": me.may(Permission.USERS_READ),
        "clock": clock,
        "goal": LEVEL_GOAL,
    }


@router.get("/wallboard", response_class=HTMLResponse)
def wallboard_page(request: Request) -> Response:
    actor = open_page(request, SUPERVISION)
    if isinstance(actor, Response):
        return actor
    error = request.query_params.get("error")
    with get_runtime(request).db.unit(actor.scope, write=False) as session:
        me = ConsoleUser.load(session, request, actor)
        context = _board_context(session, request, me)
        context["all_clients"] = list(session.scalars(select(Client).order_by(Client.name)))
    with using_locale(me.locale):
        flash = error_text(_code_error(error)) if error in ASSIGN_ERRORS else None
    context = staff_context(me, "wallboard", flash=flash,
                            done=request.query_params.get("done") == "1", **context)  # fmt: skip
    return render_console(request, "wallboard.html", me, context)


@router.get("/wallboard/panel", response_class=HTMLResponse)
def wallboard_panel(request: Request) -> Response:
    """The figures only, for the page's live refresh (401/403 answered bare, no redirect)."""
    actor = open_page(request, SUPERVISION)
    if isinstance(actor, Response):
        return Response(status_code=401 if actor.status_code == 303 else 403)
    with get_runtime(request).db.unit(actor.scope, write=False) as session:
        me = ConsoleUser.load(session, request, actor)
        context = _board_context(session, request, me)
    return render_console(request, "_wallboard_panel.html", me, context)


@router.post("/wallboard/assign")
async def wallboard_assign(request: Request) -> Response:
    """Reassign a conversation (or release it) with the same action as the JSON API."""
    actor, form = await form_actor(request, SUPERVISION)
    if isinstance(actor, Response):
        return actor
    client = int_or_none(form.get("client"))
    try:
        conversation_id: DbId = int(form.get("conversation_id", ""))
        assignee_id = int_or_none(form.get("assignee_id"))
        with get_runtime(request).db.unit(actor.scope) as session:
            actor.require(Permission.CONVERSATIONS_ASSIGN)
            conversation = access_conversation_by_id(session, conversation_id)
            assignee = access_user_by_id(session, assignee_id) if assignee_id else None
            data = AssignIn(assignee_id=assignee.id if assignee else None)
            do_assign(session, actor=actor, conversation=conversation, assignee=assignee,
                      team=None, data=data)  # fmt: skip
    except NotFound:
        return Response(status_code=404)
    except (ApiError, ValidationError, ValueError) as exc:
        code = getattr(exc, "code", "invalid")
        return back("/wallboard", client=client, error=code if code in ASSIGN_ERRORS else "invalid")
    return back("/wallboard", client=client, done=1)


def _code_error(code: str | None) -> ApiError:
    return ApiError("", code=code or "invalid")
