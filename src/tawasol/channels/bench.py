"""`tawasol bench ingest`: signed webhook ingest on the embedded default, over real HTTP.

Measures what a provider sees: the time from sending a signed WhatsApp webhook to the 200
that acknowledges it (after the message, contact, conversation, audit entries and outbox rows
are committed). The server is the real app under uvicorn in a process of its own (as in
production: the providers are not in the server's process); the driver sends from this
process with `concurrency` concurrent connections. Measured in the same run against the same
server and database (`bench_server.py`):
- `baseline`: the ingest path as it was before the fast path (one ORM unit of work per
  message, the inbox read on every call);
- `floor`: signature check + the raw body committed into a table of its own, nothing else.
Each figure comes with the server's CPU milliseconds and SQL statements per message.
"""

from __future__ import annotations

import json
import multiprocessing
import os
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

from tawasol.auth.actor import Actor
from tawasol.channels.bench_server import SECRET, serve, signature
from tawasol.clients.actions import do_create_client
from tawasol.clients.schemas import ClientIn
from tawasol.config import Settings
from tawasol.db.database import Database
from tawasol.db.tenancy import Scope
from tawasol.health import wait_until_healthy
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.migrations_runner import upgrade
from tawasol.models.vocabulary import Channel

WARM_UP = 50
PREVIOUS_MAX = 600  # the previous path is slow: a shorter run, same conditions


def _payload(index: int, customers: int, prefix: str = "bench") -> bytes:
    sender = f"2126{61000000 + index % customers:08d}"
    text_body = {"body": f"salam, fin wslat lcommande {index}?"}
    message = {"from": sender, "id": f"wamid.{prefix}.{index}", "timestamp": "1764230000",
               "type": "text", "text": text_body}  # fmt: skip
    value = {"messages": [message], "contacts": [{"wa_id": sender, "profile": {"name": "Client"}}]}
    return json.dumps({"entry": [{"changes": [{"value": value}]}]}).encode()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _drive(url: str, bodies: list[bytes], concurrency: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    lock = threading.Lock()

    def send(client: httpx.Client, body: bytes) -> None:
        started = time.perf_counter()
        headers = {"x-hub-signature-256": signature(body), "content-type": "application/json"}
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


def _setup(settings: Settings) -> tuple[str, str]:
    """A client with two WhatsApp inboxes: one for the current path, one for the baseline."""
    upgrade(settings.resolved_database_url)
    db = Database(settings.resolved_database_url)
    try:
        with db.unit(Scope.system()) as session:
            client = do_create_client(
                session, actor=Actor.system(), data=ClientIn(name="Bench", slug="bench")
            )
            keys = []
            for name in ("wa", "wa-previous"):
                inbox = do_create_inbox(session, actor=Actor.system(), client=client, data=InboxIn(
                    client_id=client.id, name=name, channel=Channel.WHATSAPP,
                    settings={"app_secret": SECRET}))  # fmt: skip
                keys.append(inbox.public_key)
    finally:
        db.dispose()
    return keys[0], keys[1]


def _start_server(data_dir: Path, port: int) -> multiprocessing.process.BaseProcess:
    process = multiprocessing.get_context("spawn").Process(
        target=serve, args=(str(data_dir), port), daemon=True
    )
    process.start()
    if wait_until_healthy(f"http://127.0.0.1:{port}", 60, running=process.is_alive):
        return process
    process.kill()
    raise RuntimeError("the benchmark server did not start")


def _measured(base: str, path: str, bodies: list[bytes], concurrency: int) -> dict[str, Any]:
    """Latency summary plus the server's CPU and statements per message for this phase."""
    before = httpx.get(f"{base}/bench-stats").json()
    result = _summary(*_drive(base + path, bodies, concurrency))
    after = httpx.get(f"{base}/bench-stats").json()
    count = len(bodies)
    result["server_cpu_ms_per_message"] = round(
        (after["cpu_seconds"] - before["cpu_seconds"]) * 1000 / count, 3
    )
    # The stats request itself runs no SQL, so the difference is the phase's own.
    result["statements_per_message"] = round(
        (after["statements"] - before["statements"]) / count, 2
    )
    return result


def run_ingest_benchmark(*, messages: int = 3000, concurrency: int = 16) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="tawasol-bench-"))
    settings = Settings(data_dir=data_dir, run_worker=False, secret_key="bench")
    key, previous_key = _setup(settings)
    load_before = os.getloadavg()[0]
    port = _free_port()
    server = _start_server(data_dir, port)
    base = f"http://127.0.0.1:{port}"
    try:
        customers = max(1, messages // 3)
        bodies = [_payload(i, customers) for i in range(messages + WARM_UP)]
        _drive(f"{base}/webhooks/whatsapp/{key}", bodies[:WARM_UP], concurrency)
        ours = _measured(base, f"/webhooks/whatsapp/{key}", bodies[WARM_UP:], concurrency)
        count = min(messages, PREVIOUS_MAX)
        old = [_payload(i, max(1, count // 3), "previous") for i in range(count + WARM_UP)]
        path = f"/bench-previous/whatsapp/{previous_key}"
        _drive(base + path, old[:WARM_UP], concurrency)
        previous = _measured(base, path, old[WARM_UP:], concurrency)
        floor = _measured(base, "/bench-floor", bodies[WARM_UP:], concurrency)
    finally:
        server.terminate()
        server.join(timeout=10)
    return {
        "benchmark": "ingest",
        "engine": "sqlite (embedded default)",
        "messages": messages,
        "concurrency": concurrency,
        **ours,
        "targets": {"messages_per_second": 500, "p99_ack_ms": 50},
        "meets_target": ours["messages_per_second"] >= 500 and ours["p99_ack_ms"] < 50,
        "baseline": {
            "name": "previous ingest path (ORM, one unit of work per message)",
            "messages": count,
            **previous,
        },  # fmt: skip
        "floor": {"name": "signature check + raw insert, one commit per request", **floor},
        "loadavg_1m_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },  # fmt: skip
    }
