"""Automatic offline: advisors who showed no sign of life for too long, and logouts.

An advisor is idle when neither their last presence change (``since``) nor their last sign
of life (``last_seen_at``, see `activity.py`) is more recent than the idle timeout. The
timeout is a client setting (``idle_timeout_seconds`` in its routing policy, 15 minutes by
default, ``None`` to switch it off); an advisor serving several clients gets the shortest,
so no client's conversations wait longer than it asked on someone who left. Every node's
workers sweep (`run_idle_sweeper`); candidate rows are locked with SKIP LOCKED, so two nodes
never set the same advisor offline twice. Going offline re-queues the advisor's open
conversations (`routing.requeue`).
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawasol.audit.chain import lock_audit_head
from tawasol.auth.actor import Actor
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.models.credentials import UserSession
from tawasol.models.presence import AdvisorPresence
from tawasol.models.routing import RoutingSettings
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import Role
from tawasol.routing.actions import do_set_presence
from tawasol.routing.policy import ClientPolicy
from tawasol.routing.presence import Presence
from tawasol.routing.settings import client_policy_from

if TYPE_CHECKING:
    from tawasol.runtime import Runtime

log = logging.getLogger(__name__)
SWEEP_SECONDS = 30.0
IDLE_TIMEOUT = "idle_timeout"
LOGOUT = "logout"


def idle_timeouts(session: Session) -> dict[int, float]:
    """Each advisor's idle timeout in seconds (advisors whose clients all disabled it: none)."""
    default = ClientPolicy().idle_timeout_seconds
    by_client = {
        row.client_id: client_policy_from(row.policy or {}).idle_timeout_seconds
        for row in session.scalars(select(RoutingSettings))
    }
    timeouts: dict[int, list[float]] = defaultdict(list)
    for user_id, client_id in session.execute(
        select(UserClient.user_id, UserClient.client_id).where(UserClient.certified.is_(True))
    ):
        timeout = by_client.get(client_id, default)
        if timeout is not None:
            timeouts[user_id].append(timeout)
    return {user_id: min(values) for user_id, values in timeouts.items()}


def is_idle(row: AdvisorPresence, timeout: float, now: datetime) -> bool:
    seen = max(row.since, row.last_seen_at) if row.last_seen_at else row.since
    return now - seen >= timedelta(seconds=timeout)


def _idle(row: AdvisorPresence, timeouts: dict[int, float], now: datetime) -> bool:
    timeout = timeouts.get(row.user_id)
    return timeout is not None and is_idle(row, timeout, now)


def do_sweep_idle(session: Session, *, actor: Actor) -> list[int]:
    """Set every idle advisor offline (reason ``idle_timeout``); returns their ids.

    Lock order (a background writer): the rows are read once without locks; only when
    someone is idle is the audit chain's head taken, then the rows, skip-locked (a request
    changing one is left alone: the next sweep sees it again). Requests that audit and then
    touch a presence row (logout, activity) can never wait crosswise with the sweep.
    """
    now = utcnow()
    timeouts = idle_timeouts(session)
    query = select(AdvisorPresence).where(AdvisorPresence.state != Presence.OFFLINE.value)
    if not any(
        _idle(row, timeouts, now)
        for row in session.scalars(query.execution_options(populate_existing=True))
    ):
        return []
    lock_audit_head(session)
    swept = []
    locked = query.with_for_update(skip_locked=True).execution_options(populate_existing=True)
    for row in session.scalars(locked.order_by(AdvisorPresence.user_id)).all():
        if not _idle(row, timeouts, now):
            continue
        advisor = session.get(User, row.user_id)
        if advisor is None:
            continue
        do_set_presence(
            session, actor=actor, advisor=advisor, presence=Presence.OFFLINE, reason=IDLE_TIMEOUT
        )
        swept.append(row.user_id)
    return swept


def sweep_idle(db: Database) -> list[int]:
    with db.unit(Scope.system()) as session:
        return do_sweep_idle(session, actor=Actor.system("presence"))


def run_idle_sweeper(
    runtime: Runtime, *, stop: threading.Event, interval: float = SWEEP_SECONDS
) -> None:
    """A node worker: sweep now and then until ``stop`` is set."""
    while not stop.wait(interval):
        try:
            sweep_idle(runtime.db)
        except Exception:  # a failed sweep must not end the worker
            log.exception("idle presence sweep failed")


def do_logout_presence(session: Session, *, actor: Actor) -> None:
    """An advisor logging out of their last session goes offline (reason ``logout``)."""
    if actor.role is not Role.ADVISOR or actor.user_id is None:
        return
    others = session.scalar(
        select(func.count()).where(
            UserSession.user_id == actor.user_id,
            UserSession.id != (actor.session_id or 0),
            UserSession.expires_at > utcnow(),
        )
    )
    advisor = session.get(User, actor.user_id)
    if others or advisor is None:
        return  # still signed in elsewhere: they have not left
    do_set_presence(session, actor=actor, advisor=advisor, presence=Presence.OFFLINE, reason=LOGOUT)
