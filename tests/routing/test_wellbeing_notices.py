"""Break reminders leave the engine: a realtime event to the advisor, a reporting event.

The service is stepped by hand with a manual clock (`conftest.start_service`); the
client's policy reminds after 2 h and enforces after 2.5 h of continuous handling.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.outbox import OutboxEvent
from tawasol.models.reporting import ReportingEvent
from tawasol.routing.break_notice import EVENT_TYPE
from tests.routing.world import add_advisor, make_world, open_conversation

from .conftest import settle

HOUR = 3600.0
POLICY = {
    "break_reminder_after_seconds": 2 * HOUR,
    "break_enforced_after_seconds": 2.5 * HOUR,
    "occupancy_cap": None,
}


def _notices(runtime, advisor_id: int) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        rows = session.scalars(
            select(OutboxEvent).where(OutboxEvent.type == EVENT_TYPE).order_by(OutboxEvent.id)
        )
        return [row.payload for row in rows if f"agent:{advisor_id}" in row.recipients]


def _counted(runtime, client_id: int) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        rows = session.scalars(
            select(ReportingEvent).where(
                ReportingEvent.client_id == client_id, ReportingEvent.type == "break_reminder"
            )
        )
        return [row.data for row in rows]


def test_the_advisor_is_reminded_once_per_stretch_and_told_when_enforced(
    runtime, start_service, clock
) -> None:  # type: ignore[no-untyped-def]
    world = make_world(runtime, capacity=10, policy=POLICY, available=True)
    [advisor] = world.advisors
    service = start_service()
    open_conversation(runtime.db, world)
    settle(runtime, service)
    assert _notices(runtime, advisor) == []

    clock.advance(2 * HOUR + 60)
    open_conversation(runtime.db, world)
    assert len(settle(runtime, service)) == 1
    [reminder] = _notices(runtime, advisor)
    assert reminder == {
        "user_id": advisor,
        "handling_minutes": 121,
        "reminder_after_minutes": 120,
        "enforced_after_minutes": 150,
        "enforced": False,
    }
    assert _counted(runtime, world.client_id) == [{"handling_minutes": 121, "enforced": False}]

    clock.advance(60)
    open_conversation(runtime.db, world)
    service.load()  # a rebuild forgets neither the stretch nor the reminder given
    assert len(settle(runtime, service)) == 1
    assert len(_notices(runtime, advisor)) == 1

    clock.advance(0.5 * HOUR)
    relief, _ = add_advisor(runtime, world, capacity=10)
    settle(runtime, service)
    open_conversation(runtime.db, world)
    [decision] = settle(runtime, service)
    assert decision.advisor_id == relief
    told = _notices(runtime, advisor)[-1]
    assert told["enforced"] is True and told["handling_minutes"] == 152
    open_conversation(runtime.db, world)
    settle(runtime, service)
    assert len(_notices(runtime, advisor)) == 2
    assert [row["enforced"] for row in _counted(runtime, world.client_id)] == [False, True]
