"""Listing conversations and messages with keyset pagination."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, or_, select, tuple_
from sqlalchemy.orm import Session

from tawasol.conversations.schemas import ConversationOut
from tawasol.models.contact import Contact
from tawasol.models.conversation import Conversation, ConversationTag
from tawasol.models.message import Message
from tawasol.models.vocabulary import MessageKind


@dataclass(frozen=True)
class ConversationFilters:
    client_id: int | None = None
    inbox_id: int | None = None
    status: list[str] | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    team_id: int | None = None
    language: str | None = None
    intent: str | None = None
    priority: str | None = None
    sentiment: str | None = None
    tag: str | None = None
    channel: str | None = None
    contact_id: int | None = None
    # Words an advisor types: a substring of the subject or of the contact's name.
    search: str | None = None


def _filtered(query: Select, f: ConversationFilters) -> Select:  # type: ignore[type-arg]
    c = Conversation
    pairs = (
        (c.client_id, f.client_id),
        (c.inbox_id, f.inbox_id),
        (c.assignee_id, f.assignee_id),
        (c.team_id, f.team_id),
        (c.language, f.language),
        (c.intent, f.intent),
        (c.priority, f.priority),
        (c.sentiment, f.sentiment),
        (c.channel, f.channel),
        (c.contact_id, f.contact_id),
    )
    for column, value in pairs:
        if value is not None:
            query = query.where(column == value)
    if f.unassigned:
        query = query.where(c.assignee_id.is_(None))
    if f.status:
        query = query.where(c.status.in_(f.status))
    if f.search:
        pattern = "%" + _escape_like(f.search) + "%"
        named = select(Contact.id).where(Contact.name.ilike(pattern, escape="\\"))
        query = query.where(or_(c.subject.ilike(pattern, escape="\\"), c.contact_id.in_(named)))
    return query


def _escape_like(text: str) -> str:
    """Typed `%` and `_` are literal characters, not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_conversations(
    session: Session,
    *,
    filters: ConversationFilters,
    after: tuple[datetime, int] | None,
    limit: int,
) -> list[Conversation]:
    """Most recent activity first; `after` is the (last_message_at, id) of the previous page.

    With a tag, the tag rows lead (their index is sorted by the copied activity time) and the
    conversations are joined to them, so a rare tag costs as little as a common one."""
    if filters.tag:
        t = ConversationTag
        key = (t.last_message_at, t.conversation_id)
        query = (
            select(Conversation)
            .join(
                t, (t.conversation_id == Conversation.id) & (t.client_id == Conversation.client_id)
            )
            .where(t.tag == filters.tag)
            .order_by(t.last_message_at.desc(), t.conversation_id.desc())
        )
        if filters.client_id is not None:
            query = query.where(t.client_id == filters.client_id)
    else:
        key = (Conversation.last_message_at, Conversation.id)
        query = select(Conversation).order_by(key[0].desc(), key[1].desc())
    query = _filtered(query, filters)
    if after is not None:
        query = query.where(tuple_(*key) < tuple_(*after))
    return list(session.scalars(query.limit(limit)))


def tags_by_conversation(session: Session, ids: list[int]) -> dict[int, list[str]]:
    tags: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(ConversationTag.conversation_id, ConversationTag.tag)
        .where(ConversationTag.conversation_id.in_(ids))
        .order_by(ConversationTag.tag)
    )
    for conversation_id, tag in rows:
        tags[conversation_id].append(tag)
    return tags


def conversations_out(session: Session, rows: list[Conversation]) -> list[ConversationOut]:
    tags = tags_by_conversation(session, [r.id for r in rows])
    return [ConversationOut.model_validate(r).model_copy(update={"tags": tags[r.id]}) for r in rows]


def list_messages(
    session: Session,
    *,
    conversation: Conversation,
    include_notes: bool,
    after_id: int | None,
    limit: int,
) -> list[Message]:
    """Oldest first, as a transcript reads."""
    query = (
        select(Message)
        .where(Message.conversation_id == conversation.id)
        .order_by(Message.id)
        .limit(limit)
    )
    if not include_notes:
        query = query.where(Message.kind == MessageKind.MESSAGE.value)
    if after_id is not None:
        query = query.where(Message.id > after_id)
    return list(session.scalars(query))
