"""Every decision says why: the rule, the candidates passed over and their reasons."""

from __future__ import annotations

import json

from tawasol.routing import ClientPolicy, Presence, Rule, SkipReason

from .builders import OTHER_CLIENT, ManualClock, engine, item, profile


def test_a_full_explanation_lists_every_advisor_with_a_reason() -> None:
    clock = ManualClock()
    router = engine(
        clock,
        ClientPolicy(
            occupancy_cap=0.85,
            max_hard_in_a_row=1,
            break_reminder_after_seconds=None,
            break_enforced_after_seconds=None,
        ),
    )
    router.add_advisor(profile(1, clients=(OTHER_CLIENT,)), presence=Presence.AVAILABLE)
    router.add_advisor(profile(2, languages=("en",)), presence=Presence.AVAILABLE)
    router.add_advisor(profile(3), presence=Presence.ON_BREAK)
    router.add_advisor(profile(4, capacity={"webchat": 1}), presence=Presence.AVAILABLE)
    router.add_advisor(profile(5), presence=Presence.AVAILABLE)
    router.add_advisor(profile(6), presence=Presence.AVAILABLE)
    clock.advance(60)
    router.add_advisor(profile(7), presence=Presence.AVAILABLE)
    router.add_advisor(profile(8), presence=Presence.AVAILABLE)
    clock.advance(2 * 3600)
    router.route(item(clock), override_by=1, to_advisor=4)  # 4 is now full on chat
    router.restore_history(5, busy_intervals=[(clock.now - 3500, clock.now - 10)])
    hard = router.route(item(clock, negative=True), override_by=1, to_advisor=6)
    assert hard is not None
    work = item(clock, negative=True)
    reasons = {c.advisor_id: c.skipped for c in router.explain(work)}
    assert reasons == {
        1: SkipReason.NOT_CERTIFIED,
        2: SkipReason.LANGUAGE,
        3: SkipReason.PRESENCE,
        4: SkipReason.CAPACITY,
        5: SkipReason.OCCUPANCY_CAP,
        6: SkipReason.HARD_STREAK,
        7: None,  # would be chosen: longest idle among the eligible
        8: SkipReason.RANKED_LOWER,
    }
    decision = router.route(work)
    assert decision is not None and decision.advisor_id == 7
    assert decision.rule is Rule.LONGEST_IDLE


def test_the_stored_explanation_is_plain_json() -> None:
    clock = ManualClock()
    router = engine(clock, ClientPolicy(occupancy_cap=0.5, break_enforced_after_seconds=None))
    router.add_advisor(profile(1), presence=Presence.AVAILABLE)
    clock.advance(30)
    router.add_advisor(profile(2), presence=Presence.AVAILABLE)
    clock.advance(3600)
    router.restore_history(1, busy_intervals=[(clock.now - 3000, clock.now - 5)])
    decision = router.route(item(clock, vip=True, previous_advisor_id=1, previous_at=clock.now))
    assert decision is not None and decision.advisor_id == 2
    record = json.loads(json.dumps(decision.explanation()))
    assert record["rule"] == "longest_idle"
    assert record["tier"] == "primary"
    assert "vip" in record["priority"]
    assert record["candidates"] == [
        {
            "advisor_id": 1,
            "skipped": "occupancy_cap",
            "note": "previous advisor: occupancy 83% above 50%",
        },
        {"advisor_id": 1, "skipped": "occupancy_cap", "note": "occupancy 83% above 50%"},
        {"advisor_id": 2, "skipped": None, "note": "chosen"},
    ]
