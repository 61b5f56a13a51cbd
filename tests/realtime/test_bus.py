"""The event bus: in-process, and Redis pub/sub against the real server when configured."""

from __future__ import annotations

import uuid

import pytest

from tawasol.realtime.bus import InProcessBus, RedisBus
from tests.conftest import REDIS_URL

needs_redis = pytest.mark.skipif(REDIS_URL is None, reason="TAWASOL_TEST_REDIS_URL not set")


def _prefix() -> str:
    # A prefix of its own: other test runs on the same Redis never hear these events.
    return f"tawasol-test-{uuid.uuid4().hex[:8]}:"


def _roundtrip(bus) -> None:  # type: ignore[no-untyped-def]
    channel = f"agent:{uuid.uuid4().hex}"
    sub = bus.subscribe([channel])
    other = bus.subscribe(["agent:someone-else"])
    try:
        # No pause: whatever is published once `subscribe` returns must arrive.
        bus.publish(channel, {"type": "message.created", "payload": {"text": "سلام"}})
        got = sub.get(timeout=2)
        assert got == {"type": "message.created", "payload": {"text": "سلام"}}
        assert other.get(timeout=0.1) is None
        assert sub.get(timeout=0.2) is None  # delivered once, not also locally
    finally:
        sub.close()
        other.close()
    bus.close()


def test_in_process_bus() -> None:
    _roundtrip(InProcessBus())


@needs_redis
def test_redis_bus_against_real_redis() -> None:
    assert REDIS_URL is not None
    _roundtrip(RedisBus(REDIS_URL, prefix=_prefix()))


@needs_redis
def test_redis_bus_fans_out_across_nodes() -> None:
    assert REDIS_URL is not None
    prefix = _prefix()
    node_a, node_b = RedisBus(REDIS_URL, prefix=prefix), RedisBus(REDIS_URL, prefix=prefix)
    on_a, on_b = node_a.subscribe(["client:7"]), node_b.subscribe(["client:7"])
    try:
        node_a.publish("client:7", {"type": "conversation.created", "payload": {"id": 1}})
        node_b.publish("client:7", {"type": "conversation.created", "payload": {"id": 2}})
        for sub in (on_a, on_b):
            got = [sub.get(timeout=2), sub.get(timeout=2)]
            assert sorted(m["payload"]["id"] for m in got if m) == [1, 2]
    finally:
        node_a.close()
        node_b.close()


def test_a_loss_reaches_every_subscription_once() -> None:
    bus = InProcessBus()
    both, other = bus.subscribe(["client:1", "agent:2"]), bus.subscribe(["client:3"])
    bus.announce_loss()
    for sub in (both, other):
        assert sub.get(timeout=0) == {"type": "resync", "payload": {}}
        assert sub.get(timeout=0) is None
        assert sub.dropped == 1  # routing reads this to rebuild its state  # type: ignore[attr-defined]
