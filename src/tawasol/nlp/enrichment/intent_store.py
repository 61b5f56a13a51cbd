"""Each client's intent models: stored as rows (newest wins), loaded once per process."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.db.types import utcnow
from tawasol.models.client import Client
from tawasol.models.enrichment import IntentModelRecord
from tawasol.nlp.embeddings import default_embedder
from tawasol.nlp.enrichment.model_cache import NewestModelCache
from tawasol.nlp.intent import AnyIntentModel, IncompatibleModelError, load_intent_model
from tawasol.nlp.normalize import default_normalizer

log = logging.getLogger(__name__)


def do_store_intent_model(
    session: Session, *, actor: Actor, client: Client, model: AnyIntentModel,
    collected: int | None = None,
) -> IntentModelRecord:  # fmt: skip
    """Keep a newly trained model; the enrichment job switches to it on its next message.
    ``collected`` is how many labels training was given (``examples`` counts those it kept:
    labels seen once are dropped); the retrainer measures growth against it."""
    metrics = dict(model.metrics)
    if collected is not None:
        metrics["labels_collected"] = collected
    record = IntentModelRecord(
        client_id=client.id, version=model.version, blob=model.save(), labels=list(model.labels),
        metrics=metrics, examples=int(model.metrics.get("examples", 0)), trained_at=utcnow(),
    )  # fmt: skip
    session.add(record)
    session.flush()
    append_audit(
        session, actor=actor, action="intent_model.trained", object_type="intent_model",
        object_id=record.id, client_id=client.id,
        summary={"version": model.version, "labels": len(model.labels),
                 "examples": record.examples},
    )  # fmt: skip
    return record


def newest_record_id(session: Session, *, client_id: int) -> int | None:
    return session.scalars(
        select(IntentModelRecord.id)
        .where(IntentModelRecord.client_id == client_id)
        .order_by(IntentModelRecord.id.desc())
        .limit(1)
    ).first()


class IntentModelCache(NewestModelCache[int, AnyIntentModel]):
    """The newest intent model of each client (`model_cache.NewestModelCache`)."""

    def model_for(self, session: Session, *, client_id: int) -> AnyIntentModel | None:
        return self.get(session, client_id)

    def newest_id(self, session: Session, key: int) -> int | None:
        return newest_record_id(session, client_id=key)

    def load(self, session: Session, key: int, record_id: int) -> AnyIntentModel | None:
        record = session.get(IntentModelRecord, record_id)
        assert record is not None
        try:
            model = load_intent_model(record.blob)
        except IncompatibleModelError as error:
            log.warning("intent model %s of client %s unusable: %s", record_id, key, error)
            return None
        if trained := stale_normalizer(model):
            log.warning(
                "intent model %s of client %s was trained with normaliser %s (now %s): it still"
                " works, but its features read some messages differently; retrain it with"
                " `tawasol train intents --client <slug>`",
                record_id, key, trained, default_normalizer().version,
            )  # fmt: skip
        if trained := stale_embedder(model.embedder_version):
            log.warning(
                "intent model %s of client %s was trained on vectors of %s (now %s): same"
                " weights, another engine; the retrainer replaces it at its next pass",
                record_id, key, trained, default_embedder().version,
            )  # fmt: skip
        return model


def stale_embedder(trained_with: str | None) -> str | None:
    """The embedder version a model was trained with, when it is not the current one."""
    if trained_with is None or trained_with == default_embedder().version:
        return None
    return trained_with


def stale_normalizer(model: AnyIntentModel) -> str | None:
    """The normaliser version ``model`` was trained with, when it is not the current one."""
    return (
        None
        if model.normalizer_version == default_normalizer().version
        else model.normalizer_version
    )


intent_models = IntentModelCache()
