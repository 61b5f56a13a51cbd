"""The event bus: in-process, and Redis pub/sub against the real server when configured."""

from __future__ import annotations

import time
import uuid

import pytest

from tawasol.realtime.bus import InProcessBus, RedisBus
from tests.conftest import REDIS_URL


def _roundtrip(bus) -> None:  # type: ignore[no-untyped-def]
    channel = f"agent:{uuid.uuid4().hex}"
    sub = bus.subscribe([channel])
    other = bus.subscribe(["agent:someone-else"])
    try:
        time.sleep(0.05)
        bus.publish(channel, {"type": "message.created", "payload": {"text": "سلام"}})
        got = sub.get(timeout=2)
        assert got == {"type": "message.created", "payload": {"text": "سلام"}}
        assert other.get(timeout=0.1) is None
    finally:
        sub.close()
        other.close()
    bus.close()


def test_in_process_bus() -> None:
    _roundtrip(InProcessBus())


@pytest.mark.skipif(REDIS_URL is None, reason="TAWASOL_TEST_REDIS_URL not set")
def test_redis_bus_against_real_redis() -> None:
    _roundtrip(RedisBus(REDIS_URL, prefix=f"tawasol-test-{uuid.uuid4().hex[:6]}:"))


@pytest.mark.skipif(REDIS_URL is None, reason="TAWASOL_TEST_REDIS_URL not set")
def test_redis_bus_fans_out_across_nodes() -> None:
    prefix = f"tawasol-test-{uuid.uuid4().hex[:6]}:"
    node_a, node_b = RedisBus(REDIS_URL, prefix=prefix), RedisBus(REDIS_URL, prefix=prefix)
    sub = node_b.subscribe(["client:7"])
    try:
        time.sleep(0.05)
        node_a.publish("client:7", {"type": "conversation.created", "payload": {"id": 1}})
        assert sub.get(timeout=2) == {"type": "conversation.created", "payload": {"id": 1}}
    finally:
        sub.close()
        node_a.close()
        node_b.close()
