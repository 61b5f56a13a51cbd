"""Sending an advisor's reply by SMTP: the outbox job `email.send`, run after commit.

The job is idempotent: a message that already has its provider id was sent by an earlier
attempt and is skipped. A transport error raises, so the relay retries; a missing setting or
recipient is a final failure written on the message, since retrying would not fix it.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.channels.base import DeliveryState
from tawasol.channels.email.compose import Reply, compose, reply_message_id, thread_references
from tawasol.channels.email.settings import EmailNotConfigured, EmailSettings
from tawasol.channels.email.tls import TlsFailure, check_pin, client_context, describe
from tawasol.conversations.pii_policy import mask_sent_reply
from tawasol.models.contact import ContactIdentity
from tawasol.models.conversation import Conversation
from tawasol.models.inbox import Inbox
from tawasol.models.mailbox import EmailEnvelope
from tawasol.models.message import Message
from tawasol.models.vocabulary import Direction, IdentityKind
from tawasol.worker.jobs import enqueue_job, job

SMTP_TIMEOUT = 30.0


def enqueue_email_send(session: Session, *, message: Message) -> None:
    """Called by `do_post_message` for a reply on an email conversation."""
    enqueue_job(
        session, type="email.send", payload={"message_id": message.id}, client_id=message.client_id
    )


def smtp_send(settings: EmailSettings, mail: EmailMessage, *, sender: str, to: str) -> None:
    """Send over SMTPS, or STARTTLS (refused if the server cannot), with verified certificates.
    A TLS failure raises `TlsFailure` with one clear sentence; the relay retries later, since
    the fix (a CA file, a pin, the right host name) is made on the inbox, not on the message."""
    host, _ = settings.require_smtp()
    port = settings.smtp_port
    secure = settings.smtp_ssl or settings.smtp_starttls
    context = client_context(settings) if secure else None
    try:
        if settings.smtp_ssl:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=SMTP_TIMEOUT, context=context)
        else:
            smtp = smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT)
        with smtp:
            if settings.smtp_starttls and not settings.smtp_ssl:
                smtp.ehlo()
                if not smtp.has_extn("starttls"):
                    raise TlsFailure(f"TLS: {host}:{port} does not offer STARTTLS; refused to "
                                     "send without encryption")  # fmt: skip
                smtp.starttls(context=context)
            if secure:
                check_pin(smtp.sock, settings, host, port)
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
            # The envelope sender is the inbox, so bounces come back to it and are recognised.
            smtp.send_message(mail, from_addr=sender, to_addrs=[to])
    except ssl.SSLError as exc:
        raise TlsFailure(describe(exc, host, port)) from exc


def _parent(
    session: Session, conversation: Conversation
) -> tuple[Message | None, EmailEnvelope | None]:
    """The customer's latest mail in the conversation, which the reply answers."""
    parent = session.scalars(
        select(Message)
        .where(
            Message.conversation_id == conversation.id,
            Message.direction == Direction.INBOUND.value,
        )
        .order_by(Message.id.desc())
        .limit(1)
    ).first()
    if parent is None:
        return None, None
    envelope = session.scalars(
        select(EmailEnvelope).where(EmailEnvelope.message_id == parent.id)
    ).first()
    return parent, envelope


def _recipient(
    session: Session, conversation: Conversation, envelope: EmailEnvelope | None
) -> str | None:
    if envelope is not None and (envelope.reply_to or envelope.from_address):
        return envelope.reply_to or envelope.from_address
    return session.scalars(
        select(ContactIdentity.value).where(
            ContactIdentity.contact_id == conversation.contact_id,
            ContactIdentity.kind == IdentityKind.EMAIL.value,
        )
    ).first()


def _fail(message: Message, detail: str) -> None:
    message.delivery_state = DeliveryState.FAILED.value
    message.delivery_detail = detail[:500]


@job("email.send")
def send_email_reply(session: Session, payload: dict[str, Any]) -> None:
    message = session.get(Message, payload["message_id"])
    if message is None or message.provider_message_id:
        return  # deleted, or sent by an earlier attempt
    conversation = session.get(Conversation, message.conversation_id)
    inbox = session.get(Inbox, message.inbox_id)
    assert conversation is not None and inbox is not None
    settings = EmailSettings.from_inbox_settings(inbox.settings)
    try:
        _, from_address = settings.require_smtp()
    except EmailNotConfigured as exc:
        return _fail(message, exc.message)
    parent, envelope = _parent(session, conversation)
    to = _recipient(session, conversation, envelope)
    if not to:
        return _fail(message, "the contact has no email address")
    parent_id = envelope.rfc_message_id if envelope else (parent and parent.provider_message_id)
    parent_id = parent_id if parent_id and "@" in parent_id else None
    reply = Reply(
        to=to, subject=conversation.subject, text=message.text, html=message.html,
        in_reply_to=parent_id,
        references=thread_references(envelope.reference_ids if envelope else [], parent_id),
    )  # fmt: skip
    rfc_id = reply_message_id(
        message_id=message.id, inbox_key=inbox.public_key, from_address=from_address
    )
    mail = compose(
        reply, message_id=rfc_id, from_address=from_address, from_name=settings.from_name
    )
    smtp_send(settings, mail, sender=from_address, to=to)
    message.provider_message_id = rfc_id
    message.delivery_state = DeliveryState.SENT.value
    session.add(
        EmailEnvelope(
            client_id=message.client_id,
            message_id=message.id,
            inbox_id=inbox.id,
            direction=Direction.OUTBOUND.value,
            rfc_message_id=rfc_id,
            in_reply_to=parent_id,
            reference_ids=reply.references,
            subject=str(mail["Subject"]),
            from_address=from_address,
            to_addresses=[to],
            delivery_state=DeliveryState.SENT.value,
        )  # fmt: skip
    )
    mask_sent_reply(session, message=message)  # the client's policy on stored personal data
