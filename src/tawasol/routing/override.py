"""Choices made outside the normal search: supervisor overrides and full explanations.

Both scan (the members of one skill, or every advisor): they serve rare, human requests,
never the hot path.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tawasol.routing import rules
from tawasol.routing.advisor import Advisor, Tier
from tawasol.routing.decision import Candidate, SkipReason
from tawasol.routing.policy import ClientPolicy
from tawasol.routing.work import WorkItem

if TYPE_CHECKING:
    from tawasol.routing.router import Router


class RoutingRefused(Exception):
    """A request the rules forbid (already assigned, ineligible advisor for an override...)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def named_advisor(
    advisor: Advisor, item: WorkItem, policy: ClientPolicy, now: float
) -> tuple[Advisor, Tier]:
    """A supervisor names the advisor: eligibility still applies, guardrails do not (nor
    the avoid hint: the supervisor chose)."""
    reason, tier = rules.eligibility(advisor, item, policy, now, avoid=False)
    if reason is not None or tier is None:
        raise RoutingRefused(str(reason), f"advisor {advisor.advisor_id} is not eligible: {reason}")
    return advisor, tier


def best_ignoring_guardrails(
    advisors: Iterable[Advisor], item: WorkItem, policy: ClientPolicy, now: float
) -> tuple[Advisor, Tier] | None:
    best: tuple[tuple[object, ...], Advisor, Tier] | None = None
    for advisor in advisors:
        reason, tier = rules.eligibility(advisor, item, policy, now, avoid=False)
        if reason is None and tier is not None:
            key = (tier, *rules.rank_key(advisor, policy))
            if best is None or key < best[0]:
                best = (key, advisor, tier)
    return None if best is None else (best[1], best[2])


def explain_item(router: Router, item: WorkItem, now: float) -> list[Candidate]:
    """Every advisor with the reason they would or would not get this item now.

    For supervisors asking "why not her?"; decisions store only what the engine examined.
    Eligible advisors come first in rank order (the first would be chosen), then the
    others grouped by reason.
    """
    policy = router.policy_for(item.client_id)
    ranked: list[tuple[tuple[object, ...], Candidate]] = []
    skipped: list[Candidate] = []
    for advisor in router.advisors.values():
        reason, tier = rules.eligibility(advisor, item, policy, now)
        note = ""
        if reason is None:
            blocked = rules.push_guardrail(advisor, item, policy, now, router.rest_seconds)
            if blocked is not None:
                reason, note = blocked
        if reason is None and tier is not None:
            key = (tier, *rules.rank_key(advisor, policy))
            ranked.append((key, Candidate(advisor.advisor_id, SkipReason.RANKED_LOWER)))
        else:
            skipped.append(Candidate(advisor.advisor_id, reason, note))
    ranked.sort(key=lambda pair: pair[0])
    ordered = [candidate for _, candidate in ranked]
    if ordered:
        ordered[0] = Candidate(ordered[0].advisor_id, None, "would be chosen")
    skipped.sort(key=lambda c: (str(c.skipped), c.advisor_id))
    return ordered + skipped
