"""The routing service wired to the application: signals after commit, decisions applied.

Each test builds its own client and a service stepped by hand (no thread): commits enqueue
jobs, `runtime.relay.drain()` hands them to the service, `service.step()` routes.
"""

from __future__ import annotations

import time

from sqlalchemy import func, select

from tawasol.db.tenancy import Scope
from tawasol.models.audit import AuditEntry
from tawasol.models.conversation import Conversation
from tawasol.models.reporting import ReportingEvent
from tawasol.models.routing import AdvisorLoad, RoutingDecision
from tawasol.models.vocabulary import Role
from tawasol.routing.service import RoutingService, service_for
from tests.factories import login, make_client, make_user
from tests.routing.world import World, make_world, open_conversation

from .conftest import conversation_of, settle


def _settle(runtime, service: RoutingService) -> list:  # type: ignore[no-untyped-def]
    return settle(runtime, service)


def _conversation(runtime, conversation_id: int) -> Conversation:  # type: ignore[no-untyped-def]
    return conversation_of(runtime, conversation_id)


def test_a_new_conversation_reaches_an_available_certified_advisor(
    app, runtime, start_service
) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=2)
    fluent, other = world.advisors
    service = start_service()
    # Only the first advisor comes online, through the API like a browser would.
    response = login(app, world.advisor_emails[0]).put(
        "/api/v1/presence/me", json={"state": "available"}
    )
    assert response.status_code == 200
    _settle(runtime, service)

    conversation_id = open_conversation(runtime.db, world, language="ary")
    assert _conversation(runtime, conversation_id).assignee_id is None  # not before the relay
    applied = _settle(runtime, service)
    assert [(d.conversation_id, d.advisor_id) for d in applied] == [(conversation_id, fluent)]
    assert _conversation(runtime, conversation_id).assignee_id == fluent
    with runtime.db.unit(Scope.system(), write=False) as session:
        decision = session.scalars(
            select(RoutingDecision).where(RoutingDecision.conversation_id == conversation_id)
        ).one()
        assert decision.advisor_id == fluent and decision.explanation["rule"] == "longest_idle"
        assigned = session.scalars(
            select(ReportingEvent).where(
                ReportingEvent.conversation_id == conversation_id, ReportingEvent.type == "assigned"
            )
        ).one()
        assert assigned.data["to"] == fluent
        load = session.scalars(
            select(AdvisorLoad).where(AdvisorLoad.user_id == fluent, AdvisorLoad.channel == "email")
        ).one()
        assert load.active == 1
    assert other not in {d.advisor_id for d in applied}


def test_resolving_frees_capacity_for_the_next_waiting_conversation(
    app, runtime, start_service
) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, capacity=1, available=True)
    service = start_service()
    first = open_conversation(runtime.db, world)
    second = open_conversation(runtime.db, world)
    applied = _settle(runtime, service)
    assert [d.conversation_id for d in applied] == [first]
    assert _conversation(runtime, second).assignee_id is None

    advisor = login(app, world.advisor_emails[0])
    resolved = advisor.post(f"/api/v1/conversations/{first}/status", json={"status": "resolved"})
    assert resolved.status_code == 200, resolved.text
    applied = _settle(runtime, service)
    assert [d.conversation_id for d in applied] == [second]
    assert _conversation(runtime, second).assignee_id == world.advisors[0]


def test_pull_mode_the_advisor_takes_the_next_conversation(app, runtime, start_service) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, policy={"mode": "pull"})
    service = start_service()
    advisor = login(app, world.advisor_emails[0])
    assert advisor.put("/api/v1/presence/me", json={"state": "busy"}).status_code == 200
    conversation_id = open_conversation(runtime.db, world)
    assert _settle(runtime, service) == []  # nothing is pushed in pull mode
    assert _conversation(runtime, conversation_id).assignee_id is None

    taken = advisor.post("/api/v1/routing/take-next")
    assert taken.status_code == 200, taken.text
    assert taken.json()["conversation_id"] == conversation_id
    assert taken.json()["decision"]["rule"] == "take_next"
    assert _conversation(runtime, conversation_id).assignee_id == world.advisors[0]
    assert advisor.post("/api/v1/routing/take-next").json()["conversation_id"] is None


def _capped_world(runtime) -> World:  # type: ignore[no-untyped-def]
    policy = {"occupancy_cap": 0.5, "occupancy_window_seconds": 60.0, "max_hard_in_a_row": None}
    return make_world(runtime, capacity=3, policy=policy, available=True)


def test_the_occupancy_cap_stops_pushes_but_a_supervisor_may_override(
    app, runtime, start_service, clock
) -> None:  # type: ignore[no-untyped-def]
    world = _capped_world(runtime)
    service = start_service()
    first = open_conversation(runtime.db, world)
    assert [d.conversation_id for d in _settle(runtime, service)] == [first]
    clock.advance(120)  # busy the whole window: occupancy 100 % > 50 %
    second = open_conversation(runtime.db, world)
    assert _settle(runtime, service) == []
    assert _conversation(runtime, second).assignee_id is None

    body = {"conversation_id": second, "advisor_id": world.advisors[0]}
    advisor = login(app, world.advisor_emails[0])
    assert advisor.post("/api/v1/routing/override", json=body).status_code == 403
    supervisor = login(app, world.supervisor_email)
    response = supervisor.post("/api/v1/routing/override", json=body)
    assert response.status_code == 200, response.text
    decision = response.json()
    assert decision["rule"] == "override" and decision["override_by"] == world.supervisor_id
    assert decision["explanation"]["bypassed"] == ["occupancy_cap"]
    assert _conversation(runtime, second).assignee_id == world.advisors[0]
    with runtime.db.unit(Scope.system(), write=False) as session:
        audited = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "routing.override", AuditEntry.object_id == str(second)
            )
        ).one()
    assert audited.actor_user_id == world.supervisor_id
    assert audited.summary["bypassed"] == ["occupancy_cap"]
    again = supervisor.post("/api/v1/routing/override", json=body)
    assert again.status_code == 409


def test_explanations_are_for_supervisors_of_the_client_only(app, runtime, start_service) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, available=True)
    service = start_service()
    conversation_id = open_conversation(runtime.db, world)
    _settle(runtime, service)
    url = f"/api/v1/conversations/{conversation_id}/routing-decisions"

    listed = login(app, world.supervisor_email).get(url)
    assert listed.status_code == 200
    [decision] = listed.json()
    assert decision["advisor_id"] == world.advisors[0]
    chosen = [c for c in decision["explanation"]["candidates"] if c["skipped"] is None]
    assert [c["advisor_id"] for c in chosen] == [world.advisors[0]]

    assert login(app, world.advisor_emails[0]).get(url).status_code == 403
    other_client = make_client(runtime)
    _, foreign_email = make_user(runtime, Role.SUPERVISOR, [other_client])
    foreign = login(app, foreign_email).get(url)
    assert foreign.status_code == 404 and str(world.advisors[0]) not in foreign.text


def test_a_claim_lost_to_a_manual_assignment_corrects_the_engine(
    app, runtime, start_service
) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=2, capacity=1, policy={"mode": "pull"})
    service = start_service()
    for email in world.advisor_emails:
        login(app, email).put("/api/v1/presence/me", json={"state": "available"})
    conversation_id = open_conversation(runtime.db, world)
    _settle(runtime, service)
    supervisor = login(app, world.supervisor_email)
    manual = supervisor.post(
        f"/api/v1/conversations/{conversation_id}/assign",
        json={"assignee_id": world.advisors[1]},
    )
    assert manual.status_code == 200
    # The engine still thinks it waits; the first advisor's pull fails the claim, then learns.
    first = login(app, world.advisor_emails[0])
    assert first.post("/api/v1/routing/take-next").json()["conversation_id"] is None
    assert conversation_id not in service.engine.waiting  # type: ignore[union-attr]
    with runtime.db.unit(Scope.system(), write=False) as session:
        count = session.scalar(
            select(func.count()).select_from(RoutingDecision)
            .where(RoutingDecision.conversation_id == conversation_id)
        )  # fmt: skip
    assert count == 0


def _load(runtime, advisor_id: int) -> int:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return session.scalars(
            select(AdvisorLoad.active).where(
                AdvisorLoad.user_id == advisor_id, AdvisorLoad.channel == "email"
            )
        ).one()


def test_loads_follow_assignments_made_by_hand(app, runtime, start_service) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=2, capacity=1, policy={"mode": "pull"}, available=True)
    first, second = world.advisors
    service = start_service()
    conversation_id = open_conversation(runtime.db, world)
    _settle(runtime, service)
    supervisor = login(app, world.supervisor_email)
    url = f"/api/v1/conversations/{conversation_id}"
    supervisor.post(f"{url}/assign", json={"assignee_id": first})
    _settle(runtime, service)
    assert (_load(runtime, first), _load(runtime, second)) == (1, 0)
    assert service.engine.assignments[conversation_id].advisor_id == first  # type: ignore[union-attr]

    supervisor.post(f"{url}/assign", json={"assignee_id": second})  # a transfer
    _settle(runtime, service)
    assert (_load(runtime, first), _load(runtime, second)) == (0, 1)
    assert service.engine.assignments[conversation_id].advisor_id == second  # type: ignore[union-attr]

    supervisor.post(f"{url}/status", json={"status": "resolved"})
    _settle(runtime, service)
    assert (_load(runtime, first), _load(runtime, second)) == (0, 0)
    assert conversation_id not in service.engine.assignments  # type: ignore[union-attr]
    supervisor.post(f"{url}/status", json={"status": "open"})  # reopened: held again
    assert _load(runtime, second) == 1


def test_the_service_routes_on_its_own_in_a_thread(runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, available=True)
    runtime.relay.drain()
    service = RoutingService(runtime.db, bus=runtime.bus, interval_seconds=0.05)
    service.start()
    try:
        conversation_id = open_conversation(runtime.db, world)
        runtime.relay.drain()  # the job wakes the service; its thread applies the decision
        deadline = time.monotonic() + 10
        while _conversation(runtime, conversation_id).assignee_id is None:
            assert time.monotonic() < deadline, "the routing thread did not assign"
            time.sleep(0.05)
    finally:
        service.stop()
    assert _conversation(runtime, conversation_id).assignee_id == world.advisors[0]
    assert service_for(runtime.db.engine) is None


def test_signals_dropped_by_a_stalled_bus_trigger_a_rebuild(runtime, start_service) -> None:  # type: ignore[no-untyped-def]
    from tawasol.routing.hooks import ROUTING_CHANNEL

    world = make_world(runtime, available=True)
    service = start_service()
    for _ in range(10_000):  # the service's queue fills up while it does not read
        runtime.bus.publish(ROUTING_CHANNEL, {"type": "noise", "payload": {}})
    conversation_id = open_conversation(runtime.db, world)
    runtime.relay.drain()  # its signal is dropped
    applied = service.step()
    assert [(d.conversation_id, d.advisor_id) for d in applied] == [
        (conversation_id, world.advisors[0])
    ]
