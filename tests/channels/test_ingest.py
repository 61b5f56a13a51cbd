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


def _snapshot(runtime, client_id: int) -> dict:  # type: ignore[no-untyped-def]
    """Everything an ingest writes for one client, with ids replaced by their rank."""
    from tawasol.models import AuditEntry, Contact, ContactIdentity, Conversation, Message
    from tawasol.models.outbox import OutboxEvent

    with runtime.db.unit(Scope.system(), write=False) as session:

        def ids(model) -> dict[int, int]:  # type: ignore[no-untyped-def]
            rows = session.scalars(select(model.id).where(model.client_id == client_id))
            return {row: rank for rank, row in enumerate(sorted(rows))}

        conv, contact, msg = ids(Conversation), ids(Contact), ids(Message)
        inboxes = ids(Inbox)
        rank = {"conversation_id": conv, "message_id": msg, "contact_id": contact,
                "inbox_id": inboxes}  # fmt: skip

        def norm(value):  # type: ignore[no-untyped-def]
            if isinstance(value, dict):
                return {k: rank[k].get(v) if k in rank else norm(v) for k, v in value.items()}
            if isinstance(value, list):
                return [norm(v) for v in value]
            return "C" if value == f"client:{client_id}" else value

        def rows(model, *columns, order=None):  # type: ignore[no-untyped-def]
            query = select(*columns).where(model.client_id == client_id)
            return [tuple(norm(v) for v in row) for row in session.execute(
                query.order_by(order if order is not None else model.id))]  # fmt: skip

        return {
            "messages": [(conv[c], contact[a], *rest) for c, a, *rest in rows(
                Message, Message.conversation_id, Message.author_contact_id,
                Message.provider_message_id, Message.text, Message.direction, Message.kind,
                Message.author_type, Message.channel, Message.html, Message.attachments)],
            "conversations": [(contact[c], *rest) for c, *rest in rows(
                Conversation, Conversation.contact_id, Conversation.status,
                Conversation.channel, Conversation.subject, Conversation.priority)],
            "contacts": rows(Contact, Contact.name, Contact.locale, Contact.is_vip),
            "identities": sorted((contact[c], k, v) for c, k, v in rows(
                ContactIdentity, ContactIdentity.contact_id, ContactIdentity.kind,
                ContactIdentity.value, order=ContactIdentity.value)),
            # Rows of different conversations may be numbered in another order by the batched
            # path (PostgreSQL): these are compared as multisets.
            "reporting": sorted((t, conv.get(c)) for t, c in rows(
                ReportingEvent, ReportingEvent.type, ReportingEvent.conversation_id)),
            "outbox": sorted(rows(OutboxEvent, OutboxEvent.kind, OutboxEvent.type,
                                  OutboxEvent.recipients, OutboxEvent.payload), key=repr),
            "audit": sorted(((a, t, s) for a, t, s in rows(
                AuditEntry, AuditEntry.action, AuditEntry.object_type, AuditEntry.summary)
                if t in ("contact", "conversation")), key=repr),
        }  # fmt: skip


def _through_fast_path(runtime, inbox_id: int, messages: list[InboundMessage]) -> None:  # type: ignore[no-untyped-def]
    import contextvars

    from tawasol.channels.group_commit import IngestJob, run_batch
    from tawasol.channels.ingest_fast import prepare
    from tawasol.db.types import utcnow

    with runtime.db.unit(Scope.system(), write=False) as session:
        inbox = session.get(Inbox, inbox_id)
        session.expunge(inbox)
    jobs = [IngestJob(ACTOR, inbox, [prepare(m)], utcnow(), contextvars.copy_context())
            for m in messages]  # fmt: skip
    run_batch(runtime.db, jobs)  # one transaction for the whole sequence
    assert all(not isinstance(o, Exception) for job in jobs for o in job.future.result())


def _set_pending(runtime, inbox_id: int) -> None:  # type: ignore[no-untyped-def]
    from tawasol.conversations.actions import do_set_status
    from tawasol.conversations.schemas import StatusIn
    from tawasol.models import Conversation
    from tawasol.models.vocabulary import ConversationStatus

    with runtime.db.unit(Scope.system()) as session:
        for conversation in session.scalars(
            select(Conversation).where(Conversation.inbox_id == inbox_id)
        ):
            do_set_status(session, actor=ACTOR, conversation=conversation,
                          data=StatusIn(status=ConversationStatus.PENDING))  # fmt: skip


def test_fast_path_writes_what_the_orm_path_writes(runtime) -> None:  # type: ignore[no-untyped-def]
    """The same deliveries through `do_ingest_message` and through the webhook fast path
    leave the same rows: messages, conversations, contacts, identities, reporting events,
    outbox events and audit entries (the reopening goes through the ORM path inside)."""

    def wa(pid: str, phone: str, text: str, name: str | None = "Yassine") -> InboundMessage:
        return InboundMessage(provider_message_id=pid, text=text, contact_name=name,
                              identities=(Identity(IdentityKind.WHATSAPP, phone),
                                          Identity(IdentityKind.PHONE, phone)))  # fmt: skip

    first = [wa("w1", "+212661000101", "salam"), wa("w2", "+212661000101", "ba9i?"),
             wa("w1", "+212661000101", "salam"), wa("w3", "0661000102", "", None),
             wa("w4", "+212661000101", "3afak")]  # fmt: skip
    sms = InboundMessage(provider_message_id="s1", text="sms", contact_name="Hind",
                         identities=(Identity(IdentityKind.PHONE, "0661000103"),))  # fmt: skip
    # The WhatsApp message finds the SMS contact by phone and attaches its WhatsApp identity.
    second = [wa("w5", "+212661000101", "rja3t"), wa("w6", "+212661000102", "ok"), sms,
              wa("w7", "+212661000103", "wa")]  # fmt: skip
    snapshots = []
    for fast in (False, True):
        client_id = make_client(runtime)
        with runtime.db.unit(Scope.system()) as session:
            client = session.get(Client, client_id)
            data = InboxIn(client_id=client_id, name="wa", channel=Channel.WHATSAPP)
            inbox_id = do_create_inbox(session, actor=ACTOR, client=client, data=data).id
        for batch in (first, second):
            if fast:
                _through_fast_path(runtime, inbox_id, batch)
            else:
                for message in batch:
                    _ingest(runtime, inbox_id, message)
            if batch is first:
                _set_pending(runtime, inbox_id)
        snapshots.append(_snapshot(runtime, client_id))
    orm, fast = snapshots
    assert len(orm["messages"]) == 8 and len(orm["conversations"]) == 3
    assert ("contact.identity_added", "contact", {"kind": "whatsapp"}) in orm["audit"]
    assert len(orm["audit"]) > 4 and len(orm["outbox"]) > 8
    for key in orm:
        assert fast[key] == orm[key], key
