"""Each client's trained models and their automatic retraining, for the API and the admin
page: what reads the client's messages, trained on how many labels, how well, and what the
retrainer last did."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawasol.models.enrichment import IntentModelRecord, LabelerModelRecord, ModelTraining
from tawasol.nlp.enrichment.schemas import ModelStatusRow, RetrainingOut
from tawasol.nlp.intent import OUT_OF_SCOPE

TASK_ORDER = {"intents": 0, "sentiment": 1, "offensive": 2}


def _newest_intents(session: Session, client_id: int | None) -> dict[tuple[int, str], Any]:
    newest = select(func.max(IntentModelRecord.id)).group_by(IntentModelRecord.client_id)
    if client_id is not None:
        newest = newest.where(IntentModelRecord.client_id == client_id)
    rows = session.execute(
        select(
            IntentModelRecord.id, IntentModelRecord.client_id, IntentModelRecord.version,
            IntentModelRecord.trained_at, IntentModelRecord.examples, IntentModelRecord.metrics,
        ).where(IntentModelRecord.id.in_(newest))
    )  # fmt: skip
    return {(row.client_id, "intents"): (row, row.metrics.get("cv_accuracy"), True) for row in rows}


def intent_labels(session: Session) -> dict[int, list[str]]:
    """The intents each client's newest model knows (what articles can be tagged with)."""
    newest = select(func.max(IntentModelRecord.id)).group_by(IntentModelRecord.client_id)
    rows = session.execute(
        select(IntentModelRecord.client_id, IntentModelRecord.labels).where(
            IntentModelRecord.id.in_(newest)
        )
    )
    return {
        row.client_id: sorted(label for label in row.labels if label != OUT_OF_SCOPE)
        for row in rows
    }


def _newest_labelers(session: Session, client_id: int | None) -> dict[tuple[int, str], Any]:
    newest = select(func.max(LabelerModelRecord.id)).group_by(
        LabelerModelRecord.client_id, LabelerModelRecord.task
    )
    if client_id is not None:
        newest = newest.where(LabelerModelRecord.client_id == client_id)
    rows = session.execute(
        select(
            LabelerModelRecord.id, LabelerModelRecord.client_id, LabelerModelRecord.task,
            LabelerModelRecord.version, LabelerModelRecord.trained_at,
            LabelerModelRecord.examples, LabelerModelRecord.metrics,
        ).where(LabelerModelRecord.id.in_(newest))
    )  # fmt: skip
    return {
        (row.client_id, row.task): (
            row,
            row.metrics.get("cv_score"),
            bool(row.metrics.get("in_use")),
        )
        for row in rows
    }


def model_status(session: Session, *, client_id: int | None) -> list[ModelStatusRow]:
    """Every (client, task) with a trained model or a retraining attempt, in the session's
    scope (another client's models are never read)."""
    models = _newest_intents(session, client_id) | _newest_labelers(session, client_id)
    trainings = select(ModelTraining)
    if client_id is not None:
        trainings = trainings.where(ModelTraining.client_id == client_id)
    retraining = {(t.client_id, t.task): t for t in session.scalars(trainings)}
    out = []
    for key in sorted(set(models) | set(retraining), key=lambda k: (k[0], TASK_ORDER.get(k[1], 9))):
        row, score, in_use = models.get(key, (None, None, False))
        state = retraining.get(key)
        out.append(
            ModelStatusRow(
                client_id=key[0],
                task=key[1],
                record_id=row.id if row else None,
                version=row.version if row else None,
                trained_at=row.trained_at if row else None,
                examples=row.examples if row else None,
                score=round(float(score), 4) if score is not None else None,
                in_use=in_use,
                retraining=RetrainingOut.model_validate(state) if state else None,
            )  # fmt: skip
        )
    return out
