"""Appending a reporting event inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from tawasol.db.types import utcnow
from tawasol.models.reporting import ReportingEvent
from tawasol.models.vocabulary import ReportingEventType


def record_reporting_event(
    session: Session,
    *,
    type: ReportingEventType,
    client_id: int,
    conversation_id: int | None,
    actor_user_id: int | None,
    data: dict[str, Any] | None = None,
) -> ReportingEvent:
    event = ReportingEvent(
        type=type.value,
        client_id=client_id,
        conversation_id=conversation_id,
        actor_user_id=actor_user_id,
        at=utcnow(),
        data=data or {},
    )
    session.add(event)
    return event
