"""The one ingest path every channel uses: identity → contact, thread → conversation, message.

Idempotent on (inbox, provider message id): a redelivered message returns the stored one.
One transaction: the caller's unit of work commits the contact, conversation, message,
audit entry, reporting events and outbox rows together, so an acknowledgement sent to the
provider after commit never loses a message.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.channels.base import InboundMessage
from tawasol.contacts.actions import attach_identity_if_free, do_create_contact
from tawasol.contacts.identities import normalize_identity
from tawasol.contacts.schemas import ContactIn, IdentityIn
from tawasol.conversations.actions import (
    CLOSED_STATES,
    do_open_conversation,
    do_receive_message,
)
from tawasol.conversations.schemas import ConversationIn
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.errors import Invalid
from tawasol.models.contact import Contact, ContactIdentity
from tawasol.models.conversation import Conversation
from tawasol.models.inbox import Inbox
from tawasol.models.message import Message
from tawasol.models.vocabulary import ConversationStatus


@dataclass(frozen=True)
class IngestResult:
    message: Message
    conversation: Conversation
    created_message: bool
    opened_conversation: bool


def _known_identities(session: Session, inbox: Inbox, inbound: InboundMessage) -> list[IdentityIn]:
    usable = []
    for identity in inbound.identities:
        try:
            normalize_identity(identity.kind, identity.value)
        except Invalid:
            continue  # a malformed identity is dropped; the message itself is kept
        usable.append(IdentityIn(kind=identity.kind, value=identity.value))
    if not usable:
        raise Invalid("the message carries no usable sender identity", code="no_identity")
    return usable


def resolve_contact(
    session: Session, *, actor: Actor, inbox: Inbox, inbound: InboundMessage
) -> Contact:
    """The contact owning any of the sender's identities in this client, else a new one.

    One look-up for all identities; the ones nobody owns yet are attached to the contact."""
    identities = _known_identities(session, inbox, inbound)
    wanted = {(i.kind.value, normalize_identity(i.kind, i.value)): i for i in identities}
    rows = (
        session.execute(
            select(ContactIdentity.kind, ContactIdentity.value, ContactIdentity.contact_id)
            .where(
                ContactIdentity.client_id == inbox.client_id,
                or_(*(
                    (ContactIdentity.kind == kind) & (ContactIdentity.value == value)
                    for kind, value in wanted
                )),
            )
        ).all()
    )  # fmt: skip
    owners = {(kind, value): contact_id for kind, value, contact_id in rows}
    for key in wanted:  # the first identity the message names decides, as before
        if key in owners:
            contact = session.get(Contact, owners[key])
            assert contact is not None
            for other, identity in wanted.items():
                if other not in owners:
                    attach_identity_if_free(
                        session, actor=actor, contact=contact, identity=identity
                    )
            return contact
    name = inbound.contact_name or identities[0].value
    data = ContactIn(client_id=inbox.client_id, name=name[:200], identities=identities)
    from tawasol.models.client import Client

    client = session.get(Client, inbox.client_id)
    assert client is not None
    return do_create_contact(session, actor=actor, client=client, data=data, owners_checked=True)


def find_thread(
    session: Session, *, inbox: Inbox, contact: Contact, inbound: InboundMessage
) -> Conversation | None:
    """By the provider ids it answers first (email), else the contact's live conversation."""
    if inbound.replies_to:
        earlier = session.scalars(
            select(Message.conversation_id)
            .where(
                Message.inbox_id == inbox.id,
                Message.provider_message_id.in_(list(inbound.replies_to)),
            )
            .order_by(Message.id.desc())
        ).first()
        if earlier is not None:
            return session.get(Conversation, earlier)
    if not inbound.extra.get("thread_by_contact", True):
        return None  # email threads by its headers (and subject) only: a new subject is new
    live = [s.value for s in ConversationStatus if s.value not in CLOSED_STATES]
    return session.scalars(
        select(Conversation)
        .where(
            Conversation.inbox_id == inbox.id,
            Conversation.contact_id == contact.id,
            Conversation.status.in_(live),
        )
        .order_by(Conversation.last_message_at.desc())
    ).first()


def do_ingest_message(
    session: Session, *, actor: Actor, inbox: Inbox, inbound: InboundMessage
) -> IngestResult:
    existing = session.scalars(
        select(Message).where(
            Message.inbox_id == inbox.id,
            Message.provider_message_id == inbound.provider_message_id,
        )
    ).first()
    if existing is not None:
        conversation = session.get(Conversation, existing.conversation_id)
        assert conversation is not None
        return IngestResult(existing, conversation, False, False)
    contact = resolve_contact(session, actor=actor, inbox=inbox, inbound=inbound)
    # Two messages of one customer arriving together must land in one conversation: the
    # second waits here until the first commits, then finds the conversation it opened.
    session.execute(select(Contact.id).where(Contact.id == contact.id).with_for_update())
    conversation = find_thread(session, inbox=inbox, contact=contact, inbound=inbound)
    attachments = [a.__dict__ for a in inbound.attachments]
    if conversation is None:
        conversation, _, message = do_open_conversation(
            session, actor=actor, inbox=inbox, contact=contact,
            data=ConversationIn(
                inbox_id=inbox.id, contact_id=contact.id, subject=inbound.subject,
                text=inbound.text or "(sans texte)", html=inbound.html,
                provider_message_id=inbound.provider_message_id,
            ),
        )  # fmt: skip
        message.attachments = attachments
        return IngestResult(message, conversation, True, True)
    message = do_receive_message(
        session, actor=actor, conversation=conversation, text=inbound.text, html=inbound.html,
        provider_message_id=inbound.provider_message_id,
    )  # fmt: skip
    message.attachments = attachments
    return IngestResult(message, conversation, True, False)


def ingest_in_own_unit(
    db: Database, *, actor: Actor, inbox: Inbox, inbound: InboundMessage, attempts: int = 3
) -> IngestResult:
    """Ingest in a transaction of its own, retried when a concurrent first message of the same
    new customer created the contact or the message first (a unique constraint caught it)."""
    for attempt in range(1, attempts + 1):
        try:
            with db.unit(Scope.clients({inbox.client_id})) as session:
                return do_ingest_message(session, actor=actor, inbox=inbox, inbound=inbound)
        except IntegrityError:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")
