"""The naive router: every question answered by scanning all advisors or all waiting items.

It applies the same rules as `RoutingEngine` (`rules.py`, `router.py`) with no index, which
makes it the reference the property tests compare the engine with, and the baseline of the
routing benchmark.
"""

from __future__ import annotations

import copy

from tawasol.routing import rules
from tawasol.routing.advisor import Advisor, Tier
from tawasol.routing.decision import Candidate, Decision
from tawasol.routing.policy import ClientPolicy, Mode
from tawasol.routing.router import Router, Waiting
from tawasol.routing.work import WorkItem


class ScanRouter(Router):
    def _select(
        self, item: WorkItem, policy: ClientPolicy, now: float, overflowed: bool
    ) -> tuple[Advisor | None, Tier | None, list[Candidate]]:
        best: tuple[tuple[object, ...], Advisor, Tier] | None = None
        blocked: list[tuple[tuple[object, ...], Candidate]] = []
        for advisor in self.advisors.values():
            reason, tier = rules.eligibility(advisor, item, policy, now)
            if reason is not None or tier is None:
                continue
            key = (tier, *rules.rank_key(advisor, policy))
            guard = rules.push_guardrail(advisor, item, policy, now, self.rest_seconds)
            if guard is not None:
                blocked.append((key, Candidate(advisor.advisor_id, guard[0], guard[1])))
            elif best is None or key < best[0]:
                best = (key, advisor, tier)
        if best is None:
            return None, None, []
        above = sorted((pair for pair in blocked if pair[0] < best[0]), key=lambda p: p[0])
        return best[1], best[2], [candidate for _, candidate in above]

    def _best_waiting_for(
        self, advisor: Advisor, now: float, *, pull: bool
    ) -> tuple[Waiting, Tier] | None:
        best: tuple[Waiting, Tier] | None = None
        for waiting in self.waiting.values():
            item = waiting.item
            policy = self.policy_for(item.client_id)
            if not pull and policy.mode is not Mode.PUSH:
                continue
            reason, tier = rules.eligibility(advisor, item, policy, now, pull=pull)
            if reason is not None or tier is None:
                continue
            guard = rules.pull_guardrail if pull else rules.push_guardrail
            if guard(advisor, item, policy, now, self.rest_seconds) is not None:
                continue
            if best is None or waiting.order < best[0].order:
                best = (waiting, tier)
        return best

    def _dispatch(self, now: float) -> list[Decision]:
        decisions: list[Decision] = []
        while True:
            for waiting in sorted(self.waiting.values(), key=lambda w: w.order):
                policy = self.policy_for(waiting.item.client_id)
                if policy.mode is not Mode.PUSH:
                    continue
                decision = self._route_now(waiting.item, policy, now)
                if decision is not None:
                    decisions.append(decision)
                    break
            else:
                return decisions

    @classmethod
    def mirror(cls, router: Router) -> ScanRouter:
        """A scan router holding a deep copy of another router's advisors and queues.

        The benchmark measures the baseline from exactly the engine's state.
        """
        scan = cls(
            clock=router._clock,
            policies=router._policies,
            default_policy=router._default_policy,
            rest_seconds=router.rest_seconds,
        )
        scan.advisors = copy.deepcopy(router.advisors)
        scan.assignments = dict(router.assignments)
        scan.waiting = {k: copy.copy(w) for k, w in router.waiting.items()}
        scan._members = copy.deepcopy(router._members)
        scan._next_seq = router._next_seq
        scan._last_now = router._last_now
        return scan
