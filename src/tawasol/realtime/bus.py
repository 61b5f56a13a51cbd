"""The event bus: in-process for the embedded mode, Redis pub/sub across nodes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import queue
import threading
from collections import defaultdict
from typing import Any, Protocol

import anyio
import redis
from redis.client import PubSub

log = logging.getLogger(__name__)


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
        # Messages lost because the reader fell behind (a reader that must not miss any,
        # like routing, rebuilds its state when this grows).
        self.dropped = 0
        # Set by the first `aget`: the event loop to wake when a message is queued.
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready: asyncio.Event | None = None

    def get(self, timeout: float) -> dict[str, Any] | None:
        try:
            return self.queue.get(timeout=timeout)
        except queue.Empty:
            return None

    async def aget(self, timeout: float) -> dict[str, Any] | None:
        """`get` awaited on the event loop: an open SSE stream then costs no thread, and a
        message reaches hundreds of streams without waking a thread for each."""
        if self._ready is None:
            self._loop, self._ready = asyncio.get_running_loop(), asyncio.Event()
        self._ready.clear()
        # Checked after clear(): a message queued before it is seen here, one queued after
        # it sets the event.
        try:
            return self.queue.get_nowait()
        except queue.Empty:
            pass
        with anyio.move_on_after(timeout):
            await self._ready.wait()
        try:
            return self.queue.get_nowait()
        except queue.Empty:
            return None

    def _notify(self) -> None:
        loop, ready = self._loop, self._ready
        if loop is not None and ready is not None:
            # RuntimeError: the loop has closed, nobody waits any more.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(ready.set)

    def close(self) -> None:
        self._bus._remove(self)


RESYNC_EVENT = "resync"


class InProcessBus:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[str, list[_QueueSubscription]] = defaultdict(list)

    def publish(self, channel: str, message: dict[str, Any]) -> None:
        with self._lock:
            targets = list(self._subscribers.get(channel, ()))
        for sub in targets:
            _deliver(sub, message)

    def subscribe(self, channels: list[str]) -> Subscription:
        sub = _QueueSubscription(self, channels)
        with self._lock:
            for channel in channels:
                self._subscribers[channel].append(sub)
        return sub

    def announce_loss(self) -> None:
        """Tell every subscription that events may have been lost: `dropped` grows (routing
        rebuilds its state) and a `resync` event is queued (an SSE stream then ends, so the
        browser reconnects and the console re-reads its pages)."""
        with self._lock:
            targets = {id(sub): sub for subs in self._subscribers.values() for sub in subs}
        for sub in targets.values():
            sub.dropped += 1
            _deliver(sub, {"type": RESYNC_EVENT, "payload": {}})

    def _remove(self, sub: _QueueSubscription) -> None:
        with self._lock:
            for channel in sub.channels:
                if sub in self._subscribers.get(channel, []):
                    self._subscribers[channel].remove(sub)

    def close(self) -> None:
        with self._lock:
            self._subscribers.clear()


def _deliver(sub: _QueueSubscription, message: dict[str, Any]) -> None:
    try:
        sub.queue.put_nowait(message)
    except queue.Full:  # a stalled reader must not block the relay
        sub.dropped += 1
    else:
        sub._notify()


def _glob_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "*?[]\\" else ch for ch in text)


class RedisBus:
    """Fan-out across web nodes with one Redis pattern subscription per node.

    One reader thread holds `PSUBSCRIBE prefix*` and hands each message to an in-process bus,
    so an open console costs a queue awaited on the event loop, not a Redis connection (a
    connection per stream ran out of redis-py's pool at ≈100 streams). Publishing goes to
    Redis only: this node hears its own events back through the pattern, once.
    When the connection drops, the reader reconnects with backoff; what was published
    meanwhile is lost, so once back it announces the loss to every local subscription.
    """

    POLL_SECONDS = 0.25  # how soon `close()` stops the reader
    BACKOFF_SECONDS = (0.1, 5.0)  # first and longest wait between reconnection attempts

    def __init__(self, url: str, prefix: str = "tawasol:", *, ready_timeout: float = 10.0) -> None:
        self.client_name = f"tawasol-bus-{os.getpid()}-{id(self):x}"
        self._client = redis.Redis.from_url(url, client_name=self.client_name)
        self._prefix = prefix
        self._local = InProcessBus()
        self._stop = threading.Event()
        self._ready = threading.Event()  # set while the pattern subscription is confirmed
        self.confirmations = 0  # pattern subscriptions confirmed: more than one = reconnected
        self._reader = threading.Thread(target=self._run, name="redis-bus", daemon=True)
        self._reader.start()
        # Once confirmed, a subscription made afterwards sees every later publish. If Redis
        # is down, start anyway: the reader keeps trying and announces the loss when back.
        if not self._ready.wait(ready_timeout):
            log.warning("redis bus: not subscribed after %.0f s, still trying", ready_timeout)

    @property
    def connected(self) -> bool:
        return self._ready.is_set()

    def publish(self, channel: str, message: dict[str, Any]) -> None:
        self._client.publish(self._prefix + channel, json.dumps(message, default=str))

    def subscribe(self, channels: list[str]) -> Subscription:
        return self._local.subscribe(channels)

    def close(self) -> None:
        self._stop.set()
        self._reader.join(timeout=5)
        self._local.close()
        self._client.close()

    def _run(self) -> None:
        delay = self.BACKOFF_SECONDS[0]
        while not self._stop.is_set():
            before = self.confirmations
            pubsub = self._client.pubsub()
            try:
                pubsub.psubscribe(_glob_escape(self._prefix) + "*")
                self._listen(pubsub)
            except (redis.ConnectionError, redis.TimeoutError, OSError) as error:
                log.warning("redis bus: connection lost (%s), retrying in %.1f s", error, delay)
            except Exception:  # a bug must not end the node's live feed for good
                log.exception("redis bus: reader failed, retrying in %.1f s", delay)
            finally:
                self._ready.clear()
                with contextlib.suppress(Exception):
                    pubsub.close()
            if self.confirmations > before:  # that connection worked: start the backoff over
                delay = self.BACKOFF_SECONDS[0]
            self._stop.wait(delay)
            delay = min(delay * 2, self.BACKOFF_SECONDS[1])

    def _listen(self, pubsub: PubSub) -> None:
        """Dispatch until closed. redis-py may reconnect and re-subscribe by itself, so a
        confirmation after the first one means the same as a reconnection by `_run`."""
        while not self._stop.is_set():
            raw = pubsub.get_message(timeout=self.POLL_SECONDS)
            if raw is None:
                continue
            if raw["type"] == "psubscribe":
                self._ready.set()
                self.confirmations += 1
                if self.confirmations > 1:
                    log.warning("redis bus: reconnected, local subscribers told to resync")
                    self._local.announce_loss()
            elif raw["type"] == "pmessage":
                self._dispatch(raw["channel"], raw["data"])

    def _dispatch(self, channel: bytes, data: bytes) -> None:
        try:
            message = json.loads(data)
        except ValueError:  # not ours (someone else publishing under the prefix)
            log.warning("redis bus: ignored a message that is not JSON on %r", channel)
            return
        self._local.publish(channel.decode()[len(self._prefix) :], message)


def make_bus(redis_url: str | None) -> EventBus:
    return RedisBus(redis_url) if redis_url else InProcessBus()
