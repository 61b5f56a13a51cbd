"""`GET /events`: the browser's live feed, as Server-Sent Events.

The console listens here for what the outbox relay publishes after commit: events addressed to
the user (`agent:{id}`) and to each client brand the user may see (`client:{id}`). SSE rather
than WebSockets because the traffic is one-way, it crosses proxies as plain HTTP, and
`EventSource` reconnects by itself. What a browser misses while reconnecting it does not get
replayed: the console re-reads its list and timeline when the stream reopens, which also covers
events older than any replay window.

Subscriptions are awaited on the event loop (`aget`: no thread per open console; with Redis,
one reader thread per node feeds them, see `realtime/bus.py`). A subscription without `aget`
waits in a worker thread under a limiter of its own: a room full of open consoles must not use
up the threadpool that serves the pages. When the bus may have lost events (Redis reconnected)
it sends `resync`: the stream then ends, and the browser's `EventSource` reconnects and the
console re-reads its list and timeline, as after any reconnection.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import anyio
import anyio.to_thread
from anyio.lowlevel import RunVar
from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import select

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import current_actor, get_runtime
from tawasol.auth.permissions import Permission
from tawasol.models.client import Client
from tawasol.presence.activity import Heartbeat
from tawasol.realtime.bus import RESYNC_EVENT, Subscription
from tawasol.realtime.events import agent_channel, client_channel
from tawasol.runtime import Runtime

router = APIRouter(include_in_schema=False)

KEEP_ALIVE_SECONDS = 15.0
RETRY_MILLISECONDS = 3000
# Streams end after this long; the browser reconnects at once, re-authenticated, so a revoked
# session or a withdrawn client grant stops its feed within minutes.
STREAM_LIFETIME_SECONDS = 600.0
# How long one wait holds a thread: also how soon a closed tab frees its subscription.
POLL_SECONDS = 1.0
MAX_WAITING_STREAMS = 2000
_wait_limiter: RunVar[anyio.CapacityLimiter] = RunVar("tawasol_sse_wait_limiter")


def wait_limiter() -> anyio.CapacityLimiter:
    """The event loop's own limiter for stream waits (a RunVar: one per running loop)."""
    try:
        return _wait_limiter.get()
    except LookupError:
        limiter = anyio.CapacityLimiter(MAX_WAITING_STREAMS)
        _wait_limiter.set(limiter)
        return limiter


def stream_channels(runtime: Runtime, actor: Actor) -> list[str]:
    """The user's own channel and one per client in reach (every client for operator-wide)."""
    channels = [] if actor.user_id is None else [agent_channel(actor.user_id)]
    if not actor.can(Permission.CONVERSATIONS_READ):
        return channels
    if actor.client_ids is None:
        with runtime.db.unit(actor.scope, write=False) as session:
            client_ids = sorted(session.scalars(select(Client.id)))
    else:
        client_ids = sorted(actor.client_ids)
    return channels + [client_channel(client_id) for client_id in client_ids]


def format_event(message: dict[str, Any]) -> str:
    """One SSE frame; JSON keeps the data on one line, so no frame can be split or forged."""
    data = json.dumps({"type": message.get("type"), "payload": message.get("payload", {})})
    event_id = message.get("id")
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}data: {data}\n\n"


async def _next_message(subscription: Subscription, wait: float) -> dict[str, Any] | None:
    """Awaited on the event loop when the subscription allows it (the in-process bus: with
    hundreds of open consoles, a thread per wait cost 4x the CPU per event and doubled the
    latency, see docs/performance.md); else in a thread (a blocking `get` only)."""
    aget = getattr(subscription, "aget", None)
    if aget is not None:
        return await aget(wait)  # type: ignore[no-any-return]
    return await anyio.to_thread.run_sync(subscription.get, wait, limiter=wait_limiter())


async def _event_stream(
    request: Request,
    subscription: Subscription,
    lifetime: float,
    alive: Heartbeat | None = None,
) -> AsyncIterator[str]:
    try:
        yield f"retry: {RETRY_MILLISECONDS}\n: connected\n\n"
        deadline = time.monotonic() + lifetime
        quiet_since = time.monotonic()
        while time.monotonic() < deadline and not await request.is_disconnected():
            if alive is not None and alive.due():  # an open console is a sign of life
                await anyio.to_thread.run_sync(alive.beat, limiter=wait_limiter())
            wait = min(POLL_SECONDS, max(deadline - time.monotonic(), 0.01))
            message = await _next_message(subscription, wait)
            if message is not None and message.get("type") == RESYNC_EVENT:
                return  # events were lost: the browser reconnects and re-reads (console.js)
            if message is not None:
                quiet_since = time.monotonic()
                yield format_event(message)
            elif time.monotonic() - quiet_since >= KEEP_ALIVE_SECONDS:
                quiet_since = time.monotonic()
                yield ": keep-alive\n\n"
    finally:
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(subscription.close, limiter=wait_limiter())


@router.get("/events")
def events(
    request: Request,
    max_seconds: float | None = Query(default=None, gt=0, le=STREAM_LIFETIME_SECONDS),
) -> StreamingResponse:
    runtime = get_runtime(request)
    actor = current_actor(request, runtime)
    channels = stream_channels(runtime, actor)
    lifetime = max_seconds or STREAM_LIFETIME_SECONDS
    # Subscribed before the response starts: once the browser sees the stream open, nothing
    # published afterwards can be missed. (This sync endpoint already runs off the event loop.)
    subscription = runtime.bus.subscribe(channels)
    alive = Heartbeat.of(runtime.db, actor)
    return StreamingResponse(
        _event_stream(request, subscription, lifetime, alive),
        media_type="text/event-stream",
        headers={"cache-control": "no-store", "x-accel-buffering": "no"},
    )
