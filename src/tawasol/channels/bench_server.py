"""The server side of `tawasol bench ingest`: the real app under uvicorn, in its own process.

Besides the app's own webhook route it serves, for the same run:
- `/bench-previous/whatsapp/{key}`: the ingest path as it was before the fast path (inbox
  read from the database on every call, one ORM unit of work and commit per message, a unit
  for delivery statuses on every call) — the baseline;
- `/bench-floor`: the durability floor (same signature check, the raw body committed into a
  table of its own, nothing else);
- `/bench-stats`: this process's CPU seconds and SQL statements so far, so the driver reports
  CPU and statements per message, which a loaded machine does not distort.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Request
from sqlalchemy import event, select, text
from starlette.concurrency import run_in_threadpool

from tawasol.app import create_app
from tawasol.auth.actor import Actor
from tawasol.channels.delivery import apply_delivery_report
from tawasol.channels.ingest import ingest_in_own_unit
from tawasol.channels.whatsapp.adapter import WhatsAppAdapter
from tawasol.config import Settings
from tawasol.db.tenancy import Scope
from tawasol.errors import ApiError, NotFound, Unauthorized
from tawasol.models.inbox import Inbox
from tawasol.runtime import Runtime

SECRET = "bench-secret"


def signature(body: bytes) -> str:
    return "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


def _previous_path(
    runtime: Runtime, public_key: str, request: Request, body: bytes
) -> dict[str, int]:
    with runtime.db.unit(Scope.system(), write=False) as session:
        inbox = session.scalars(
            select(Inbox).where(Inbox.public_key == public_key, Inbox.channel == "whatsapp")
        ).first()
    if inbox is None or not inbox.is_active:
        raise NotFound("no active inbox answers to this key", code="unknown_inbox")
    adapter = WhatsAppAdapter()
    headers = {k.lower(): v for k, v in request.headers.items()}
    adapter.verify(inbox, headers=headers, body=body)
    parsed, reports = adapter.parse(inbox, body), adapter.delivery_reports(inbox, body)
    actor = Actor.system("webhook:whatsapp")
    accepted = 0
    for inbound in parsed.messages:
        try:
            result = ingest_in_own_unit(runtime.db, actor=actor, inbox=inbox, inbound=inbound)
            accepted += result.created_message
        except ApiError:
            continue
    with runtime.db.unit(Scope.clients({inbox.client_id})) as session:
        for report in reports:
            apply_delivery_report(session, inbox=inbox, report=report)
    return {"accepted": accepted}


def _bench_routes(app: FastAPI, runtime: Runtime) -> None:
    statements = [0]

    def count(*_args: object) -> None:
        statements[0] += 1

    event.listen(runtime.db.engine, "before_cursor_execute", count)
    with runtime.db.engine.begin() as conn:
        conn.execute(
            text("CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, body TEXT)")
        )

    @app.post("/bench-previous/whatsapp/{public_key}")
    async def previous(public_key: str, request: Request) -> dict[str, int]:
        body = await request.body()  # then a worker thread, as the sync route it was
        return await run_in_threadpool(_previous_path, runtime, public_key, request, body)

    @app.post("/bench-floor")
    async def floor(request: Request) -> dict[str, bool]:
        body = await request.body()
        if not hmac.compare_digest(request.headers.get("x-hub-signature-256", ""), signature(body)):
            raise Unauthorized("bad signature")

        def store() -> None:
            with runtime.db.engine.begin() as conn:
                conn.execute(
                    text("INSERT INTO bench_floor (body) VALUES (:b)"), {"b": body.decode()}
                )

        import anyio

        await anyio.to_thread.run_sync(store)
        return {"ok": True}

    @app.get("/bench-stats")
    def stats() -> dict[str, float]:
        return {"cpu_seconds": time.process_time(), "statements": statements[0]}


def serve(data_dir: str, port: int) -> None:
    """Entry point of the server process."""
    settings = Settings(data_dir=Path(data_dir), run_worker=False, secret_key="bench")
    runtime = Runtime.build(settings)
    app = create_app(settings, runtime)
    _bench_routes(app, runtime)
    # As `tawasol serve` runs in production, minus the access log (one line per delivery).
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="error", access_log=False,
        http="httptools", loop="auto",  # uvloop when installed (a dependency on POSIX)
    )  # fmt: skip
    server = uvicorn.Server(config)
    try:
        server.run()
    finally:
        runtime.close()
