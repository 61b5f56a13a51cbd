"""The process-wide services an app or a worker runs with."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher

from tawasol.auth.credentials import make_password_hasher
from tawasol.config import Settings
from tawasol.db.database import Database
from tawasol.realtime.bus import EventBus, make_bus
from tawasol.worker import registry as _job_registry  # noqa: F401  (registers the jobs)
from tawasol.worker.relay import OutboxRelay


@dataclass
class Runtime:
    settings: Settings
    db: Database
    bus: EventBus
    relay: OutboxRelay
    hasher: PasswordHasher

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        settings.ensure_data_dir()
        db = Database(settings.resolved_database_url)
        bus = make_bus(settings.redis_url)
        relay = OutboxRelay(db, bus, retry_seconds=settings.outbox_retry_seconds)
        db.after_commit_hooks.append(relay.wake)
        return cls(settings, db, bus, relay, make_password_hasher(settings))

    def close(self) -> None:
        self.relay.stop()
        self.bus.close()
        self.db.dispose()
