"""The enrichment worker of each node: runs the models outside any database transaction.

The relay runs jobs inside its batch transaction, which holds SQLite's only writer lock and,
on PostgreSQL, the locks of every row the batch touched: ≈40 ms of model time per message
there would hold back the ingest path's acknowledgements. So the `nlp.enrich` job only
records an `EnrichmentTask`, and this worker, in three short steps per batch:

1. claims due tasks (a lease in ``claimed_until``; ``SKIP LOCKED`` on PostgreSQL, so nodes
   share the work), reading the messages' text;
2. runs the models with no transaction open, one call per client for the whole batch;
3. stores the results, refreshes each conversation once and deletes the tasks; a failure
   is retried with exponential backoff, then parked with its error (the message is kept).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.errors import ApiError
from tawasol.models.conversation import Conversation
from tawasol.models.enrichment import ConversationInsight, EnrichmentTask
from tawasol.models.message import Message
from tawasol.nlp.enrichment.actions import do_store_enrichment, refresh_conversation
from tawasol.worker.idle import idle

if TYPE_CHECKING:
    from tawasol.nlp.intent import AnyIntentModel
    from tawasol.nlp.sentiment import AdaptedLabeler

log = logging.getLogger(__name__)
BATCH = 32
LEASE_SECONDS = 300.0
MAX_ATTEMPTS = 5
MAX_BACKOFF_SECONDS = 900.0
# A client without a model is trained on first use; without enough labels, it is looked at
# again after this long (the label query is cheap, training is not).
TRAINING_RETRY_SECONDS = 3600.0
_wake = threading.Event()


class _Stopping(Exception):
    """Raised between clients of a pass when the node stops."""


def wake() -> None:
    """New tasks: the worker of this process starts a pass now instead of at its next tick."""
    _wake.set()


@dataclass(frozen=True, slots=True)
class Claimed:
    task_id: int
    message_id: int
    client_id: int
    text: str
    settled: bool = False  # the conversation's intent was already read


class EnrichmentWorker:
    def __init__(
        self,
        db: Database,
        *,
        batch: int = BATCH,
        retry_seconds: float = 5.0,
        stop: threading.Event | None = None,
        first_use_max_examples: int | None = None,
    ) -> None:
        from tawasol.nlp.enrichment.training import FIRST_USE_MAX_EXAMPLES

        self.db = db
        self.first_use_max_examples = first_use_max_examples or FIRST_USE_MAX_EXAMPLES
        self.batch = batch
        self.retry_seconds = retry_seconds
        self.stop = stop or threading.Event()
        self._training_tried: dict[int, float] = {}

    def run_once(self) -> int:
        """Enrich one batch of due tasks; returns how many were claimed."""
        claimed = self._claim()
        if claimed:
            try:
                outcomes = self._analyse(claimed)
            except _Stopping:  # the node shuts down: hand the tasks back at once
                self._release(claimed)
                return 0
            self._store(claimed, outcomes)
        return len(claimed)

    def _release(self, claimed: list[Claimed]) -> None:
        with self.db.unit(Scope.system()) as session:
            for task in session.scalars(
                select(EnrichmentTask).where(EnrichmentTask.id.in_([c.task_id for c in claimed]))
            ):
                task.claimed_until = None

    def drain(self) -> int:
        total = 0
        while handled := self.run_once():
            total += handled
        return total

    def _claim(self) -> list[Claimed]:
        now = utcnow()
        due = (
            EnrichmentTask.attempts < MAX_ATTEMPTS,
            EnrichmentTask.next_attempt_at <= now,
            or_(EnrichmentTask.claimed_until.is_(None), EnrichmentTask.claimed_until < now),
        )
        # An idle node looks without taking SQLite's writer lock every second.
        with self.db.unit(Scope.system(), write=False) as session:
            if session.scalars(select(EnrichmentTask.id).where(*due).limit(1)).first() is None:
                return []
        with self.db.unit(Scope.system()) as session:
            query = (
                select(EnrichmentTask, Message.text, ConversationInsight.intent)
                .join(Message, Message.id == EnrichmentTask.message_id)
                .outerjoin(
                    ConversationInsight,
                    ConversationInsight.conversation_id == Message.conversation_id,
                )
                .where(*due)
                .order_by(EnrichmentTask.next_attempt_at, EnrichmentTask.id)
                .limit(self.batch)
            )
            if not self.db.is_sqlite:
                query = query.with_for_update(skip_locked=True, of=EnrichmentTask)
            claimed = []
            for task, text, intent in session.execute(query):
                task.claimed_until = now + timedelta(seconds=LEASE_SECONDS)
                claimed.append(
                    Claimed(task.id, task.message_id, task.client_id, text, intent is not None)
                )
            return claimed

    def _analyse(self, claimed: list[Claimed]) -> dict[int, object]:
        """Task id -> analysis or the exception; no transaction is open while models run."""
        from tawasol.nlp.enrichment.pipeline import default_enricher

        by_client: dict[int, list[Claimed]] = defaultdict(list)
        for item in claimed:
            by_client[item.client_id].append(item)
        models, labelers = {}, {}
        for client_id in by_client:
            if self.stop.is_set():
                raise _Stopping
            models[client_id] = self._intent_model(client_id)
            labelers[client_id] = self._labelers(client_id)
        enricher = default_enricher()
        outcomes: dict[int, object] = {}
        for client_id, items in by_client.items():
            if self.stop.is_set():
                raise _Stopping
            try:
                analyses = enricher.enrich(
                    [i.text for i in items],
                    intent_model=models[client_id],
                    settled=[i.settled for i in items],
                    labelers=labelers[client_id],
                )
                outcomes.update(zip((i.task_id for i in items), analyses, strict=True))
            except Exception:  # find the message that fails, keep the others' results
                for item in items:
                    try:
                        (outcomes[item.task_id],) = enricher.enrich(
                            [item.text], intent_model=models[client_id],
                            labelers=labelers[client_id],
                        )  # fmt: skip
                    except Exception as error:
                        log.exception("enrichment of message %s failed", item.message_id)
                        outcomes[item.task_id] = error
        return outcomes

    def _labelers(self, client_id: int) -> dict[str, AdaptedLabeler]:
        """The client's own sentiment / offensive models in use (trained on request only:
        `tawasol train sentiment|offensive`)."""
        from tawasol.nlp.enrichment.labeler_store import labeler_models

        with self.db.unit(Scope.system(), write=False) as session:
            return labeler_models.models_for(session, client_id=client_id)

    def _intent_model(self, client_id: int) -> AnyIntentModel | None:
        """The client's newest model; trained here on first use when it has none and at most
        `FIRST_USE_MAX_EXAMPLES` examples (a larger history is left to the retrainer)."""
        from tawasol.nlp.enrichment.intent_store import intent_models
        from tawasol.nlp.enrichment.training import train_and_store

        with self.db.unit(Scope.system(), write=False) as session:
            model = intent_models.model_for(session, client_id=client_id)
        tried = self._training_tried.get(client_id)
        if model is not None or (
            tried is not None and time.monotonic() - tried < TRAINING_RETRY_SECONDS
        ):
            return model
        self._training_tried[client_id] = time.monotonic()
        try:
            report = train_and_store(
                self.db, actor=Actor.system("enrichment"), client_id=client_id,
                at_most=self.first_use_max_examples,
            )  # fmt: skip
        except ApiError as error:  # too few labels, or too many to train here: no intents yet
            log.info("no intent model for client %s: %s", client_id, error.message)
            return None
        log.info("trained intent model %s for client %s", report.version, client_id)
        with self.db.unit(Scope.system(), write=False) as session:
            return intent_models.model_for(session, client_id=client_id)

    def _store(self, claimed: list[Claimed], outcomes: dict[int, object]) -> None:
        by_conversation: dict[int, list[tuple[EnrichmentTask, Message]]] = defaultdict(list)
        with self.db.unit(Scope.system()) as session:
            tasks = {
                t.id: t
                for t in session.scalars(
                    select(EnrichmentTask).where(
                        EnrichmentTask.id.in_([c.task_id for c in claimed])
                    )
                )
            }
            for item in claimed:
                task, message = tasks.get(item.task_id), session.get(Message, item.message_id)
                outcome = outcomes.get(item.task_id)
                if task is None or message is None:
                    continue  # erased meanwhile
                if isinstance(outcome, Exception):
                    self._failed(task, outcome)
                elif not message.text.strip():
                    session.delete(task)  # nothing to read (attachments only)
                else:
                    by_conversation[message.conversation_id].append((task, message))
            for conversation_id, pairs in by_conversation.items():
                self._store_conversation(session, conversation_id, pairs, outcomes)

    def _store_conversation(
        self,
        session: Session,
        conversation_id: int,
        pairs: list[tuple[EnrichmentTask, Message]],
        outcomes: dict[int, object],
    ) -> None:
        try:
            with session.begin_nested():  # one conversation's failure leaves the others
                for task, message in pairs:
                    analysis = outcomes[task.id]
                    do_store_enrichment(session, message=message, analysis=analysis)  # type: ignore[arg-type]
                conversation = session.get(Conversation, conversation_id)
                if conversation is not None:
                    refresh_conversation(session, conversation=conversation)
                for task, _ in pairs:
                    session.delete(task)
        except Exception as error:
            log.exception("storing the enrichment of conversation %s failed", conversation_id)
            for task, _ in pairs:
                self._failed(task, error)

    def _failed(self, task: EnrichmentTask, error: Exception) -> None:
        task.attempts += 1
        task.last_error = f"{type(error).__name__}: {error}"[:500]
        delay = min(self.retry_seconds * 2 ** (task.attempts - 1), MAX_BACKOFF_SECONDS)
        task.next_attempt_at = utcnow() + timedelta(seconds=delay)
        task.claimed_until = None

    def loop(self, idle_seconds: float) -> None:
        while not self.stop.is_set():
            try:
                handled = self.run_once()
            except Exception:
                log.exception("enrichment pass failed")
                handled = 0
            if not handled:
                idle(self.stop, _wake, idle_seconds)


def start_enrichment_worker(
    db: Database, *, stop: threading.Event, idle_seconds: float = 1.0
) -> threading.Thread:
    """The node's enrichment thread (`Runtime.start_workers`)."""
    worker = EnrichmentWorker(db, stop=stop)
    thread = threading.Thread(
        target=worker.loop, args=(idle_seconds,), name="enrichment", daemon=True
    )
    thread.start()
    return thread
