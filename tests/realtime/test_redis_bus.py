"""The Redis bus at scale and across a lost connection, against the real server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis

from tawasol.realtime.bus import RedisBus
from tests.conftest import REDIS_URL

pytestmark = pytest.mark.skipif(REDIS_URL is None, reason="TAWASOL_TEST_REDIS_URL not set")


@pytest.fixture
def admin() -> Iterator[redis.Redis]:
    assert REDIS_URL is not None
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    client.close()


@pytest.fixture
def bus() -> Iterator[RedisBus]:
    assert REDIS_URL is not None
    node = RedisBus(REDIS_URL, prefix=f"tawasol-test-{uuid.uuid4().hex[:8]}:")
    yield node
    node.close()


def _subscriber_ids(admin: redis.Redis, bus: RedisBus) -> list[str]:
    return [c["id"] for c in admin.client_list(_type="pubsub") if c["name"] == bus.client_name]


def _kill(admin: redis.Redis, bus: RedisBus) -> None:
    """What a Redis restart does to the reader: its pub/sub connection is cut. Only this bus's
    connection (CLIENT KILL ID ... TYPE pubsub): other runs share this Redis."""
    ids = _subscriber_ids(admin, bus)
    assert ids
    for client_id in ids:
        admin.client_kill_filter(_id=client_id, _type="pubsub")


def test_300_streams_share_one_redis_subscription(admin, bus) -> None:  # type: ignore[no-untyped-def]
    subs = [bus.subscribe(["client:1", f"agent:{n}"]) for n in range(300)]
    assert len(_subscriber_ids(admin, bus)) == 1
    bus.publish("client:1", {"type": "message.created", "payload": {"n": 1}})
    bus.publish("agent:299", {"type": "mention.created", "payload": {}})
    for sub in subs:
        assert sub.get(timeout=2) == {"type": "message.created", "payload": {"n": 1}}
    assert subs[-1].get(timeout=2) == {"type": "mention.created", "payload": {}}
    assert all(sub.get(timeout=0) is None for sub in subs)  # once each, nothing else
    for sub in subs:
        sub.close()


def test_the_reader_reconnects_and_tells_subscribers_to_resync(admin, bus) -> None:  # type: ignore[no-untyped-def]
    sub = bus.subscribe(["client:9"])
    _kill(admin, bus)
    assert sub.get(timeout=10) == {"type": "resync", "payload": {}}
    assert sub.dropped == 1  # type: ignore[attr-defined]
    assert bus.connected
    bus.publish("client:9", {"type": "message.created", "payload": {"after": True}})
    assert sub.get(timeout=2) == {"type": "message.created", "payload": {"after": True}}
    assert len(_subscriber_ids(admin, bus)) == 1


def test_the_reader_keeps_trying_while_redis_is_away(admin, bus, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    """Connections refused for a while (the server restarting): backoff, then back."""
    sub = bus.subscribe(["client:9"])
    connection_class = bus._client.connection_pool.connection_class
    real_connect, refused = connection_class.connect, {"left": 4}

    def flaky_connect(self) -> None:  # type: ignore[no-untyped-def]
        # Only this bus's new connections: the admin client shares the class.
        if self.client_name == bus.client_name and self._sock is None and refused["left"]:
            refused["left"] -= 1
            raise redis.ConnectionError("refused (test)")
        real_connect(self)

    monkeypatch.setattr(connection_class, "connect", flaky_connect)
    with caplog.at_level("WARNING", logger="tawasol.realtime.bus"):
        _kill(admin, bus)
        assert sub.get(timeout=15) == {"type": "resync", "payload": {}}
    assert refused["left"] == 0
    assert any("connection lost" in r.getMessage() for r in caplog.records)
    bus.publish("client:9", {"type": "ping"})
    assert sub.get(timeout=2) == {"type": "ping"}
