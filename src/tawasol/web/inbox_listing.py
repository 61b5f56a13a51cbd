"""One page of the advisor's inbox: the conversations and what a row shows about each.

Every read runs in the actor's scoped session, so a row of another client cannot appear; the
list itself comes from `list_conversations`, the same keyset query as the JSON API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.conversations.queries import tags_by_conversation
from tawasol.db.types import utcnow
from tawasol.models.client import Client
from tawasol.models.contact import Contact
from tawasol.models.conversation import Conversation
from tawasol.models.message import Message
from tawasol.models.vocabulary import MessageKind
from tawasol.users.mentions import mentioning_me, unread_in
from tawasol.web.inbox_filters import InboxQuery, make_cursor
from tawasol.web.inbox_query import in_teams, list_inbox_conversations, my_team_ids
from tawasol.web.inbox_sla import SlaClock, sla_clock, sla_condition, warnings_reached

PAGE_SIZE = 30
MAX_PAGE_SIZE = 200
SNIPPET_CHARS = 120


@dataclass(frozen=True)
class InboxRow:
    conversation: Conversation
    contact_name: str
    client_name: str
    timezone: str
    tags: list[str]
    snippet: str
    last_inbound: bool  # the customer spoke last: they are waiting for us
    sla: SlaClock | None = None
    unread_mention: bool = False


@dataclass(frozen=True)
class InboxPage:
    rows: list[InboxRow]
    next_cursor: str | None


def _last_messages(session: Session, ids: list[int]) -> dict[int, Message]:
    latest = (
        select(func.max(Message.id))
        .where(Message.conversation_id.in_(ids), Message.kind == MessageKind.MESSAGE.value)
        .group_by(Message.conversation_id)
    )
    rows = session.scalars(select(Message).where(Message.id.in_(latest)))
    return {message.conversation_id: message for message in rows}


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1] + "…"


def view_conditions(
    session: Session, *, actor: Actor, query: InboxQuery, now: datetime
) -> list[ColumnElement[bool]]:
    """What the console adds to the API's filters: my teams, my mentions, an SLA state."""
    extra: list[ColumnElement[bool]] = []
    if query.view == "teams":
        extra.append(in_teams(my_team_ids(session, actor.user_id or 0)))
    elif query.view == "mentions":
        extra.append(Conversation.id.in_(mentioning_me(actor.user_id or 0)))
    condition = sla_condition(query.sla, now)
    if condition is not None:
        extra.append(condition)
    return extra


def load_inbox(
    session: Session,
    *,
    actor: Actor,
    query: InboxQuery,
    after: tuple[datetime, int] | None,
    limit: int = PAGE_SIZE,
) -> InboxPage:
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    now = utcnow()
    extra = view_conditions(session, actor=actor, query=query, now=now)
    found = list_inbox_conversations(
        session, filters=query.filters(actor), extra=extra, after=after, limit=limit + 1
    )
    conversations = found[:limit]
    if not conversations:
        return InboxPage([], None)
    ids = [c.id for c in conversations]
    contact_ids = {c.contact_id for c in conversations}
    named = session.execute(select(Contact.id, Contact.name).where(Contact.id.in_(contact_ids)))
    names: dict[int, str] = {row.id: row.name for row in named}
    client_ids = {c.client_id for c in conversations}
    clients = {c.id: c for c in session.scalars(select(Client).where(Client.id.in_(client_ids)))}
    tags = tags_by_conversation(session, ids)
    last = _last_messages(session, ids)
    unread = unread_in(session, user_id=actor.user_id or 0, conversation_ids=ids)
    warned = warnings_reached(session, ids, now)
    rows = []
    for conversation in conversations:
        client = clients.get(conversation.client_id)
        message = last.get(conversation.id)
        rows.append(
            InboxRow(
                conversation=conversation,
                contact_name=names.get(conversation.contact_id, ""),
                client_name=client.name if client else "",
                timezone=client.timezone if client else "",
                tags=tags.get(conversation.id, []),
                snippet=_snippet(message.text) if message else "",
                last_inbound=message is not None and message.direction == "inbound",
                sla=sla_clock(conversation, now, in_warning=conversation.id in warned),
                unread_mention=conversation.id in unread,
            )
        )
    tail = conversations[-1]
    more = len(found) > limit
    return InboxPage(rows, make_cursor(tail.last_message_at, tail.id) if more else None)


def clients_in_reach(session: Session) -> list[Client]:
    """The client brands the filter may offer (the session's scope decides which)."""
    active = select(Client).where(Client.is_active.is_(True)).order_by(Client.name)
    return list(session.scalars(active))
