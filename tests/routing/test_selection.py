"""Which eligible advisor is chosen: longest idle, least occupied, sticky, overflow, priority."""

from __future__ import annotations

from tawasol.routing import ClientPolicy, Mode, Presence, Rule, Selection, SkipReason, Tier

from .builders import CLIENT, ManualClock, available, engine, item, profile


def quiet(**changes: object) -> ClientPolicy:
    base = {
        "occupancy_cap": None,
        "max_hard_in_a_row": None,
        "break_reminder_after_seconds": None,
        "break_enforced_after_seconds": None,
    }
    return ClientPolicy(**{**base, **changes})  # type: ignore[arg-type]


def test_longest_idle_advisor_gets_the_next_conversation() -> None:
    clock = ManualClock()
    router = engine(clock)
    available(router, profile(1), profile(2), profile(3))
    first = router.route(item(clock))
    clock.advance(60)
    second = router.route(item(clock))
    clock.advance(60)
    third = router.route(item(clock))
    assert first and second and third
    assert [first.advisor_id, second.advisor_id, third.advisor_id] == [1, 2, 3]
    router.release(1, first.conversation_id)
    clock.advance(60)
    # Advisor 1 was assigned longest ago, so they are the longest idle again.
    fourth = router.route(item(clock))
    assert fourth is not None and fourth.advisor_id == 1
    assert fourth.rule is Rule.LONGEST_IDLE


def test_least_occupied_advisor_gets_the_next_conversation() -> None:
    clock = ManualClock()
    router = engine(clock, quiet(selection=Selection.LEAST_OCCUPIED))
    available(router, profile(1), profile(2))
    router.route(item(clock))  # -> 1 (ties broken by id)
    clock.advance(10)
    router.route(item(clock))  # -> 2
    clock.advance(10)
    router.route(item(clock, channel="email"))  # -> 1 (1/3 vs 1/3: longest idle first)
    clock.advance(10)
    decision = router.route(item(clock))
    # Advisor 1 now carries 1/3 chat + 1/5 e-mail, advisor 2 only 1/3 chat.
    assert decision is not None and decision.advisor_id == 2
    assert decision.rule is Rule.LEAST_OCCUPIED


def test_sticky_to_the_previous_advisor_within_the_window() -> None:
    clock = ManualClock()
    router = engine(clock, quiet(sticky_seconds=4 * 3600))
    available(router, profile(1), profile(2))
    clock.advance(10)
    router.route(item(clock))  # advisor 1 is now busier than 2 and assigned more recently
    returning = item(clock, previous_advisor_id=1, previous_at=clock.now - 3 * 3600)
    decision = router.route(returning)
    assert decision is not None and decision.advisor_id == 1 and decision.rule is Rule.STICKY
    stale = item(clock, previous_advisor_id=1, previous_at=clock.now - 5 * 3600)
    decision = router.route(stale)
    assert decision is not None and decision.advisor_id == 2 and decision.rule is Rule.LONGEST_IDLE


def test_sticky_advisor_without_capacity_is_explained_and_skipped() -> None:
    clock = ManualClock()
    router = engine(clock, quiet())
    available(router, profile(1, capacity={"voice": 1}), profile(2, capacity={"voice": 1}))
    router.route(item(clock, channel="voice"))
    decision = router.route(
        item(clock, channel="voice", previous_advisor_id=1, previous_at=clock.now - 60)
    )
    assert decision is not None and decision.advisor_id == 2
    assert decision.candidates[0].advisor_id == 1
    assert decision.candidates[0].skipped is SkipReason.CAPACITY


def test_secondary_skill_only_after_the_overflow_threshold() -> None:
    clock = ManualClock()
    router = engine(clock, quiet(overflow_after_seconds=120))
    available(router, profile(7, languages=("fr", "ar"), secondary_languages=("ar",)))
    work = item(clock, language="ar")
    assert router.route(work) is None
    clock.advance(119)
    assert router.tick() == []
    clock.advance(1)
    [decision] = router.tick()
    assert decision.advisor_id == 7 and decision.tier is Tier.SECONDARY
    assert decision.waited_seconds == 120


def test_primary_skill_is_preferred_once_overflowed() -> None:
    clock = ManualClock()
    router = engine(clock, quiet(overflow_after_seconds=0))
    available(router, profile(1, languages=("fr", "ar"), secondary_languages=("ar",)))
    clock.advance(30)
    available(router, profile(2, languages=("ar",)))  # idle for less time, but primary
    decision = router.route(item(clock, language="ar"))
    assert decision is not None and decision.advisor_id == 2 and decision.tier is Tier.PRIMARY


def test_a_freed_advisor_takes_the_most_urgent_waiting_item() -> None:
    clock = ManualClock()
    router = engine(clock, quiet())
    available(router, profile(1, capacity={"voice": 1}))
    ongoing = router.route(item(clock, channel="voice"))
    assert ongoing is not None
    normal = item(clock, channel="voice")
    clock.advance(30)
    vip = item(clock, channel="voice", vip=True)
    urgent = item(clock, channel="voice", priority="urgent")
    for work in (normal, vip, urgent):
        assert router.route(work) is None
    [decision] = router.release(1, ongoing.conversation_id)
    assert decision.conversation_id == urgent.conversation_id
    assert decision.rule is Rule.NEXT_IN_LINE
    assert "priority:urgent" in decision.priority_reasons


def test_old_low_priority_items_age_past_new_urgent_ones() -> None:
    clock = ManualClock()
    router = engine(clock, quiet())
    available(router, profile(1, capacity={"email": 1}))
    ongoing = router.route(item(clock, channel="email"))
    assert ongoing is not None
    old = item(clock, channel="email", priority="low", enqueued_at=clock.now - 7200)
    new = item(clock, channel="email", priority="urgent")
    router.route(old)
    router.route(new)
    [decision] = router.release(1, ongoing.conversation_id)
    assert decision.conversation_id == old.conversation_id


def test_pull_mode_waits_for_take_next() -> None:
    clock = ManualClock()
    router = engine(clock, quiet(mode=Mode.PULL))
    available(router, profile(1))
    first, second = item(clock), item(clock, priority="high")
    assert router.route(first) is None and router.route(second) is None
    assert router.tick() == []
    decision = router.take_next(1)
    assert decision is not None and decision.conversation_id == second.conversation_id
    assert decision.rule is Rule.TAKE_NEXT
    assert router.take_next(1) is not None
    assert router.take_next(1) is None


def test_a_busy_advisor_is_not_pushed_but_may_pull() -> None:
    clock = ManualClock()
    router = engine(clock, quiet())
    router.add_advisor(profile(1), presence=Presence.BUSY)
    work = item(clock)
    assert router.route(work) is None
    decision = router.take_next(1)
    assert decision is not None and decision.conversation_id == work.conversation_id
    router.set_presence(1, Presence.ON_BREAK)
    router.route(item(clock))
    assert router.take_next(1) is None


def test_policies_are_per_client() -> None:
    clock = ManualClock()
    router = engine(clock, quiet())
    router.set_policy(CLIENT, quiet(mode=Mode.PULL))
    available(router, profile(1, clients=(1, 2)))
    assert router.route(item(clock, client=1)) is None
    assert router.route(item(clock, client=2)) is not None
