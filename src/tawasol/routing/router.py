"""What every router does, whatever its indexes: the routing semantics in one place.

`Router` adds to the state kept by `roster.Roster` the public decision API (route,
take_next, release, set_presence, tick). Subclasses only answer the search
questions: the best advisor for an item, the best waiting item for an advisor, the waiting
items to retry. `RoutingEngine` answers them from indexes, `ScanRouter` by scanning, and the
tests hold both to the same decisions.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from tawasol.routing import rules
from tawasol.routing.advisor import Advisor, Tier
from tawasol.routing.decision import AVOIDED_NOTE, Candidate, Decision, Rule, SkipReason
from tawasol.routing.override import (
    RoutingRefused,
    best_ignoring_guardrails,
    explain_item,
    named_advisor,
)
from tawasol.routing.policy import ClientPolicy, Mode, Selection
from tawasol.routing.presence import BreakKind, Presence
from tawasol.routing.roster import Assignment, Clock, Roster, SkillKey, Waiting
from tawasol.routing.work import WorkItem

__all__ = ["Assignment", "Clock", "Router", "RoutingRefused", "SkillKey", "Waiting"]


class Router(Roster, ABC):
    @abstractmethod
    def _select(
        self, item: WorkItem, policy: ClientPolicy, now: float, overflowed: bool
    ) -> tuple[Advisor | None, Tier | None, list[Candidate]]:
        """Best advisor passing every rule for a pushed item, and those skipped above it."""

    @abstractmethod
    def _best_waiting_for(
        self, advisor: Advisor, now: float, *, pull: bool
    ) -> tuple[Waiting, Tier] | None:
        """The most urgent waiting item this advisor may receive (push) or take (pull)."""

    @abstractmethod
    def _dispatch(self, now: float) -> list[Decision]:
        """Route waiting items of push clients, most urgent routable first, until none fits."""

    # -- decisions ------------------------------------------------------------------------
    def route(
        self, item: WorkItem, *, override_by: int | None = None, to_advisor: int | None = None
    ) -> Decision | None:
        """Push: assign the item now if an advisor fits, else queue it and return None.

        With ``override_by`` (a supervisor) the well-being guardrails are bypassed, not the
        skills, certification, presence or capacity; ``to_advisor`` names the advisor.
        """
        now = self._now()
        if item.conversation_id in self.assignments:
            raise RoutingRefused("already_assigned", "the conversation already has an advisor")
        if to_advisor is not None and override_by is None:
            raise RoutingRefused("override_required", "choosing the advisor is an override")
        self._advance(now)
        policy = self.policy_for(item.client_id)
        if override_by is not None:
            decision = self._route_override(item, policy, now, override_by, to_advisor)
        elif policy.mode is Mode.PUSH:
            self._drop_waiting(item.conversation_id)
            decision = self._route_now(item, policy, now)
        else:
            decision = None
        if decision is None:
            self._queue(item, now)
        return decision

    def take_next(self, advisor_id: int) -> Decision | None:
        """Pull: the advisor takes the most urgent waiting item they may serve."""
        now = self._now()
        self._advance(now)
        advisor = self._advisor(advisor_id)
        found = self._best_waiting_for(advisor, now, pull=True)
        if found is None:
            return None
        waiting, tier = found
        return self._commit(advisor, waiting.item, tier, Rule.TAKE_NEXT, now, [])

    def release(self, advisor_id: int, conversation_id: int) -> list[Decision]:
        """The advisor is done with a conversation; in push mode they get the next item."""
        now = self._now()
        assignment = self.assignments.get(conversation_id)
        if assignment is None or assignment.advisor_id != advisor_id:
            raise RoutingRefused("not_assigned", "this advisor does not hold this conversation")
        del self.assignments[conversation_id]
        advisor = self._advisor(advisor_id)
        cool_down = self.policy_for(assignment.client_id).hard_cool_down_seconds
        advisor.release(
            assignment.channel, hard=assignment.hard, now=now, cool_down_seconds=cool_down
        )
        self._advance(now)
        self._advisor_changed(advisor, now, may_unblock=False)
        return self._offer(advisor, now)

    def set_presence(
        self, advisor_id: int, presence: Presence, *, break_kind: BreakKind | None = None
    ) -> list[Decision]:
        now = self._now()
        advisor = self._advisor(advisor_id)
        if not advisor.set_presence(presence, break_kind, now):
            return []
        self._advance(now)
        self._advisor_changed(advisor, now, may_unblock=False)
        return self._offer(advisor, now) if presence is Presence.AVAILABLE else []

    def requeue(self, item: WorkItem) -> None:
        """Queue an item without routing it (rebuilding after a restart); `tick` routes it."""
        now = self._now()
        if item.conversation_id in self.assignments:
            raise RoutingRefused("already_assigned", "the conversation already has an advisor")
        self._advance(now)
        self._queue(item, now)
        self._requeued(item)

    def withdraw(self, conversation_id: int) -> bool:
        """Forget a waiting item (resolved, abandoned or handled elsewhere)."""
        return self._drop_waiting(conversation_id) is not None

    def tick(self) -> list[Decision]:
        """Apply what time changed and route the waiting items that now fit (call ~1/s)."""
        now = self._now()
        self._advance(now)
        return self._dispatch(now)

    # -- shared mechanics -----------------------------------------------------------------
    def _offer(self, advisor: Advisor, now: float) -> list[Decision]:
        decisions = []
        while (found := self._best_waiting_for(advisor, now, pull=False)) is not None:
            waiting, tier = found
            decisions.append(self._commit(advisor, waiting.item, tier, Rule.NEXT_IN_LINE, now, []))
        return decisions

    def _route_now(self, item: WorkItem, policy: ClientPolicy, now: float) -> Decision | None:
        """Push one item under the rules: sticky advisor first, then the best by selection."""
        is_overflowed = rules.overflowed(item, policy, now)
        candidates: list[Candidate] = []
        sticky = self._sticky(item, policy, now, candidates)
        if sticky is not None:
            return self._commit(sticky[0], item, sticky[1], Rule.STICKY, now, candidates)
        avoid = item.avoid_advisor_id
        listed = [candidate.advisor_id for candidate in candidates]
        if avoid is not None and avoid not in listed and rules.avoided(avoid, item, policy, now):
            candidates.append(Candidate(avoid, SkipReason.AVOIDED, AVOIDED_NOTE))
        advisor, tier, skipped = self._select(item, policy, now, is_overflowed)
        if advisor is None or tier is None:
            return None
        candidates.extend(skipped)
        rule = (
            Rule.LEAST_OCCUPIED
            if policy.selection is Selection.LEAST_OCCUPIED
            else Rule.LONGEST_IDLE
        )
        return self._commit(advisor, item, tier, rule, now, candidates)

    def _sticky(
        self, item: WorkItem, policy: ClientPolicy, now: float, candidates: list[Candidate]
    ) -> tuple[Advisor, Tier] | None:
        previous, since = item.previous_advisor_id, item.previous_at
        if previous is None or since is None or now - since > policy.sticky_seconds:
            return None
        advisor = self.advisors.get(previous)
        if advisor is None:
            return None
        reason, tier = rules.eligibility(advisor, item, policy, now)
        note = AVOIDED_NOTE if reason is SkipReason.AVOIDED else "previous advisor"
        if reason is None:
            blocked = rules.push_guardrail(advisor, item, policy, now, self.rest_seconds)
            if blocked is not None:
                reason, note = blocked[0], f"previous advisor: {blocked[1]}"
        if reason is not None or tier is None:
            candidates.append(Candidate(previous, reason, note))
            return None
        return advisor, tier

    def _route_override(
        self,
        item: WorkItem,
        policy: ClientPolicy,
        now: float,
        supervisor_id: int,
        to_advisor: int | None,
    ) -> Decision | None:
        if to_advisor is not None:
            chosen: tuple[Advisor, Tier] | None = named_advisor(
                self._advisor(to_advisor), item, policy, now
            )
        else:
            members = self._members.get((item.client_id, item.channel, item.language), {})
            advisors = (self.advisors[advisor_id] for advisor_id in members)
            chosen = best_ignoring_guardrails(advisors, item, policy, now)
        if chosen is None:
            return None
        advisor, tier = chosen
        self._drop_waiting(item.conversation_id)
        bypassed = rules.guardrails_hit(advisor, item, policy, now, self.rest_seconds)
        return self._commit(
            advisor,
            item,
            tier,
            Rule.OVERRIDE,
            now,
            [],
            override_by=supervisor_id,
            bypassed=bypassed,
        )

    def _commit(
        self,
        advisor: Advisor,
        item: WorkItem,
        tier: Tier,
        rule: Rule,
        now: float,
        candidates: list[Candidate],
        *,
        override_by: int | None = None,
        bypassed: tuple[SkipReason, ...] = (),
    ) -> Decision:
        waiting = self._drop_waiting(item.conversation_id)
        policy = self.policy_for(item.client_id)
        streak = advisor.hard_streak
        advisor.assign(item.channel, hard=item.hard, now=now, rest_seconds=self.rest_seconds)
        self.assignments[item.conversation_id] = Assignment(
            advisor.advisor_id, item.client_id, item.channel, item.hard, now
        )
        # Taking more work only blocks, except that a calm conversation ends a hard streak.
        self._advisor_changed(advisor, now, may_unblock=streak > 0 and not item.hard)
        reasons = waiting.reasons if waiting else rules.urgency(item, policy.priority)[1]
        after = policy.break_reminder_after_seconds
        reminder = advisor.take_reminder(now, after, self.rest_seconds)
        candidates.append(Candidate(advisor.advisor_id, None, "chosen"))
        return Decision(
            conversation_id=item.conversation_id,
            client_id=item.client_id,
            advisor_id=advisor.advisor_id,
            channel=item.channel,
            rule=rule,
            tier=tier,
            decided_at=now,
            waited_seconds=now - item.enqueued_at,
            priority_reasons=reasons,
            candidates=tuple(candidates),
            override_by=override_by,
            bypassed=bypassed,
            break_reminder=reminder,
        )

    # -- explanation on demand ------------------------------------------------------------
    def explain(self, item: WorkItem) -> list[Candidate]:
        """Every advisor with the reason they would or would not get this item now."""
        return explain_item(self, item, self._now())
