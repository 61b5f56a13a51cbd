"""The routing rules as pure functions, shared by the indexed engine and the reference scan.

Keeping eligibility, guardrails, ranking and urgency in one place is what lets the tests
cross-check the engine's indexes against a plain scan: both apply exactly these rules.
"""

from __future__ import annotations

import math

from tawasol.routing.advisor import Advisor, Tier
from tawasol.routing.decision import SkipReason
from tawasol.routing.policy import ClientPolicy, PriorityRules, Selection
from tawasol.routing.presence import PULLABLE, PUSHABLE
from tawasol.routing.work import WorkItem

Blocked = tuple[SkipReason, str]
VOICE = "voice"


def overflowed(item: WorkItem, policy: ClientPolicy, now: float) -> bool:
    after = policy.overflow_after_seconds
    return after is not None and now >= item.enqueued_at + after


def avoided(advisor_id: int, item: WorkItem, policy: ClientPolicy, now: float) -> bool:
    """Whether the item must go to someone else than this advisor for now.

    An SLA escalation took it from them; until the overflow threshold anyone else may take
    it, after it they may too (if they are the only one left, it must not be stranded).
    Without an overflow threshold nothing would end the wait, so the hint does not apply.
    """
    return (
        item.avoid_advisor_id == advisor_id
        and policy.overflow_after_seconds is not None
        and not overflowed(item, policy, now)
    )


def eligibility(
    advisor: Advisor,
    item: WorkItem,
    policy: ClientPolicy,
    now: float,
    *,
    pull: bool = False,
    avoid: bool = True,
) -> tuple[SkipReason | None, Tier | None]:
    """Skills, certification, presence and capacity: never bypassed, not even by override.

    The avoid hint (`avoided`) applies too, except to a supervisor's override (``avoid``).
    """
    profile = advisor.profile
    if item.client_id not in profile.certified_clients:
        return SkipReason.NOT_CERTIFIED, None
    if item.language not in profile.languages:
        return SkipReason.LANGUAGE, None
    own = profile.channel_capacity.get(item.channel)
    if own is None:
        return SkipReason.CHANNEL, None
    capacity = policy.capacity(item.channel, own)
    tier = profile.tier_for(item.channel, item.language)
    if tier is Tier.SECONDARY and not overflowed(item, policy, now):
        return SkipReason.BEFORE_OVERFLOW, tier
    if avoid and avoided(advisor.advisor_id, item, policy, now):
        return SkipReason.AVOIDED, tier
    if advisor.presence not in (PULLABLE if pull else PUSHABLE):
        return SkipReason.PRESENCE, tier
    if advisor.load.get(item.channel, 0) >= capacity:
        return SkipReason.CAPACITY, tier
    return None, tier


def break_due(advisor: Advisor, policy: ClientPolicy, now: float, rest: float) -> Blocked | None:
    limit = policy.break_enforced_after_seconds
    if limit is None:
        return None
    worked = advisor.handling_seconds(now, rest)
    if worked < limit:
        return None
    return SkipReason.BREAK_DUE, f"handling for {worked / 60:.0f} min without a break"


def advisor_guardrail(
    advisor: Advisor, policy: ClientPolicy, now: float, rest: float
) -> Blocked | None:
    """Guardrails that block every pushed conversation, whatever it is."""
    blocked = break_due(advisor, policy, now, rest)
    if blocked is not None:
        return blocked
    if on_a_call(advisor, policy):
        return SkipReason.VOICE_EXCLUSIVE, "handling a voice conversation"
    if now < advisor.cool_down_until:
        return SkipReason.COOL_DOWN, f"cooling down for {advisor.cool_down_until - now:.0f} s"
    cap = policy.occupancy_cap
    if cap is not None:
        window = policy.occupancy_window_seconds
        busy = advisor.busy_seconds(now, window)
        if busy > cap * window:
            return SkipReason.OCCUPANCY_CAP, f"occupancy {busy / window:.0%} above {cap:.0%}"
    return None


def on_a_call(advisor: Advisor, policy: ClientPolicy) -> bool:
    return policy.voice_exclusive and advisor.load.get(VOICE, 0) > 0


def hard_guardrail(advisor: Advisor, item: WorkItem, policy: ClientPolicy) -> Blocked | None:
    limit = policy.max_hard_in_a_row
    if item.hard and limit is not None and advisor.hard_streak >= limit:
        return SkipReason.HARD_STREAK, f"{advisor.hard_streak} hard conversations in a row"
    return None


def hard_allowed(advisor: Advisor, policy: ClientPolicy) -> bool:
    limit = policy.max_hard_in_a_row
    return limit is None or advisor.hard_streak < limit


def push_guardrail(
    advisor: Advisor, item: WorkItem, policy: ClientPolicy, now: float, rest: float
) -> Blocked | None:
    return advisor_guardrail(advisor, policy, now, rest) or hard_guardrail(advisor, item, policy)


def pull_guardrail(
    advisor: Advisor, item: WorkItem, policy: ClientPolicy, now: float, rest: float
) -> Blocked | None:
    """Pulling is the advisor's choice, so only break enforcement and the hard streak apply."""
    return break_due(advisor, policy, now, rest) or hard_guardrail(advisor, item, policy)


def guardrails_hit(
    advisor: Advisor, item: WorkItem, policy: ClientPolicy, now: float, rest: float
) -> tuple[SkipReason, ...]:
    """Every guardrail that would block this push (what an override bypasses)."""
    hits = []
    if break_due(advisor, policy, now, rest) is not None:
        hits.append(SkipReason.BREAK_DUE)
    if now < advisor.cool_down_until:
        hits.append(SkipReason.COOL_DOWN)
    if on_a_call(advisor, policy):
        hits.append(SkipReason.VOICE_EXCLUSIVE)
    cap = policy.occupancy_cap
    window = policy.occupancy_window_seconds
    if cap is not None and advisor.busy_seconds(now, window) > cap * window:
        hits.append(SkipReason.OCCUPANCY_CAP)
    if hard_guardrail(advisor, item, policy) is not None:
        hits.append(SkipReason.HARD_STREAK)
    return tuple(hits)


def blocked_until(advisor: Advisor, policy: ClientPolicy, now: float, rest: float) -> float | None:
    """None when ``advisor_guardrail`` passes; else the earliest instant it may pass.

    Exact as long as the advisor's state does not change (any change re-evaluates it), and
    ``inf`` when only a state change can unblock (busy above the cap, break due while busy,
    on a call).
    """
    if advisor_guardrail(advisor, policy, now, rest) is None:
        return None
    if on_a_call(advisor, policy):
        return math.inf
    wake = now
    if break_due(advisor, policy, now, rest) is not None:
        idle_since = advisor.idle_since
        if advisor.total_load == 0 and idle_since is not None:
            wake = max(wake, idle_since + rest)
        else:
            return math.inf
    wake = max(wake, advisor.cool_down_until)
    cap = policy.occupancy_cap
    if cap is not None:
        wake = max(wake, advisor.occupancy_clears_at(now, policy.occupancy_window_seconds, cap))
    return wake


def rank_key(advisor: Advisor, policy: ClientPolicy) -> tuple[float, ...]:
    """Smaller is better; the advisor id breaks ties so every implementation agrees.

    Between advisors idle since the same instant, the one assigned least recently (or never)
    goes first.
    """
    last = advisor.last_assigned_at
    last_key = -math.inf if last is None else last
    if policy.selection is Selection.LEAST_OCCUPIED:
        return (advisor.utilization, advisor.idle_ref, last_key, advisor.advisor_id)
    return (advisor.idle_ref, last_key, advisor.advisor_id)


def urgency(item: WorkItem, rules: PriorityRules) -> tuple[float, tuple[str, ...]]:
    """The item's virtual deadline (earlier is more urgent) and the rules that set it."""
    reasons = [f"priority:{item.priority}"]
    deadline = item.enqueued_at + rules.target_wait(item.priority)
    if item.vip:
        deadline -= rules.vip_advance_seconds
        reasons.append("vip")
    if item.hard:
        deadline -= rules.negative_advance_seconds
        reasons.append("negative_sentiment")
    advance = rules.channel_advance_seconds.get(item.channel)
    if advance:
        deadline -= advance
        reasons.append(f"channel:{item.channel}")
    due = item.first_response_due_at
    if due is not None and due - rules.sla_margin_seconds < deadline:
        deadline = due - rules.sla_margin_seconds
        reasons.append("sla_breach_risk")
    return deadline, tuple(reasons)
