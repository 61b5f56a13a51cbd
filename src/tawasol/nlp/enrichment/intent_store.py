"""Each client's intent models: stored as rows (newest wins), loaded once per process."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.db.types import utcnow
from tawasol.models.client import Client
from tawasol.models.enrichment import IntentModelRecord
from tawasol.nlp.intent import AnyIntentModel, IncompatibleModelError, load_intent_model
from tawasol.nlp.normalize import default_normalizer

log = logging.getLogger(__name__)


def do_store_intent_model(
    session: Session, *, actor: Actor, client: Client, model: AnyIntentModel
) -> IntentModelRecord:
    """Keep a newly trained model; the enrichment job switches to it on its next message."""
    record = IntentModelRecord(
        client_id=client.id, version=model.version, blob=model.save(), labels=list(model.labels),
        metrics=dict(model.metrics), examples=int(model.metrics.get("examples", 0)),
        trained_at=utcnow(),
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


class IntentModelCache:
    """The newest model of each client, deserialised once per process.

    Each call costs one indexed lookup of the newest row id; the blob is read and loaded only
    when that id changed. A model the process cannot load (trained with another embedder)
    is remembered as missing until a newer one is stored. The ``capacity`` most recently
    used clients stay loaded (a model holds its vocabulary and weights, a few MB).
    """

    def __init__(self, capacity: int = 16) -> None:
        self._models: OrderedDict[int, tuple[int, AnyIntentModel | None]] = OrderedDict()
        self._capacity = max(1, capacity)
        self._lock = threading.Lock()

    def model_for(self, session: Session, *, client_id: int) -> AnyIntentModel | None:
        record_id = newest_record_id(session, client_id=client_id)
        if record_id is None:
            return None
        with self._lock:
            cached = self._models.get(client_id)
            if cached is not None and cached[0] == record_id:
                self._models.move_to_end(client_id)
                return cached[1]
        record = session.get(IntentModelRecord, record_id)
        assert record is not None
        model: AnyIntentModel | None
        try:
            model = load_intent_model(record.blob)
        except IncompatibleModelError as error:
            log.warning("intent model %s of client %s unusable: %s", record_id, client_id, error)
            model = None
        if model is not None and (trained := stale_normalizer(model)):
            log.warning(
                "intent model %s of client %s was trained with normaliser %s (now %s): it still"
                " works, but its features read some messages differently; retrain it with"
                " `tawasol train intents --client <slug>`",
                record_id, client_id, trained, default_normalizer().version,
            )  # fmt: skip
        with self._lock:
            self._models[client_id] = (record_id, model)
            self._models.move_to_end(client_id)
            while len(self._models) > self._capacity:
                self._models.popitem(last=False)
        return model


def stale_normalizer(model: AnyIntentModel) -> str | None:
    """The normaliser version ``model`` was trained with, when it is not the current one."""
    return (
        None
        if model.normalizer_version == default_normalizer().version
        else model.normalizer_version
    )


intent_models = IntentModelCache()
