"""Listing conversations and messages with keyset pagination."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import islice

from sqlalchemy import ColumnElement, Select, select, tuple_
from sqlalchemy.orm import Session

from tawasol.conversations.schemas import ConversationOut
from tawasol.conversations.search import search_condition
from tawasol.db.tenancy import session_scope
from tawasol.models.client import Client
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
    return query


# Above this many clients, one query sorting the matching rows beats as many small queries.
MAX_MERGED_CLIENTS = 20


def clients_to_merge(session: Session, filters: ConversationFilters) -> list[int] | None:
    """The clients whose pages are read one by one and merged, or None for one query.

    `client_id IN (…)` (the tenant filter of a user granted several clients) matches no index
    in (last_message_at, id) order, so the database reads and sorts every matching row; one
    query per client walks its own index and stops after `limit` rows. A contact belongs to
    one client: its filter already narrows the query to that client."""
    if filters.client_id is not None or filters.contact_id is not None:
        return None
    scope = session_scope(session)
    if scope.client_ids is not None:
        ids = sorted(scope.client_ids)
    else:  # operator-wide: every client is in scope
        ids = list(session.scalars(select(Client.id).order_by(Client.id)))
    return ids if 1 < len(ids) <= MAX_MERGED_CLIENTS else None


def list_conversations(
    session: Session,
    *,
    filters: ConversationFilters,
    after: tuple[datetime, int] | None,
    limit: int,
    extra: Sequence[ColumnElement[bool]] = (),
) -> list[Conversation]:
    """Most recent activity first; `after` is the (last_message_at, id) of the previous page.

    With a tag, the tag rows lead (their index is sorted by the copied activity time) and the
    conversations are joined to them, so a rare tag costs as little as a common one.

    `extra` adds WHERE conditions on `Conversation` beyond `filters` (the console's "my
    teams" and SLA state): they narrow the same keyset walk, so the paging and every other
    filter stay exactly the API's. Keep them on indexed columns, or on columns that an index
    chosen by the other filters already carries.

    With several clients in reach and no client filter, each client's page is read on its
    own and the pages are merged (`clients_to_merge`): the same rows in the same order."""
    if filters.search:  # built once: on SQLite it counts the matches to choose a plan
        extra = [*extra, search_condition(session, filters.search)]
        filters = replace(filters, search=None)
    merged = clients_to_merge(session, filters)
    if merged is None:
        return _one_query(session, filters=filters, after=after, limit=limit, extra=extra)
    pages = [
        _one_query(
            session, filters=replace(filters, client_id=client_id), after=after, limit=limit,
            extra=extra,
        )
        for client_id in merged
    ]  # fmt: skip
    newest_first = heapq.merge(*pages, key=_recency, reverse=True)
    return list(islice(newest_first, limit))


def _recency(conversation: Conversation) -> tuple[datetime, int]:
    return conversation.last_message_at, conversation.id


def _one_query(
    session: Session,
    *,
    filters: ConversationFilters,
    after: tuple[datetime, int] | None,
    limit: int,
    extra: Sequence[ColumnElement[bool]],
) -> list[Conversation]:
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
    query = _filtered(query, filters).where(*extra)
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
