"""Routing rules per inbox: validated, audited, and applied by every engine."""

from __future__ import annotations

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.audit import AuditEntry
from tawasol.models.routing import RoutingDecision
from tawasol.models.vocabulary import Role
from tests.factories import login, make_user
from tests.routing.world import World, add_advisor, make_world, open_conversation

from .conftest import conversation_of, settle


def _admin(app, runtime, world: World):  # type: ignore[no-untyped-def]
    _, email = make_user(runtime, Role.OPERATOR_ADMIN, [world.client_id])
    return login(app, email)


def _url(world: World) -> str:
    return f"/api/v1/inboxes/{world.inbox_id}/routing"


def test_rules_are_validated_stored_and_audited(app, runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, policy={"overflow_after_seconds": 600})
    admin = _admin(app, runtime, world)
    for bad in (
        {"channel_capacity": 0},
        {"required_skills": ["Not A Skill!"]},
        {"mode": "sideways"},
        {"priority": {"target_wait_seconds": {"normal": -5}}},
        {"unknown": 1},
    ):
        assert admin.put(_url(world), json=bad).status_code == 422, bad

    rules = {
        "required_skills": ["insurance", "insurance"],
        "channel_capacity": 1,
        "mode": "pull",
        "priority": {"vip_advance_seconds": 1200},
    }
    stored = admin.put(_url(world), json=rules)
    assert stored.status_code == 200, stored.text
    body = stored.json()
    assert body["rules"] == {
        "required_skills": ["insurance"],
        "channel_capacity": 1,
        "mode": "pull",
        "priority": {"vip_advance_seconds": 1200.0},
    }
    effective = body["effective_policy"]
    assert effective["mode"] == "pull" and effective["channel_capacity"] == {"email": 1}
    assert effective["overflow_after_seconds"] == 600  # the client's, not overridden
    assert effective["priority"]["vip_advance_seconds"] == 1200
    assert login(app, world.supervisor_email).get(_url(world)).json() == body
    assert login(app, world.supervisor_email).put(_url(world), json={}).status_code == 403
    # An explicit null switches overflow off for this inbox only.
    off = admin.put(_url(world), json={"overflow_after_seconds": None}).json()
    assert off["rules"] == {"overflow_after_seconds": None}
    assert off["effective_policy"]["overflow_after_seconds"] is None
    with runtime.db.unit(Scope.system(), write=False) as session:
        audits = session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.action == "inbox.routing_changed",
                AuditEntry.object_id == str(world.inbox_id),
            )
            .order_by(AuditEntry.id)
        ).all()
    assert [a.summary["after"].get("mode") for a in audits] == ["pull", None]


def test_a_required_skill_sends_the_inbox_work_to_certified_advisors(
    app, runtime, start_service
) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, available=True)  # this advisor ranks first but lacks the skill
    certified, _ = add_advisor(runtime, world, languages={"fr": 5, "ary": 4}, skills=("insurance",))
    service = start_service()
    admin = _admin(app, runtime, world)
    assert admin.put(_url(world), json={"required_skills": ["insurance"]}).status_code == 200
    settle(runtime, service)  # every engine rebuilds with the inbox's group

    conversation_id = open_conversation(runtime.db, world)
    applied = settle(runtime, service)
    assert [(d.conversation_id, d.advisor_id) for d in applied] == [(conversation_id, certified)]
    with runtime.db.unit(Scope.system(), write=False) as session:
        decision = session.scalars(
            select(RoutingDecision).where(RoutingDecision.conversation_id == conversation_id)
        ).one()
    assert decision.explanation["inbox_rule"] == {
        "inbox_id": world.inbox_id,
        "rules": ["required_skills"],
    }

    # Without rules the inbox's work is the client's again (sticky to the same contact's advisor).
    assert admin.put(_url(world), json={}).status_code == 200
    settle(runtime, service)
    second = open_conversation(runtime.db, world)
    [again] = settle(runtime, service)
    assert again.client_id == world.client_id and again.rule.value == "sticky"
    assert conversation_of(runtime, second).assignee_id == certified


def test_an_inbox_in_pull_mode_waits_for_take_next(app, runtime, start_service) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, available=True)
    service = start_service()
    admin = _admin(app, runtime, world)
    assert admin.put(_url(world), json={"mode": "pull"}).status_code == 200
    settle(runtime, service)
    conversation_id = open_conversation(runtime.db, world)
    assert settle(runtime, service) == []
    assert conversation_of(runtime, conversation_id).assignee_id is None
    taken = login(app, world.advisor_emails[0]).post("/api/v1/routing/take-next")
    assert taken.json()["conversation_id"] == conversation_id
    assert taken.json()["decision"]["explanation"]["inbox_rule"]["rules"] == ["mode"]


def test_a_skill_given_later_reaches_the_engines(app, runtime, start_service) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, available=True)
    advisor_id = world.advisors[0]
    service = start_service()
    admin = _admin(app, runtime, world)
    assert admin.put(_url(world), json={"required_skills": ["insurance"]}).status_code == 200
    settle(runtime, service)
    conversation_id = open_conversation(runtime.db, world)
    assert settle(runtime, service) == []  # nobody holds the skill yet

    supervisor = login(app, world.supervisor_email)
    url = f"/api/v1/users/{advisor_id}/routing-skills"
    given = supervisor.put(url, json={"skills": ["insurance", "billing"]})
    assert given.status_code == 200, given.text
    assert given.json() == {"user_id": advisor_id, "skills": ["billing", "insurance"]}
    assert supervisor.get(url).json()["skills"] == ["billing", "insurance"]
    applied = settle(runtime, service)
    assert [(d.conversation_id, d.advisor_id) for d in applied] == [(conversation_id, advisor_id)]
    not_an_advisor = supervisor.put(
        f"/api/v1/users/{world.supervisor_id}/routing-skills", json={"skills": ["x"]}
    )
    assert not_an_advisor.status_code == 422
