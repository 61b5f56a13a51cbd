"""`GET /events`: a signed-in browser receives, as Server-Sent Events, what the outbox relay
publishes for its own channels after commit, and nothing of other client brands."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tawasol.auth.actor import Actor
from tawasol.auth.permissions import Permission
from tawasol.models.vocabulary import Role
from tawasol.realtime import sse
from tawasol.realtime.bus import InProcessBus
from tests.factories import login, make_tenant


def _frames(lines: Iterator[str]) -> Iterator[dict[str, str]]:
    """SSE frames as dicts of field → value (comments under ":")."""
    frame: dict[str, str] = {}
    for line in lines:
        if line == "":
            if frame:
                yield frame
            frame = {}
            continue
        field, _, value = line.partition(":")
        frame[field or ":"] = value.removeprefix(" ")
    if frame:
        yield frame


@pytest.fixture(scope="module")
def brands(runtime):  # type: ignore[no-untyped-def]
    return make_tenant(runtime, "A"), make_tenant(runtime, "B")


def test_a_new_message_reaches_the_stream(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    browser, other = login(app, a.advisor_email), login(app, b.advisor_email)
    runtime.relay.drain()  # earlier tests' events must not muddle this stream
    started = time.monotonic()
    with browser.stream("GET", "/events?max_seconds=8") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        frames = _frames(response.iter_lines())
        hello = next(frames)
        assert hello["retry"] == str(sse.RETRY_MILLISECONDS)  # sent once subscribed
        # B's message first: were it to leak, it would arrive before A's.
        posted_b = other.post(
            f"/api/v1/conversations/{b.conversation_id}/messages", json={"text": "B"}
        )
        posted_a = browser.post(f"/api/v1/conversations/{a.conversation_id}/messages",
                                json={"text": "Votre colis arrive demain."})  # fmt: skip
        assert posted_a.status_code == posted_b.status_code == 201
        runtime.relay.drain()
        for frame in frames:
            if "data" not in frame:
                continue
            event = json.loads(frame["data"])
            assert event["payload"]["conversation_id"] != b.conversation_id
            if event["type"] == "message.created":
                assert event["payload"] == {"conversation_id": a.conversation_id,
                                            "message_id": posted_a.json()["id"], "kind": "message"}  # fmt: skip
                assert frame["id"].isdigit()
                break
        else:
            pytest.fail("the stream ended without the message")
    assert time.monotonic() - started < 6


def test_keep_alive_and_end_of_stream(app, runtime, brands, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    monkeypatch.setattr(sse, "KEEP_ALIVE_SECONDS", 0.3)
    monkeypatch.setattr(sse, "POLL_SECONDS", 0.1)
    browser = login(app, a.advisor_email)
    with browser.stream("GET", "/events?max_seconds=1") as response:
        body = "".join(response.iter_text())
    assert body.startswith(f"retry: {sse.RETRY_MILLISECONDS}\n") and ": keep-alive\n\n" in body


def test_a_closed_stream_drops_its_subscription(app, runtime, brands, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    if not isinstance(runtime.bus, InProcessBus):
        pytest.skip("the in-process bus is the one whose subscribers we can count")
    a, _ = brands
    monkeypatch.setattr(sse, "POLL_SECONDS", 0.1)
    channel = f"agent:{a.advisor_id}"
    browser = login(app, a.advisor_email)
    with browser.stream("GET", "/events?max_seconds=30") as response:
        next(response.iter_lines())
        assert runtime.bus._subscribers[channel]  # noqa: SLF001
    deadline = time.monotonic() + 3
    while runtime.bus._subscribers[channel] and time.monotonic() < deadline:  # noqa: SLF001
        time.sleep(0.05)
    assert not runtime.bus._subscribers[channel]  # noqa: SLF001


def test_channels_follow_the_actor_scope(runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    advisor = Actor(user_id=7, label="a", role=Role.ADVISOR, client_ids=frozenset({a.client_id}),
                    permissions=frozenset({Permission.CONVERSATIONS_READ}))  # fmt: skip
    assert sse.stream_channels(runtime, advisor) == ["agent:7", f"client:{a.client_id}"]
    operator = Actor(user_id=1, label="o", role=Role.OPERATOR_ADMIN, client_ids=None,
                     permissions=frozenset(Permission))  # fmt: skip
    channels = sse.stream_channels(runtime, operator)
    assert {f"client:{a.client_id}", f"client:{b.client_id}"} <= set(channels)
    planner = Actor(user_id=9, label="p", role=Role.WORKFORCE_PLANNER,
                    client_ids=frozenset({a.client_id}), permissions=frozenset())  # fmt: skip
    assert sse.stream_channels(runtime, planner) == ["agent:9"]


def test_the_stream_needs_a_session(app) -> None:  # type: ignore[no-untyped-def]
    assert TestClient(app).get("/events?max_seconds=1").status_code == 401
    assert "/events" not in app.openapi()["paths"]
