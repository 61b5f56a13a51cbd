"""Web chat fixtures: an app with the widget routes, web chat inboxes, visitors, SSE reading."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tawasol.auth.actor import Actor
from tawasol.db.tenancy import Scope
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models import Client
from tawasol.models.vocabulary import Channel, Role
from tests.factories import make_client, make_user, unique


@pytest.fixture(scope="module")
def widget_app(runtime):  # type: ignore[no-untyped-def]
    """The real app; the widget routers are added here only until app.py/api.py mount them."""
    from tawasol.app import create_app
    from tawasol.channels.webchat.advisor_typing import router as typing_router
    from tawasol.channels.webchat.router import router

    app = create_app(runtime.settings, runtime)
    paths = {getattr(route, "path", "") for route in app.routes}
    if "/widget/{public_key}/sessions" not in paths:
        app.include_router(router)
    if "/api/v1/conversations/{conversation_id}/typing" not in paths:
        app.include_router(typing_router, prefix="/api/v1")
    return app


@dataclass
class ChatInbox:
    client_id: int
    inbox_id: int
    key: str
    advisor_id: int
    advisor_email: str


def make_chat_inbox(
    runtime, settings: dict[str, Any] | None = None, *, advisor: bool = True
) -> ChatInbox:  # type: ignore[no-untyped-def]
    client_id = make_client(runtime, name=unique("chatbrand"))
    advisor_id, email = make_user(runtime, Role.ADVISOR, [client_id], certified=advisor)
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, client_id)
        data = InboxIn(client_id=client_id, name="Chat du site", channel=Channel.WEBCHAT,
                       settings=settings or {})  # fmt: skip
        inbox = do_create_inbox(session, actor=Actor.system(), client=client, data=data)
        return ChatInbox(client_id, inbox.id, inbox.public_key, advisor_id, email)


@pytest.fixture
def chat(runtime) -> ChatInbox:  # type: ignore[no-untyped-def]
    return make_chat_inbox(runtime)


@pytest.fixture
def widget(widget_app) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(widget_app)


def start_session(client: TestClient, key: str, **body: Any) -> str:
    payload = {"name": "Amina Berrada", "language": "fr", **body}
    response = client.post(f"/widget/{key}/sessions", json=payload)
    assert response.status_code == 201, response.text
    return response.json()["token"]


def visitor_headers(token: str) -> dict[str, str]:
    return {"x-tawasol-visitor": token}


def send(
    client: TestClient, key: str, token: str, text: str, client_id: str | None = None
) -> Response:
    body = {"client_id": client_id or str(uuid.uuid4()), "text": text}
    return client.post(f"/widget/{key}/messages", json=body, headers=visitor_headers(token))


@dataclass
class Frame:
    event: str | None
    data: Any
    id: str | None
    comment: str | None = None


def frames(response: Response) -> Iterator[Frame]:
    """Parse an SSE body as it arrives."""
    fields: dict[str, str] = {}
    for line in response.iter_lines():
        if line == "":
            if fields:
                data = fields.get("data")
                yield Frame(
                    fields.get("event"), json.loads(data) if data else None, fields.get("id")
                )
            fields = {}
        elif line.startswith(":"):
            yield Frame(None, None, None, comment=line[1:].strip())
        else:
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")


def read_until(stream: Iterator[Frame], done: Callable[[list[Frame]], bool]) -> list[Frame]:
    """Frames until `done` says so, or until the server ends the stream (its max_seconds)."""
    seen: list[Frame] = []
    for frame in stream:
        seen.append(frame)
        if done(seen):
            break
    return seen


def messages(seen: list[Frame]) -> list[dict[str, Any]]:
    return [f.data for f in seen if f.event == "message"]
