"""Each client's own sentiment and offensive-language models: stored as rows (newest of each
task wins), loaded once per process. A model that did not beat the shipped one on the
client's reviewed messages is stored for the record but not used."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.db.types import utcnow
from tawasol.models.client import Client
from tawasol.models.enrichment import LabelerModelRecord
from tawasol.nlp.enrichment.model_cache import NewestModelCache
from tawasol.nlp.intent import IncompatibleModelError
from tawasol.nlp.sentiment import AdaptedLabeler

log = logging.getLogger(__name__)
TASKS = ("sentiment", "offensive")


def do_store_labeler_model(
    session: Session, *, actor: Actor, client: Client, labeler: AdaptedLabeler,
    metrics: dict, examples: int,
) -> LabelerModelRecord:  # fmt: skip
    """Keep a newly trained model; the enrichment job switches to it on its next message
    when ``metrics["in_use"]``."""
    record = LabelerModelRecord(
        client_id=client.id, task=labeler.task, version=labeler.version, blob=labeler.save(),
        labels=list(labeler.labels), metrics=metrics, examples=examples, trained_at=utcnow(),
    )  # fmt: skip
    session.add(record)
    session.flush()
    append_audit(
        session, actor=actor, action="labeler_model.trained", object_type="labeler_model",
        object_id=record.id, client_id=client.id,
        summary={"task": labeler.task, "version": labeler.version, "examples": examples,
                 "cv_score": metrics.get("cv_score"), "shipped_score": metrics.get("shipped_score"),
                 "in_use": metrics.get("in_use")},
    )  # fmt: skip
    return record


class LabelerModelCache(NewestModelCache[tuple[int, str], AdaptedLabeler]):
    """The newest sentiment / offensive model of each client, when it is in use."""

    def models_for(self, session: Session, *, client_id: int) -> dict[str, AdaptedLabeler]:
        found = {task: self.get(session, (client_id, task)) for task in TASKS}
        return {task: model for task, model in found.items() if model is not None}

    def newest_id(self, session: Session, key: tuple[int, str]) -> int | None:
        client_id, task = key
        return session.scalars(
            select(LabelerModelRecord.id)
            .where(LabelerModelRecord.client_id == client_id, LabelerModelRecord.task == task)
            .order_by(LabelerModelRecord.id.desc())
            .limit(1)
        ).first()

    def load(self, session: Session, key: tuple[int, str], record_id: int) -> AdaptedLabeler | None:
        record = session.get(LabelerModelRecord, record_id)
        assert record is not None
        if not (record.metrics or {}).get("in_use"):
            return None  # the shipped model read the client's messages better
        try:
            return AdaptedLabeler.load(record.blob)
        except (IncompatibleModelError, ValueError) as error:
            log.warning("%s model %s of client %s unusable: %s", key[1], record_id, key[0], error)
            return None


labeler_models = LabelerModelCache()
