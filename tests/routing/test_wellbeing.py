"""Well-being guardrails: occupancy cap, hard-conversation spreading, cool-down, breaks.

Guardrails hold back pushed work; a supervisor's override bypasses them (and says so), but
never certification, skills, presence or capacity.
"""

from __future__ import annotations

import pytest

from tawasol.routing import (
    BreakKind,
    ClientPolicy,
    Presence,
    RoutingRefused,
    Rule,
    SkipReason,
)

from .builders import OTHER_CLIENT, ManualClock, available, engine, item, profile

HOUR = 3600.0
SUPERVISOR = 500


def policy(**changes: object) -> ClientPolicy:
    base = {
        "occupancy_cap": None,
        "max_hard_in_a_row": None,
        "break_reminder_after_seconds": None,
        "break_enforced_after_seconds": None,
    }
    return ClientPolicy(**{**base, **changes})  # type: ignore[arg-type]


def worn_out(clock: ManualClock, busy_seconds: float) -> list[tuple[float, float]]:
    """One busy interval ending a minute ago."""
    return [(clock.now - 60 - busy_seconds, clock.now - 60)]


def test_occupancy_above_the_cap_blocks_pushed_work() -> None:
    clock = ManualClock()
    router = engine(clock, policy(occupancy_cap=0.85, occupancy_window_seconds=HOUR))
    available(router, profile(1))
    clock.advance(2 * HOUR)
    router.restore_history(1, busy_intervals=worn_out(clock, 0.9 * HOUR))
    assert router.route(item(clock)) is None
    reasons = {c.advisor_id: c for c in router.explain(item(clock))}
    assert reasons[1].skipped is SkipReason.OCCUPANCY_CAP
    assert "90%" in reasons[1].note


def test_a_capped_advisor_gets_work_again_once_occupancy_falls() -> None:
    clock = ManualClock()
    router = engine(clock, policy(occupancy_cap=0.85, occupancy_window_seconds=HOUR))
    available(router, profile(1))
    clock.advance(2 * HOUR)
    router.restore_history(1, busy_intervals=worn_out(clock, 0.9 * HOUR))
    work = item(clock)
    assert router.route(work) is None
    # 54 busy minutes from 55 to 1 minute ago: the window drops nothing for 5 minutes, then
    # one busy second per second; 3 minutes later it is back to 85 %.
    clock.advance(479)
    assert router.tick() == []
    clock.advance(2)
    [decision] = router.tick()
    assert decision.conversation_id == work.conversation_id


def test_the_cap_skips_to_the_next_advisor_and_explains_why() -> None:
    clock = ManualClock()
    router = engine(clock, policy(occupancy_cap=0.85))
    available(router, profile(1))
    clock.advance(60)
    available(router, profile(2))
    clock.advance(2 * HOUR)
    router.restore_history(1, busy_intervals=worn_out(clock, 0.95 * HOUR))
    decision = router.route(item(clock))
    assert decision is not None and decision.advisor_id == 2
    skipped = {c.advisor_id: c.skipped for c in decision.candidates}
    assert skipped == {1: SkipReason.OCCUPANCY_CAP, 2: None}


def test_pulling_is_allowed_above_the_cap() -> None:
    clock = ManualClock()
    router = engine(clock, policy(occupancy_cap=0.85))
    available(router, profile(1))
    clock.advance(2 * HOUR)
    router.restore_history(1, busy_intervals=worn_out(clock, 0.95 * HOUR))
    router.route(item(clock))
    assert router.take_next(1) is not None


def test_a_supervisor_override_bypasses_the_cap_and_is_flagged() -> None:
    clock = ManualClock()
    router = engine(clock, policy(occupancy_cap=0.85))
    available(router, profile(1))
    clock.advance(2 * HOUR)
    router.restore_history(1, busy_intervals=worn_out(clock, 0.95 * HOUR))
    work = item(clock)
    assert router.route(work) is None
    decision = router.route(work, override_by=SUPERVISOR)
    assert decision is not None and decision.advisor_id == 1
    assert decision.rule is Rule.OVERRIDE and decision.overridden
    assert decision.bypassed == (SkipReason.OCCUPANCY_CAP,)
    record = decision.explanation()
    assert record["override_by"] == SUPERVISOR and record["bypassed"] == ["occupancy_cap"]
    assert work.conversation_id not in router.waiting


def test_an_override_never_bypasses_certification_or_capacity() -> None:
    clock = ManualClock()
    router = engine(clock)
    available(router, profile(1, clients=(OTHER_CLIENT,)), profile(2, capacity={"voice": 1}))
    with pytest.raises(RoutingRefused) as refused:
        router.route(item(clock), override_by=SUPERVISOR, to_advisor=1)
    assert refused.value.code == SkipReason.NOT_CERTIFIED
    router.route(item(clock, channel="voice"))
    with pytest.raises(RoutingRefused) as refused:
        router.route(item(clock, channel="voice"), override_by=SUPERVISOR, to_advisor=2)
    assert refused.value.code == SkipReason.CAPACITY


def test_hard_conversations_are_spread() -> None:
    clock = ManualClock()
    router = engine(clock, policy(max_hard_in_a_row=2))
    available(router, profile(1, capacity={"email": 10}))
    clock.advance(10)
    available(router, profile(2, capacity={"email": 10}))
    clock.advance(10)
    firsts = [router.route(item(clock, channel="email", negative=True)) for _ in range(4)]
    assert [d.advisor_id for d in firsts if d] == [1, 2, 1, 2]
    # Both are at two hard conversations in a row: the next hard one waits ...
    hard = item(clock, channel="email", abusive=True)
    assert router.route(hard) is None
    assert {c.skipped for c in router.explain(hard)} == {SkipReason.HARD_STREAK}
    # ... while a calm one is served, which ends that advisor's streak.
    calm = router.route(item(clock, channel="email"))
    assert calm is not None
    [decision] = router.tick()
    assert decision.conversation_id == hard.conversation_id
    assert decision.advisor_id == calm.advisor_id


def test_cool_down_after_a_hard_conversation() -> None:
    clock = ManualClock()
    router = engine(clock, policy(hard_cool_down_seconds=120))
    available(router, profile(1))
    hard = router.route(item(clock, negative=True))
    assert hard is not None
    clock.advance(600)
    assert router.release(1, hard.conversation_id) == []
    work = item(clock)
    assert router.route(work) is None
    assert router.explain(work)[0].skipped is SkipReason.COOL_DOWN
    clock.advance(119)
    assert router.tick() == []
    clock.advance(1)
    [decision] = router.tick()
    assert decision.conversation_id == work.conversation_id


def test_break_reminder_then_enforcement_after_continuous_handling() -> None:
    clock = ManualClock()
    rules = policy(break_reminder_after_seconds=2 * HOUR, break_enforced_after_seconds=2.5 * HOUR)
    router = engine(clock, rules, rest_seconds=900)
    available(router, profile(1, capacity={"webchat": 3}))
    first = router.route(item(clock))
    assert first is not None and not first.break_reminder
    clock.advance(2 * HOUR)
    second = router.route(item(clock))
    assert second is not None and second.break_reminder
    clock.advance(0.5 * HOUR)
    blocked = item(clock)
    assert router.route(blocked) is None
    assert router.explain(blocked)[0].skipped is SkipReason.BREAK_DUE
    assert router.take_next(1) is None  # enforced: not even by pulling
    router.set_presence(1, Presence.ON_BREAK, break_kind=BreakKind.PRAYER)
    assert router.advisors[1].break_kind is BreakKind.PRAYER
    clock.advance(900)
    [decision] = router.set_presence(1, Presence.AVAILABLE)
    assert decision.conversation_id == blocked.conversation_id
    assert not decision.break_reminder


def test_a_long_idle_gap_counts_as_rest() -> None:
    clock = ManualClock()
    rules = policy(break_enforced_after_seconds=2 * HOUR)
    router = engine(clock, rules, rest_seconds=900)
    available(router, profile(1, capacity={"webchat": 1}))
    first = router.route(item(clock))
    assert first is not None
    clock.advance(1.9 * HOUR)
    router.release(1, first.conversation_id)
    clock.advance(0.2 * HOUR)  # 12 minutes idle: not yet a rest, and 2.1 h since the start
    work = item(clock)
    assert router.route(work) is None
    clock.advance(0.05 * HOUR)  # 15 minutes idle: rested
    [decision] = router.tick()
    assert decision.conversation_id == work.conversation_id
