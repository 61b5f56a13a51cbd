"""Everything the conversation page shows, read in the actor's scope through the access
functions: the conversation, its timeline, the customer's profile and their history."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tawasol.auth.permissions import Permission
from tawasol.contacts.access import access_contact_by_id
from tawasol.contacts.queries import contact_detail
from tawasol.contacts.schemas import ContactDetailOut
from tawasol.conversations.access import access_conversation_by_id
from tawasol.conversations.queries import (
    ConversationFilters,
    list_conversations,
    tags_by_conversation,
)
from tawasol.db.types import utcnow
from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.team import Team
from tawasol.models.user import User
from tawasol.web.console import ConsoleUser
from tawasol.web.inbox_sla import SlaClock, sla_clock
from tawasol.web.timeline import TimelineEntry, latest_messages, timeline_entries

PREVIOUS_LIMIT = 10


@dataclass(frozen=True)
class ConversationHeader:
    """The part that changes with assignment, status and tags (re-rendered live)."""

    conversation: Conversation
    client_name: str
    timezone: str
    assignee_name: str | None
    team_name: str | None
    tags: list[str]
    is_mine: bool
    sla: SlaClock | None = None


@dataclass(frozen=True)
class ConversationView:
    header: ConversationHeader
    entries: list[TimelineEntry]
    truncated: bool
    contact: ContactDetailOut
    previous: list[Conversation]


def load_header(session: Session, me: ConsoleUser, conversation_id: int) -> ConversationHeader:
    """Raises NotFound (the API's answer) for a foreign or missing conversation."""
    conversation = access_conversation_by_id(session, conversation_id)
    client = session.get(Client, conversation.client_id)
    assignee = session.get(User, conversation.assignee_id) if conversation.assignee_id else None
    team = session.get(Team, conversation.team_id) if conversation.team_id else None
    return ConversationHeader(
        conversation=conversation,
        client_name=client.name if client else "",
        timezone=client.timezone if client else "",
        assignee_name=assignee.full_name if assignee else None,
        team_name=team.name if team else None,
        tags=tags_by_conversation(session, [conversation.id]).get(conversation.id, []),
        is_mine=conversation.assignee_id == me.id,
        sla=sla_clock(conversation, utcnow()),
    )


def load_entries(
    session: Session, me: ConsoleUser, conversation: Conversation, *, after_id: int | None
) -> tuple[list[TimelineEntry], bool]:
    messages, truncated = latest_messages(
        session, conversation=conversation, include_notes=me.may(Permission.NOTES_READ),
        after_id=after_id,
    )  # fmt: skip
    return timeline_entries(session, messages), truncated


def load_conversation_view(
    session: Session, me: ConsoleUser, conversation_id: int
) -> ConversationView:
    header = load_header(session, me, conversation_id)
    conversation = header.conversation
    entries, truncated = load_entries(session, me, conversation, after_id=None)
    contact = access_contact_by_id(session, conversation.contact_id)
    history = list_conversations(
        session, filters=ConversationFilters(contact_id=contact.id), after=None,
        limit=PREVIOUS_LIMIT + 1,
    )  # fmt: skip
    previous = [c for c in history if c.id != conversation.id][:PREVIOUS_LIMIT]
    return ConversationView(header, entries, truncated, contact_detail(session, contact), previous)
