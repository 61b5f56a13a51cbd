"""Group commit for webhook ingest: deliveries arriving together share one transaction.

Requests hand their parsed messages to the database's ingest writer, a thread that takes
everything queued, ingests it in one unit of work and commits once; each request is answered
(and the provider acknowledged) only after that commit. If anything in a batch fails, the
batch rolls back and each delivery is ingested again on its own through the ORM path
(`ingest_in_own_unit`, which retries unique-constraint races), so one bad delivery cannot
take the others down with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import queue
import threading
import weakref
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime

from tawasol.auth.actor import Actor
from tawasol.channels.ingest import ingest_in_own_unit
from tawasol.channels.ingest_fast import BatchWriter, Prepared
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.errors import ApiError
from tawasol.models.inbox import Inbox

log = logging.getLogger(__name__)

# Per message: True stored, False a redelivery, an ApiError when it was refused.
Outcome = bool | ApiError
MAX_BATCH = 128  # deliveries per transaction
IDLE_SECONDS = 2.0  # the thread stops when nothing came for this long


@dataclass
class IngestJob:
    actor: Actor
    inbox: Inbox
    messages: list[Prepared]
    now: datetime
    context: contextvars.Context
    future: Future[list[Outcome]] = field(default_factory=Future)
    # Set for a request on an event loop: released once per batch and loop (one wake-up
    # of the loop for the whole batch instead of one per request).
    waiter: asyncio.Future[None] | None = None

    async def outcome(self) -> list[Outcome]:
        """Wait on the submitting event loop for the batch's commit (or its fall-back)."""
        assert self.waiter is not None
        await self.waiter
        return self.future.result()


class IngestWriter:
    def __init__(self, db: Database) -> None:
        self._db = weakref.ref(db)
        self._queue: queue.SimpleQueue[IngestJob] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def submit(
        self, *, actor: Actor, inbox: Inbox, messages: list[Prepared], now: datetime,
        loop: asyncio.AbstractEventLoop | None = None,
    ) -> IngestJob:  # fmt: skip
        job = IngestJob(actor, inbox, messages, now, contextvars.copy_context())
        if loop is not None:
            job.waiter = loop.create_future()
        self._queue.put(job)
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="ingest-writer", daemon=True)
                self._thread.start()
        return job

    def _next_batch(self) -> list[IngestJob] | None:
        try:
            batch = [self._queue.get(timeout=IDLE_SECONDS)]
        except queue.Empty:
            with self._lock:
                if self._queue.empty():
                    self._thread = None
                    return None
            return []
        while len(batch) < MAX_BATCH:
            try:
                batch.append(self._queue.get_nowait())
            except queue.Empty:
                break
        return batch

    def _run(self) -> None:
        while (batch := self._next_batch()) is not None:
            db = self._db()
            try:
                if db is None:
                    raise RuntimeError("the database was closed")
                run_batch(db, batch)
            except BaseException as exc:  # noqa: BLE001 (no request may wait forever)
                for job in batch:
                    if not job.future.done():
                        job.future.set_exception(exc)
            finally:
                _wake(batch)
            del db


def run_batch(db: Database, batch: list[IngestJob]) -> None:
    """One transaction for the whole batch; answers every job after its commit."""
    try:
        with db.unit(Scope.clients({job.inbox.client_id for job in batch})) as session:
            writer = BatchWriter(session, lock_rows=not db.is_sqlite, audit=[])
            outcomes: list[list[Outcome]] = [
                [
                    writer.ingest(actor=job.actor, inbox=job.inbox, prepared=p, now=job.now)
                    for p in job.messages
                ]
                for job in batch
            ]
            writer.finish()
    except Exception as exc:  # noqa: BLE001 (every failure falls back to one unit per delivery)
        log.info("ingest batch of %d rolled back (%r); ingesting one by one", len(batch), exc)
        for job in batch:
            _one_by_one(db, job)
        return
    for job, outcome in zip(batch, outcomes, strict=True):
        job.future.set_result(outcome)


def _one_by_one(db: Database, job: IngestJob) -> None:
    def ingest_all() -> list[Outcome]:
        outcomes: list[Outcome] = []
        for prepared in job.messages:
            try:
                result = ingest_in_own_unit(
                    db, actor=job.actor, inbox=job.inbox, inbound=prepared.inbound
                )
                outcomes.append(result.created_message)
            except ApiError as exc:
                outcomes.append(exc)
        return outcomes

    try:
        job.future.set_result(job.context.run(ingest_all))
    except Exception as exc:  # noqa: BLE001 (handed to the waiting request, which answers 5xx)
        job.future.set_exception(exc)


def _wake(batch: list[IngestJob]) -> None:
    by_loop: dict[asyncio.AbstractEventLoop, list[asyncio.Future[None]]] = {}
    for job in batch:
        if job.waiter is not None:
            by_loop.setdefault(job.waiter.get_loop(), []).append(job.waiter)
    for loop, waiters in by_loop.items():
        with contextlib.suppress(RuntimeError):  # that loop has closed: nobody waits
            loop.call_soon_threadsafe(_release, waiters)


def _release(waiters: list[asyncio.Future[None]]) -> None:
    for waiter in waiters:
        if not waiter.done():
            waiter.set_result(None)


_writers: weakref.WeakKeyDictionary[Database, IngestWriter] = weakref.WeakKeyDictionary()
_writers_lock = threading.Lock()


def ingest_writer(db: Database) -> IngestWriter:
    with _writers_lock:
        writer = _writers.get(db)
        if writer is None:
            writer = _writers[db] = IngestWriter(db)
        return writer
