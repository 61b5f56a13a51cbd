"""JSON API for conversations and their messages."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query, Response

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.contacts.access import access_contact_by_id
from tawasol.conversations.access import access_conversation_by_id
from tawasol.conversations.actions import (
    do_add_tags,
    do_assign,
    do_open_conversation,
    do_post_message,
    do_remove_tag,
    do_set_status,
)
from tawasol.conversations.queries import (
    ConversationFilters,
    conversations_out,
    list_conversations,
    list_messages,
)
from tawasol.conversations.schemas import (
    AssignIn,
    ConversationIn,
    ConversationOut,
    MessageIn,
    MessageOut,
    StatusIn,
    TagsIn,
)
from tawasol.db.types import DbId
from tawasol.inboxes.access import access_inbox_by_id
from tawasol.models.vocabulary import ConversationStatus, Priority, Sentiment
from tawasol.pagination import Page, decode_cursor, encode_cursor
from tawasol.users.access import access_team_by_id, access_user_by_id

router = APIRouter(prefix="/conversations", tags=["conversations"])


@router.get("", response_model=Page[ConversationOut])
def get_conversations(
    session: SessionDep,
    client_id: DbId | None = None,
    inbox_id: DbId | None = None,
    status: list[ConversationStatus] | None = Query(default=None),
    assignee_id: DbId | None = None,
    unassigned: bool = False,
    team_id: DbId | None = None,
    language: str | None = Query(default=None, pattern=r"^[a-z]{2,3}$"),
    intent: str | None = Query(default=None, max_length=64),
    priority: Priority | None = None,
    sentiment: Sentiment | None = None,
    tag: str | None = Query(default=None, max_length=64),
    cursor: str | None = Query(default=None, max_length=200),
    limit: int = Query(default=50, ge=1, le=200),
    actor=require(P.CONVERSATIONS_READ),
) -> Page[ConversationOut]:
    filters = ConversationFilters(
        client_id=client_id, inbox_id=inbox_id,
        status=[s.value for s in status] if status else None,
        assignee_id=assignee_id, unassigned=unassigned, team_id=team_id, language=language,
        intent=intent, priority=priority.value if priority else None,
        sentiment=sentiment.value if sentiment else None,
        tag=tag.strip().lower() if tag else None,
    )  # fmt: skip
    after = tuple(decode_cursor(cursor, (datetime, int))) if cursor else None
    rows = list_conversations(session, filters=filters, after=after, limit=limit + 1)  # type: ignore[arg-type]
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if rows else None
    return Page[ConversationOut](
        items=conversations_out(session, rows),
        next_cursor=encode_cursor(last.last_message_at, last.id) if more and last else None,
    )


@router.post("", response_model=ConversationOut, status_code=201)
def open_conversation(
    body: ConversationIn, response: Response, session: SessionDep,
    actor=require(P.CONVERSATIONS_WRITE),
) -> ConversationOut:  # fmt: skip
    inbox = access_inbox_by_id(session, body.inbox_id)
    contact = access_contact_by_id(session, body.contact_id)
    conversation, created, _ = do_open_conversation(
        session, actor=actor, inbox=inbox, contact=contact, data=body
    )
    if not created:
        response.status_code = 200
    return conversations_out(session, [conversation])[0]


@router.get("/{conversation_id}", response_model=ConversationOut)
def get_conversation(
    conversation_id: DbId, session: SessionDep, actor=require(P.CONVERSATIONS_READ)
) -> ConversationOut:
    return conversations_out(session, [access_conversation_by_id(session, conversation_id)])[0]


@router.post("/{conversation_id}/assign", response_model=ConversationOut)
def assign(
    conversation_id: DbId, body: AssignIn, session: SessionDep,
    actor=require(P.CONVERSATIONS_ASSIGN),
) -> ConversationOut:  # fmt: skip
    conversation = access_conversation_by_id(session, conversation_id)
    assignee = access_user_by_id(session, body.assignee_id) if body.assignee_id else None
    team = access_team_by_id(session, body.team_id) if body.team_id else None
    do_assign(
        session, actor=actor, conversation=conversation, assignee=assignee, team=team, data=body
    )
    return conversations_out(session, [conversation])[0]


@router.post("/{conversation_id}/status", response_model=ConversationOut)
def set_status(
    conversation_id: DbId, body: StatusIn, session: SessionDep,
    actor=require(P.CONVERSATIONS_WRITE),
) -> ConversationOut:  # fmt: skip
    conversation = access_conversation_by_id(session, conversation_id)
    do_set_status(session, actor=actor, conversation=conversation, data=body)
    return conversations_out(session, [conversation])[0]


@router.post("/{conversation_id}/tags", response_model=ConversationOut)
def add_tags(
    conversation_id: DbId, body: TagsIn, session: SessionDep,
    actor=require(P.CONVERSATIONS_WRITE),
) -> ConversationOut:  # fmt: skip
    conversation = access_conversation_by_id(session, conversation_id)
    do_add_tags(session, actor=actor, conversation=conversation, tags=body.tags)
    return conversations_out(session, [conversation])[0]


@router.delete("/{conversation_id}/tags/{tag}", response_model=ConversationOut)
def remove_tag(
    conversation_id: DbId, tag: str, session: SessionDep, actor=require(P.CONVERSATIONS_WRITE)
) -> ConversationOut:
    conversation = access_conversation_by_id(session, conversation_id)
    do_remove_tag(session, actor=actor, conversation=conversation, tag=tag)
    return conversations_out(session, [conversation])[0]


@router.get("/{conversation_id}/messages", response_model=Page[MessageOut])
def get_messages(
    conversation_id: DbId,
    session: SessionDep,
    cursor: str | None = Query(default=None, max_length=200),
    limit: int = Query(default=100, ge=1, le=500),
    actor=require(P.MESSAGES_READ),
) -> Page[MessageOut]:
    conversation = access_conversation_by_id(session, conversation_id)
    after_id = decode_cursor(cursor, (int,))[0] if cursor else None
    rows = list_messages(
        session, conversation=conversation, include_notes=actor.can(P.NOTES_READ),
        after_id=after_id, limit=limit + 1,
    )  # fmt: skip
    more = len(rows) > limit
    rows = rows[:limit]
    return Page[MessageOut](
        items=[MessageOut.model_validate(m) for m in rows],
        next_cursor=encode_cursor(rows[-1].id) if more and rows else None,
    )


@router.post("/{conversation_id}/messages", response_model=MessageOut, status_code=201)
def post_message(
    conversation_id: DbId, body: MessageIn, session: SessionDep,
    actor=require(P.CONVERSATIONS_READ),
) -> MessageOut:  # fmt: skip
    conversation = access_conversation_by_id(session, conversation_id)
    message = do_post_message(
        session, actor=actor, conversation=conversation, kind=body.kind,
        text=body.text, html=body.html,
    )  # fmt: skip
    return MessageOut.model_validate(message)
