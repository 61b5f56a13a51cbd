"""Retraining each client's models as its advisors' labels grow, on a thread of its own.

Intent models learn from advisors' tags, dispositions and reviews; sentiment and offensive
models from reviewed readings (`labels`). Nobody should have to remember to run `tawasol train`:
every ``interval`` a node's retrainer looks at each active client and retrains a model when

- its labels grew by at least ``min_new`` and by ``growth`` of what the model was trained on
  (``labels_grew``);
- the intent model was trained with an older Darija normaliser (``normalizer_changed``), or a
  model on vectors of another embedding engine (``embedder_changed``: same weights, so it kept
  working meanwhile);
- a person asked for it (``requested``: `retrain_requests.py`, which wakes the thread);
- a client has enough reviewed messages for a first sentiment or offensive model, or a
  history too large for the enrichment worker to train its first intent model on first use
  (``first_model``; `training.FIRST_USE_MAX_EXAMPLES`).

Training takes seconds to minutes of CPU (e5 reads every example), so it never runs in the
enrichment thread. Each (client, task) has a `ModelTraining` row: a node claims it with a lease
before training (nodes share the work; on PostgreSQL the row is locked while claimed) and
writes the outcome there. A refusal (too few labels) or a failure is not retried until the
number of labels changes. `tawasol train auto` runs one pass by hand (``--dry-run`` lists what
is due).
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Collection
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.errors import ApiError
from tawasol.models.client import Client
from tawasol.models.enrichment import IntentModelRecord, LabelerModelRecord, ModelTraining
from tawasol.nlp.enrichment.intent_store import intent_models, stale_embedder, stale_normalizer
from tawasol.nlp.enrichment.labeler_store import labeler_models
from tawasol.nlp.enrichment.labeler_training import MIN_REVIEWED
from tawasol.nlp.enrichment.labels import count_intent_examples, reviewed_messages
from tawasol.nlp.enrichment.training import FIRST_USE_MAX_EXAMPLES
from tawasol.worker.idle import idle

log = logging.getLogger(__name__)
TASKS = ("intents", "sentiment", "offensive")
MIN_NEW_LABELS = 20
GROWTH_SHARE = 0.2
LEASE_SECONDS = 2 * 3600.0
# Outcomes not retried until the number of labels changes.
SETTLED_OUTCOMES = ("not_enough_examples", "failed")
_wake = threading.Event()


@dataclass(frozen=True, slots=True)
class Due:
    """A model to retrain: ``examples`` labels now, ``trained_on`` in the current model."""

    client_id: int
    client: str
    task: str
    reason: str
    examples: int
    trained_on: int

    def attempt(self, outcome: str, **found: Any) -> Attempt:
        return Attempt(
            self.client, self.task, self.reason, self.examples, self.trained_on, outcome, **found
        )


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one retraining did (one line of `tawasol train auto --json`)."""

    client: str
    task: str
    reason: str
    examples: int
    trained_on: int
    outcome: str  # trained | not_enough_examples | failed | due (dry run) | claimed_elsewhere
    detail: str | None = None
    record_id: int | None = None
    version: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def grew(now: int, then: int, *, min_new: int, growth: float) -> bool:
    return now - then >= max(min_new, math.ceil(growth * then))


def _newest(session: Session, client_id: int, task: str) -> tuple[int, int] | None:
    """(id, labels it was trained from) of the client's newest model for ``task``: for an
    intent model, the labels collected (its ``examples`` leave out labels seen once)."""
    if task == "intents":
        row = session.execute(
            select(IntentModelRecord.id, IntentModelRecord.examples, IntentModelRecord.metrics)
            .where(IntentModelRecord.client_id == client_id)
            .order_by(IntentModelRecord.id.desc())
            .limit(1)
        ).first()
        return (row[0], int((row[2] or {}).get("labels_collected", row[1]))) if row else None
    found = session.execute(
        select(LabelerModelRecord.id, LabelerModelRecord.examples)
        .where(LabelerModelRecord.client_id == client_id, LabelerModelRecord.task == task)
        .order_by(LabelerModelRecord.id.desc())
        .limit(1)
    ).first()
    return (found[0], found[1]) if found else None


def _count_labels(session: Session, client_id: int, task: str) -> int:
    if task == "intents":
        return count_intent_examples(session, client_id=client_id)
    return len(reviewed_messages(session, client_id=client_id, field=task))


class Retrainer:
    def __init__(
        self,
        db: Database,
        *,
        min_new: int = MIN_NEW_LABELS,
        growth: float = GROWTH_SHARE,
        lease_seconds: float = LEASE_SECONDS,
        first_use_max_examples: int = FIRST_USE_MAX_EXAMPLES,
        stop: threading.Event | None = None,
    ) -> None:
        self.db = db
        self.first_use_max_examples = first_use_max_examples
        self.min_new, self.growth = min_new, growth
        self.lease = timedelta(seconds=lease_seconds)
        self.stop = stop or threading.Event()
        self.actor = Actor.system("retrainer")

    def plan(self, *, client_ids: Collection[int] | None = None) -> list[Due]:
        """Every model due for retraining, from a read-only look at each active client (or
        at those of ``client_ids``)."""
        due: list[Due] = []
        clients_query = select(Client.id, Client.slug).where(Client.is_active).order_by(Client.id)
        states_query = select(ModelTraining)
        if client_ids is not None:
            clients_query = clients_query.where(Client.id.in_(list(client_ids)))
            states_query = states_query.where(ModelTraining.client_id.in_(list(client_ids)))
        with self.db.unit(Scope.system(), write=False) as session:
            states = {(s.client_id, s.task): s for s in session.scalars(states_query)}
            clients = session.execute(clients_query).all()
            for client_id, slug in clients:
                for task in TASKS:
                    found = self._due(session, client_id, slug, task, states.get((client_id, task)))
                    if found is not None:
                        due.append(found)
        return due

    def _due(
        self, session: Session, client_id: int, slug: str, task: str, state: ModelTraining | None
    ) -> Due | None:
        newest = _newest(session, client_id, task)
        count = _count_labels(session, client_id, task)
        trained_on = newest[1] if newest else 0
        if state is not None and state.requested_at is not None:
            return Due(client_id, slug, task, "requested", count, trained_on)
        if state is not None and state.outcome in SETTLED_OUTCOMES and state.examples == count:
            return None
        reason = None
        if newest is None:  # the enrichment worker trains a small first intent model itself
            first = self.first_use_max_examples + 1 if task == "intents" else MIN_REVIEWED
            reason = "first_model" if count >= first else None
        elif stale := self._stale(session, client_id, task):
            reason = stale
        elif grew(count, trained_on, min_new=self.min_new, growth=self.growth):
            reason = "labels_grew"
        return Due(client_id, slug, task, reason, count, trained_on) if reason else None

    @staticmethod
    def _stale(session: Session, client_id: int, task: str) -> str | None:
        if task == "intents":
            model = intent_models.model_for(session, client_id=client_id)
            if model is not None and stale_normalizer(model) is not None:
                return "normalizer_changed"
            trained_with = model.embedder_version if model is not None else None
        else:
            labeler = labeler_models.models_for(session, client_id=client_id).get(task)
            trained_with = labeler.embedder_version if labeler is not None else None
        return "embedder_changed" if stale_embedder(trained_with) else None

    def run_once(
        self, *, dry_run: bool = False, client_ids: Collection[int] | None = None
    ) -> list[Attempt]:
        """One pass: plan, then claim and train each due model in turn."""
        attempts = []
        for due in self.plan(client_ids=client_ids):
            if self.stop.is_set():
                break
            if dry_run:
                attempts.append(due.attempt("due"))
            elif not self._claim(due):
                attempts.append(due.attempt("claimed_elsewhere"))
            else:
                attempts.append(self._train(due))
        return attempts

    def _claim(self, due: Due) -> bool:
        now = utcnow()
        try:
            with self.db.unit(Scope.system()) as session:
                state = self._state(session, due)
                if state is None:
                    state = ModelTraining(client_id=due.client_id, task=due.task)
                    session.add(state)
                elif state.claimed_until is not None and state.claimed_until > now:
                    return False  # another node is training it
                state.claimed_until = now + self.lease
                session.flush()
        except IntegrityError:  # another node created the row first
            return False
        return True

    def _state(self, session: Session, due: Due) -> ModelTraining | None:
        query = select(ModelTraining).where(
            ModelTraining.client_id == due.client_id, ModelTraining.task == due.task
        )
        if not self.db.is_sqlite:
            query = query.with_for_update()
        return session.scalars(query).first()

    def _train(self, due: Due) -> Attempt:
        from tawasol.nlp.enrichment.labeler_training import train_labeler_and_store
        from tawasol.nlp.enrichment.training import train_and_store

        log.info("retraining %s of client %s (%s)", due.task, due.client, due.reason)
        try:
            if due.task == "intents":
                report: Any = train_and_store(self.db, actor=self.actor, client_id=due.client_id)
            else:
                report = train_labeler_and_store(
                    self.db, actor=self.actor, client_id=due.client_id, task=due.task
                )
            attempt = due.attempt("trained", record_id=report.record_id, version=report.version)
        except ApiError as error:
            outcome = "not_enough_examples" if error.code == "not_enough_examples" else "failed"
            attempt = due.attempt(outcome, detail=error.message[:500])
        except Exception as error:  # noqa: BLE001 — recorded on the row, retried on new labels
            log.exception("retraining %s of client %s failed", due.task, due.client)
            attempt = due.attempt("failed", detail=f"{type(error).__name__}: {error}"[:500])
        self._finish(due, attempt, utcnow())
        return attempt

    def _finish(self, due: Due, attempt: Attempt, now: datetime) -> None:
        with self.db.unit(Scope.system()) as session:
            state = self._state(session, due)
            if state is None:  # the client was erased meanwhile
                return
            state.claimed_until = None
            if state.requested_at is not None and state.requested_at <= now:
                state.requested_at = None  # answered (a newer request stays)
            state.attempted_at = now
            state.outcome, state.reason = attempt.outcome, attempt.reason
            state.detail, state.examples = attempt.detail, attempt.examples
            state.record_id = attempt.record_id

    def loop(self, interval_seconds: float, first_delay_seconds: float) -> None:
        idle(self.stop, _wake, first_delay_seconds)
        while not self.stop.is_set():
            try:
                for attempt in self.run_once():
                    log.info("retraining: %s", attempt.as_dict())
            except Exception:
                log.exception("retraining pass failed")
            idle(self.stop, _wake, interval_seconds)


def wake() -> None:
    """A retraining was requested: this process's retrainer makes a pass now."""
    _wake.set()


def start_retrainer(
    db: Database, *, stop: threading.Event, interval_seconds: float,
    first_delay_seconds: float = 120.0,
) -> threading.Thread:  # fmt: skip
    """The node's retraining thread (`Runtime.start_workers`, when the interval is > 0)."""
    retrainer = Retrainer(db, stop=stop)
    thread = threading.Thread(
        target=retrainer.loop, args=(interval_seconds, first_delay_seconds),
        name="retrainer", daemon=True,
    )  # fmt: skip
    thread.start()
    return thread
