"""Transfers to an advisor, to a team, back to the queue: checks, records, routing after."""

from __future__ import annotations

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.audit import AuditEntry
from tawasol.models.message import Message
from tawasol.models.outbox import OutboxEvent
from tawasol.models.routing import AdvisorLoad, RoutingDecision
from tawasol.routing import Presence
from tests.factories import login
from tests.routing.world import (
    add_advisor,
    add_team,
    make_world,
    open_conversation,
    set_presence,
)

from .conftest import conversation_of, settle


def _url(conversation_id: int) -> str:
    return f"/api/v1/conversations/{conversation_id}/transfer"


def _decisions(runtime, conversation_id: int) -> list[RoutingDecision]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return list(
            session.scalars(
                select(RoutingDecision)
                .where(RoutingDecision.conversation_id == conversation_id)
                .order_by(RoutingDecision.id)
            )
        )


def _loads(runtime, *advisors: int) -> list[int]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        rows = dict(
            session.execute(
                select(AdvisorLoad.user_id, AdvisorLoad.active).where(
                    AdvisorLoad.channel == "email", AdvisorLoad.user_id.in_(advisors)
                )
            ).all()
        )
    return [rows.get(a, 0) for a in advisors]


def test_an_advisor_hands_a_conversation_to_a_colleague_with_a_note(
    app, runtime, start_service
) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=2, available=True)
    first, second = world.advisors
    service = start_service()
    conversation_id = open_conversation(runtime.db, world)
    settle(runtime, service)
    assert conversation_of(runtime, conversation_id).assignee_id == first

    holder = login(app, world.advisor_emails[0])
    body = {"advisor_id": second, "note": "Client VIP, rappeler avant 17 h"}
    response = holder.post(_url(conversation_id), json=body)
    assert response.status_code == 200, response.text
    assert response.json()["assignee_id"] == second
    settle(runtime, service)
    assert service.engine.assignments[conversation_id].advisor_id == second  # type: ignore[union-attr]
    assert _loads(runtime, first, second) == [0, 1]

    decision = _decisions(runtime, conversation_id)[-1]
    assert (decision.rule, decision.advisor_id, decision.override_by) == ("transfer", second, None)
    assert decision.explanation["transfer_by"] == first
    assert decision.explanation["summary"] == f"transfer by {world.advisor_emails[0]}"
    with runtime.db.unit(Scope.system(), write=False) as session:
        note = session.scalars(
            select(Message).where(
                Message.conversation_id == conversation_id, Message.kind == "note"
            )
        ).one()
        audit = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "conversation.transferred",
                AuditEntry.object_id == str(conversation_id),
            )
        ).one()
        event = session.scalars(
            select(OutboxEvent).where(OutboxEvent.type == "conversation.transferred")
            .order_by(OutboxEvent.id.desc()).limit(1)
        ).one()  # fmt: skip
    assert note.text == body["note"] and note.author_user_id == first
    assert audit.actor_user_id == first and audit.summary["note_id"] == note.id
    assert {f"agent:{first}", f"agent:{second}"} <= set(event.recipients)


def test_an_ineligible_advisor_needs_a_supervisor(app, runtime, start_service) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, available=True)
    french_only, _ = add_advisor(runtime, world, languages={"fr": 5})
    service = start_service()
    conversation_id = open_conversation(runtime.db, world, language="ary")
    settle(runtime, service)
    assert conversation_of(runtime, conversation_id).assignee_id == world.advisors[0]

    holder = login(app, world.advisor_emails[0])
    refused = holder.post(_url(conversation_id), json={"advisor_id": french_only})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_eligible"
    assert "language" in refused.json()["error"]["message"]
    assert conversation_of(runtime, conversation_id).assignee_id == world.advisors[0]

    supervisor = login(app, world.supervisor_email)
    forced = supervisor.post(_url(conversation_id), json={"advisor_id": french_only})
    assert forced.status_code == 200, forced.text
    decision = _decisions(runtime, conversation_id)[-1]
    assert decision.override_by == world.supervisor_id
    assert decision.explanation["bypassed"] == ["language"]
    settle(runtime, service)
    assert service.engine.assignments[conversation_id].advisor_id == french_only  # type: ignore[union-attr]


def test_a_full_colleague_cannot_receive_more(app, runtime, start_service) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=2, capacity=1, available=True)
    first, second = world.advisors
    service = start_service()
    mine, theirs = open_conversation(runtime.db, world), open_conversation(runtime.db, world)
    settle(runtime, service)
    assert conversation_of(runtime, theirs).assignee_id == second

    holder = login(app, world.advisor_emails[0])
    refused = holder.post(_url(mine), json={"advisor_id": second})
    assert refused.status_code == 409 and "capacity" in refused.json()["error"]["message"]
    assert _loads(runtime, first, second) == [1, 1]
    # Only one target, and only one's own conversations.
    both = holder.post(_url(mine), json={"advisor_id": second, "team_id": 1})
    assert both.status_code == 422
    not_mine = holder.post(_url(theirs), json={"advisor_id": first})
    assert not_mine.status_code == 409 and not_mine.json()["error"]["code"] == "not_held"


def test_a_team_transfer_waits_for_a_member_of_the_team(app, runtime, start_service) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=2, available=True)
    first, second = world.advisors
    service = start_service()
    conversation_id = open_conversation(runtime.db, world)
    settle(runtime, service)
    assert conversation_of(runtime, conversation_id).assignee_id == first
    team_id = add_team(runtime, world, [second])

    holder = login(app, world.advisor_emails[0])
    response = holder.post(_url(conversation_id), json={"team_id": team_id, "note": "facturation"})
    assert response.status_code == 200, response.text
    assert response.json()["assignee_id"] is None
    applied = settle(runtime, service)
    assert [(d.conversation_id, d.advisor_id) for d in applied] == [(conversation_id, second)]
    transfer, routed = _decisions(runtime, conversation_id)[-2:]
    assert transfer.rule == "transfer" and transfer.explanation["to"] == {"team_id": team_id}
    assert routed.advisor_id == second and routed.explanation["team_id"] == team_id


def test_back_to_the_queue_routes_it_again(app, runtime, start_service) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=2, available=True)
    first, second = world.advisors
    service = start_service()
    conversation_id = open_conversation(runtime.db, world)
    settle(runtime, service)
    assert conversation_of(runtime, conversation_id).assignee_id == first

    set_presence(runtime, first, Presence.BUSY)  # the holder takes no pushed work meanwhile
    holder = login(app, world.advisor_emails[0])
    response = holder.post(_url(conversation_id), json={"advisor_id": None})
    assert response.status_code == 200, response.text
    applied = settle(runtime, service)
    assert [(d.conversation_id, d.advisor_id) for d in applied] == [(conversation_id, second)]
    assert [d.rule for d in _decisions(runtime, conversation_id)] == [
        "longest_idle",
        "transfer",
        "longest_idle",
    ]
    assert _loads(runtime, first, second) == [0, 1]


def test_no_one_hands_work_to_an_advisor_not_certified_for_the_client(
    app, runtime, start_service
) -> None:  # type: ignore[no-untyped-def]
    from tawasol.models.vocabulary import Role
    from tests.factories import make_user

    world = make_world(runtime, available=True)
    uncertified, _ = make_user(runtime, Role.ADVISOR, [world.client_id], certified=False)
    service = start_service()
    conversation_id = open_conversation(runtime.db, world)
    settle(runtime, service)
    supervisor = login(app, world.supervisor_email)
    refused = supervisor.post(_url(conversation_id), json={"advisor_id": uncertified})
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "not_certified"
    assert conversation_of(runtime, conversation_id).assignee_id == world.advisors[0]
    assert [d.rule for d in _decisions(runtime, conversation_id)] == ["longest_idle"]
