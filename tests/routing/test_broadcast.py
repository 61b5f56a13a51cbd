"""Routing signals reach every node: two runtimes, one database, one real Redis.

Node A serves the API and relays its outbox but runs no routing; node B runs routing but
never relays. A conversation opened through A can only reach B's engine over the bus.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models.conversation import Conversation
from tawasol.models.routing import RoutingDecision
from tawasol.realtime.bus import RedisBus
from tawasol.routing.service import RoutingService, service_for
from tawasol.runtime import Runtime
from tests.conftest import REDIS_URL, settings_for
from tests.factories import login
from tests.routing.world import make_world, open_conversation

pytestmark = pytest.mark.skipif(REDIS_URL is None, reason="TAWASOL_TEST_REDIS_URL not set")


def _node(tmp: Path, database_url: str, prefix: str) -> Runtime:
    assert REDIS_URL is not None
    node = Runtime.build(settings_for(tmp, database_url, redis_url=REDIS_URL))
    node.bus.close()
    # A prefix of its own: other test runs on the same Redis never hear these signals.
    node.bus = node.relay.bus = RedisBus(REDIS_URL, prefix=prefix)
    return node


@pytest.fixture
def nodes(database_url: str, tmp_path: Path) -> Iterator[tuple[Runtime, Runtime]]:
    prefix = f"tawasol-test-{uuid.uuid4().hex[:8]}:"
    a = _node(tmp_path / "a", database_url, prefix)
    b = _node(tmp_path / "b", database_url, prefix)
    yield a, b
    a.close()
    b.close()


def _assignee(runtime: Runtime, conversation_id: int) -> int | None:
    with runtime.db.unit(Scope.system(), write=False) as session:
        found = session.get(Conversation, conversation_id)
        assert found is not None
        return found.assignee_id


def test_a_conversation_opened_on_node_a_is_pushed_by_node_b(nodes) -> None:  # type: ignore[no-untyped-def]
    from tawasol.app import create_app

    a, b = nodes
    world = make_world(a, available=True)
    a.relay.drain()  # the presence signals of the setup, before B listens
    routing_b = RoutingService(b.db, bus=b.bus, interval_seconds=0.05)
    routing_b.start()
    try:
        supervisor = login(create_app(a.settings, a), world.supervisor_email)
        body = {"inbox_id": world.inbox_id, "contact_id": world.contact_id, "text": "salam"}
        opened = supervisor.post("/api/v1/conversations", json=body)
        assert opened.status_code == 201, opened.text
        conversation_id = opened.json()["id"]
        started = time.monotonic()
        a.relay.drain()  # A publishes the signal; only B's engine can act on it
        while _assignee(a, conversation_id) is None:
            assert time.monotonic() - started < 5, "node B never pushed the conversation"
            time.sleep(0.02)
        elapsed = time.monotonic() - started
    finally:
        routing_b.stop()
    assert service_for(a.db.engine) is None  # A never had routing: B made the decision
    assert _assignee(a, conversation_id) == world.advisors[0]
    assert elapsed < 2.0, f"pushed after {elapsed:.2f} s"
    with a.db.unit(Scope.system(), write=False) as session:
        decision = session.scalars(
            select(RoutingDecision).where(RoutingDecision.conversation_id == conversation_id)
        ).one()
    assert decision.advisor_id == world.advisors[0]


def _step_until(node: Runtime, service: RoutingService, done, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 5
    node.relay.drain()
    while not done():
        assert time.monotonic() < deadline, what
        service.step()
        time.sleep(0.02)


def test_node_b_follows_what_happens_on_node_a(nodes) -> None:  # type: ignore[no-untyped-def]
    """Pull mode: B's engine routes nothing itself, it only learns from A's signals."""
    from tawasol.app import create_app

    a, b = nodes
    world = make_world(a, policy={"mode": "pull"}, available=True)
    a.relay.drain()
    routing_b = RoutingService(b.db, bus=b.bus).attach()
    try:
        routing_b.load()
        engine = routing_b._engine
        conversation_id = open_conversation(a.db, world)
        _step_until(a, routing_b, lambda: conversation_id in engine.waiting, "opened not heard")

        supervisor = login(create_app(a.settings, a), world.supervisor_email)
        url = f"/api/v1/conversations/{conversation_id}"
        assigned = supervisor.post(f"{url}/assign", json={"assignee_id": world.advisors[0]})
        assert assigned.status_code == 200, assigned.text
        _step_until(a, routing_b, lambda: conversation_id in engine.assignments, "assign lost")
        assert conversation_id not in engine.waiting
        assert engine.advisors[world.advisors[0]].total_load == 1

        supervisor.post(f"{url}/status", json={"status": "resolved"})
        _step_until(a, routing_b, lambda: conversation_id not in engine.assignments, "release")
        assert engine.advisors[world.advisors[0]].total_load == 0
    finally:
        routing_b.detach()
