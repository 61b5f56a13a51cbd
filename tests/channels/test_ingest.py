"""The shared ingest path: one customer across channels, threading, idempotency."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tawasol.auth.actor import Actor
from tawasol.channels.base import Identity, InboundMessage
from tawasol.channels.ingest import do_ingest_message
from tawasol.db.tenancy import Scope
from tawasol.errors import Invalid
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models import Client, Inbox, ReportingEvent
from tawasol.models.vocabulary import Channel, IdentityKind
from tests.factories import make_client

ACTOR = Actor.system("channel-test")


@pytest.fixture
def inboxes(runtime):  # type: ignore[no-untyped-def]
    client_id = make_client(runtime)
    ids = {}
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, client_id)
        for channel in (Channel.EMAIL, Channel.WHATSAPP):
            data = InboxIn(client_id=client_id, name=channel.value, channel=channel)
            ids[channel] = do_create_inbox(session, actor=ACTOR, client=client, data=data).id
    return ids


def _ingest(runtime, inbox_id: int, message: InboundMessage):  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system()) as session:
        inbox = session.get(Inbox, inbox_id)
        result = do_ingest_message(session, actor=ACTOR, inbox=inbox, inbound=message)
        return (
            result.conversation.id,
            result.message.id,
            result.created_message,
            result.conversation.contact_id,
        )


def _mail(pid: str, text: str, *, replies_to: tuple[str, ...] = ()) -> InboundMessage:
    return InboundMessage(
        provider_message_id=pid, text=text, subject="Facture", contact_name="Hind",
        identities=(Identity(IdentityKind.EMAIL, "Hind@Example.com"),
                    Identity(IdentityKind.PHONE, "06 61 23 45 67")),
        replies_to=replies_to,
    )  # fmt: skip


def test_idempotent_and_threaded(runtime, inboxes) -> None:  # type: ignore[no-untyped-def]
    conv, msg, created, _ = _ingest(runtime, inboxes[Channel.EMAIL], _mail("<a@x>", "salam"))
    assert created
    again = _ingest(runtime, inboxes[Channel.EMAIL], _mail("<a@x>", "salam"))
    assert again[:3] == (conv, msg, False)
    reply = _ingest(runtime, inboxes[Channel.EMAIL], _mail("<b@x>", "ba9i", replies_to=("<a@x>",)))
    assert reply[0] == conv and reply[2]
    with runtime.db.unit(Scope.system(), write=False) as session:
        created_events = session.scalars(
            select(ReportingEvent.id).where(
                ReportingEvent.conversation_id == conv,
                ReportingEvent.type == "conversation_created",
            )
        ).all()
    assert len(created_events) == 1


def test_one_customer_across_channels(runtime, inboxes) -> None:  # type: ignore[no-untyped-def]
    _, _, _, email_contact = _ingest(runtime, inboxes[Channel.EMAIL], _mail("<c@x>", "bonjour"))
    whatsapp = InboundMessage(provider_message_id="wamid.1", text="salam 3afak",
                              identities=(Identity(IdentityKind.WHATSAPP, "+212661234567"),
                                          Identity(IdentityKind.PHONE, "+212661234567")))  # fmt: skip
    _, _, _, wa_contact = _ingest(runtime, inboxes[Channel.WHATSAPP], whatsapp)
    assert wa_contact == email_contact


def test_bad_identities_are_dropped_or_refused(runtime, inboxes) -> None:  # type: ignore[no-untyped-def]
    mixed = InboundMessage(provider_message_id="m-1", text="hi",
                           identities=(Identity(IdentityKind.PHONE, "not a phone"),
                                       Identity(IdentityKind.EMAIL, "ok@example.org")))  # fmt: skip
    assert _ingest(runtime, inboxes[Channel.EMAIL], mixed)[2]
    nothing = InboundMessage(provider_message_id="m-2", text="hi",
                             identities=(Identity(IdentityKind.EMAIL, "@@"),))  # fmt: skip
    with pytest.raises(Invalid, match="no usable sender identity"):
        _ingest(runtime, inboxes[Channel.EMAIL], nothing)
