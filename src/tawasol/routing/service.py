"""The routing service of a process: one engine, one lock, fed by signals, applied by units.

The engine (`RoutingEngine`) is pure and single-threaded; this object owns it. Signals
(new conversations, assignments, releases, presence) arrive from every node's actions
through the bus (`hooks.ROUTING_CHANNEL`, subscribed to on `attach`); `step()` absorbs
them (`engine_sync.py`), ticks the engine, and applies every decision in its own unit of
work through `do_apply_decision`. The lock covers only engine calls, never database work,
so a request holding SQLite's writer lock can still ask the engine for a take-next.

A claim that fails (another process, a manual assignment) is not an error: the engine is
corrected from the database (`resync`) and carries on. Every node runs a service on the
same database and hears the same signals; the guarded claims in `store.py` keep them safe.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from dataclasses import replace
from typing import Any

from tawasol.auth.actor import Actor
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.realtime.bus import EventBus, Subscription
from tawasol.routing.actions import do_apply_decision
from tawasol.routing.break_notice import carry_stretches, forget_notices, notices_for
from tawasol.routing.decision import Decision
from tawasol.routing.engine_sync import EngineSync
from tawasol.routing.hooks import RELOAD, ROUTING_CHANNEL, Signal, signal_from
from tawasol.routing.policy import ClientPolicy
from tawasol.routing.router import Clock, Router, RoutingRefused
from tawasol.routing.store import load_engine
from tawasol.routing.work import WorkItem

log = logging.getLogger(__name__)
# Services attached to a database engine: where the relay's jobs deliver their signals.
_SERVICES: dict[Any, RoutingService] = {}


def service_for(bind: Any) -> RoutingService | None:
    """The service running in this process on the database behind ``bind``, if any."""
    return _SERVICES.get(bind)


class RoutingService(EngineSync):
    def __init__(
        self,
        db: Database,
        *,
        bus: EventBus | None = None,
        clock: Clock = time.time,
        interval_seconds: float = 1.0,
        reload_seconds: float = 300.0,
    ) -> None:
        self.db = db
        self.bus = bus
        self._subscription: Subscription | None = None
        self._dropped = 0  # signals the bus dropped for us, as of the last look
        self.clock = clock
        self.interval_seconds = interval_seconds
        # A full rebuild now and then forgets what other processes did behind our back.
        self.reload_seconds = reload_seconds
        self.actor = Actor.system("routing")
        self.engine: Router | None = None
        self._lock = threading.Lock()
        self._signals: deque[Signal] = deque()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._loaded_at = 0.0
        # Avoid hints (conversation -> advisor an SLA escalation took it from), until the
        # conversation leaves the queue; memory only, so re-applied after a rebuild.
        self._avoid: dict[int, int] = {}

    # -- life cycle ------------------------------------------------------------------------
    def load(self) -> None:
        """(Re)build the engine from the database; signals received before are covered."""
        self._receive()
        self._missed()
        self._signals.clear()
        self._ensure_loads(None)
        with self.db.unit(Scope.system(), write=False) as session:
            engine = load_engine(session, clock=self.clock)
        with self._lock:
            if self.engine is not None:
                carry_stretches(self.engine, engine, now=self.clock())
            self.engine = engine
            for conversation_id, advisor_id in list(self._avoid.items()):
                waiting = engine.waiting.get(conversation_id)
                if waiting is None:
                    del self._avoid[conversation_id]
                else:
                    engine.requeue(replace(waiting.item, avoid_advisor_id=advisor_id))
        self._loaded_at = time.monotonic()

    def attach(self) -> RoutingService:
        """Serve this process's requests and listen to the bus (tests attach without a thread)."""
        _SERVICES[self.db.engine] = self
        if self.bus is not None and self._subscription is None:
            self._subscription = self.bus.subscribe([ROUTING_CHANNEL])
        return self

    def detach(self) -> None:
        if _SERVICES.get(self.db.engine) is self:
            del _SERVICES[self.db.engine]
        self._unsubscribe()

    def _unsubscribe(self) -> None:
        if self._subscription is not None:
            self._subscription.close()
            self._subscription = None

    def start(self) -> None:
        self.attach()  # listening before loading: nothing committed meanwhile is missed
        self.load()
        self._thread = threading.Thread(target=self._loop, name="routing", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if _SERVICES.get(self.db.engine) is self:
            del _SERVICES[self.db.engine]
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._unsubscribe()  # after the thread: it may be waiting on the subscription

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if time.monotonic() - self._loaded_at > self.reload_seconds:
                    self.load()
                self.step()
            except Exception:  # a bad pass must not stop routing
                log.exception("routing pass failed")
            self._wait()

    def _wait(self) -> None:
        """Until a signal arrives or the next tick is due."""
        subscription = self._subscription
        if subscription is None:
            self._wake.wait(self.interval_seconds)
            self._wake.clear()
            return
        try:
            message = subscription.get(self.interval_seconds)
        except Exception:  # the bus dropped: what was missed is only in the database now
            log.exception("routing signals lost; reloading")
            self._loaded_at = -math.inf
            self._stop.wait(self.interval_seconds)
            return
        self._take(message)

    def _take(self, message: dict[str, Any] | None) -> bool:
        signal = signal_from(message) if message is not None else None
        if signal is not None:
            self._signals.append(signal)
        return message is not None

    def _receive(self) -> None:
        """Move what the bus delivered so far into the signal queue (never blocks)."""
        if self._subscription is not None:
            while self._take(self._subscription.get(0)):
                pass

    def _missed(self) -> bool:
        """Whether the bus dropped signals since the last look (the reader fell behind)."""
        dropped = getattr(self._subscription, "dropped", 0)
        missed, self._dropped = dropped > self._dropped, dropped
        return missed

    # -- the steppable part ----------------------------------------------------------------
    def step(self) -> list[Decision]:
        """Absorb the signals, tick, and apply the decisions; returns those applied."""
        pending: deque[Decision] = deque()
        self._receive()
        if self._missed() or any(signal.kind == RELOAD for signal in self._signals):
            self.load()  # rebuilt from the database, which covers every signal so far
        while self._signals:
            pending.extend(self._absorb(self._signals.popleft()))
        with self._lock:
            pending.extend(self._engine.tick())
        applied = []
        while pending:
            decision = pending.popleft()
            if self.apply(decision):
                applied.append(decision)
                self._avoid.pop(decision.conversation_id, None)
            else:
                pending.extend(self.resync(decision))
        return applied

    def apply(self, decision: Decision) -> bool:
        """One decision in its own unit of work; False (rolled back) when the claim failed."""
        with self._lock:
            notices = notices_for(self._engine, decision)
        session = self.db.open(Scope.system())
        applied = False
        try:
            applied = do_apply_decision(
                session, actor=self.actor, decision=decision, notices=notices
            )
            if applied:
                self.db.commit(session)
            else:
                session.rollback()
        except Exception:
            log.exception("applying the decision for conversation %s", decision.conversation_id)
            session.rollback()
            applied = False
        finally:
            self.db.close(session)
        if not applied and notices:
            with self._lock:
                forget_notices(self._engine, notices)
        return applied

    # -- engine calls for requests -------------------------------------------------------
    def policy_for(self, client_id: int) -> ClientPolicy:
        with self._lock:
            return self._engine.policy_for(client_id)

    def take_next(self, advisor_id: int) -> Decision | None:
        with self._lock:
            return self._engine.take_next(advisor_id)

    def override(self, item: WorkItem, *, supervisor_id: int, advisor_id: int) -> Decision:
        with self._lock:
            decision = self._engine.route(item, override_by=supervisor_id, to_advisor=advisor_id)
        if decision is None:
            raise RoutingRefused("not_eligible", "the advisor cannot take this conversation")
        return decision
