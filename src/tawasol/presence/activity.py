"""Signs of life: authenticated requests and an open live feed keep an advisor present.

Each one would be a write, so a node remembers when it last wrote an advisor's
``last_seen_at`` and writes again only after `THROTTLE_SECONDS`: at most one small UPDATE
per advisor per minute and node, and nothing at all for other roles. The idle sweep
(`idle.py`) allows far more than the throttle, so a skipped write never times anyone out.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update

from tawasol.auth.actor import Actor
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.models.presence import AdvisorPresence
from tawasol.models.vocabulary import Role

log = logging.getLogger(__name__)
THROTTLE_SECONDS = 60.0
_lock = threading.Lock()
# (database engine, advisor id) -> when this node last wrote their last_seen_at.
_written: dict[tuple[Any, int], datetime] = {}


def activity_due(db: Database, actor: Actor) -> bool:
    """Whether this actor's activity should be written now (cheap: no database access)."""
    if actor.role is not Role.ADVISOR or actor.user_id is None:
        return False
    last = _written.get((db.engine, actor.user_id))
    return last is None or utcnow() - last >= timedelta(seconds=THROTTLE_SECONDS)


def note_activity(db: Database, actor: Actor) -> None:
    """Record that an advisor is around, unless this node did so less than a minute ago."""
    if not activity_due(db, actor):
        return
    assert actor.user_id is not None
    now = utcnow()
    with _lock:
        key = (db.engine, actor.user_id)
        last = _written.get(key)
        if last is not None and now - last < timedelta(seconds=THROTTLE_SECONDS):
            return  # another thread of this node wrote it meanwhile
        _written[key] = now
    try:
        with db.unit(Scope.system()) as session:
            session.execute(
                update(AdvisorPresence)
                .where(AdvisorPresence.user_id == actor.user_id)
                .values(last_seen_at=now)
                .execution_options(synchronize_session=False)
            )
    except Exception:  # a busy database must not fail the request: try again next time
        log.warning("could not record activity of user %s", actor.user_id, exc_info=True)
        with _lock:
            _written.pop(key, None)


class Heartbeat:
    """An open live feed's sign of life: a cheap check on each pass, a write when due."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor

    @classmethod
    def of(cls, db: Database, actor: Actor) -> Heartbeat | None:
        return cls(db, actor) if actor.role is Role.ADVISOR and actor.user_id else None

    def due(self) -> bool:
        return activity_due(self.db, self.actor)

    def beat(self) -> None:
        note_activity(self.db, self.actor)


def forget_activity() -> None:
    """Drop the throttle memory (tests moving the clock)."""
    with _lock:
        _written.clear()
