"""The SLA tick of each node: report the warnings and breaches whose instant has passed.

Every node runs one (`Runtime.start_workers`). A pass reads only the rows whose
``next_check_at`` has passed, through its index, in small batches. On PostgreSQL the rows
are locked with ``FOR UPDATE SKIP LOCKED``: two nodes ticking together split the work
instead of both reporting it, and a row a request is changing is left to that request
(which reports what it crosses itself). On SQLite a write unit holds the database's only
writer lock, which serialises the ticks. The row's version column backs both up: a stale
write fails rather than reporting twice.

Lock order: when a batch may escalate, the audit chain's head is locked before any row
(`_lock_order`), the order requests take. After it the tick never waits for a row: the
conversations, and the advisor loads a release to the queue updates, are skip-locked.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from tawasol.audit.chain import lock_audit_head
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.models.conversation import Conversation
from tawasol.models.routing import AdvisorLoad
from tawasol.models.sla import ConversationSla as SlaRow
from tawasol.sla.alerts import raise_alerts
from tawasol.sla.clock import check
from tawasol.sla.settings import SlaSettings, load_settings
from tawasol.sla.state import restore, store, untrack

log = logging.getLogger(__name__)
TICK_SECONDS = 15.0
BATCH = 100
# A pass stops after this many full batches and lets the next tick carry on.
MAX_BATCHES = 50


def _due(now: datetime, limit: int) -> Select[tuple[SlaRow]]:
    return (
        select(SlaRow)
        .where(SlaRow.next_check_at <= now)
        .order_by(SlaRow.next_check_at)
        .limit(limit)
    )


def _lock_order(
    session: Session, *, now: datetime, limit: int, settings: dict[int, SlaSettings | None]
) -> bool:
    """Take the audit chain's head first when this batch may escalate; True if taken.

    An escalation appends to the audit chain. Requests lock the chain's head before the
    conversation they change, so the tick must too, before its first row lock: the other
    order deadlocks with such a request. The batch is read once without locks to decide.
    """
    client_ids = set(session.scalars(_due(now, limit).with_only_columns(SlaRow.client_id)))
    for client_id in client_ids:
        settings[client_id] = load_settings(session, client_id=client_id)
    if not any(found is not None and found.escalates for found in settings.values()):
        return False
    lock_audit_head(session)
    return True


def _load_busy(session: Session, conversation: Conversation) -> bool:
    """Whether a request holds the load row a release would update.

    Requests change an advisor's load before they append to the audit chain; this tick
    holds the chain's head already, so it must not wait for that row: it locks it now,
    skipping it (and the conversation) when busy. No row, nothing to wait for.
    """
    if conversation.assignee_id is None:
        return False
    where = (
        AdvisorLoad.user_id == conversation.assignee_id,
        AdvisorLoad.channel == conversation.channel,
    )
    if session.scalar(select(AdvisorLoad.id).where(*where).with_for_update(skip_locked=True)):
        return False
    return session.scalar(select(AdvisorLoad.id).where(*where)) is not None


def tick(session: Session, *, now: datetime, limit: int = BATCH) -> int:
    """Check one batch of due rows; returns how many were checked (busy ones are not)."""
    settings: dict[int, SlaSettings | None] = {}
    head_locked = _lock_order(session, now=now, limit=limit, settings=settings)
    rows = session.scalars(_due(now, limit).with_for_update(skip_locked=True)).all()
    if not rows:
        return 0
    ids = [row.conversation_id for row in rows]
    # A conversation a request is changing is skipped, not waited for: the request may be
    # about to lock its SLA row, which this tick holds. (Rows cascade with conversations,
    # so a missing one is a locked one.)
    conversations = {
        c.id: c
        for c in session.scalars(
            select(Conversation).where(Conversation.id.in_(ids)).with_for_update(skip_locked=True)
        )
    }
    checked = 0
    for row in rows:
        conversation = conversations.get(row.conversation_id)
        if conversation is None:
            continue  # busy: a later tick takes it
        if row.client_id not in settings:
            settings[row.client_id] = load_settings(session, client_id=row.client_id)
        found = settings[row.client_id]
        if found is not None and found.escalates and not head_locked:
            continue  # fell due after the first read: the next tick locks in order
        if found is not None and found.reassigns and _load_busy(session, conversation):
            continue  # a request is changing the advisor's load: a later tick takes it
        checked += 1
        if found is None:
            untrack(row, conversation)
            continue
        sla, events = check(restore(row, found), now)
        sla = raise_alerts(
            session, conversation=conversation, sla=sla, settings=found, events=events, at=now
        )
        store(row, sla, conversation)
    return checked


def run_tick(db: Database, *, now: datetime | None = None, limit: int = BATCH) -> int:
    """One pass over everything due, a batch per transaction; returns the rows checked."""
    checked = 0
    for _ in range(MAX_BATCHES):
        with db.unit(Scope.system()) as session:
            done = tick(session, now=now or utcnow(), limit=limit)
        checked += done
        if done < limit:
            break
    return checked


def run_sla_scheduler(
    db: Database, *, stop: threading.Event, interval: float = TICK_SECONDS
) -> None:
    while not stop.is_set():
        try:
            run_tick(db)
        except Exception:  # a bad pass must not stop the scheduler
            log.exception("SLA tick failed")
        stop.wait(interval)


def start_sla_scheduler(db: Database, *, stop: threading.Event) -> threading.Thread:
    thread = threading.Thread(
        target=run_sla_scheduler, args=(db,), kwargs={"stop": stop}, name="sla-scheduler",
        daemon=True,
    )  # fmt: skip
    thread.start()
    return thread
