"""Writes a visitor causes: a chat session, a message, an offline form, a transcript request.

Visitors act through a scoped actor with no permission of its own: it reaches only the
inbox's client and can only take the ingest path, never an advisor's action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.channels.base import Identity, InboundMessage
from tawasol.channels.ingest import IngestResult, do_ingest_message
from tawasol.channels.webchat.attachments import StoredFile, caption
from tawasol.channels.webchat.inbox import WidgetInbox
from tawasol.channels.webchat.schemas import OfflineIn, SessionIn, VisitorMessageIn
from tawasol.channels.webchat.visitor import Visitor, new_anonymous_visitor
from tawasol.contacts.actions import (
    attach_identity_if_free,
    do_create_contact,
    identity_owner,
)
from tawasol.contacts.identities import normalize_email
from tawasol.contacts.schemas import ContactIn, IdentityIn
from tawasol.conversations.actions import do_add_tags
from tawasol.db.types import utcnow
from tawasol.errors import Conflict, TooManyRequests
from tawasol.models.audit import AuditEntry
from tawasol.models.client import Client
from tawasol.models.contact import Contact
from tawasol.models.conversation import Conversation
from tawasol.models.inbox import Inbox
from tawasol.models.message import Message
from tawasol.models.vocabulary import IdentityKind
from tawasol.worker.jobs import enqueue_job

OFFLINE_TAG = "offline_form"
TRANSCRIPTS_PER_HOUR = 3


def visitor_actor(inbox: WidgetInbox, *, label: str, ip: str | None) -> Actor:
    return Actor(
        user_id=None, label=f"webchat:{label}"[:254], role=None,
        client_ids=frozenset({inbox.client_id}), ip=ip, via="webchat",
    )  # fmt: skip


@dataclass(frozen=True)
class StartedSession:
    visitor: str
    contact_id: int
    conversation_id: int | None


def do_start_session(
    session: Session, *, actor: Actor, inbox: WidgetInbox, data: SessionIn,
    verified_user: str | None, resumed: str | None,
) -> StartedSession:  # fmt: skip
    """The visitor's contact: the verified user's on any device, else the resumed or a new one.

    A visitor who logs in mid-chat keeps the conversation: the verified identity joins the
    anonymous contact, unless that user already has a contact (then that one is used).
    """
    email = normalize_email(data.email) if data.email else None
    kind = IdentityKind.CHAT_VISITOR.value
    visitor = verified_user or resumed or new_anonymous_visitor()
    owner = identity_owner(session, client_id=inbox.client_id, kind=kind, value=visitor)
    if owner is None and verified_user and resumed:
        owner = identity_owner(session, client_id=inbox.client_id, kind=kind, value=resumed)
    if owner is not None:
        contact = session.get(Contact, owner)
        assert contact is not None
        identity = IdentityIn(kind=IdentityKind.CHAT_VISITOR, value=visitor)
        attach_identity_if_free(session, actor=actor, contact=contact, identity=identity)
    else:
        client = session.get(Client, inbox.client_id)
        assert client is not None
        contact = do_create_contact(
            session, actor=actor, client=client,
            data=ContactIn(client_id=inbox.client_id, name=data.name, locale=data.language,
                           identities=[IdentityIn(kind=IdentityKind.CHAT_VISITOR, value=visitor)]),
        )  # fmt: skip
    if email:
        attach_identity_if_free(session, actor=actor, contact=contact,
                        identity=IdentityIn(kind=IdentityKind.EMAIL, value=email))  # fmt: skip
    return StartedSession(visitor, contact.id, _latest_conversation(session, inbox, contact.id))


def _latest_conversation(session: Session, inbox: WidgetInbox, contact_id: int) -> int | None:
    return session.scalars(
        select(Conversation.id)
        .where(Conversation.inbox_id == inbox.id, Conversation.contact_id == contact_id)
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
    ).first()


def _existing(session: Session, inbox: WidgetInbox, client_id: str) -> Message | None:
    return session.scalars(
        select(Message).where(
            Message.inbox_id == inbox.id, Message.provider_message_id == client_id
        )
    ).first()


def do_receive_visitor_message(
    session: Session, *, actor: Actor, visitor: Visitor, data: VisitorMessageIn,
    files: list[StoredFile],
) -> IngestResult:  # fmt: skip
    """Idempotent on the widget's client id: a resend returns the message stored first."""
    client_id = str(data.client_id)
    existing = _existing(session, visitor.inbox, client_id)
    if existing is not None and existing.author_contact_id != visitor.contact_id:
        raise Conflict("this client_id was used by another visitor", code="client_id_taken")
    inbound = InboundMessage(
        provider_message_id=client_id,
        identities=(Identity(IdentityKind.CHAT_VISITOR, visitor.token.visitor),),
        text=data.text.strip() or caption([f.filename for f in files]),
        attachments=tuple(f.meta() for f in files),
    )
    inbox = _inbox_row(session, visitor.inbox)
    result = do_ingest_message(session, actor=actor, inbox=inbox, inbound=inbound)
    if result.opened_conversation and result.conversation.language is None:
        result.conversation.language = visitor.token.language
    return result


def _inbox_row(session: Session, inbox: WidgetInbox) -> Inbox:
    row = session.get(Inbox, inbox.id)
    assert row is not None
    return row


def do_submit_offline_form(
    session: Session, *, actor: Actor, inbox: WidgetInbox, data: OfflineIn,
    visitor: Visitor | None,
) -> IngestResult:  # fmt: skip
    identities = [Identity(IdentityKind.EMAIL, normalize_email(data.email))]
    if visitor is not None:
        identities.insert(0, Identity(IdentityKind.CHAT_VISITOR, visitor.token.visitor))
    inbound = InboundMessage(
        provider_message_id=str(data.client_id), identities=tuple(identities),
        text=data.text, contact_name=data.name, subject="Formulaire hors ligne",
    )  # fmt: skip
    result = do_ingest_message(session, actor=actor, inbox=_inbox_row(session, inbox),
                               inbound=inbound)  # fmt: skip
    if result.created_message:
        if result.opened_conversation and result.conversation.language is None:
            result.conversation.language = data.language
        do_add_tags(session, actor=actor, conversation=result.conversation, tags=[OFFLINE_TAG])
    return result


def do_request_transcript(
    session: Session, *, actor: Actor, visitor: Visitor, email: str, language: str,
    delivery: str,
) -> Conversation:  # fmt: skip
    """Queue the transcript job for the visitor's latest conversation (a few per hour)."""
    address = normalize_email(email)
    conversation_id = _latest_conversation(session, visitor.inbox, visitor.contact_id)
    if conversation_id is None:
        raise Conflict("there is no conversation to send yet", code="no_conversation")
    conversation = session.get(Conversation, conversation_id)
    assert conversation is not None
    recent = session.scalar(
        select(func.count(AuditEntry.id)).where(
            AuditEntry.client_id == conversation.client_id,
            AuditEntry.action == "webchat.transcript_requested",
            AuditEntry.object_id == str(conversation.id),
            AuditEntry.at > utcnow() - timedelta(hours=1),
        )
    )
    if (recent or 0) >= TRANSCRIPTS_PER_HOUR:
        raise TooManyRequests("too many transcript requests; try again later",
                              code="transcript_limit")  # fmt: skip
    last = session.scalar(
        select(func.max(Message.id)).where(Message.conversation_id == conversation.id)
    )
    enqueue_job(
        session, type="webchat.transcript", client_id=conversation.client_id,
        payload={"conversation_id": conversation.id, "email": address, "language": language,
                 "up_to_message_id": last},
    )  # fmt: skip
    append_audit(
        session, actor=actor, action="webchat.transcript_requested", object_type="conversation",
        object_id=conversation.id, client_id=conversation.client_id,
        summary={"delivery": delivery},
    )  # fmt: skip
    return conversation
