"""The conversation page, `/conversations/{id}`, and the two fragments it refreshes live:
the header (assignment, status, tags) and the timeline's newest entries."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import get_runtime
from tawasol.auth.permissions import Permission
from tawasol.db.types import DbId
from tawasol.errors import NotFound
from tawasol.users.mentions import has_unread_mentions, mark_mentions_read, mentionable_users
from tawasol.web.console import ConsoleUser, login_redirect, not_found, page_actor, render_console
from tawasol.web.conversation_view import load_conversation_view, load_entries, load_header
from tawasol.web.copilot_panel import copilot_panel
from tawasol.web.inbox import inbox_pane
from tawasol.web.transfer_dialog import transfer_targets

router = APIRouter(include_in_schema=False)
ERRORS = ("invalid", "forbidden", "conflict", "transfer")


@router.get("/conversations/{conversation_id}", response_class=HTMLResponse)
def conversation_page(conversation_id: DbId, request: Request) -> Response:
    actor = page_actor(request)
    if actor is None:
        return login_redirect()
    if actor.can(Permission.NOTES_READ):
        _read_my_mentions(request, actor, conversation_id)
    with get_runtime(request).db.unit(actor.scope, write=False) as session:
        me = ConsoleUser.load(session, request, actor)
        if not me.may(Permission.CONVERSATIONS_READ):
            return not_found(request, me)
        try:
            view = load_conversation_view(session, me, conversation_id)
        except NotFound:
            return not_found(request, me)
        pane = inbox_pane(session, request, me, current=conversation_id)
        copilot = copilot_panel(session, me, view.header.conversation)
        people = (
            mentionable_users(session, client_id=view.header.conversation.client_id)
            if me.may(Permission.NOTES_WRITE) else []
        )  # fmt: skip
        conversation = view.header.conversation
        transfer = (
            transfer_targets(session, conversation)
            if me.may(Permission.CONVERSATIONS_ASSIGN) else None
        )  # fmt: skip
    error = request.query_params.get("error")
    context = {**pane, "view": view, "header": view.header, "copilot": copilot}
    context["transfer"] = transfer
    context["mentionable"] = [{"id": p.id, "name": p.full_name} for p in people if p.id != me.id]
    context["error"] = error if error in ERRORS else None
    return render_console(request, "conversation.html", me, context)


def _read_my_mentions(request: Request, actor: Actor, conversation_id: int) -> None:
    """Opening the conversation reads the notes that name me (before the badge is counted)."""
    user_id, db = actor.user_id or 0, get_runtime(request).db
    with db.unit(actor.scope, write=False) as session:  # most views have nothing to mark
        if not has_unread_mentions(session, user_id=user_id, conversation_id=conversation_id):
            return
    with db.unit(actor.scope) as session:
        mark_mentions_read(session, user_id=user_id, conversation_id=conversation_id)


def _fragment_actor(request: Request) -> Actor | Response:
    """Fragments answer with a bare status: the script reloads the page, which explains."""
    actor = page_actor(request)
    if actor is None:
        return Response(status_code=401)
    if not actor.can(Permission.CONVERSATIONS_READ):
        return Response(status_code=404)
    return actor


@router.get("/conversations/{conversation_id}/summary", response_class=HTMLResponse)
def conversation_summary(conversation_id: DbId, request: Request) -> Response:
    actor = _fragment_actor(request)
    if isinstance(actor, Response):
        return actor
    with get_runtime(request).db.unit(actor.scope, write=False) as session:
        me = ConsoleUser.load(session, request, actor)
        try:
            header = load_header(session, me, conversation_id)
        except NotFound:
            return Response(status_code=404)
    return render_console(request, "_conversation_header.html", me, {"header": header})


@router.get("/conversations/{conversation_id}/timeline", response_class=HTMLResponse)
def conversation_timeline(conversation_id: DbId, request: Request) -> Response:
    """Entries newer than `after` (the last one the page shows)."""
    actor = _fragment_actor(request)
    if isinstance(actor, Response):
        return actor
    raw_after = request.query_params.get("after", "")
    after_id = int(raw_after) if raw_after.isdigit() and len(raw_after) < 19 else None
    with get_runtime(request).db.unit(actor.scope, write=False) as session:
        me = ConsoleUser.load(session, request, actor)
        try:
            header = load_header(session, me, conversation_id)
        except NotFound:
            return Response(status_code=404)
        entries, _ = load_entries(session, me, header.conversation, after_id=after_id)
    context = {"entries": entries, "timezone": header.timezone}
    return render_console(request, "_timeline_entries.html", me, context)
