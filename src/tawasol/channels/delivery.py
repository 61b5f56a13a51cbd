"""Outbound delivery: the job that hands an advisor's reply to its channel, and the
provider's status callbacks applied back to the message."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.channels.base import DeliveryReport, DeliveryState
from tawasol.conversations.pii_policy import mask_sent_reply
from tawasol.models.contact import ContactIdentity
from tawasol.models.conversation import Conversation
from tawasol.models.inbox import Inbox
from tawasol.models.message import Message
from tawasol.realtime.events import client_channel, record_event
from tawasol.worker.jobs import job

# A later state never goes back (a late "sent" after "read" is ignored); failure always wins.
_ORDER = [DeliveryState.QUEUED, DeliveryState.SENT, DeliveryState.DELIVERED, DeliveryState.READ]
_IDENTITY_FOR_CHANNEL = {"whatsapp": ("whatsapp", "phone"), "sms": ("phone",)}


def _advances(current: str | None, new: DeliveryState) -> bool:
    if new == DeliveryState.FAILED or current is None:
        return True
    if current == DeliveryState.FAILED.value:
        return False
    return _ORDER.index(new) > _ORDER.index(DeliveryState(current))


def apply_delivery_report(session: Session, *, inbox: Inbox, report: DeliveryReport) -> int:
    message = session.scalars(
        select(Message).where(
            Message.inbox_id == inbox.id, Message.provider_message_id == report.provider_message_id
        )
    ).first()
    if message is None or not _advances(message.delivery_state, report.state):
        return 0
    message.delivery_state = report.state.value
    message.delivery_detail = report.detail
    record_event(
        session, type="message.delivery", client_id=message.client_id,
        recipients=[client_channel(message.client_id)],
        payload={"message_id": message.id, "conversation_id": message.conversation_id,
                 "state": report.state.value},
    )  # fmt: skip
    return 1


def _recipient(session: Session, conversation: Conversation) -> str | None:
    kinds = _IDENTITY_FOR_CHANNEL.get(conversation.channel, ())
    for kind in kinds:
        value = session.scalars(
            select(ContactIdentity.value).where(
                ContactIdentity.contact_id == conversation.contact_id, ContactIdentity.kind == kind
            )
        ).first()
        if value:
            return value
    return None


@job("channel.deliver")
def deliver_message(session: Session, payload: dict[str, Any]) -> None:
    """Send one outbound message through its channel; raising lets the relay retry."""
    from tawasol.channels.registry import WEBHOOK_ADAPTERS

    message = session.get(Message, payload["message_id"])
    if message is None or message.provider_message_id:
        return  # deleted, or already sent by an earlier attempt
    conversation = session.get(Conversation, message.conversation_id)
    inbox = session.get(Inbox, message.inbox_id)
    adapter = WEBHOOK_ADAPTERS.get(message.channel)
    assert conversation is not None and inbox is not None
    to = _recipient(session, conversation)
    if adapter is None or to is None:
        message.delivery_state = DeliveryState.FAILED.value
        message.delivery_detail = "no adapter or no recipient address for this channel"
        return
    message.provider_message_id = adapter.send(inbox, message, to=to)
    message.delivery_state = DeliveryState.SENT.value
    mask_sent_reply(session, message=message)  # the client's policy on stored personal data
