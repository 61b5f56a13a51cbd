"""Break reminders reach the advisor once per stretch of continuous handling (engine side)."""

from __future__ import annotations

from tawasol.routing import BreakKind, Presence, SkipReason
from tawasol.routing.break_notice import carry_stretches, forget_notices, notices_for

from .builders import ManualClock, available, engine, item, profile
from .test_wellbeing import HOUR, policy

RULES = policy(break_reminder_after_seconds=2 * HOUR, break_enforced_after_seconds=2.5 * HOUR)


def test_the_reminder_comes_once_per_stretch_and_again_after_a_break() -> None:
    clock = ManualClock()
    router = engine(clock, RULES, rest_seconds=900)
    available(router, profile(1, capacity={"webchat": 10}))
    assert router.route(item(clock)) is not None
    clock.advance(2 * HOUR)
    reminded = router.route(item(clock))
    assert reminded is not None and reminded.break_reminder
    [notice] = notices_for(router, reminded)
    assert (notice.advisor_id, notice.enforced) == (1, False)
    assert notice.handling_seconds == 2 * HOUR
    assert notice.enforced_after_seconds == 2.5 * HOUR
    clock.advance(10 * 60)
    again = router.route(item(clock))
    assert again is not None and not again.break_reminder
    assert notices_for(router, again) == []

    router.set_presence(1, Presence.ON_BREAK, break_kind=BreakKind.PERSONAL)
    clock.advance(900)
    router.set_presence(1, Presence.AVAILABLE)
    fresh = router.route(item(clock))
    assert fresh is not None and not fresh.break_reminder  # a new stretch starts here
    clock.advance(2 * HOUR)
    second = router.route(item(clock))
    assert second is not None and second.break_reminder


def test_a_long_idle_gap_starts_a_new_stretch_with_its_own_reminder() -> None:
    clock = ManualClock()
    router = engine(clock, RULES, rest_seconds=900)
    available(router, profile(1, capacity={"webchat": 1}))
    first = router.route(item(clock))
    assert first is not None
    clock.advance(2 * HOUR)
    router.release(1, first.conversation_id)
    reminded = router.route(item(clock))
    assert reminded is not None and reminded.break_reminder
    router.release(1, reminded.conversation_id)
    clock.advance(900)  # rested
    calm = router.route(item(clock))
    assert calm is not None and not calm.break_reminder
    clock.advance(2 * HOUR)
    router.release(1, calm.conversation_id)
    later = router.route(item(clock))
    assert later is not None and later.break_reminder


def test_an_undelivered_reminder_stays_due() -> None:
    clock = ManualClock()
    router = engine(clock, RULES, rest_seconds=900)
    available(router, profile(1, capacity={"webchat": 10}))
    router.route(item(clock))
    clock.advance(2 * HOUR)
    lost = router.route(item(clock))
    assert lost is not None and lost.break_reminder
    forget_notices(router, notices_for(router, lost))
    retried = router.route(item(clock))
    assert retried is not None and retried.break_reminder


def test_an_advisor_passed_over_for_a_due_break_is_told_once() -> None:
    clock = ManualClock()
    router = engine(clock, RULES, rest_seconds=900)
    available(router, profile(1, capacity={"webchat": 10}))
    router.route(item(clock))
    clock.advance(2.5 * HOUR)
    available(router, profile(2, capacity={"webchat": 10}))
    passed = router.route(item(clock))
    assert passed is not None and passed.advisor_id == 2
    assert {c.advisor_id: c.skipped for c in passed.candidates}[1] is SkipReason.BREAK_DUE
    [told] = notices_for(router, passed)
    assert (told.advisor_id, told.enforced, told.handling_seconds) == (1, True, 2.5 * HOUR)
    clock.advance(60)
    next_one = router.route(item(clock))
    assert next_one is not None and notices_for(router, next_one) == []


def test_a_rebuilt_engine_keeps_the_stretch_and_the_reminder_given() -> None:
    clock = ManualClock()
    router = engine(clock, RULES, rest_seconds=900)
    available(router, profile(1, capacity={"webchat": 10}))
    held = [router.route(item(clock))]
    clock.advance(2 * HOUR)
    held.append(router.route(item(clock)))
    assert held[-1] is not None and held[-1].break_reminder
    clock.advance(60)
    rebuilt = engine(clock, RULES, rest_seconds=900)
    available(rebuilt, profile(1, capacity={"webchat": 10}))
    for decision in held:
        assert decision is not None
        rebuilt.restore_assignment(1, item(clock, conversation_id=decision.conversation_id))
    carry_stretches(router, rebuilt, now=clock.now)
    after = rebuilt.route(item(clock))
    assert after is not None and not after.break_reminder
    clock.advance(0.5 * HOUR)
    assert rebuilt.route(item(clock)) is None  # the stretch went on: the break is enforced
