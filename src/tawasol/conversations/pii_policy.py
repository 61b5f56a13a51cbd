"""A client's policy to keep no personal data in stored messages (`Client.redact_stored_pii`).

A customer's message is masked once enrichment has read it (enrichment holds the redacted
copy the models saw); an advisor's reply once its channel has taken it, since the customer
must receive what was written: e-mail, WhatsApp and SMS replies. Web-chat replies stay as
written while the chat is open, since the stored transcript is what the visitor's widget
shows, and are masked when the conversation is resolved or closed (a transcript asked for or a
widget reloaded after that shows the masked text). Internal notes (an advisor's, a transfer
note, the system's "transcript sent to …") never reach the customer, so they are masked as they
are written. A masked message keeps
only its redacted text (its HTML, which holds the same data, is dropped; attachments are not
inspected), is marked ``redacted``, and open consoles are told (`message.redacted`) so that
they show the stored text.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.message import Message
from tawasol.models.vocabulary import Channel, Direction, MessageKind
from tawasol.nlp.pii import redact
from tawasol.realtime.events import agent_channel, client_channel, record_event

REDACTED_EVENT = "message.redacted"


def policy_applies(session: Session, message: Message) -> bool:
    """The message's client keeps only redacted messages, and this one is not masked yet."""
    if message.redacted:
        return False
    client = session.get(Client, message.client_id)
    return client is not None and client.redact_stored_pii


def staff_recipients(conversation: Conversation) -> list[str]:
    """The client's consoles and the advisor holding the conversation."""
    recipients = [client_channel(conversation.client_id)]
    if conversation.assignee_id is not None:
        recipients.append(agent_channel(conversation.assignee_id))
    return recipients


def mask_stored_message(session: Session, *, message: Message, redacted_text: str) -> None:
    """Replace the stored message by its redacted text and tell the open consoles."""
    _keep_redacted(message, redacted_text)
    conversation = session.get(Conversation, message.conversation_id)
    if conversation is not None:
        record_event(
            session, type=REDACTED_EVENT, client_id=message.client_id,
            recipients=staff_recipients(conversation),
            payload={"conversation_id": conversation.id, "message_id": message.id},
        )  # fmt: skip


def mask_new_note(session: Session, *, message: Message) -> bool:
    """Before an internal note is first stored: keep only its redacted text when the policy
    applies and it holds personal data (nothing was shown yet, so no event). True when masked."""
    if message.kind != MessageKind.NOTE.value or not policy_applies(session, message):
        return False
    found = redact(message.text)
    if not found.spans:
        return False
    _keep_redacted(message, found.text)
    return True


def _keep_redacted(message: Message, redacted_text: str) -> None:
    """The message keeps only its redacted text (its HTML holds the same data)."""
    message.text = redacted_text
    message.html = None
    message.redacted = True


def mask_sent_reply(session: Session, *, message: Message) -> bool:
    """After a channel took an advisor's reply: mask it when the policy applies and it holds
    personal data. True when masked."""
    return policy_applies(session, message) and _mask_if_personal(session, message)


def _mask_if_personal(session: Session, message: Message) -> bool:
    """Mask ``message`` when it holds personal data. True when masked."""
    found = redact(message.text)
    if not found.spans:
        return False
    mask_stored_message(session, message=message, redacted_text=found.text)
    return True


def mask_closed_chat(session: Session, *, conversation: Conversation) -> int:
    """When a web-chat conversation is resolved or closed under the policy: mask the advisors'
    replies that hold personal data. Returns how many were masked."""
    if conversation.channel != Channel.WEBCHAT.value:
        return 0
    client = session.get(Client, conversation.client_id)
    if client is None or not client.redact_stored_pii:
        return 0
    replies = session.scalars(
        select(Message).where(
            Message.conversation_id == conversation.id,
            Message.direction == Direction.OUTBOUND.value,
            Message.kind == MessageKind.MESSAGE.value,
            Message.redacted.is_(False),
        )
    )
    return sum(_mask_if_personal(session, reply) for reply in replies)
