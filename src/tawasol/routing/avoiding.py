"""Waiting items with an avoid hint, which the engine searches by scan.

An SLA escalation that takes a conversation from its advisor asks routing to give it to
someone else (`rules.avoided`). Such items are rare, and a waiting line assumes its items
equally routable by any advisor who may serve the line, so the engine keeps them out of
the lines and scans them with the shared rules, as the reference router does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tawasol.routing import rules
from tawasol.routing.advisor import Advisor, Tier
from tawasol.routing.policy import Mode
from tawasol.routing.pools import WaitingEntry

if TYPE_CHECKING:
    from tawasol.routing.router import Router, Waiting


def best_avoiding_for(
    router: Router, avoiding: Iterable[Waiting], advisor: Advisor, now: float, *, pull: bool
) -> tuple[WaitingEntry, Tier] | None:
    """The most urgent of these items the advisor may receive (push) or take (pull)."""
    guard = rules.pull_guardrail if pull else rules.push_guardrail
    best: tuple[WaitingEntry, Tier] | None = None
    for waiting in avoiding:
        item = waiting.item
        policy = router.policy_for(item.client_id)
        if not pull and policy.mode is not Mode.PUSH:
            continue
        reason, tier = rules.eligibility(advisor, item, policy, now, pull=pull)
        if reason is not None or tier is None:
            continue
        if guard(advisor, item, policy, now, router.rest_seconds) is not None:
            continue
        entry = (waiting.deadline, waiting.seq, item.conversation_id)
        if best is None or entry < best[0]:
            best = (entry, tier)
    return best
