"""Applying what a bounce says to the reply it returns: the outbound message's delivery
state (shared with every channel) and the DSN detail on its email envelope."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.channels.base import DeliveryReport
from tawasol.channels.delivery import apply_delivery_report
from tawasol.models.inbox import Inbox
from tawasol.models.mailbox import EmailEnvelope
from tawasol.models.message import Message
from tawasol.models.vocabulary import Direction


def record_delivery_reports(
    session: Session, *, inbox: Inbox, reports: list[DeliveryReport]
) -> int:
    """How many of our outbound messages the reports were about (others are ignored)."""
    applied = 0
    for report in reports:
        message = session.scalars(
            select(Message).where(
                Message.inbox_id == inbox.id,
                Message.provider_message_id == report.provider_message_id,
                Message.direction == Direction.OUTBOUND.value,
            )
        ).first()
        if message is None:
            continue
        envelope = session.scalars(
            select(EmailEnvelope).where(EmailEnvelope.message_id == message.id)
        ).first()
        if envelope is not None:
            envelope.delivery_state = report.state.value
            envelope.delivery_detail = report.detail
        apply_delivery_report(session, inbox=inbox, report=report)
        applied += 1
    return applied
