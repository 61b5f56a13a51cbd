"""A client with an SLA policy, a calendar, an advisor and a supervisor, in its own database.

The scheduler looks at every client's due rows, so the tick tests use a database of their
own (`sla_runtime`) where nothing but these worlds can fall due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.clients.actions import do_create_client
from tawasol.clients.schemas import ClientIn
from tawasol.contacts.actions import do_create_contact
from tawasol.contacts.schemas import ContactIn
from tawasol.conversations.actions import do_open_conversation
from tawasol.conversations.schemas import ConversationIn
from tawasol.db.types import clock_at
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models.client import Client
from tawasol.models.contact import Contact
from tawasol.models.conversation import Conversation
from tawasol.models.inbox import Inbox
from tawasol.models.outbox import OutboxEvent
from tawasol.models.reporting import ReportingEvent
from tawasol.models.routing import RoutingSettings
from tawasol.models.sla import ConversationSla
from tawasol.models.vocabulary import Channel, Priority, Role
from tawasol.runtime import Runtime
from tests.factories import SYSTEM, make_user, unique

CASABLANCA = ZoneInfo("Africa/Casablanca")
HOUR = 3600.0
POLICY: dict[str, Any] = {
    "targets": {
        "normal": {"first_response": HOUR, "next_response": 2 * HOUR, "resolution": 8 * HOUR},
        "high": {"first_response": HOUR / 2, "next_response": HOUR, "resolution": 4 * HOUR},
    },
    "warn_at": 0.5,
}
WEEKDAYS: dict[str, Any] = {"weekly": {"mon-fri": "09:00-18:00"}}


def casa(day: int, hour: int, minute: int = 0) -> datetime:
    """A local time in Casablanca in December 2026 (the 7th is a Monday)."""
    return datetime(2026, 12, day, hour, minute, tzinfo=CASABLANCA)


@dataclass
class SlaWorld:
    client_id: int
    inbox_id: int
    contact_id: int
    advisor_id: int
    supervisor_id: int


def make_sla_world(
    runtime: Runtime,
    *,
    policy: dict[str, Any] | None = None,
    calendar: dict[str, Any] | None = None,
    timezone: str = "Africa/Casablanca",
) -> SlaWorld:
    name = unique("sla")
    with runtime.db.unit(SYSTEM.scope) as session:
        client = do_create_client(
            session, actor=SYSTEM, data=ClientIn(name=name, slug=name, timezone=timezone)
        )
        client_id = client.id
    advisor_id, _ = make_user(runtime, Role.ADVISOR, [client_id])
    supervisor_id, _ = make_user(runtime, Role.SUPERVISOR, [client_id])
    with runtime.db.unit(SYSTEM.scope) as session:
        client = session.get(Client, client_id)
        assert client is not None
        inbox = do_create_inbox(
            session, actor=SYSTEM, client=client,
            data=InboxIn(client_id=client_id, name="Support", channel=Channel.EMAIL),
        )  # fmt: skip
        contact = do_create_contact(
            session, actor=SYSTEM, client=client, data=ContactIn(client_id=client_id, name="Salma")
        )
        session.add(
            RoutingSettings(
                client_id=client_id,
                sla_policy=POLICY if policy is None else policy,
                calendar=WEEKDAYS if calendar is None else calendar,
            )
        )
        return SlaWorld(client_id, inbox.id, contact.id, advisor_id, supervisor_id)


def open_conversation(
    runtime: Runtime, world: SlaWorld, at: datetime, *, priority: Priority = Priority.NORMAL
) -> int:
    with clock_at(at), runtime.db.unit(SYSTEM.scope) as session:
        inbox, contact = session.get(Inbox, world.inbox_id), session.get(Contact, world.contact_id)
        assert inbox is not None and contact is not None
        conversation, _, _ = do_open_conversation(
            session, actor=SYSTEM, inbox=inbox, contact=contact,
            data=ConversationIn(inbox_id=inbox.id, contact_id=contact.id, text="Bonjour",
                                priority=priority),
        )  # fmt: skip
        return conversation.id


def conversation_of(session: Session, conversation_id: int) -> Conversation:
    conversation = session.get(Conversation, conversation_id)
    assert conversation is not None
    return conversation


def sla_row(session: Session, conversation_id: int) -> ConversationSla:
    return session.scalars(
        select(ConversationSla).where(ConversationSla.conversation_id == conversation_id)
    ).one()


def reported(session: Session, conversation_id: int) -> list[tuple[str, str | None]]:
    """(type, target) of the SLA reporting events of a conversation, in order."""
    rows = session.scalars(
        select(ReportingEvent)
        .where(ReportingEvent.conversation_id == conversation_id,
               ReportingEvent.type.like("sla_%"))
        .order_by(ReportingEvent.id)
    )  # fmt: skip
    return [(row.type, row.data.get("target")) for row in rows]


def live_events(session: Session, conversation_id: int, type: str) -> list[OutboxEvent]:
    rows = session.scalars(
        select(OutboxEvent).where(OutboxEvent.type == type).order_by(OutboxEvent.id)
    )
    return [row for row in rows if row.payload.get("conversation_id") == conversation_id]
