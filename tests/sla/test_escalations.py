"""Raising the priority: once per look at the clocks, and routing hears it for waiting work."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.audit import AuditEntry
from tests.sla.actions import assign, tick_at
from tests.sla.world import (
    POLICY,
    casa,
    conversation_of,
    live_events,
    make_sla_world,
    open_conversation,
    reported,
)

pytestmark = pytest.mark.db
RAISING = {
    **POLICY,
    "escalations": {"default": {"warning": ["raise_priority"], "breached": ["raise_priority"]}},
}


def _escalations(session, conversation_id: int) -> list[dict]:  # type: ignore[no-untyped-def]
    rows = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == "sla.escalated", AuditEntry.object_id == str(conversation_id))
        .order_by(AuditEntry.id)
    )
    return [row.summary for row in rows]


def test_a_late_tick_finding_warning_and_breach_raises_the_priority_once(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime, policy=RAISING)
    conversation_id = open_conversation(sla_runtime, world, casa(30, 10))  # Wednesday
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        signals_before = len(live_events(session, conversation_id, "routing.opened"))
    # First response: warning at 10:30, breach at 11:00; nobody looked until 11:30.
    tick_at(sla_runtime.db, casa(30, 11, 30))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert conversation_of(session, conversation_id).priority == "high"
        assert reported(session, conversation_id) == [
            ("sla_warning", "first_response"),
            ("sla_escalated", "first_response"),
            ("sla_breached", "first_response"),
        ]
        (warning,) = _escalations(session, conversation_id)  # the breach had nothing left to do
        assert warning["priority"] == {"before": "normal", "after": "high"}
        # Still waiting: the engines re-read the item with its new priority.
        signals = live_events(session, conversation_id, "routing.opened")
        assert len(signals) == signals_before + 1
    # The resolution clock now has the high target (4 h): its warning is the next level.
    tick_at(sla_runtime.db, casa(30, 12, 10))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        assert conversation_of(session, conversation_id).priority == "urgent"
        assert _escalations(session, conversation_id)[-1]["target"] == "resolution"


def test_an_assigned_conversation_is_not_offered_to_routing_again(sla_runtime) -> None:  # type: ignore[no-untyped-def]
    world = make_sla_world(sla_runtime, policy=RAISING)
    conversation_id = open_conversation(sla_runtime, world, casa(30, 10))
    assign(sla_runtime, conversation_id, world.advisor_id, casa(30, 10, 5))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        signals_before = len(live_events(session, conversation_id, "routing.opened"))
    tick_at(sla_runtime.db, casa(30, 10, 40))
    with sla_runtime.db.unit(Scope.system(), write=False) as session:
        conversation = conversation_of(session, conversation_id)
        assert conversation.priority == "high"
        assert conversation.assignee_id == world.advisor_id
        assert len(live_events(session, conversation_id, "routing.opened")) == signals_before
