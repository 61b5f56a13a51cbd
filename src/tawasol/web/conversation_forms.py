"""Plain HTML form posts for the conversation page, so that it works before (or without) its
script: reply, note, assign, status and tags. The script sends the same actions to the JSON
API instead. Each post checks the CSRF field, the same permission as the matching API route,
and reaches the conversation through the actor's scope; then it redirects back (303)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import get_runtime
from tawasol.auth.permissions import Permission
from tawasol.conversations.access import access_conversation_by_id
from tawasol.conversations.actions import (
    do_add_tags,
    do_assign,
    do_post_message,
    do_remove_tag,
    do_set_status,
)
from tawasol.conversations.schemas import AssignIn, MessageIn, StatusIn, TagsIn
from tawasol.db.types import DbId
from tawasol.errors import ApiError, Conflict, Forbidden, Invalid, NotFound
from tawasol.models.conversation import Conversation
from tawasol.routing.schemas import TransferIn
from tawasol.routing.transfer import do_transfer
from tawasol.users.access import access_team_by_id, access_user_by_id
from tawasol.web.console import form_session
from tawasol.web.inbox_filters import InboxQuery

router = APIRouter(include_in_schema=False)
Form = dict[str, str]
# Why routing refused a transfer (`routing.transfer`): said as "this transfer is not possible".
TRANSFER_REFUSALS = frozenset({
    "not_eligible", "not_held", "same_advisor", "already_queued", "not_granted",
    "invalid_assignee", "client_mismatch", "no_target", "one_target",
})  # fmt: skip
Change = Callable[[Session, Actor, Conversation, Form], None]


def _reply(session: Session, actor: Actor, conversation: Conversation, form: Form) -> None:
    body = MessageIn.model_validate({"kind": form.get("kind", "message"), "text": form.get("text")})
    do_post_message(
        session, actor=actor, conversation=conversation, kind=body.kind, text=body.text, html=None
    )


def _assign(session: Session, actor: Actor, conversation: Conversation, form: Form) -> None:
    actor.require(Permission.CONVERSATIONS_ASSIGN)
    me = access_user_by_id(session, actor.user_id or 0) if form.get("assignee") == "me" else None
    data = AssignIn(assignee_id=me.id if me else None)
    do_assign(session, actor=actor, conversation=conversation, assignee=me, team=None, data=data)


def _status(session: Session, actor: Actor, conversation: Conversation, form: Form) -> None:
    actor.require(Permission.CONVERSATIONS_WRITE)
    data = StatusIn.model_validate({"status": form.get("status")})
    do_set_status(session, actor=actor, conversation=conversation, data=data)


def _tags(session: Session, actor: Actor, conversation: Conversation, form: Form) -> None:
    actor.require(Permission.CONVERSATIONS_WRITE)
    if form.get("remove"):
        do_remove_tag(session, actor=actor, conversation=conversation, tag=form["remove"])
        return
    words = [word for word in form.get("add", "").split(",") if word.strip()]
    data = TagsIn.model_validate({"tags": words})
    do_add_tags(session, actor=actor, conversation=conversation, tags=data.tags)


def _transfer(session: Session, actor: Actor, conversation: Conversation, form: Form) -> None:
    """`target` is `advisor:<id>`, `team:<id>` or `queue`; the note stays internal."""
    actor.require(Permission.CONVERSATIONS_ASSIGN)
    kind, _, raw_id = form.get("target", "").partition(":")
    if kind not in ("advisor", "team", "queue") or (kind != "queue") != raw_id.isdigit():
        raise Invalid("choose an advisor, a team or the queue", code="no_target")
    data = TransferIn.model_validate({
        "advisor_id": raw_id if kind == "advisor" else None,
        "team_id": raw_id if kind == "team" else None,
        "note": form.get("note") or None,
    })  # fmt: skip
    advisor = access_user_by_id(session, data.advisor_id) if data.advisor_id else None
    team = access_team_by_id(session, data.team_id) if data.team_id else None
    do_transfer(
        session, actor=actor, conversation=conversation, advisor=advisor, team=team,
        note=data.note,
    )  # fmt: skip


CHANGES: dict[str, Change] = {
    "reply": _reply, "assign": _assign, "status": _status, "tags": _tags, "transfer": _transfer,
}  # fmt: skip


def _error_code(exc: Exception) -> str:
    if isinstance(exc, Forbidden):
        return "forbidden"
    if getattr(exc, "code", None) in TRANSFER_REFUSALS:
        return "transfer"
    return "conflict" if isinstance(exc, Conflict) else "invalid"


@router.post("/conversations/{conversation_id}/{change}")
async def change_conversation(conversation_id: DbId, change: str, request: Request) -> Response:
    if change not in CHANGES:
        return Response(status_code=404)
    actor, form = await form_session(request)
    if isinstance(actor, Response):
        return actor
    runtime = get_runtime(request)
    back_to_list = dict(parse_qsl(form.get("list", "")))
    target = (
        f"/conversations/{conversation_id}?"
        + InboxQuery.parse(back_to_list, actor=actor).query_string()
    )
    try:
        with runtime.db.unit(actor.scope) as session:
            actor.require(Permission.CONVERSATIONS_READ)
            conversation = access_conversation_by_id(session, conversation_id)
            CHANGES[change](session, actor, conversation, form)
    except NotFound:
        return Response(status_code=404)
    except (ApiError, ValidationError) as exc:
        return RedirectResponse(f"{target}&error={_error_code(exc)}", status_code=303)
    return RedirectResponse(target, status_code=303)
