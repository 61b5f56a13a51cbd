"""The enrichment job: enqueued with each inbound customer message, run after the commit.

The ingest path only adds an outbox row (`on_message_received`), so the acknowledgement never
waits for a model. The relay's job records an `EnrichmentTask` for the node's enrichment
worker (`worker.py`), which runs the models outside any transaction; the message itself is
already committed, so a failure anywhere loses nothing and is retried with backoff.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.models.enrichment import EnrichmentTask
from tawasol.models.message import Message
from tawasol.models.vocabulary import Direction, MessageKind
from tawasol.worker.jobs import enqueue_job, job

ENRICH_JOB = "nlp.enrich"


def on_message_received(session: Session, *, message: Message) -> None:
    """Call in the transaction that stores a customer's message (the message has an id)."""
    if message.direction != Direction.INBOUND.value or message.kind != MessageKind.MESSAGE.value:
        return
    enqueue_job(
        session, type=ENRICH_JOB, client_id=message.client_id,
        payload={"message_id": message.id},
    )  # fmt: skip


def request_enrichment(session: Session, *, message: Message) -> bool:
    """Queue ``message`` for the enrichment worker (again); False if it is already queued."""
    queued = session.scalars(
        select(EnrichmentTask.id).where(EnrichmentTask.message_id == message.id)
    ).first()
    if queued is not None:
        return False
    session.add(EnrichmentTask(client_id=message.client_id, message_id=message.id))
    session.flush()  # sessions do not autoflush: a second request in this unit must see it
    return True


@job(ENRICH_JOB)
def _enrich(session: Session, payload: dict[str, Any]) -> None:
    from tawasol.nlp.enrichment.worker import wake

    message = session.get(Message, int(payload["message_id"]))
    if message is None:
        return  # erased with its conversation since: nothing left to read
    if request_enrichment(session, message=message):
        wake()
