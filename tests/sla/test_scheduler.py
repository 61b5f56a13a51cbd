"""The SLA tick: escalation actions, and two nodes ticking at once report each event once."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import select

from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.models.audit import AuditEntry
from tawasol.models.reporting import ReportingEvent
from tawasol.sla.scheduler import run_tick
from tests.sla.actions import assign, reply, tick_at
from tests.sla.world import (
    POLICY,
    casa,
    conversation_of,
    live_events,
    make_sla_world,
    open_conversation,
    reported,
    sla_row,
)

pytestmark = pytest.mark.db
ESCALATING = {
    **POLICY,
    "escalations": {
        "normal": {"breached": ["raise_priority", "notify_supervisor", "reassign"]},
        "default": {"warning": ["notify_supervisor"]},
    },
}


def _audit(session, conversation_id: int, action: str) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == action, AuditEntry.object_id == str(conversation_id))
            .order_by(AuditEntry.id)
        )
    )


def test_a_breach_raises_priority_notifies_and_releases_to_the_queue(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime, policy=ESCALATING)
    conversation_id = open_conversation(sla_runtime, world, casa(7, 10))
    assign(sla_runtime, conversation_id, world.advisor_id, casa(7, 10, 1))
    tick_at(sla_runtime.db, casa(7, 11))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        conversation = conversation_of(session, conversation_id)
        assert conversation.priority == "high"
        assert conversation.assignee_id is None
        # Resolution re-targeted to 4 h for "high": 1 h used, warning at 2 h.
        assert conversation.resolution_due_at == casa(7, 14)
        assert sla_row(session, conversation_id).next_check_at == casa(7, 12)
        (escalation,) = _audit(session, conversation_id, "sla.escalated")
        assert escalation.actor_label == "sla"
        assert escalation.summary["event"] == "sla.breached"
        assert escalation.summary["priority"] == {"before": "normal", "after": "high"}
        assert escalation.summary["released"] == world.advisor_id
        assert escalation.summary["notified"] == [world.supervisor_id]
        assert len(_audit(session, conversation_id, "conversation.assigned")) == 2
        (alert,) = live_events(session, conversation_id, "sla.escalated")
        assert f"agent:{world.supervisor_id}" in alert.recipients
        assert reported(session, conversation_id) == [
            ("sla_warning", "first_response"),
            ("sla_breached", "first_response"),
            ("sla_escalated", "first_response"),
        ]
    tick_at(sla_runtime.db, casa(7, 11, 30))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert len(_audit(session, conversation_id, "sla.escalated")) == 1
        assert conversation_of(session, conversation_id).priority == "high"


def test_a_priority_without_its_own_escalations_takes_the_default(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    from tawasol.models.vocabulary import Priority

    world = make_sla_world(sla_runtime, policy=ESCALATING)
    conversation_id = open_conversation(sla_runtime, world, casa(7, 10), priority=Priority.HIGH)
    assign(sla_runtime, conversation_id, world.advisor_id, casa(7, 10, 1))
    tick_at(sla_runtime.db, casa(7, 10, 20))  # high: warning at 15 minutes
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        (escalation,) = _audit(session, conversation_id, "sla.escalated")
        assert escalation.summary["actions"] == ["notify_supervisor"]
        conversation = conversation_of(session, conversation_id)
        assert conversation.assignee_id == world.advisor_id  # nothing but a notification
        assert conversation.priority == "high"


def test_no_escalation_for_a_breach_the_reply_ended(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime, policy=ESCALATING)
    conversation_id = open_conversation(sla_runtime, world, casa(7, 10))
    assign(sla_runtime, conversation_id, world.advisor_id, casa(7, 10, 1))
    reply(sla_runtime.db, conversation_id, casa(7, 11, 30))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert reported(session, conversation_id)[-1] == ("sla_breached", "first_response")
        assert _audit(session, conversation_id, "sla.escalated") == []
        assert conversation_of(session, conversation_id).assignee_id == world.advisor_id


def test_two_nodes_ticking_together_report_each_event_once(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime)
    # Wednesday: no conversation of the other tests is due then but not reported already.
    conversations = [open_conversation(sla_runtime, world, casa(9, 10)) for _ in range(24)]
    nodes = [Database(sla_runtime.db.url), Database(sla_runtime.db.url)]
    start = threading.Barrier(len(nodes))
    checked: list[int] = []
    failures: list[BaseException] = []

    def node(db: Database) -> None:
        try:
            start.wait()
            checked.append(run_tick(db, now=casa(9, 11, 30), limit=4))
        except BaseException as error:  # reported below: a thread cannot fail the test
            failures.append(error)

    threads = [threading.Thread(target=node, args=(db,)) for db in nodes]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        for db in nodes:
            db.dispose()
    assert failures == []
    assert sum(checked) >= len(conversations)
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        counts = Counter(
            session.execute(
                select(ReportingEvent.conversation_id, ReportingEvent.type).where(
                    ReportingEvent.conversation_id.in_(conversations),
                    ReportingEvent.type.like("sla_%"),
                )
            ).tuples()
        )
    expected = {(c, t): 1 for c in conversations for t in ("sla_warning", "sla_breached")}
    assert dict(counts) == expected


def _update_settings(sla_runtime, client_id: int, body: dict, at) -> None:  # type: ignore[no-untyped-def]
    from tawasol.db.types import clock_at
    from tawasol.models.client import Client
    from tawasol.sla.actions import do_update_sla_settings
    from tawasol.sla.schemas import SlaSettingsIn
    from tests.factories import SYSTEM

    with clock_at(at), sla_runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, client_id)
        data = SlaSettingsIn.model_validate(body)
        do_update_sla_settings(session, actor=SYSTEM, client=client, data=data)


def test_new_business_hours_move_the_running_clocks(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime)
    conversation_id = open_conversation(sla_runtime, world, casa(14, 17, 30))  # Monday
    longer = {"policy": POLICY, "calendar": {"weekly": {"mon-fri": "09:00-20:00"}}}
    _update_settings(sla_runtime, world.client_id, longer, casa(14, 17, 40))
    tick_at(sla_runtime.db, casa(14, 17, 40))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert conversation_of(session, conversation_id).first_response_due_at == casa(14, 18, 30)
        assert sla_row(session, conversation_id).next_check_at == casa(14, 18)
    disabled = {**longer, "policy": {**POLICY, "enabled": False}}
    _update_settings(sla_runtime, world.client_id, disabled, casa(14, 17, 45))
    tick_at(sla_runtime.db, casa(14, 17, 45))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        conversation = conversation_of(session, conversation_id)
        assert conversation.first_response_due_at is None
        assert conversation.resolution_due_at is None
        assert sla_row(session, conversation_id).next_check_at is None
        assert reported(session, conversation_id) == []


def test_a_tick_skips_a_conversation_a_request_is_changing(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    if sla_runtime.db.is_sqlite:
        pytest.skip("needs PostgreSQL (row locks; SQLite has one writer)")
    from tawasol.db.types import clock_at

    world = make_sla_world(sla_runtime)
    conversation_id = open_conversation(sla_runtime, world, casa(16, 10))
    busy = sla_runtime.db.open(Scope.system())
    try:
        with clock_at(casa(16, 10, 40)):
            conversation_of(busy, conversation_id).subject = "en cours"
            busy.flush()  # the request now holds the conversation's row lock
        other = Database(sla_runtime.db.url)
        try:
            ticking = threading.Thread(target=tick_at, args=(other, casa(16, 10, 45)))
            ticking.start()
            ticking.join(timeout=20)
            assert not ticking.is_alive(), "the tick waited for the request's lock"
            with other.unit(Scope.system(), write=False) as session:
                assert reported(session, conversation_id) == []
        finally:
            other.dispose()
        busy.commit()
    finally:
        sla_runtime.db.close(busy)
    tick_at(sla_runtime.db, casa(16, 10, 45))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert reported(session, conversation_id) == [("sla_warning", "first_response")]
