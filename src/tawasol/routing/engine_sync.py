"""Keeping a routing service's engine in step with the database.

`EngineSync` is the part of `service.RoutingService` that turns each signal (a conversation
opened, assigned or released, an advisor's presence or skills, a team's members) into engine
calls, after reading what the database holds now, and that corrects the engine when the
database refuses a decision's claim (`resync`). Database reads happen outside the lock; only
the engine calls hold it.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.models.conversation import Conversation
from tawasol.models.vocabulary import ConversationStatus
from tawasol.routing.decision import Decision
from tawasol.routing.feed import held_by, item_for, presence_of, profile_of, routed_item
from tawasol.routing.groups import load_groups, team_group
from tawasol.routing.hooks import TEAM, Signal
from tawasol.routing.presence import BreakKind, Presence
from tawasol.routing.router import Router
from tawasol.routing.store import advisor_profiles, ensure_loads
from tawasol.routing.work import WorkItem

if TYPE_CHECKING:
    from tawasol.routing.policy import ClientPolicy


class EngineSync:
    """The engine side of `RoutingService`, which owns the state declared here."""

    db: Database
    engine: Router | None
    _lock: threading.Lock
    # Avoid hints: conversation -> advisor an SLA escalation took it from.
    _avoid: dict[int, int]

    if TYPE_CHECKING:

        def policy_for(self, client_id: int) -> ClientPolicy: ...

    @property
    def _engine(self) -> Router:
        if self.engine is None:
            raise RuntimeError("the routing service is not loaded")
        return self.engine

    def _ensure_loads(self, advisor_id: int | None) -> None:
        """Create missing load rows (all advisors, or one); a racing node may insert first."""
        for attempt in range(3):
            try:
                only = None if advisor_id is None else [advisor_id]
                with self.db.unit(Scope.system()) as session:
                    for profile in advisor_profiles(session, advisor_ids=only):
                        ensure_loads(session, profile)
                return
            except IntegrityError:
                if attempt == 2:
                    raise

    # -- signals ---------------------------------------------------------------------------
    def _absorb(self, signal: Signal) -> list[Decision]:
        if signal.kind == "presence":
            assert signal.advisor_id is not None
            return self._presence(signal.advisor_id)
        if signal.kind == TEAM:
            return self._team(signal.advisor_id)
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
        return self._released(conversation_id, signal.advisor_id, avoid=signal.avoid)

    def _released(
        self, conversation_id: int, advisor_id: int | None, *, avoid: bool = False
    ) -> list[Decision]:
        """The advisor is free of it; a conversation still open goes back to the queue
        (to someone else than that advisor if possible, with ``avoid``)."""
        if avoid and advisor_id is not None:
            self._avoid[conversation_id] = advisor_id
        with self.db.unit(Scope.system(), write=False) as session:
            item = self._waiting_item(session, conversation_id)
        with self._lock:
            engine = self._engine
            held = engine.assignments.get(conversation_id)
            decisions: list[Decision] = []
            if held is not None and held.advisor_id == advisor_id:
                decisions = engine.release(held.advisor_id, conversation_id)
            else:
                engine.withdraw(conversation_id)
            if item is not None and conversation_id not in engine.assignments:
                routed = engine.route(item)
                if routed is not None:
                    decisions.append(routed)
            return decisions

    def _assigned(self, conversation_id: int, advisor_id: int) -> list[Decision]:
        """An assignment made outside routing: the engine stops offering the conversation."""
        self._avoid.pop(conversation_id, None)
        with self.db.unit(Scope.system(), write=False) as session:
            conversation = session.get(Conversation, conversation_id)
            item = routed_item(session, conversation) if conversation is not None else None
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
        """The conversation as a work item if it waits (with its avoid hint, if any)."""
        conversation = session.get(Conversation, conversation_id)
        if (
            conversation is None
            or conversation.assignee_id is not None
            or conversation.status != ConversationStatus.OPEN.value
        ):
            self._avoid.pop(conversation_id, None)  # it left the queue: the hint goes too
            return None
        item = item_for(session, conversation=conversation, policy_for=self.policy_for)
        avoid = self._avoid.get(conversation_id)
        return item if avoid is None else replace(item, avoid_advisor_id=avoid)

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

    def _team(self, team_id: int | None) -> list[Decision]:
        """Work was sent to a team: its group's policy and members, as the database says."""
        if team_id is None:
            return []
        with self.db.unit(Scope.system(), write=False) as session:
            groups = load_groups(session)
            found = groups.teams.get(team_id)
            if found is None:
                return []
            client_id, members = found
            profiles = advisor_profiles(session, groups=groups, advisor_ids=sorted(members))
        group = team_group(team_id)
        with self._lock:
            engine = self._engine
            policy = groups.policies.get(group, engine.policy_for(client_id))
            if engine.policy_for(group) != policy:
                engine.set_policy(group, policy)
            for profile in profiles:
                known = engine.advisors.get(profile.advisor_id)
                if known is not None and known.profile != profile:
                    engine.update_profile(profile)
        return []  # the conversation's own signal routes it, now that the team is known

    # -- correcting the engine -------------------------------------------------------------
    def resync(self, decision: Decision) -> list[Decision]:
        """Undo a decision the database refused and learn what the database holds instead."""
        conversation_id, advisor_id = decision.conversation_id, decision.advisor_id
        with self.db.unit(Scope.system(), write=False) as session:
            restores = [
                (advisor_id, routed_item(session, c))
                for c in held_by(session, advisor_id=advisor_id)
                if c.id != conversation_id
            ]
            conversation = session.get(Conversation, conversation_id)
            owner = conversation.assignee_id if conversation is not None else None
            waiting = self._waiting_item(session, conversation_id)
            item = routed_item(session, conversation) if conversation is not None else None
        with self._lock:
            engine = self._engine
            for holder, held in restores:
                if held.conversation_id not in engine.assignments:
                    engine.restore_assignment(holder, held)
            more: list[Decision] = []
            current = engine.assignments.get(conversation_id)
            if current is not None and current.advisor_id == advisor_id:
                more = engine.release(advisor_id, conversation_id)
            if decision.break_reminder and advisor_id in engine.advisors:
                engine.advisors[advisor_id].reminded_at = None  # not delivered: still due
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
