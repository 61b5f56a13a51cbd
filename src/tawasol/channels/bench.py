"""`tawasol bench ingest`: signed webhook ingest on the embedded default, over real HTTP.

Measures what a provider sees: the time from sending a signed WhatsApp webhook to the 200
that acknowledges it (after the message, contact, conversation, audit entry and outbox rows
are committed). The baseline, measured in the same run on the same database and server, is
the durability floor: an endpoint that checks the same signature and commits the raw body
into a table of its own, nothing else.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import platform
import socket
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI, Request
from sqlalchemy import text

from tawasol.app import create_app
from tawasol.auth.actor import Actor
from tawasol.clients.actions import do_create_client
from tawasol.clients.schemas import ClientIn
from tawasol.config import Settings
from tawasol.db.tenancy import Scope
from tawasol.errors import Unauthorized
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.migrations_runner import upgrade
from tawasol.models.vocabulary import Channel
from tawasol.runtime import Runtime

SECRET = "bench-secret"


def _payload(index: int, customers: int) -> bytes:
    sender = f"2126{61000000 + index % customers:08d}"
    text_body = {"body": f"salam, fin wslat lcommande {index}?"}
    message = {"from": sender, "id": f"wamid.bench.{index}", "timestamp": "1764230000",
               "type": "text", "text": text_body}  # fmt: skip
    value = {"messages": [message], "contacts": [{"wa_id": sender, "profile": {"name": "Client"}}]}
    return json.dumps({"entry": [{"changes": [{"value": value}]}]}).encode()


def _signature(body: bytes) -> str:
    return "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _floor_routes(app: FastAPI, runtime: Runtime) -> None:
    with runtime.db.engine.begin() as conn:
        conn.execute(
            text("CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, body TEXT)")
        )

    @app.post("/bench-floor")
    async def floor(request: Request) -> dict[str, bool]:
        body = await request.body()
        if not hmac.compare_digest(
            request.headers.get("x-hub-signature-256", ""), _signature(body)
        ):
            raise Unauthorized("bad signature")

        def store() -> None:
            with runtime.db.engine.begin() as conn:
                conn.execute(
                    text("INSERT INTO bench_floor (body) VALUES (:b)"), {"b": body.decode()}
                )

        import anyio

        await anyio.to_thread.run_sync(store)
        return {"ok": True}


def _drive(url: str, bodies: list[bytes], concurrency: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    lock = threading.Lock()

    def send(client: httpx.Client, body: bytes) -> None:
        started = time.perf_counter()
        headers = {"x-hub-signature-256": _signature(body), "content-type": "application/json"}
        response = client.post(url, content=body, headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
        response.raise_for_status()
        with lock:
            latencies.append(elapsed)

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    with httpx.Client(limits=limits, timeout=60) as client, ThreadPoolExecutor(concurrency) as pool:
        started = time.perf_counter()
        list(pool.map(lambda body: send(client, body), bodies))
        wall = time.perf_counter() - started
    return latencies, wall


def _summary(latencies: list[float], wall: float) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "messages_per_second": round(len(ordered) / wall, 1),
        "p50_ack_ms": round(statistics.median(ordered), 2),
        "p99_ack_ms": round(ordered[int(len(ordered) * 0.99) - 1], 2),
    }


def run_ingest_benchmark(*, messages: int = 3000, concurrency: int = 16) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="tawasol-bench-"))
    settings = Settings(data_dir=data_dir, run_worker=False, secret_key="bench")
    upgrade(settings.resolved_database_url)
    runtime = Runtime.build(settings)
    with runtime.db.unit(Scope.system()) as session:
        client = do_create_client(
            session, actor=Actor.system(), data=ClientIn(name="Bench", slug="bench")
        )
        inbox = do_create_inbox(session, actor=Actor.system(), client=client, data=InboxIn(
            client_id=client.id, name="wa", channel=Channel.WHATSAPP,
            settings={"app_secret": SECRET}))  # fmt: skip
        key = inbox.public_key
    app = create_app(settings, runtime)
    _floor_routes(app, runtime)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        base = f"http://127.0.0.1:{port}"
        bodies = [_payload(i, customers=max(1, messages // 3)) for i in range(messages)]
        _drive(f"{base}/webhooks/whatsapp/{key}", bodies[:50], concurrency)  # warm-up
        ours = _summary(*_drive(f"{base}/webhooks/whatsapp/{key}", bodies[50:], concurrency))
        floor = _summary(*_drive(f"{base}/bench-floor", bodies[50:], concurrency))
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        runtime.close()
    return {
        "benchmark": "ingest",
        "engine": "sqlite (embedded default)",
        "messages": messages - 50,
        "concurrency": concurrency,
        **ours,
        "targets": {"messages_per_second": 500, "p99_ack_ms": 50},
        "baseline": {"name": "signature check + raw insert, one commit per request", **floor},
        "machine": {
            "cpus": __import__("os").cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },  # fmt: skip
    }
