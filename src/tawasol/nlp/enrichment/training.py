"""Training a client's intent model from its labelled history and storing it."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.db.database import Database
from tawasol.errors import Invalid, NotFound
from tawasol.models.client import Client
from tawasol.nlp.enrichment.intent_store import do_store_intent_model
from tawasol.nlp.enrichment.labels import intent_examples
from tawasol.nlp.intent import (
    AnyIntentModel,
    IntentConfig,
    NotEnoughExamplesError,
    train_cascade,
)

# The enrichment worker trains a client's first intent model itself (its messages wait
# meanwhile) only up to this many examples (≈40 s of CPU); a larger history is left to the
# retrainer's thread (`retraining.py`), and messages are read without intents until then.
FIRST_USE_MAX_EXAMPLES = 500


@dataclass(frozen=True)
class TrainingReport:
    """What `tawasol train intents` prints: ``accuracy`` is cross-validated (out of fold)."""

    client: str
    n: int
    labels: dict[str, int]
    train_seconds: float
    version: str
    accuracy: float | None
    record_id: int
    metrics: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "client": self.client,
            "n": self.n,
            "labels": self.labels,
            "train_seconds": self.train_seconds,
            "version": self.version,
            "accuracy": self.accuracy,
            "record_id": self.record_id,
            "coverage": self.metrics.get("cv_coverage_at_threshold"),
            "precision_at_threshold": self.metrics.get("cv_precision_at_threshold"),
            "accuracy_e5_model": self.metrics.get("cv_accuracy_full"),
            "accuracy_lexical_model": self.metrics.get("cv_accuracy_lexical"),
            "e5_share": self.metrics.get("cv_e5_share"),
        }


def client_by_slug(session: Session, slug: str) -> Client:
    client = session.scalars(select(Client).where(Client.slug == slug)).first()
    if client is None:
        raise NotFound(f"no client with slug {slug!r}", code="client_not_found")
    return client


def fit_intents(
    client: Client, examples: list[tuple[str, str]], config: IntentConfig | None
) -> AnyIntentModel:
    """The model, a lexical + e5 cascade (no database access: it can take seconds per
    hundred examples)."""
    try:
        return train_cascade(examples, config=config)
    except NotEnoughExamplesError as error:
        raise Invalid(
            f"client {client.slug!r} has too few labelled conversations to train on "
            f"({len(examples)}): {error}",
            code="not_enough_examples",
        ) from error


def _report(
    client: Client, examples: list[tuple[str, str]], model: AnyIntentModel, record_id: int,
    started: float,
) -> TrainingReport:  # fmt: skip
    accuracy = model.metrics.get("cv_accuracy")
    return TrainingReport(
        client=client.slug,
        n=len(examples),
        labels=dict(sorted(Counter(label for _, label in examples).items())),
        train_seconds=round(time.perf_counter() - started, 3),
        version=model.version,
        accuracy=round(float(accuracy), 4) if accuracy is not None else None,
        record_id=record_id,
        metrics=dict(model.metrics),
    )


def train_client_intents(
    session: Session, *, actor: Actor, client: Client, config: IntentConfig | None = None
) -> TrainingReport:
    """Collect, train and store in the caller's unit of work (tests, one-off scripts)."""
    started = time.perf_counter()
    examples = intent_examples(session, client_id=client.id)
    model = fit_intents(client, examples, config)
    record = do_store_intent_model(
        session, actor=actor, client=client, model=model, collected=len(examples)
    )
    return _report(client, examples, model, record.id, started)


def train_and_store(
    db: Database, *, actor: Actor, client_id: int, config: IntentConfig | None = None,
    at_most: int | None = None,
) -> TrainingReport:  # fmt: skip
    """Collect in a read-only unit, train with no transaction open (a live node keeps
    ingesting meanwhile), then store in a short write unit. With ``at_most``, a history of
    more examples is refused (``code="too_many_for_first_use"``) before anything is trained."""
    started = time.perf_counter()
    with db.unit(actor.scope, write=False) as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound("no such client", code="client_not_found")
        examples = intent_examples(session, client_id=client_id)
    if at_most is not None and len(examples) > at_most:
        raise Invalid(
            f"client {client.slug!r} has {len(examples)} labelled conversations, more than the "
            f"enrichment worker trains on first use ({at_most}): the retrainer trains this model",
            code="too_many_for_first_use",
        )
    model = fit_intents(client, examples, config)
    with db.unit(actor.scope) as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound("no such client", code="client_not_found")
        record = do_store_intent_model(
            session, actor=actor, client=client, model=model, collected=len(examples)
        )
        return _report(client, examples, model, record.id, started)
