"""The offline form and the emailed transcript (through a real SMTP server, aiosmtpd)."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models import Conversation, ConversationTag, Message
from tests.channels.webchat.conftest import make_chat_inbox, send, start_session, visitor_headers
from tests.factories import login


class Mailbox:
    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Mailbox]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, mailbox
    controller.stop()


def _offline(widget, key: str, client_id: str, **extra):  # type: ignore[no-untyped-def]
    body = {"client_id": client_id, "name": "Youssef", "email": "youssef@example.ma",
            "text": "Je voudrais résilier mon abonnement", "language": "fr"} | extra  # fmt: skip
    return widget.post(f"/widget/{key}/offline", json=body)


def test_offline_form_becomes_a_tagged_conversation(widget, runtime, chat) -> None:  # type: ignore[no-untyped-def]
    client_id = str(uuid.uuid4())
    first = _offline(widget, chat.key, client_id)
    assert first.status_code == 201, first.text
    again = _offline(widget, chat.key, client_id)
    assert again.status_code == 200
    assert again.json() == first.json() | {"duplicate": True}
    with runtime.db.unit(Scope.system(), write=False) as session:
        conversation = session.get(Conversation, first.json()["conversation_id"])
        tags = session.scalars(
            select(ConversationTag.tag).where(ConversationTag.conversation_id == conversation.id)
        ).all()
    assert tags == ["offline_form"]
    assert conversation.subject == "Formulaire hors ligne" and conversation.channel == "webchat"
    bad = _offline(widget, chat.key, str(uuid.uuid4()), email="nope")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_email"
    assert _offline(widget, chat.key, str(uuid.uuid4()), text="").status_code == 422


def test_transcript_without_smtp_is_recorded_for_an_advisor(
    widget, widget_app, runtime, chat
) -> None:  # type: ignore[no-untyped-def]
    token = start_session(widget, chat.key)
    url = f"/widget/{chat.key}/transcript"
    early = widget.post(url, json={"email": "amina@example.ma"}, headers=visitor_headers(token))
    assert early.status_code == 409 and early.json()["error"]["code"] == "no_conversation"
    ack = send(widget, chat.key, token, "Bonjour").json()
    response = widget.post(url, json={"email": "amina@example.ma"}, headers=visitor_headers(token))
    assert response.status_code == 202, response.text
    assert response.json()["delivery"] == "advisor"
    assert "no SMTP server" in response.json()["note"]
    runtime.relay.drain()
    advisor = login(widget_app, chat.advisor_email)
    listed = advisor.get(f"/api/v1/conversations/{ack['conversation_id']}/messages").json()
    notes = [m for m in listed["items"] if m["kind"] == "note"]
    assert len(notes) == 1 and "amina@example.ma" in notes[0]["text"]
    assert notes[0]["author_type"] == "system"
    for _ in range(2):
        assert widget.post(url, json={"email": "a@example.ma"},
                           headers=visitor_headers(token)).status_code == 202  # fmt: skip
    limited = widget.post(url, json={"email": "a@example.ma"}, headers=visitor_headers(token))
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "transcript_limit"


def test_transcript_is_emailed_through_the_inbox_smtp(
    widget, widget_app, runtime, smtp_server
) -> None:  # type: ignore[no-untyped-def]
    port, mailbox = smtp_server
    chat = make_chat_inbox(runtime, {"smtp": {"host": "127.0.0.1", "port": port,
                                              "from": "chat@brand.example.ma"}})  # fmt: skip
    token = start_session(widget, chat.key, language="ar")
    ack = send(widget, chat.key, token, "السلام عليكم، الطلبية ديالي ما وصلاتش").json()
    advisor = login(widget_app, chat.advisor_email)
    conversation_url = f"/api/v1/conversations/{ack['conversation_id']}/messages"
    advisor.post(conversation_url, json={"text": "Nous vérifions votre commande."})
    advisor.post(conversation_url, json={"text": "client agacé", "kind": "note"})
    response = widget.post(f"/widget/{chat.key}/transcript", json={"email": "amina@example.ma"},
                           headers=visitor_headers(token))  # fmt: skip
    assert response.status_code == 202 and response.json()["delivery"] == "email"
    runtime.relay.drain()
    assert len(mailbox.received) == 1
    sender, recipients, raw = mailbox.received[0]
    assert sender == "chat@brand.example.ma" and recipients == ["amina@example.ma"]
    mail = message_from_bytes(raw, policy=default)
    body = mail.get_content()
    assert mail["subject"].startswith("محادثتك مع")
    assert "الطلبية ديالي ما وصلاتش" in body and "Nous vérifions votre commande." in body
    assert "client agacé" not in body
    with runtime.db.unit(Scope.system(), write=False) as session:
        notes = session.scalars(
            select(Message.text).where(Message.conversation_id == ack["conversation_id"],
                                       Message.author_type == "system")
        ).all()  # fmt: skip
    assert notes == ["Transcription envoyée par e-mail à amina@example.ma."]
