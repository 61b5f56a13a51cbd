"""Factories for test data, built through the real actions (so audit and events are real)."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from typing import TypeVar

from fastapi.testclient import TestClient

from tawasol.auth.actor import Actor
from tawasol.clients.actions import do_create_client
from tawasol.clients.schemas import ClientIn
from tawasol.contacts.actions import do_create_contact
from tawasol.contacts.schemas import ContactIn, IdentityIn
from tawasol.conversations.actions import do_add_tags, do_open_conversation, do_post_message
from tawasol.conversations.schemas import ConversationIn
from tawasol.db.tenancy import Scope
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models.team import Team
from tawasol.models.vocabulary import Channel, MessageKind, Role
from tawasol.runtime import Runtime
from tawasol.users.actions import do_create_user
from tawasol.users.schemas import ClientGrant, UserIn

PASSWORD = "correct-horse-battery"
SYSTEM = Actor.system("tests")
_counter = itertools.count(1)
T = TypeVar("T")


def detached(runtime: Runtime, model: type[T], row_id: int) -> T:
    """One row as it is stored now, read outside any tenant scope and detached from it."""
    with runtime.db.unit(Scope.system(), write=False) as session:
        row = session.get(model, row_id)
        assert row is not None, (model.__name__, row_id)
        session.expunge(row)
        return row


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_counter)}-{uuid.uuid4().hex[:6]}"


def make_client(runtime: Runtime, name: str | None = None) -> int:
    name = name or unique("client")
    with runtime.db.unit(SYSTEM.scope) as session:
        client = do_create_client(
            session,
            actor=SYSTEM,
            data=ClientIn(name=name, slug=name.lower().replace("_", "-")[:80]),
        )
        return client.id


def make_user(
    runtime: Runtime,
    role: Role,
    client_ids: list[int],
    *,
    certified: bool = True,
    all_clients: bool = False,
) -> tuple[int, str]:
    email = f"{unique(role.value).replace('_', '')}@tests.tawasol.ma"
    grants = [ClientGrant(client_id=c, certified=certified) for c in client_ids]
    data = UserIn(
        email=email, full_name=f"Test {role.value}", role=role, password=PASSWORD,
        all_clients=all_clients, clients=grants,
    )  # fmt: skip
    with runtime.db.unit(SYSTEM.scope) as session:
        user = do_create_user(session, actor=SYSTEM, hasher=runtime.hasher, data=data)
        return user.id, email


def login(app, email: str) -> TestClient:  # type: ignore[no-untyped-def]
    """A browser-like client logged in with a session cookie and sending its CSRF header."""
    client = TestClient(app)
    response = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    client.headers["x-csrf-token"] = response.json()["csrf_token"]
    return client


@dataclass
class Tenant:
    """One client brand with one of everything, and marker text that must never leak."""

    client_id: int
    inbox_id: int
    inbox_key: str
    contact_id: int
    conversation_id: int
    message_id: int
    note_id: int
    team_id: int
    advisor_id: int
    advisor_email: str
    marker: str
    token_ids: list[int] = field(default_factory=list)


def make_tenant(runtime: Runtime, label: str) -> Tenant:
    marker = unique(f"SECRET{label}")
    client_id = make_client(runtime, name=f"brand-{marker}".lower())
    advisor_id, advisor_email = make_user(runtime, Role.ADVISOR, [client_id])
    with runtime.db.unit(SYSTEM.scope) as session:
        from tawasol.models.client import Client

        client = session.get(Client, client_id)
        assert client is not None
        inbox = do_create_inbox(
            session, actor=SYSTEM, client=client,
            data=InboxIn(client_id=client_id, name=f"inbox {marker}", channel=Channel.EMAIL),
        )  # fmt: skip
        contact = do_create_contact(
            session, actor=SYSTEM, client=client,
            data=ContactIn(client_id=client_id, name=f"Contact {marker}",
                           identities=[IdentityIn(kind="email", value=f"{marker}@example.com")]),
        )  # fmt: skip
        conversation, _, _ = do_open_conversation(
            session, actor=SYSTEM, inbox=inbox, contact=contact,
            data=ConversationIn(inbox_id=inbox.id, contact_id=contact.id,
                                subject=f"Subject {marker}", text=f"Hello {marker}"),
        )  # fmt: skip
        message = do_post_message(
            session, actor=SYSTEM, conversation=conversation, kind=MessageKind.MESSAGE,
            text=f"Reply {marker}", html=None,
        )  # fmt: skip
        note = do_post_message(
            session, actor=SYSTEM, conversation=conversation, kind=MessageKind.NOTE,
            text=f"Note {marker}", html=None,
        )  # fmt: skip
        do_add_tags(session, actor=SYSTEM, conversation=conversation, tags=[f"tag{label.lower()}"])
        team = Team(client_id=client_id, name=f"team {marker}")
        session.add(team)
        session.flush()
        return Tenant(
            client_id=client_id, inbox_id=inbox.id, inbox_key=inbox.public_key, contact_id=contact.id,
            conversation_id=conversation.id, message_id=message.id, note_id=note.id,
            team_id=team.id, advisor_id=advisor_id, advisor_email=advisor_email, marker=marker,
        )  # fmt: skip
