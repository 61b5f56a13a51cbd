"""The avoid hint: a conversation an SLA escalation took back goes to someone else if it can.

Until the overflow threshold the previous advisor is refused by push, stickiness and
take-next; after it they may have it back (it must not be stranded when they are the only
one); a supervisor's override ignores the hint.
"""

from __future__ import annotations

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.conversation import Conversation
from tawasol.models.routing import RoutingDecision
from tawasol.routing import ClientPolicy
from tawasol.routing.decision import AVOIDED_NOTE, Candidate, Rule, SkipReason
from tawasol.sla.alerts import release_to_queue
from tests.routing.world import make_world, open_conversation

from .builders import available, engine, item, profile
from .conftest import conversation_of, settle

QUIET = ClientPolicy(
    occupancy_cap=None,
    max_hard_in_a_row=None,
    break_reminder_after_seconds=None,
    break_enforced_after_seconds=None,
    overflow_after_seconds=120.0,
)


def test_the_avoided_advisor_is_passed_over_and_named_in_the_explanation(clock) -> None:  # type: ignore[no-untyped-def]
    router = engine(clock, QUIET)
    available(router, profile(1), profile(2))  # 1 idle longest: the natural choice
    decision = router.route(item(clock, avoid_advisor_id=1))
    assert decision is not None and decision.advisor_id == 2
    assert Candidate(1, SkipReason.AVOIDED, AVOIDED_NOTE) in decision.candidates
    assert decision.explanation()["candidates"][0] == {
        "advisor_id": 1, "skipped": "avoided", "note": "previous advisor after SLA escalation",
    }  # fmt: skip


def test_stickiness_does_not_send_it_back(clock) -> None:  # type: ignore[no-untyped-def]
    router = engine(clock, QUIET)
    available(router, profile(2), profile(1))
    work = item(clock, previous_advisor_id=1, previous_at=clock.now - 60, avoid_advisor_id=1)
    decision = router.route(work)
    assert decision is not None and (decision.advisor_id, decision.rule) == (2, Rule.LONGEST_IDLE)
    assert decision.candidates[0] == Candidate(1, SkipReason.AVOIDED, AVOIDED_NOTE)


def test_alone_it_waits_for_the_overflow_threshold_then_goes_back(clock) -> None:  # type: ignore[no-untyped-def]
    router = engine(clock, QUIET)
    available(router, profile(1))
    work = item(clock, avoid_advisor_id=1)
    assert router.route(work) is None
    clock.advance(119)
    assert router.tick() == []
    assert router.take_next(1) is None  # pulling is refused as well
    clock.advance(1)
    [decision] = router.tick()
    assert (decision.conversation_id, decision.advisor_id) == (work.conversation_id, 1)


def test_without_an_overflow_threshold_the_hint_does_not_strand_it(clock) -> None:  # type: ignore[no-untyped-def]
    router = engine(clock, ClientPolicy(overflow_after_seconds=None, occupancy_cap=None))
    available(router, profile(1))
    decision = router.route(item(clock, avoid_advisor_id=1))
    assert decision is not None and decision.advisor_id == 1


def test_a_freed_advisor_and_take_next_skip_it_but_take_the_next_item(clock) -> None:  # type: ignore[no-untyped-def]
    router = engine(clock, QUIET)
    available(router, profile(1, capacity={"webchat": 1}))
    held = router.route(item(clock))
    assert held is not None
    avoided = item(clock, avoid_advisor_id=1, priority="urgent")
    plain = item(clock)
    assert router.route(avoided) is None and router.route(plain) is None
    [offered] = router.release(1, held.conversation_id)  # the urgent one is not theirs
    assert offered.conversation_id == plain.conversation_id
    router.release(1, plain.conversation_id)
    assert router.take_next(1) is None
    available(router, profile(2))
    router.take_next(2)  # pulls it, unless coming online already pushed it to them
    assert router.assignments[avoided.conversation_id].advisor_id == 2


def test_a_supervisor_override_ignores_the_hint(clock) -> None:  # type: ignore[no-untyped-def]
    router = engine(clock, QUIET)
    available(router, profile(1), profile(2))
    decision = router.route(item(clock, avoid_advisor_id=1), override_by=99, to_advisor=1)
    assert decision is not None and decision.advisor_id == 1


def test_an_sla_release_routes_to_another_advisor(runtime, start_service) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=2, capacity=2, available=True)
    service = start_service()
    settle(runtime, service)
    first = open_conversation(runtime.db, world)
    settle(runtime, service)
    second = open_conversation(runtime.db, world)  # the same contact: sticky to the same one
    settle(runtime, service)
    taken_from = conversation_of(runtime, first).assignee_id
    assert taken_from is not None and conversation_of(runtime, second).assignee_id == taken_from
    [other] = set(world.advisors) - {taken_from}
    with runtime.db.unit(Scope.system()) as session:  # the escalation's release
        conversation = session.get(Conversation, first)
        assert conversation is not None
        assert release_to_queue(session, conversation) == taken_from
    settle(runtime, service)
    # Stickiness would have sent it straight back: the hint sent it elsewhere.
    assert conversation_of(runtime, first).assignee_id == other
    assert service._avoid == {}  # it left the queue: the hint is forgotten
    with runtime.db.unit(Scope.system(), write=False) as session:
        latest = session.scalars(
            select(RoutingDecision)
            .where(RoutingDecision.conversation_id == first)
            .order_by(RoutingDecision.id.desc())
        ).first()
        assert latest is not None and latest.advisor_id == other
        assert latest.explanation["candidates"][0] == {
            "advisor_id": taken_from, "skipped": "avoided", "note": AVOIDED_NOTE,
        }  # fmt: skip


def test_the_hint_survives_a_rebuild_while_the_item_waits(runtime, start_service) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=1, capacity=2, available=True)
    service = start_service()
    settle(runtime, service)
    conversation_id = open_conversation(runtime.db, world)
    settle(runtime, service)
    assert conversation_of(runtime, conversation_id).assignee_id == world.advisors[0]
    with runtime.db.unit(Scope.system()) as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        release_to_queue(session, conversation)
    settle(runtime, service)
    assert conversation_of(runtime, conversation_id).assignee_id is None  # before overflow
    service.load()  # a rebuild reads the database, which knows nothing of the hint
    assert service.step() == []
    assert service._avoid == {conversation_id: world.advisors[0]}
