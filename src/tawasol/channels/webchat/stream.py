"""The visitor's event stream (SSE): what was missed, replayed from the database, then live.

The database decides what the visitor sees; the bus only says "look now". On connect the
stream subscribes first, then replays every message after `Last-Event-ID` (or `?after=`), so
nothing falls between replay and live. Each message frame carries its id, so the browser's
automatic reconnect resumes exactly where it stopped; typing and status frames carry none.
Every keep-alive also re-reads the database, which covers a dropped bus message and a
conversation opened after the stream started.

Waiting on the bus blocks, so it runs in a dedicated thread pool (never the request pool,
which sync routes need); each wait is short, so a closed stream frees its thread quickly.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from tawasol.channels.webchat.events import TYPING_EVENT, visitor_channel
from tawasol.channels.webchat.feed import HISTORY_LIMIT, visitor_messages, watched_conversations
from tawasol.channels.webchat.visitor import Visitor
from tawasol.db.tenancy import Scope
from tawasol.realtime.bus import Subscription
from tawasol.runtime import Runtime

KEEPALIVE_SECONDS = 15.0
BUS_WAIT_SECONDS = 1.0
RETRY_MILLISECONDS = 3000
MAX_STREAM_SECONDS = 3600
# Concurrent streams beyond this wait their turn for a bus read (latency, not failure).
_BUS_WAITERS = ThreadPoolExecutor(max_workers=256, thread_name_prefix="webchat-sse")
T = TypeVar("T")


def _json(value: Any) -> str:
    return json.dumps(
        value, ensure_ascii=False, separators=(",", ":"),
        default=lambda v: v.isoformat() if isinstance(v, datetime) else str(v),
    )  # fmt: skip


def frame(event: str, data: Any, *, event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\ndata: {_json(data)}\n\n"


class VisitorStream:
    """One connected widget: its subscription, the last message id it holds, its deadline."""

    def __init__(self, runtime: Runtime, visitor: Visitor, *, after: int | None) -> None:
        self.runtime = runtime
        self.visitor = visitor
        self.after = after
        self.watched: list[int] = []
        self.subscription: Subscription | None = None

    def _read(self, work: Callable[[Session], T]) -> T:
        scope = Scope.clients({self.visitor.inbox.client_id})
        with self.runtime.db.unit(scope, write=False) as session:
            return work(session)

    def _watched(self) -> list[int]:
        inbox, contact = self.visitor.inbox.id, self.visitor.contact_id
        return self._read(lambda s: watched_conversations(s, inbox_id=inbox, contact_id=contact))

    def _resubscribe(self, watched: list[int]) -> None:
        if self.subscription is not None:
            self.subscription.close()
        self.watched = watched
        self.subscription = self.runtime.bus.subscribe([visitor_channel(c) for c in watched])

    def _missed(self) -> list[str]:
        """Message frames after the last one sent, page by page until caught up."""
        frames: list[str] = []
        while True:
            batch = self._read(
                lambda s: visitor_messages(
                    s,
                    public_key=self.visitor.inbox.public_key,
                    inbox_id=self.visitor.inbox.id,
                    contact_id=self.visitor.contact_id,
                    after_id=self.after,
                )  # fmt: skip
            )
            first_page = self.after is None
            for payload in batch:
                frames.append(frame("message", payload, event_id=payload["id"]))
                self.after = payload["id"]
            self.after = self.after or 0
            if first_page or len(batch) < HISTORY_LIMIT:
                return frames

    def _refresh(self) -> list[str]:
        watched = self._watched()
        if watched != self.watched:
            self._resubscribe(watched)
        return self._missed()

    def _translate(self, event: dict[str, Any]) -> list[str]:
        kind, payload = event.get("type"), event.get("payload") or {}
        if kind == "message.created":
            return self._missed()  # the event says "look"; the database says what
        if kind == TYPING_EVENT and payload.get("author") == "advisor":
            return [frame("typing", {"typing": bool(payload.get("typing")),
                                     "name": payload.get("name")})]  # fmt: skip
        if kind == "conversation.status_changed":
            return [frame("status", {"conversation_id": payload.get("conversation_id"),
                                     "status": payload.get("status")})]  # fmt: skip
        return []

    async def events(self, *, max_seconds: float) -> AsyncIterator[str]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max_seconds
        waiting: Future[dict[str, Any] | None] | None = None
        try:
            await run_in_threadpool(lambda: self._resubscribe(self._watched()))
            yield f"retry: {RETRY_MILLISECONDS}\n\n"
            yield frame("ready", {"conversation_ids": self.watched, "after": self.after})
            for chunk in await run_in_threadpool(self._missed):
                yield chunk
            yield frame("synced", {"after": self.after})  # what follows is live
            quiet_since = loop.time()
            while (now := loop.time()) < deadline:
                assert self.subscription is not None
                wait = max(0.0, min(BUS_WAIT_SECONDS, deadline - now))
                waiting = _BUS_WAITERS.submit(self.subscription.get, wait)
                event = await asyncio.wrap_future(waiting)
                waiting = None
                if event is not None:
                    chunks = await run_in_threadpool(self._translate, event)
                elif loop.time() - quiet_since >= KEEPALIVE_SECONDS:
                    chunks = [": keep-alive\n\n", *await run_in_threadpool(self._refresh)]
                else:
                    continue
                for chunk in chunks:
                    yield chunk
                quiet_since = loop.time()
            yield frame("bye", {"reconnect": True})
        finally:
            self._close_after(waiting)

    def _close_after(self, waiting: Future[Any] | None) -> None:
        subscription = self.subscription
        if subscription is None:
            return
        if waiting is None or waiting.done():
            subscription.close()
        else:  # never close a subscription a pool thread is still reading
            waiting.add_done_callback(lambda _done: subscription.close())
