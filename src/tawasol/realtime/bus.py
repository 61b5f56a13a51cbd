"""The event bus: in-process for the embedded mode, Redis pub/sub across nodes."""

from __future__ import annotations

import contextlib
import json
import queue
import threading
import time
from collections import defaultdict
from typing import Any, Protocol

import redis


class Subscription(Protocol):
    def get(self, timeout: float) -> dict[str, Any] | None: ...

    def close(self) -> None: ...


class EventBus(Protocol):
    def publish(self, channel: str, message: dict[str, Any]) -> None: ...

    def subscribe(self, channels: list[str]) -> Subscription: ...

    def close(self) -> None: ...


class _QueueSubscription:
    def __init__(self, bus: InProcessBus, channels: list[str]) -> None:
        self._bus = bus
        self.channels = channels
        self.queue: queue.Queue[dict[str, Any]] = queue.Queue(maxsize=10_000)

    def get(self, timeout: float) -> dict[str, Any] | None:
        try:
            return self.queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        self._bus._remove(self)


class InProcessBus:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[str, list[_QueueSubscription]] = defaultdict(list)

    def publish(self, channel: str, message: dict[str, Any]) -> None:
        with self._lock:
            targets = list(self._subscribers.get(channel, ()))
        for sub in targets:
            with contextlib.suppress(queue.Full):  # a stalled reader must not block the relay
                sub.queue.put_nowait(message)

    def subscribe(self, channels: list[str]) -> Subscription:
        sub = _QueueSubscription(self, channels)
        with self._lock:
            for channel in channels:
                self._subscribers[channel].append(sub)
        return sub

    def _remove(self, sub: _QueueSubscription) -> None:
        with self._lock:
            for channel in sub.channels:
                if sub in self._subscribers.get(channel, []):
                    self._subscribers[channel].remove(sub)

    def close(self) -> None:
        with self._lock:
            self._subscribers.clear()


class _RedisSubscription:
    def __init__(self, client: redis.Redis, channels: list[str], prefix: str) -> None:
        self._pubsub = client.pubsub(ignore_subscribe_messages=True)
        self._pubsub.subscribe(*[prefix + c for c in channels])

    def get(self, timeout: float) -> dict[str, Any] | None:
        # Subscription acknowledgements come back as None too: keep waiting until the deadline.
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            raw = self._pubsub.get_message(timeout=remaining)
            if raw is not None and raw.get("type") == "message":
                return json.loads(raw["data"])
        return None

    def close(self) -> None:
        self._pubsub.close()


class RedisBus:
    """Fan-out across web nodes: every node subscribes for the browsers connected to it."""

    def __init__(self, url: str, prefix: str = "tawasol:") -> None:
        self._client = redis.Redis.from_url(url)
        self._prefix = prefix

    def publish(self, channel: str, message: dict[str, Any]) -> None:
        self._client.publish(self._prefix + channel, json.dumps(message, default=str))

    def subscribe(self, channels: list[str]) -> Subscription:
        return _RedisSubscription(self._client, channels, self._prefix)

    def close(self) -> None:
        self._client.close()


def make_bus(redis_url: str | None) -> EventBus:
    return RedisBus(redis_url) if redis_url else InProcessBus()
