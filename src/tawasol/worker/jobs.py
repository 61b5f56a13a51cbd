"""The job registry: named handlers run by the relay after the enqueuing transaction commits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from tawasol.db.database import mark_outbox_written
from tawasol.models.outbox import OutboxEvent

JobHandler = Callable[[Session, dict[str, Any]], None]
JOB_HANDLERS: dict[str, JobHandler] = {}


def job(name: str) -> Callable[[JobHandler], JobHandler]:
    def register(handler: JobHandler) -> JobHandler:
        JOB_HANDLERS[name] = handler
        return handler

    return register


def enqueue_job(
    session: Session, *, type: str, payload: dict[str, Any], client_id: int | None = None
) -> OutboxEvent:
    if type not in JOB_HANDLERS:
        raise KeyError(f"no job handler registered for {type!r}")
    row = OutboxEvent(kind="job", type=type, client_id=client_id, recipients=[], payload=payload)
    session.add(row)
    mark_outbox_written(session)
    return row
