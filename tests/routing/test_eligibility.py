"""Who may receive a conversation at all: certification, language, channel, presence, capacity."""

from __future__ import annotations

from tawasol.routing import Presence, RoutingEngine, SkipReason, rules
from tawasol.routing.router import Router

from .builders import OTHER_CLIENT, ManualClock, available, engine, item, profile


def reasons(router: Router, work: object) -> dict[int, SkipReason | None]:
    return {c.advisor_id: c.skipped for c in router.explain(work)}  # type: ignore[arg-type]


def test_only_a_certified_advisor_serves_the_client() -> None:
    clock = ManualClock()
    router = engine(clock)
    available(router, profile(1, clients=(OTHER_CLIENT,)), profile(2))
    clock.advance(10)
    decision = router.route(item(clock))
    assert decision is not None and decision.advisor_id == 2
    assert reasons(router, item(clock))[1] is SkipReason.NOT_CERTIFIED


def test_darija_goes_to_an_advisor_who_speaks_it() -> None:
    clock = ManualClock()
    router = engine(clock)
    available(router, profile(1, languages=("fr",)), profile(2, languages=("fr", "ary")))
    decision = router.route(item(clock, language="ary"))
    assert decision is not None and decision.advisor_id == 2
    assert reasons(router, item(clock, language="ary"))[1] is SkipReason.LANGUAGE


def test_nobody_with_the_language_means_the_item_waits() -> None:
    clock = ManualClock()
    router = engine(clock)
    available(router, profile(1, languages=("fr",)))
    work = item(clock, language="es")
    assert router.route(work) is None
    assert work.conversation_id in router.waiting


def test_an_advisor_without_the_channel_is_skipped() -> None:
    clock = ManualClock()
    router = engine(clock)
    available(router, profile(1, capacity={"email": 5}))
    assert router.route(item(clock, channel="voice")) is None
    assert reasons(router, item(clock, channel="voice"))[1] is SkipReason.CHANNEL


def test_capacity_is_per_channel() -> None:
    clock = ManualClock()
    router = engine(clock)
    available(router, profile(1, capacity={"webchat": 3, "email": 5, "voice": 1}))
    chats = [router.route(item(clock)) for _ in range(4)]
    assert [d is not None for d in chats] == [True, True, True, False]
    assert reasons(router, item(clock))[1] is SkipReason.CAPACITY
    # Full on chat, still free for e-mail and one call.
    assert router.route(item(clock, channel="email")) is not None
    assert router.route(item(clock, channel="voice")) is not None
    assert router.route(item(clock, channel="voice")) is None
    assert router.advisors[1].load == {"webchat": 3, "email": 1, "voice": 1}


def test_only_available_advisors_receive_pushed_work() -> None:
    clock = ManualClock()
    router = engine(clock)
    for advisor_id, presence in enumerate(
        (Presence.ON_BREAK, Presence.BUSY, Presence.AFTER_CONTACT_WORK, Presence.OFFLINE), 1
    ):
        router.add_advisor(profile(advisor_id), presence=presence)
    work = item(clock)
    assert router.route(work) is None
    assert set(reasons(router, work).values()) == {SkipReason.PRESENCE}
    # Coming back from the break, the advisor receives the waiting conversation at once.
    [decision] = router.set_presence(1, Presence.AVAILABLE)
    assert decision.conversation_id == work.conversation_id


def test_a_decision_never_examines_advisors_outside_the_skill(monkeypatch) -> None:  # noqa: ANN001
    clock = ManualClock()
    router = engine(clock)
    assert isinstance(router, RoutingEngine)
    available(router, *(profile(i, clients=(OTHER_CLIENT,)) for i in range(1, 3001)))
    available(router, *(profile(i, languages=("en",)) for i in range(3001, 5001)))
    available(router, profile(9999, languages=("fr",)))
    examined = []
    original = rules.advisor_guardrail

    def counting(advisor, *args):  # noqa: ANN001, ANN202
        examined.append(advisor.advisor_id)
        return original(advisor, *args)

    monkeypatch.setattr(rules, "advisor_guardrail", counting)
    decision = router.route(item(clock))
    assert decision is not None and decision.advisor_id == 9999
    assert set(examined) == {9999}
