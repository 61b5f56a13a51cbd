"""Recording events: written to the outbox inside the transaction, published after commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from tawasol.db.database import mark_outbox_written
from tawasol.models.outbox import OutboxEvent


def agent_channel(user_id: int) -> str:
    return f"agent:{user_id}"


def client_channel(client_id: int) -> str:
    return f"client:{client_id}"


def visitor_channel(conversation_id: int) -> str:
    """Where events of a web chat conversation reach the visitor's open widgets."""
    return f"webchat:{conversation_id}"


def record_event(
    session: Session,
    *,
    type: str,
    client_id: int | None,
    recipients: list[str],
    payload: dict[str, Any],
) -> OutboxEvent:
    row = OutboxEvent(
        kind="event", type=type, client_id=client_id, recipients=recipients, payload=payload
    )
    session.add(row)
    mark_outbox_written(session)
    return row
