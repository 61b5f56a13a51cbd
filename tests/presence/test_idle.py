"""Automatic offline after idle time, logout and forced offline: all re-queue open work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from tawasol.auth.actor import Actor
from tawasol.db.tenancy import Scope
from tawasol.db.types import clock_at
from tawasol.models.audit import AuditEntry
from tawasol.models.presence import AdvisorPresence, PresenceEvent
from tawasol.models.vocabulary import Role
from tawasol.presence.activity import forget_activity, note_activity
from tawasol.presence.idle import idle_timeouts, sweep_idle
from tests.factories import login, make_client, make_user
from tests.routing.builders import ManualClock
from tests.routing.conftest import conversation_of, settle
from tests.routing.world import make_world, open_conversation

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def _advisor(user_id: int) -> Actor:
    return Actor(user_id=user_id, label=f"advisor {user_id}", role=Role.ADVISOR, client_ids=None)


def _presence(runtime, user_id: int) -> AdvisorPresence:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        row = session.get(AdvisorPresence, user_id)
        assert row is not None
        return row


def _last_event(runtime, user_id: int) -> PresenceEvent:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return session.scalars(
            select(PresenceEvent).where(PresenceEvent.user_id == user_id)
            .order_by(PresenceEvent.id.desc()).limit(1)
        ).one()  # fmt: skip


def _at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_an_idle_advisor_goes_offline_and_their_work_is_requeued(
    runtime, start_service, clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    forget_activity()
    clock.now = T0.timestamp()
    with clock_at(T0):
        world = make_world(
            runtime, advisors=2, available=True, policy={"idle_timeout_seconds": 600}
        )
        gone, present = world.advisors
        service = start_service()
        conversation_id = open_conversation(runtime.db, world)
        settle(runtime, service)
    assert conversation_of(runtime, conversation_id).assignee_id == gone

    with clock_at(_at(8)):
        note_activity(runtime.db, _advisor(present))  # a request or the open console
    with clock_at(_at(9)):
        assert sweep_idle(runtime.db) == []  # nobody idle for 10 minutes yet
    clock.now = _at(11).timestamp()
    with clock_at(_at(11)):
        assert sweep_idle(runtime.db) == [gone]
        assert sweep_idle(runtime.db) == []  # already offline
        applied = settle(runtime, service)
    assert [(d.conversation_id, d.advisor_id) for d in applied] == [(conversation_id, present)]
    assert _presence(runtime, gone).state == "offline"
    event = _last_event(runtime, gone)
    assert (event.state, event.reason, event.actor_user_id) == ("offline", "idle_timeout", None)
    with runtime.db.unit(Scope.system(), write=False) as session:
        audits = session.scalars(
            select(AuditEntry).where(
                AuditEntry.object_id.in_([str(gone), str(conversation_id)]),
                AuditEntry.action.in_(["presence.changed", "conversation.assigned"]),
            ).order_by(AuditEntry.id)
        ).all()  # fmt: skip
    offline = [a for a in audits if a.action == "presence.changed"][-1]
    assert offline.summary["reason"] == "idle_timeout" and offline.summary["forced"] is True
    released = [a for a in audits if a.summary.get("note") == "requeued: idle_timeout"]
    assert len(released) == 1

    with clock_at(_at(19)):
        assert sweep_idle(runtime.db) == [present]  # last seen at 8 minutes


def test_idle_timeouts_follow_the_clients_settings(runtime) -> None:  # type: ignore[no-untyped-def]
    from tawasol.models.routing import RoutingSettings

    strict, lenient, off = make_client(runtime), make_client(runtime), make_client(runtime)
    both, _ = make_user(runtime, Role.ADVISOR, [strict, lenient])
    only_off, _ = make_user(runtime, Role.ADVISOR, [off])
    default, _ = make_user(runtime, Role.ADVISOR, [make_client(runtime)])
    with runtime.db.unit(Scope.system()) as session:
        session.add(RoutingSettings(client_id=strict, policy={"idle_timeout_seconds": 300}))
        session.add(RoutingSettings(client_id=lenient, policy={"idle_timeout_seconds": 3600}))
        session.add(RoutingSettings(client_id=off, policy={"idle_timeout_seconds": None}))
        session.flush()
        timeouts = idle_timeouts(session)
    assert timeouts[both] == 300  # the strictest client wins
    assert only_off not in timeouts
    assert timeouts[default] == 900


def test_requests_are_signs_of_life_written_at_most_once_a_minute(app, runtime) -> None:  # type: ignore[no-untyped-def]
    forget_activity()
    world = make_world(runtime, available=True)
    advisor_id = world.advisors[0]
    advisor = login(app, world.advisor_emails[0])
    assert _presence(runtime, advisor_id).last_seen_at is None  # not seen since going available
    assert advisor.get("/api/v1/me").status_code == 200
    first = _presence(runtime, advisor_id).last_seen_at
    assert first is not None
    assert advisor.get("/api/v1/me").status_code == 200
    assert _presence(runtime, advisor_id).last_seen_at == first  # throttled: no second write
    # A supervisor's requests never touch presence.
    supervisor = login(app, world.supervisor_email)
    assert supervisor.get("/api/v1/me").status_code == 200


def test_logging_out_of_the_last_session_goes_offline_and_requeues(
    app, runtime, start_service
) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=2, available=True)
    leaving, staying = world.advisors
    service = start_service()
    conversation_id = open_conversation(runtime.db, world)
    settle(runtime, service)
    assert conversation_of(runtime, conversation_id).assignee_id == leaving

    phone, desk = login(app, world.advisor_emails[0]), login(app, world.advisor_emails[0])
    assert phone.post("/api/v1/auth/logout").status_code == 204
    assert _presence(runtime, leaving).state == "available"  # still signed in at the desk
    assert desk.post("/api/v1/auth/logout").status_code == 204
    assert _presence(runtime, leaving).state == "offline"
    assert _last_event(runtime, leaving).reason == "logout"
    applied = settle(runtime, service)
    assert [(d.conversation_id, d.advisor_id) for d in applied] == [(conversation_id, staying)]


def test_a_supervisor_setting_an_advisor_offline_requeues_their_work(
    app, runtime, start_service
) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, advisors=2, available=True)
    first, second = world.advisors
    service = start_service()
    conversation_id = open_conversation(runtime.db, world)
    settle(runtime, service)
    assert conversation_of(runtime, conversation_id).assignee_id == first
    supervisor = login(app, world.supervisor_email)
    response = supervisor.put(f"/api/v1/presence/{first}", json={"state": "offline"})
    assert response.status_code == 200, response.text
    applied = settle(runtime, service)
    assert [(d.conversation_id, d.advisor_id) for d in applied] == [(conversation_id, second)]
    assert service.engine.advisors[first].presence.value == "offline"  # type: ignore[union-attr]


def test_an_open_live_feed_beats_for_advisors_only(runtime) -> None:  # type: ignore[no-untyped-def]
    from tawasol.presence.activity import Heartbeat

    forget_activity()
    world = make_world(runtime, available=True)
    advisor_id = world.advisors[0]
    supervisor = Actor(
        user_id=world.supervisor_id, label="s", role=Role.SUPERVISOR, client_ids=None
    )
    assert Heartbeat.of(runtime.db, supervisor) is None
    heartbeat = Heartbeat.of(runtime.db, _advisor(advisor_id))
    assert heartbeat is not None
    with clock_at(_at(0)):
        assert heartbeat.due()
        heartbeat.beat()
        assert not heartbeat.due()
    assert _presence(runtime, advisor_id).last_seen_at == _at(0)
    with clock_at(_at(1.5)):
        assert heartbeat.due()  # a minute later the open console counts again
        heartbeat.beat()
    assert _presence(runtime, advisor_id).last_seen_at == _at(1.5)
