"""Voice exclusivity and a policy's channel capacity, in the engine and the reference scan."""

from __future__ import annotations

import pytest

from tawasol.routing import ClientPolicy, Presence, Router, Rule, ScanRouter, SkipReason

from .builders import CLIENT, ManualClock, engine, item, profile

SUPERVISOR = 500


def quiet(**changes: object) -> ClientPolicy:
    base = {
        "occupancy_cap": None,
        "max_hard_in_a_row": None,
        "break_reminder_after_seconds": None,
        "break_enforced_after_seconds": None,
    }
    return ClientPolicy(**{**base, **changes})  # type: ignore[arg-type]


def router(kind: str, clock: ManualClock, policy: ClientPolicy) -> Router:
    if kind == "engine":
        return engine(clock, policy)
    return ScanRouter(clock=clock, policies={CLIENT: policy})


def on_a_call_then_colleague(kind: str, policy: ClientPolicy) -> tuple[Router, ManualClock]:
    """Advisor 1 idle longest but on a call; advisor 2 available since later."""
    clock = ManualClock()
    routing = router(kind, clock, policy)
    routing.add_advisor(profile(1), presence=Presence.AVAILABLE)
    routing.restore_assignment(1, item(clock, channel="voice"))
    clock.advance(60)
    routing.add_advisor(profile(2), presence=Presence.AVAILABLE)
    clock.advance(60)
    return routing, clock


@pytest.mark.parametrize("kind", ["engine", "scan"])
def test_an_advisor_on_a_call_is_pushed_nothing_else_and_the_decision_says_why(kind) -> None:  # type: ignore[no-untyped-def]
    routing, clock = on_a_call_then_colleague(kind, quiet())
    decision = routing.route(item(clock, channel="email"))
    assert decision is not None and decision.advisor_id == 2
    skipped = {c.advisor_id: c for c in decision.candidates if c.skipped is not None}
    assert skipped[1].skipped is SkipReason.VOICE_EXCLUSIVE
    assert "voice" in skipped[1].note
    assert decision.explanation()["candidates"][0]["skipped"] == "voice_exclusive"


@pytest.mark.parametrize("kind", ["engine", "scan"])
def test_work_waits_for_the_end_of_the_call(kind) -> None:  # type: ignore[no-untyped-def]
    clock = ManualClock()
    routing = router(kind, clock, quiet())
    routing.add_advisor(profile(1), presence=Presence.AVAILABLE)
    call = routing.route(item(clock, channel="voice"))
    assert call is not None and call.advisor_id == 1
    chat = item(clock, channel="webchat")
    assert routing.route(chat) is None
    assert routing.tick() == []
    reasons = {c.advisor_id: c.skipped for c in routing.explain(chat)}
    assert reasons[1] is SkipReason.VOICE_EXCLUSIVE
    [offered] = routing.release(1, call.conversation_id)
    assert (offered.conversation_id, offered.rule) == (chat.conversation_id, Rule.NEXT_IN_LINE)


@pytest.mark.parametrize("kind", ["engine", "scan"])
def test_voice_exclusivity_can_be_switched_off_per_client(kind) -> None:  # type: ignore[no-untyped-def]
    routing, clock = on_a_call_then_colleague(kind, quiet(voice_exclusive=False))
    decision = routing.route(item(clock, channel="email"))
    assert decision is not None and decision.advisor_id == 1


def test_a_supervisor_may_override_voice_exclusivity_and_it_is_recorded() -> None:
    clock = ManualClock()
    routing = engine(clock, quiet())
    routing.add_advisor(profile(1), presence=Presence.AVAILABLE)
    routing.restore_assignment(1, item(clock, channel="voice"))
    decision = routing.route(item(clock), override_by=SUPERVISOR, to_advisor=1)
    assert decision is not None and decision.bypassed == (SkipReason.VOICE_EXCLUSIVE,)


@pytest.mark.parametrize("kind", ["engine", "scan"])
def test_a_policy_channel_capacity_lowers_the_advisors_own(kind) -> None:  # type: ignore[no-untyped-def]
    clock = ManualClock()
    routing = router(kind, clock, quiet(channel_capacity={"webchat": 1}))
    routing.add_advisor(profile(1, capacity={"webchat": 3}), presence=Presence.AVAILABLE)
    first = routing.route(item(clock))
    assert first is not None and first.advisor_id == 1
    second = item(clock)
    assert routing.route(second) is None
    assert {c.advisor_id: c.skipped for c in routing.explain(second)}[1] is SkipReason.CAPACITY
    [next_one] = routing.release(1, first.conversation_id)
    assert next_one.conversation_id == second.conversation_id


def test_policy_values_are_checked() -> None:
    with pytest.raises(ValueError, match="channel_capacity"):
        ClientPolicy(channel_capacity={"webchat": 0})
    with pytest.raises(ValueError, match="idle_timeout"):
        ClientPolicy(idle_timeout_seconds=5)
