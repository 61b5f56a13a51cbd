"""The outbox relay: publishes committed events to the bus and runs committed jobs.

Rows are claimed with SKIP LOCKED on PostgreSQL so several workers share the load without
publishing a row twice; a failing job is retried with exponential backoff up to MAX_ATTEMPTS,
then left with its error for an operator to see.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.models.outbox import OutboxEvent
from tawasol.realtime.bus import EventBus
from tawasol.worker.jobs import JOB_HANDLERS

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
MAX_BACKOFF_SECONDS = 900.0


class OutboxRelay:
    def __init__(
        self, db: Database, bus: EventBus, *, batch: int = 200, retry_seconds: float = 5.0
    ) -> None:
        self.db = db
        self.bus = bus
        self.batch = batch
        self.retry_seconds = retry_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        self._wake.set()

    def run_once(self) -> int:
        """Relay one batch; returns how many rows were handled."""
        with self.db.unit(Scope.system()) as session:
            query = (
                select(OutboxEvent)
                .where(
                    OutboxEvent.published_at.is_(None),
                    OutboxEvent.attempts < MAX_ATTEMPTS,
                    or_(
                        OutboxEvent.next_attempt_at.is_(None),
                        OutboxEvent.next_attempt_at <= utcnow(),
                    ),
                )
                .order_by(OutboxEvent.id)
                .limit(self.batch)
            )
            if not self.db.is_sqlite:
                query = query.with_for_update(skip_locked=True)
            rows = session.scalars(query).all()
            for row in rows:
                self._deliver(session, row)
            return len(rows)

    def _deliver(self, session: Session, row: OutboxEvent) -> None:
        try:
            if row.kind == "event":
                message = {"id": row.id, "type": row.type, "payload": row.payload}
                for channel in row.recipients:
                    self.bus.publish(channel, message)
            else:
                # A savepoint per job: a failing job rolls back alone, the batch goes on.
                with session.begin_nested():
                    JOB_HANDLERS[row.type](session, row.payload)
            row.published_at = utcnow()
        except Exception as exc:  # a bad job must not stop the relay
            log.exception("outbox row %s (%s) failed", row.id, row.type)
            row.attempts += 1
            row.last_error = f"{type(exc).__name__}: {exc}"[:500]
            delay = min(self.retry_seconds * 2 ** (row.attempts - 1), MAX_BACKOFF_SECONDS)
            row.next_attempt_at = utcnow() + timedelta(seconds=delay)

    def drain(self) -> int:
        total = 0
        while handled := self.run_once():
            total += handled
        return total

    def _loop(self, idle_seconds: float) -> None:
        while not self._stop.is_set():
            try:
                handled = self.run_once()
            except Exception:
                log.exception("outbox relay pass failed")
                handled = 0
            if not handled:
                self._wake.wait(idle_seconds)
                self._wake.clear()

    def start(self, idle_seconds: float = 1.0) -> None:
        self._thread = threading.Thread(
            target=self._loop, args=(idle_seconds,), name="outbox-relay", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout=5)
