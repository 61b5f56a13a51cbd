"""A person asks for a client's model to be retrained now (after a labelling campaign, say),
instead of waiting for the next retraining pass.

The request is a mark on the `ModelTraining` row (``requested_at``), audited, and an outbox
job that runs after the commit and wakes this node's retrainer (`retraining.wake`); other
nodes see the request at their next pass. Training never runs in the request.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.db.types import utcnow
from tawasol.models.client import Client
from tawasol.models.enrichment import ModelTraining
from tawasol.worker.jobs import enqueue_job, job

RETRAIN_JOB = "nlp.retrain_requested"


def do_request_retraining(
    session: Session, *, actor: Actor, client: Client, task: str
) -> ModelTraining:
    state = session.scalars(
        select(ModelTraining).where(
            ModelTraining.client_id == client.id, ModelTraining.task == task
        )
    ).first()
    if state is None:
        state = ModelTraining(client_id=client.id, task=task)
        session.add(state)
    state.requested_at = utcnow()
    session.flush()
    append_audit(
        session, actor=actor, action="model.retrain_requested", object_type="model_training",
        object_id=state.id, client_id=client.id, summary={"task": task},
    )  # fmt: skip
    enqueue_job(session, type=RETRAIN_JOB, client_id=client.id, payload={"task": task})
    return state


@job(RETRAIN_JOB)
def _wake_retrainer(session: Session, payload: dict[str, Any]) -> None:
    from tawasol.nlp.enrichment.retraining import wake

    wake()
