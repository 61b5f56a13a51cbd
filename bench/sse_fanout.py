#!/usr/bin/env python
"""Benchmark: commit → browser latency of live events with many open SSE streams.

Console target: with 500 open `/events` streams, an event reaches a connected browser
p99 < 300 ms after its commit. The script seeds a SQLite database (the loaders of
`bench/conversation_list.py`, imported), creates the users of one client (mostly advisors, one
in ten a supervisor) and starts the real app under uvicorn in a child process (the embedded
default: SQLite, in-process bus, outbox relay thread; `--redis URL` for the Redis bus). Each
user logs in over HTTP; the streams are raw asyncio sockets (cheap: one process, no threads).
An operator admin then posts internal notes through the API; each commit writes an outbox row
whose `message.created` event goes to the client's channel, so every stream should get it.

Commit time: the child process records `time.time()` in SQLAlchemy's `after_commit` for the
outbox rows the transaction wrote (before the relay is woken), and serves them on
`/_bench/commits`; a stream stamps each frame when its bytes are read. Latency = receive −
commit, per delivery. Baseline in the same run: the same trigger with one stream open. One
JSON line on stdout; progress on stderr.

    .venv/bin/python bench/sse_fanout.py
    .venv/bin/python bench/sse_fanout.py --redis redis://127.0.0.1:6379/0
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.engine import make_url

import conversation_list as seed  # the sibling benchmark's seeding and summary helpers
from tawasol.health import wait_until_healthy
from tawasol.migrations_runner import upgrade
from tawasol.models.conversation import Conversation
from tawasol.models.vocabulary import Role
from tawasol.runtime import Runtime
from tawasol.users.actions import do_create_user
from tawasol.users.schemas import ClientGrant, UserIn

TARGET_P99_MS = 300.0
HOST = "127.0.0.1"
log = seed.log


# ---------------------------------------------------------------------------------------------
# The server (child process): the real app, plus a commit-time recorder for the outbox rows


def serve(args: argparse.Namespace) -> None:
    import threading

    import uvicorn
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from tawasol.app import create_app
    from tawasol.models.outbox import OutboxEvent

    commits: dict[int, float] = {}

    @event.listens_for(Session, "after_flush")
    def _flushed(session: Session, _context: Any) -> None:
        rows = [o.id for o in session.new if isinstance(o, OutboxEvent)]
        if rows:
            session.info.setdefault("bench_outbox", []).extend(rows)

    @event.listens_for(Session, "after_commit")
    def _committed(session: Session) -> None:
        rows = session.info.pop("bench_outbox", None)
        if rows:
            now = time.time()
            for row_id in rows:
                commits[row_id] = now

    @event.listens_for(Session, "after_rollback")
    def _rolled_back(session: Session) -> None:
        session.info.pop("bench_outbox", None)

    settings = seed.bench_settings(Path(args.data_dir), args.url).model_copy(
        update={"run_worker": True, "redis_url": args.redis, "cookie_secure": False}
    )
    app = create_app(settings)

    def snapshot() -> dict[str, Any]:
        # The server's CPU time: per delivery, the figure the machine's load does not inflate.
        return {
            "commits": dict(commits),
            "threads": threading.active_count(),
            "cpu_s": time.process_time(),
        }

    app.add_api_route("/_bench/commits", snapshot, methods=["GET"], include_in_schema=False)
    uvicorn.run(
        app, host=HOST, port=args.port, log_level="warning", access_log=False,
        timeout_graceful_shutdown=2,
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Seeding (parent process)


def create_users(runtime: Runtime, client_id: int, count: int) -> list[str]:
    """`count` users of the client: one supervisor in ten, the others advisors."""
    grants = [ClientGrant(client_id=client_id, certified=True)]
    emails = []
    with runtime.db.unit(seed.SYSTEM.scope) as session:
        for i in range(count):
            role = Role.SUPERVISOR if i % 10 == 9 else Role.ADVISOR
            email = f"sse{i:04d}@bench.tawasol.ma"
            data = UserIn(
                email=email, full_name=f"Sse {i}", role=role, password=seed.PASSWORD,
                all_clients=False, clients=grants,
            )  # fmt: skip
            do_create_user(session, actor=seed.SYSTEM, hasher=runtime.hasher, data=data)
            emails.append(email)
    return emails


def prepare(url: str, data_dir: Path, args: argparse.Namespace) -> dict[str, Any]:
    upgrade(url)
    runtime = Runtime.build(seed.bench_settings(data_dir, url))
    try:
        world = seed.create_world(runtime, 2)
        load_args = argparse.Namespace(rows=args.conversations, engine="sqlite", batch=10_000)
        seed.load(runtime, world, load_args, random.Random(args.seed))
        client_id = world["clients"][0]
        world["users"] = create_users(runtime, client_id, args.connections)
        with runtime.db.engine.connect() as conn:
            world["conversations"] = list(
                conn.scalars(
                    select(Conversation.id)
                    .where(Conversation.client_id == client_id)
                    .order_by(Conversation.id)
                    .limit(200)
                )
            )
    finally:
        runtime.close()
    return world


# ---------------------------------------------------------------------------------------------
# Clients (parent process)


class Stream:
    """One browser's `EventSource`, as a raw HTTP/1.1 socket reading a chunked body."""

    def __init__(self, port: int, cookie: str) -> None:
        self.port, self.cookie = port, cookie
        self.frames: list[tuple[float, bytes]] = []
        self.ready = asyncio.Event()
        self.error: str | None = None
        self.task: asyncio.Task[None] | None = None

    async def run(self) -> None:
        try:
            await self._read()
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            self.error = f"{type(exc).__name__}: {exc}"
            self.ready.set()

    async def _read(self) -> None:
        reader, writer = await asyncio.open_connection(HOST, self.port)
        try:
            writer.write(
                f"GET /events HTTP/1.1\r\nHost: {HOST}:{self.port}\r\nCookie: {self.cookie}\r\n"
                "Accept: text/event-stream\r\n\r\n".encode()
            )
            head = await reader.readuntil(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.1 200"):
                raise ValueError(head.split(b"\r\n", 1)[0].decode())
            chunked = b"chunked" in head.lower()
            buffer = b""
            while True:
                if chunked:
                    size = int((await reader.readline()).strip() or b"0", 16)
                    if size == 0:
                        return
                    data = (await reader.readexactly(size + 2))[:-2]
                else:
                    data = await reader.read(65536)
                    if not data:
                        return
                received = time.time()
                buffer += data
                while b"\n\n" in buffer:
                    frame, buffer = buffer.split(b"\n\n", 1)
                    if b"data:" in frame:
                        self.frames.append((received, frame))
                    elif b"connected" in frame:
                        self.ready.set()
        finally:
            writer.close()


def parse_frame(frame: bytes) -> tuple[int | None, dict[str, Any]]:
    event_id, data = None, {}
    for line in frame.decode().split("\n"):
        if line.startswith("id: "):
            event_id = int(line[4:])
        elif line.startswith("data: "):
            data = json.loads(line[6:])
    return event_id, data


async def login(http: httpx.AsyncClient, email: str) -> tuple[str, str]:
    """The session cookie (as a Cookie header) and the CSRF token of a fresh login."""
    response = await http.post(
        "/api/v1/auth/login", json={"email": email, "password": seed.PASSWORD}
    )
    if response.status_code != 200:
        raise RuntimeError(f"login {email}: {response.status_code} {response.text[:200]}")
    cookie = "; ".join(f"{name}={value}" for name, value in response.cookies.items())
    return cookie, response.json()["csrf_token"]


async def open_streams(port: int, cookies: list[str], timeout: float) -> list[Stream]:
    streams = [Stream(port, cookie) for cookie in cookies]
    for i in range(0, len(streams), 50):  # connect in waves, as a morning shift would
        for stream in streams[i : i + 50]:
            stream.task = asyncio.create_task(stream.run())
        await asyncio.wait_for(
            asyncio.gather(*(s.ready.wait() for s in streams[i : i + 50])), timeout
        )
    failed = [s.error for s in streams if s.error]
    if failed:
        raise RuntimeError(f"{len(failed)} streams failed, e.g. {failed[0]}")
    return streams


async def close_streams(streams: list[Stream]) -> None:
    for stream in streams:
        if stream.task is not None:
            stream.task.cancel()
    await asyncio.gather(*(s.task for s in streams if s.task), return_exceptions=True)


async def trigger(
    http: httpx.AsyncClient, csrf: str, conversations: list[int], args: argparse.Namespace
) -> tuple[set[int], list[float]]:
    """Post `--events` internal notes, one every `--interval` seconds; the message ids."""
    posted: set[int] = set()
    round_trips: list[float] = []
    for i in range(args.events):
        started = time.perf_counter()
        conversation = conversations[i % len(conversations)]
        response = await http.post(
            f"/api/v1/conversations/{conversation}/messages",
            json={"kind": "note", "text": f"Note de charge {i}"},
            headers={"x-csrf-token": csrf},
        )
        if response.status_code != 201:
            raise RuntimeError(f"posting a note: {response.status_code} {response.text[:200]}")
        posted.add(response.json()["id"])
        round_trips.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(max(0.0, args.interval - (time.perf_counter() - started)))
    return posted, round_trips


async def phase(
    port: int, cookies: list[str], world: dict[str, Any], admin: tuple[httpx.AsyncClient, str],
    args: argparse.Namespace,
) -> dict[str, Any]:  # fmt: skip
    """Open the streams, trigger the events, wait for them to arrive, close the streams."""
    http, csrf = admin
    streams = await open_streams(port, cookies, timeout=120)
    log(f"{len(streams)} streams open; posting {args.events} notes")
    before = (await http.get("/_bench/commits")).json()
    started, client_cpu = time.perf_counter(), time.process_time()
    posted, round_trips = await trigger(http, csrf, world["conversations"], args)
    deadline = time.monotonic() + args.settle
    expected = len(posted) * len(streams)
    while time.monotonic() < deadline and sum(len(s.frames) for s in streams) < expected:
        await asyncio.sleep(0.1)
    after = (await http.get("/_bench/commits")).json()
    seconds = time.perf_counter() - started
    client_cpu = time.process_time() - client_cpu
    await close_streams(streams)
    result = analyse(streams, posted, after, round_trips)
    result["cpu"] = {
        "seconds": round(seconds, 2),
        "server_cpu_s": round(after["cpu_s"] - before["cpu_s"], 2),
        "server_cpu_ms_per_event": round(
            (after["cpu_s"] - before["cpu_s"]) * 1000 / len(posted), 2
        ),
        "client_cpu_s": round(client_cpu, 2),
    }
    return result


def analyse(
    streams: list[Stream], posted: set[int], server: dict[str, Any], round_trips: list[float]
) -> dict[str, Any]:
    commits = {int(k): v for k, v in server["commits"].items()}
    latencies: list[float] = []
    last_arrival: dict[int, float] = {}
    received = duplicates = unmatched = 0
    for stream in streams:
        seen: set[int] = set()
        for at, frame in stream.frames:
            event_id, data = parse_frame(frame)
            message_id = data.get("payload", {}).get("message_id")
            if data.get("type") != "message.created" or message_id not in posted:
                continue
            if message_id in seen:
                duplicates += 1
                continue
            seen.add(message_id)
            received += 1
            if event_id not in commits:
                unmatched += 1
                continue
            latency = (at - commits[event_id]) * 1000
            latencies.append(latency)
            last_arrival[message_id] = max(last_arrival.get(message_id, 0.0), latency)
    result: dict[str, Any] = {
        "connections": len(streams),
        "events": len(posted),
        "deliveries_expected": len(posted) * len(streams),
        "deliveries_received": received,
        "duplicates": duplicates,
        "without_commit_time": unmatched,
        "server_threads": server["threads"],
        "trigger_post_ms": seed.summary(round_trips),
    }
    if latencies:
        result["latency"] = seed.summary(latencies)
        result["last_stream_per_event"] = seed.summary(list(last_arrival.values()))
    return result


async def run_client(port: int, world: dict[str, Any], args: argparse.Namespace) -> dict:
    limits = httpx.Limits(max_connections=8)
    async with httpx.AsyncClient(base_url=f"http://{HOST}:{port}", limits=limits) as http:
        cookie, csrf = await login(http, world["admin_email"])
        admin = httpx.AsyncClient(base_url=f"http://{HOST}:{port}", headers={"cookie": cookie})
        async with admin:
            log(f"logging in {len(world['users'])} users")
            cookies = []
            for i in range(0, len(world["users"]), 8):
                batch = world["users"][i : i + 8]
                cookies += [c for c, _ in await asyncio.gather(*(login(http, e) for e in batch))]
            # What the node's background threads (routing, SLA, relay, enrichment) burn with
            # no stream open: the floor under both phases' server CPU.
            idle = (await admin.get("/_bench/commits")).json()["cpu_s"]
            await asyncio.sleep(5)
            idle = ((await admin.get("/_bench/commits")).json()["cpu_s"] - idle) / 5
            results = {"baseline": await phase(port, cookies[:1], world, (admin, csrf), args)}
            results["server_idle_cpu_per_s"] = round(idle, 3)
            load_before = os.getloadavg()
            results["fanout"] = await phase(port, cookies, world, (admin, csrf), args)
            load_after = os.getloadavg()
    results["loadavg_1m_before_after"] = [round(load_before[0], 2), round(load_after[0], 2)]
    return results


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_healthy(port: int, server: subprocess.Popen[bytes], timeout: float = 120) -> None:
    if wait_until_healthy(f"http://{HOST}:{port}", timeout, running=lambda: server.poll() is None):
        return
    if server.poll() is not None:
        raise RuntimeError(f"the server exited with {server.returncode}")
    raise RuntimeError("the server did not come up")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=500, help="open SSE streams")
    parser.add_argument("--events", type=int, default=100, help="notes posted per phase")
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between notes")
    parser.add_argument("--settle", type=float, default=10.0, help="max wait for stragglers")
    parser.add_argument("--conversations", type=int, default=2_000, help="bulk-loaded rows")
    parser.add_argument("--redis", help="Redis URL: use the Redis bus (default in-process)")
    parser.add_argument("--data-dir", type=Path, help="SQLite directory (default: temp)")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--seed", type=int, default=20261127)
    # The child process: the app under uvicorn.
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.serve:
        serve(args)
        return 0
    args.engine = "sqlite"
    with seed.bench_database(args) as (url, data_dir):
        log(f"[bold]seeding[/] {make_url(url).render_as_string(hide_password=True)}")
        world = prepare(url, data_dir, args)
        port = free_port()
        redis = ["--redis", args.redis] if args.redis else []
        command = [sys.executable, __file__, "--serve", "--url", url, "--port", str(port),
                   "--data-dir", str(data_dir), *redis]  # fmt: skip
        server = subprocess.Popen(command)
        try:
            wait_healthy(port, server)
            results = asyncio.run(run_client(port, world, args))
        finally:
            server.terminate()
            server.wait(timeout=30)
    fanout = results["fanout"]
    report = {
        "benchmark": "sse_fanout",
        "bus": "redis" if args.redis else "in-process",
        "server": "uvicorn (child process), SQLite, outbox relay thread",
        "connections": args.connections,
        "events": args.events,
        "interval_s": args.interval,
        "target_p99_ms": TARGET_P99_MS,
        "meets_target": "latency" in fanout
        and fanout["latency"]["p99_ms"] < TARGET_P99_MS
        and fanout["deliveries_received"] == fanout["deliveries_expected"],
        "server_idle_cpu_per_s": results["server_idle_cpu_per_s"],
        "baseline": results["baseline"],
        "fanout": fanout,
        "machine": seed.machine(*results["loadavg_1m_before_after"]),
    }
    sys.stdout.write(json.dumps(report, separators=(",", ":"), default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
