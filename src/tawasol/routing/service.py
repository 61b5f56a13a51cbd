"""The routing service of a process: one engine, one lock, fed by signals, applied by units.

The engine (`RoutingEngine`) is pure and single-threaded; this object owns it. Signals
(new conversations, releases, presence) arrive from the outbox relay's jobs (`hooks.py`)
and requests; `step()` absorbs them, ticks the engine, and applies every decision in its own
unit of work through `do_apply_decision`. The lock covers only engine calls, never database
work, so a request holding SQLite's writer lock can still ask the engine for a take-next.

A claim that fails (another process, a manual assignment) is not an error: the engine is
corrected from the database (`_resync`) and carries on. Several processes may run a
service on the same database; the guarded claims in `store.py` keep them safe.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.models.conversation import Conversation
from tawasol.models.vocabulary import ConversationStatus
from tawasol.routing.actions import do_apply_decision
from tawasol.routing.decision import Decision
from tawasol.routing.feed import held_by, item_for, presence_of, profile_of
from tawasol.routing.hooks import Signal
from tawasol.routing.policy import ClientPolicy
from tawasol.routing.presence import BreakKind, Presence
from tawasol.routing.router import Clock, Router, RoutingRefused
from tawasol.routing.store import (
    advisor_profiles,
    ensure_loads,
    load_engine,
    work_item,
)
from tawasol.routing.work import WorkItem

log = logging.getLogger(__name__)
# Services attached to a database engine: where the relay's jobs deliver their signals.
_SERVICES: dict[Any, RoutingService] = {}


def service_for(bind: Any) -> RoutingService | None:
    """The service running in this process on the database behind ``bind``, if any."""
    return _SERVICES.get(bind)


class RoutingService:
    def __init__(
        self,
        db: Database,
        *,
        clock: Clock = time.time,
        interval_seconds: float = 1.0,
        reload_seconds: float = 300.0,
    ) -> None:
        self.db = db
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

    # -- life cycle ------------------------------------------------------------------------
    def load(self) -> None:
        """(Re)build the engine from the database; signals received before are covered."""
        self._signals.clear()
        self._ensure_loads(None)
        with self.db.unit(Scope.system(), write=False) as session:
            engine = load_engine(session, clock=self.clock)
        with self._lock:
            self.engine = engine
        self._loaded_at = time.monotonic()

    def _ensure_loads(self, advisor_id: int | None) -> None:
        """Create missing load rows (all advisors, or one); a racing node may insert first."""
        for attempt in range(3):
            try:
                with self.db.unit(Scope.system()) as session:
                    for profile in advisor_profiles(session):
                        if advisor_id is None or profile.advisor_id == advisor_id:
                            ensure_loads(session, profile)
                return
            except IntegrityError:
                if attempt == 2:
                    raise

    def attach(self) -> RoutingService:
        """Receive the signals of this process's relay (tests attach without a thread)."""
        _SERVICES[self.db.engine] = self
        return self

    def detach(self) -> None:
        if _SERVICES.get(self.db.engine) is self:
            del _SERVICES[self.db.engine]

    def start(self) -> None:
        self.load()
        self.attach()
        self._thread = threading.Thread(target=self._loop, name="routing", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.detach()
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if time.monotonic() - self._loaded_at > self.reload_seconds:
                    self.load()
                self.step()
            except Exception:  # a bad pass must not stop routing
                log.exception("routing pass failed")
            self._wake.wait(self.interval_seconds)
            self._wake.clear()

    def submit(self, signal: Signal) -> None:
        self._signals.append(signal)
        self._wake.set()

    # -- the steppable part ----------------------------------------------------------------
    def step(self) -> list[Decision]:
        """Absorb the signals, tick, and apply the decisions; returns those applied."""
        pending: deque[Decision] = deque()
        while self._signals:
            pending.extend(self._absorb(self._signals.popleft()))
        with self._lock:
            pending.extend(self._engine.tick())
        applied = []
        while pending:
            decision = pending.popleft()
            if self.apply(decision):
                applied.append(decision)
            else:
                pending.extend(self.resync(decision))
        return applied

    @property
    def _engine(self) -> Router:
        if self.engine is None:
            raise RuntimeError("the routing service is not loaded")
        return self.engine

    def apply(self, decision: Decision) -> bool:
        """One decision in its own unit of work; False (rolled back) when the claim failed."""
        session = self.db.open(Scope.system())
        try:
            if not do_apply_decision(session, actor=self.actor, decision=decision):
                session.rollback()
                return False
            self.db.commit(session)
            return True
        except Exception:
            log.exception("applying the decision for conversation %s", decision.conversation_id)
            session.rollback()
            return False
        finally:
            self.db.close(session)

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

    # -- signals ---------------------------------------------------------------------------
    def _absorb(self, signal: Signal) -> list[Decision]:
        if signal.kind == "presence":
            assert signal.advisor_id is not None
            return self._presence(signal.advisor_id)
        conversation_id = signal.conversation_id
        assert conversation_id is not None
        if signal.kind == "opened":
            with self.db.unit(Scope.system(), write=False) as session:
                item = self._waiting_item(session, conversation_id)
            with self._lock:
                engine = self._engine
                if item is None or conversation_id in engine.assignments:
                    return []
                decision = engine.route(item)
            return [decision] if decision else []
        if signal.kind == "assigned":
            assert signal.advisor_id is not None
            return self._assigned(conversation_id, signal.advisor_id)
        with self._lock:
            engine = self._engine
            held = engine.assignments.get(conversation_id)
            if held is not None and held.advisor_id == signal.advisor_id:
                return engine.release(held.advisor_id, conversation_id)
            engine.withdraw(conversation_id)
            return []

    def _assigned(self, conversation_id: int, advisor_id: int) -> list[Decision]:
        """An assignment made outside routing: the engine stops offering the conversation."""
        with self.db.unit(Scope.system(), write=False) as session:
            conversation = session.get(Conversation, conversation_id)
            item = work_item(conversation) if conversation is not None else None
        with self._lock:
            engine = self._engine
            engine.withdraw(conversation_id)
            held = engine.assignments.get(conversation_id)
            if item is None or (held is not None and held.advisor_id == advisor_id):
                return []
            decisions: list[Decision] = []
            if held is not None:
                decisions = engine.release(held.advisor_id, conversation_id)
            if advisor_id in engine.advisors:
                engine.restore_assignment(advisor_id, item)
            return decisions

    def _waiting_item(self, session: Session, conversation_id: int) -> WorkItem | None:
        conversation = session.get(Conversation, conversation_id)
        if (
            conversation is None
            or conversation.assignee_id is not None
            or conversation.status != ConversationStatus.OPEN.value
        ):
            return None
        policy = self._engine.policy_for(conversation.client_id)
        return item_for(session, conversation=conversation, policy=policy)

    def _presence(self, advisor_id: int) -> list[Decision]:
        """Refresh the advisor's skills and presence from the database, then re-offer work."""
        self._ensure_loads(advisor_id)
        with self.db.unit(Scope.system(), write=False) as session:
            profile = profile_of(session, advisor_id=advisor_id)
            state = presence_of(session, advisor_id=advisor_id)
            break_kind = _break_kind(session, advisor_id)
        presence = Presence(state) if state else Presence.OFFLINE
        with self._lock:
            engine = self._engine
            known = advisor_id in engine.advisors
            if profile is None:
                if known and not engine.advisors[advisor_id].total_load:
                    engine.remove_advisor(advisor_id)
                return []
            if not known:
                engine.add_advisor(profile)
            elif engine.advisors[advisor_id].profile != profile:
                engine.update_profile(profile)
            return engine.set_presence(advisor_id, presence, break_kind=break_kind)

    # -- correcting the engine -------------------------------------------------------------
    def resync(self, decision: Decision) -> list[Decision]:
        """Undo a decision the database refused and learn what the database holds instead."""
        conversation_id, advisor_id = decision.conversation_id, decision.advisor_id
        with self.db.unit(Scope.system(), write=False) as session:
            restores = [
                (advisor_id, work_item(c))
                for c in held_by(session, advisor_id=advisor_id)
                if c.id != conversation_id
            ]
            conversation = session.get(Conversation, conversation_id)
            owner = conversation.assignee_id if conversation is not None else None
            waiting = self._waiting_item(session, conversation_id)
            item = work_item(conversation) if conversation is not None else None
        with self._lock:
            engine = self._engine
            for holder, held in restores:
                if held.conversation_id not in engine.assignments:
                    engine.restore_assignment(holder, held)
            more: list[Decision] = []
            current = engine.assignments.get(conversation_id)
            if current is not None and current.advisor_id == advisor_id:
                more = engine.release(advisor_id, conversation_id)
            if owner is not None and item is not None and owner in engine.advisors:
                if conversation_id not in engine.assignments:
                    engine.restore_assignment(owner, item)
            elif waiting is not None and conversation_id not in engine.assignments:
                engine.requeue(waiting)
            return more


def _break_kind(session: Session, advisor_id: int) -> BreakKind | None:
    from tawasol.models.presence import AdvisorPresence

    row = session.get(AdvisorPresence, advisor_id)
    return BreakKind(row.break_kind) if row is not None and row.break_kind else None
