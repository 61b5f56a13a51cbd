"""Training a client's own sentiment or offensive-language model from its advisors' reviews.

The examples are the messages whose reading an advisor accepted or corrected
(`labels.reviewed_messages`). The model (`nlp.sentiment.adapt`: TF-IDF + e5, decision offsets)
is scored out of fold on those messages and the shipped model on the same messages; it is
used by enrichment only when it scores at least as well (`metrics["in_use"]`).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from tawasol.auth.actor import Actor
from tawasol.db.database import Database
from tawasol.errors import Invalid, NotFound
from tawasol.models.client import Client
from tawasol.nlp.enrichment.labeler_store import TASKS, do_store_labeler_model
from tawasol.nlp.enrichment.labels import reviewed_messages
from tawasol.nlp.sentiment import (
    AdaptedLabeler,
    adapt,
    default_offensive_model,
    default_sentiment_model,
)
from tawasol.nlp.sentiment.evaluation import evaluate_labeler, task_score

# Fewer reviewed messages than this teach a model less than the shipped one already knows.
MIN_REVIEWED = 30
MIN_PER_LABEL = 5


@dataclass(frozen=True)
class LabelerReport:
    """What `tawasol train sentiment|offensive` prints; scores are macro-F1 (sentiment) or
    the offensive class's F1, on the client's reviewed messages (the new model out of fold)."""

    client: str
    task: str
    n: int
    labels: dict[str, int]
    train_seconds: float
    version: str
    cv_score: float | None
    shipped_score: float
    in_use: bool
    record_id: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "client": self.client, "task": self.task, "n": self.n, "labels": self.labels,
            "train_seconds": self.train_seconds, "version": self.version,
            "cv_score": self.cv_score, "shipped_score": self.shipped_score,
            "in_use": self.in_use, "record_id": self.record_id,
        }  # fmt: skip


def fit_labeler(
    client: Client, task: str, examples: list[tuple[str, str]]
) -> tuple[AdaptedLabeler, dict[str, Any]]:
    """The model and its metrics (no database access: e5 reads every example)."""
    if task not in TASKS:
        raise Invalid(f"unknown task {task!r}; expected one of {TASKS}", code="unknown_task")
    counts = Counter(label for _, label in examples)
    if len(examples) < MIN_REVIEWED or len(counts) < 2 or min(counts.values()) < MIN_PER_LABEL:
        raise Invalid(
            f"client {client.slug!r} has {len(examples)} reviewed messages for {task} "
            f"({dict(counts) or 'none'}); training needs at least {MIN_REVIEWED}, with two "
            f"labels of at least {MIN_PER_LABEL} each",
            code="not_enough_examples",
        )
    labeler = adapt(task, examples)
    shipped = default_sentiment_model() if task == "sentiment" else default_offensive_model()
    shipped_score = round(task_score(task, evaluate_labeler(shipped, examples)), 4)
    cv_score = labeler.metrics.get("cv_score")
    metrics = {
        "cv_score": cv_score,
        "cv_examples": labeler.metrics.get("cv_examples"),
        "shipped_score": shipped_score,
        "shipped_version": shipped.version,
        "in_use": cv_score is not None and cv_score >= shipped_score,
    }
    return labeler, metrics


def train_labeler_and_store(
    db: Database, *, actor: Actor, client_id: int, task: str
) -> LabelerReport:
    """Collect in a read-only unit, train with no transaction open, store in a short unit."""
    started = time.perf_counter()
    with db.unit(actor.scope, write=False) as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound("no such client", code="client_not_found")
        examples = reviewed_messages(session, client_id=client_id, field=task)
    labeler, metrics = fit_labeler(client, task, examples)
    with db.unit(actor.scope) as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound("no such client", code="client_not_found")
        record = do_store_labeler_model(
            session, actor=actor, client=client, labeler=labeler, metrics=metrics,
            examples=len(examples),
        )  # fmt: skip
        return LabelerReport(
            client=client.slug, task=task, n=len(examples),
            labels=dict(sorted(Counter(label for _, label in examples).items())),
            train_seconds=round(time.perf_counter() - started, 3), version=labeler.version,
            cv_score=metrics["cv_score"], shipped_score=metrics["shipped_score"],
            in_use=metrics["in_use"], record_id=record.id,
        )  # fmt: skip
