"""The process-wide services an app or a worker runs with."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argon2 import PasswordHasher

from tawasol.auth.credentials import make_password_hasher
from tawasol.config import Settings
from tawasol.db.database import Database
from tawasol.realtime.bus import EventBus, make_bus
from tawasol.worker import registry as _job_registry  # noqa: F401  (registers the jobs)
from tawasol.worker.relay import OutboxRelay

if TYPE_CHECKING:
    from tawasol.routing.service import RoutingService


@dataclass
class Runtime:
    settings: Settings
    db: Database
    bus: EventBus
    relay: OutboxRelay
    hasher: PasswordHasher
    stopping: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)
    routing: RoutingService | None = None

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        settings.ensure_data_dir()
        db = Database(settings.resolved_database_url)
        bus = make_bus(settings.redis_url)
        relay = OutboxRelay(db, bus, retry_seconds=settings.outbox_retry_seconds)
        db.after_commit_hooks.append(relay.wake)
        from tawasol.wfm.generation_solver import SOLVER  # the relay's schedule jobs use db

        SOLVER.attach(db)
        return cls(settings, db, bus, relay, make_password_hasher(settings))

    def start_workers(self, *, idle_seconds: float = 1.0) -> None:
        """The background work of a node: routing, the outbox relay, the email inbox watchers,
        the SLA tick, AI enrichment and the retraining of clients' models."""
        from tawasol.channels.email.poller import run_email_poller
        from tawasol.nlp.enrichment.retraining import start_retrainer
        from tawasol.nlp.enrichment.worker import start_enrichment_worker
        from tawasol.presence.idle import run_idle_sweeper
        from tawasol.routing.service import RoutingService
        from tawasol.sla.scheduler import start_sla_scheduler

        # Routing first: it listens to the bus before the relay publishes routing signals.
        self.routing = RoutingService(self.db, bus=self.bus)
        self.routing.start()
        self.relay.start(idle_seconds=idle_seconds)
        poller = threading.Thread(
            target=run_email_poller, args=(self,), kwargs={"stop": self.stopping},
            name="email-poller", daemon=True,
        )  # fmt: skip
        poller.start()
        self.threads.append(poller)
        sweeper = threading.Thread(
            target=run_idle_sweeper, args=(self,), kwargs={"stop": self.stopping},
            name="idle-sweeper", daemon=True,
        )  # fmt: skip
        sweeper.start()
        self.threads.append(sweeper)
        self.threads.append(start_sla_scheduler(self.db, stop=self.stopping))
        self.threads.append(start_enrichment_worker(self.db, stop=self.stopping))
        if (interval := self.settings.retrain_interval_seconds) > 0:
            self.threads.append(
                start_retrainer(self.db, stop=self.stopping, interval_seconds=interval)
            )

    def stop_workers(self) -> None:
        self.stopping.set()
        self.relay.stop()
        if self.routing is not None:
            self.routing.stop()
            self.routing = None
        for thread in self.threads:
            thread.join(timeout=5)
        self.threads.clear()

    def close(self) -> None:
        self.stop_workers()
        self.bus.close()
        self.db.dispose()
