"""Inboxes by webhook key, cached: every provider call names its inbox by public key.

An entry lives `TTL_SECONDS` at most. Any ORM change to an inbox committed in this process
(settings, secrets, deactivation) empties the cache at once; a change made by another process
is seen within the TTL. A generation counter keeps a load that raced with a change from
storing the old row.
"""

from __future__ import annotations

import threading
import time
from itertools import chain
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.models.inbox import Inbox

TTL_SECONDS = 5.0

_entries: dict[tuple[str, str, str], tuple[float, Inbox | None]] = {}
_generation = 0
_lock = threading.Lock()
_CHANGED = "inbox_cache_changed"


def forget_inboxes() -> None:
    global _generation
    with _lock:
        _generation += 1
        _entries.clear()


def cached_inbox(db: Database, channel: str, public_key: str) -> tuple[bool, Inbox | None]:
    """(True, the inbox or None) when the cache knows the answer, (False, None) otherwise."""
    cached = _entries.get((db.url, channel, public_key))
    if cached is not None and cached[0] > time.monotonic():
        return True, cached[1]
    return False, None


def webhook_inbox(db: Database, channel: str, public_key: str) -> Inbox | None:
    """The inbox answering to this key on this channel (active or not), or None."""
    found, inbox = cached_inbox(db, channel, public_key)
    if found:
        return inbox
    generation = _generation
    now = time.monotonic()
    with db.unit(Scope.system(), write=False) as session:
        inbox = session.scalars(
            select(Inbox).where(Inbox.public_key == public_key, Inbox.channel == channel)
        ).first()
        if inbox is not None:
            session.expunge(inbox)  # a detached, fully loaded copy shared by requests
    with _lock:
        if generation == _generation:
            _entries[(db.url, channel, public_key)] = (now + TTL_SECONDS, inbox)
    return inbox


def _note_inbox_changes(session: Session, _context: Any) -> None:
    if any(isinstance(o, Inbox) for o in chain(session.new, session.dirty, session.deleted)):
        session.info[_CHANGED] = True


def _forget_after_commit(session: Session) -> None:
    if session.info.pop(_CHANGED, False):
        forget_inboxes()


event.listen(Session, "after_flush", _note_inbox_changes)
event.listen(Session, "after_commit", _forget_after_commit)
