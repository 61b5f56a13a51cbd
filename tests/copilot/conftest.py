"""A client with a small multilingual knowledge base, macros, and people to use them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from tawasol.models.vocabulary import Channel, Role
from tests.copilot.kb_data import ARTICLES
from tests.factories import login, make_client, make_user

TOPICS = ("cancel_order", "track_delivery", "refund", "password")
MACROS = [
    {"name": "Annulation confirmée", "add_tags": ["annulation"], "set_status": "pending",
     "bodies": {"fr": "Bonjour {{contact.name}}, votre commande est annulée. {{advisor.name}}",
                "ary": "السلام {{contact.name}}، الكوموند ديالك تلغات. {{advisor.name}}"}},
    {"name": "Mot de passe", "add_tags": ["compte"],
     "bodies": {"fr": "Bonjour {{contact.name}}, utilisez le lien Mot de passe oublié."}},
]  # fmt: skip


@dataclass
class World:
    client_id: int
    inbox_id: int
    admin: TestClient
    advisor: TestClient
    articles: dict[tuple[str, str], int]  # (topic, language) -> article id
    macros: dict[str, int]

    def conversation(self, text: str, *, name: str = "Salma Idrissi") -> int:
        contact = self.admin.post(
            "/api/v1/contacts", json={"client_id": self.client_id, "name": name}
        )
        assert contact.status_code == 201, contact.text
        opened = self.admin.post(
            "/api/v1/conversations",
            json={"inbox_id": self.inbox_id, "contact_id": contact.json()["id"], "text": text},
        )
        assert opened.status_code == 201, opened.text
        return opened.json()["id"]


@pytest.fixture(scope="module")
def world(app, runtime) -> World:  # type: ignore[no-untyped-def]
    client_id = make_client(runtime)
    _, admin_email = make_user(runtime, Role.OPERATOR_ADMIN, [client_id])
    _, advisor_email = make_user(runtime, Role.ADVISOR, [client_id])
    admin, advisor = login(app, admin_email), login(app, advisor_email)
    inbox = admin.post("/api/v1/inboxes", json={"client_id": client_id, "name": "chat",
                                               "channel": Channel.WEBCHAT.value})  # fmt: skip
    assert inbox.status_code == 201, inbox.text
    articles: dict[tuple[str, str], int] = {}
    for topic in TOPICS:
        root = None
        for language, title, body in ARTICLES[topic]:
            payload = {"client_id": client_id, "title": title, "body": body,
                       "language": language, "tags": [topic], "translation_of_id": root}  # fmt: skip
            made = admin.post("/api/v1/knowledge/articles", json=payload)
            assert made.status_code == 201, made.text
            root = root or made.json()["id"]
            articles[(topic, language)] = made.json()["id"]
    macros = {}
    for macro in MACROS:
        made = admin.post("/api/v1/macros", json={"client_id": client_id, **macro})
        assert made.status_code == 201, made.text
        macros[macro["name"]] = made.json()["id"]
    return World(client_id, inbox.json()["id"], admin, advisor, articles, macros)
