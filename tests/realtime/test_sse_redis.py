"""`/events` on the Redis bus with many open consoles on one node (served by uvicorn: each
stream is a real connection), and a stream ending when the bus may have lost events."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from tawasol.realtime.bus import RedisBus
from tawasol.realtime.events import client_channel
from tawasol.runtime import Runtime
from tests.conftest import REDIS_URL, settings_for
from tests.factories import login, make_tenant

pytestmark = pytest.mark.skipif(REDIS_URL is None, reason="TAWASOL_TEST_REDIS_URL not set")

STREAMS = 150


@pytest.fixture(scope="module")
def node(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    assert REDIS_URL is not None
    rt = Runtime.build(settings_for(tmp_path_factory.mktemp("node"), database_url,
                                    redis_url=REDIS_URL))  # fmt: skip
    rt.bus.close()
    # A prefix of its own: other test runs on the same Redis never hear these events.
    rt.bus = rt.relay.bus = RedisBus(REDIS_URL, prefix=f"tawasol-test-{uuid.uuid4().hex[:8]}:")
    yield rt
    rt.close()


@pytest.fixture(scope="module")
def served(node: Runtime) -> Iterator[tuple[str, object]]:
    import uvicorn

    from tawasol.app import create_app

    app = create_app(node.settings, node)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off",
                                           log_level="warning", timeout_graceful_shutdown=1))  # fmt: skip
    thread = threading.Thread(target=server.run, name="sse-redis-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", app
    server.should_exit = True
    thread.join(timeout=5)


def _session_cookie(app, email: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The login's cookies as a header (the test client's jar is bound to its fake host)."""
    jar = login(app, email).cookies
    return {"cookie": "; ".join(f"{name}={value}" for name, value in jar.items())}


async def _open(http: httpx.AsyncClient) -> tuple[int, object]:
    request = http.build_request("GET", "/events?max_seconds=30")
    response = await http.send(request, stream=True)
    lines = response.aiter_lines()
    if response.status_code == 200:
        async for line in lines:
            if line == ": connected":  # sent once subscribed
                break
    return response.status_code, (response, lines)


async def _next_data(lines) -> str:  # type: ignore[no-untyped-def]
    async for line in lines:
        if line.startswith("data: "):
            return line
    return ""


def test_150_streams_on_one_node_all_open_and_receive(node, served) -> None:  # type: ignore[no-untyped-def]
    url, app = served
    tenant = make_tenant(node, "R")
    cookies = _session_cookie(app, tenant.advisor_email)

    async def scenario() -> tuple[list[int], list[str]]:
        limits = httpx.Limits(max_connections=STREAMS + 10)
        async with httpx.AsyncClient(base_url=url, headers=cookies, limits=limits,
                                     timeout=30) as http:  # fmt: skip
            opened = await asyncio.gather(*(_open(http) for _ in range(STREAMS)))
            statuses = [status for status, _ in opened]
            node.bus.publish(client_channel(tenant.client_id),
                             {"type": "conversation.updated", "payload": {"n": 150}})  # fmt: skip
            got = await asyncio.wait_for(
                asyncio.gather(*(_next_data(lines) for _, (_, lines) in opened)), 20
            )
            for _, (response, _) in opened:
                await response.aclose()
        return statuses, got

    statuses, got = asyncio.run(scenario())
    assert statuses == [200] * STREAMS
    assert got == ['data: {"type": "conversation.updated", "payload": {"n": 150}}'] * STREAMS


def test_a_stream_ends_when_the_bus_lost_events(node, served) -> None:  # type: ignore[no-untyped-def]
    """The browser then reconnects, and the console re-reads its list (console.js onopen)."""
    url, app = served
    tenant = make_tenant(node, "S")
    cookies = _session_cookie(app, tenant.advisor_email)

    async def scenario() -> float:
        async with httpx.AsyncClient(base_url=url, headers=cookies, timeout=30) as http:
            status, (response, lines) = await _open(http)
            assert status == 200
            started = time.monotonic()
            node.bus._local.announce_loss()  # what the reader does after reconnecting
            rest = [line async for line in lines]
            await response.aclose()
        assert not any(line.startswith("data: ") for line in rest)
        return time.monotonic() - started

    assert asyncio.run(scenario()) < 5  # ended at once, not at max_seconds=30
