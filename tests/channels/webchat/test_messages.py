"""Visitor messages: stored before the acknowledgement, and a resend never duplicates."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from tawasol.db.tenancy import Scope
from tawasol.models import Conversation, Message
from tests.channels.webchat.conftest import send, start_session, visitor_headers


def _count(runtime, inbox_id: int, client_id: str) -> int:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.system(), write=False) as session:
        return session.scalar(
            select(func.count(Message.id)).where(
                Message.inbox_id == inbox_id, Message.provider_message_id == client_id
            )
        )


def test_message_is_stored_and_acknowledged_once(widget, runtime, chat) -> None:  # type: ignore[no-untyped-def]
    token = start_session(widget, chat.key, language="es")
    client_id = str(uuid.uuid4())
    first = send(widget, chat.key, token, "Hola, mi pedido no llegó", client_id)
    assert first.status_code == 201, first.text
    ack = first.json()
    assert ack["client_id"] == client_id and ack["duplicate"] is False
    # The network dropped the acknowledgement: the widget resends the same message.
    for _ in range(2):
        again = send(widget, chat.key, token, "Hola, mi pedido no llegó", client_id)
        assert again.status_code == 200
        assert again.json() | {"duplicate": False} == ack
        assert again.json()["duplicate"] is True
    assert _count(runtime, chat.inbox_id, client_id) == 1
    with runtime.db.unit(Scope.system(), write=False) as session:
        message = session.get(Message, ack["message_id"])
        conversation = session.get(Conversation, ack["conversation_id"])
    assert message.text == "Hola, mi pedido no llegó" and message.direction == "inbound"
    assert message.channel == "webchat" and conversation.language == "es"


def test_later_messages_thread_into_the_live_conversation(widget, chat) -> None:  # type: ignore[no-untyped-def]
    token = start_session(widget, chat.key)
    first = send(widget, chat.key, token, "Bonjour").json()
    second = send(widget, chat.key, token, "Vous êtes là ?").json()
    assert second["conversation_id"] == first["conversation_id"]
    assert second["message_id"] > first["message_id"]


def test_a_client_id_of_another_visitor_is_refused(widget, runtime, chat) -> None:  # type: ignore[no-untyped-def]
    client_id = str(uuid.uuid4())
    owner = start_session(widget, chat.key)
    assert send(widget, chat.key, owner, "à moi", client_id).status_code == 201
    intruder = start_session(widget, chat.key, name="Mallory")
    response = send(widget, chat.key, intruder, "à moi aussi", client_id)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "client_id_taken"
    assert "à moi" not in response.text


def test_bad_messages_are_json_errors(widget, chat) -> None:  # type: ignore[no-untyped-def]
    token = start_session(widget, chat.key)
    url, headers = f"/widget/{chat.key}/messages", visitor_headers(token)
    cases = [
        {"client_id": "not-a-uuid", "text": "x"},
        {"client_id": str(uuid.uuid4()), "text": "   "},
        {"client_id": str(uuid.uuid4()), "text": "x" * 5001},
        {"client_id": str(uuid.uuid4()), "text": "nul\u0000"},
        {"client_id": str(uuid.uuid4()), "text": "x", "attachments": ["a"] * 6},
        {"text": "x"},
    ]
    for body in cases:
        response = widget.post(url, json=body, headers=headers)
        assert response.status_code == 422, body
        assert response.json()["error"]["message"]
    forged = widget.post(url, headers=headers,
                         json={"client_id": str(uuid.uuid4()), "text": "", "attachments": ["v1.e30.AAAA"]})  # fmt: skip
    assert forged.status_code == 422
    assert forged.json()["error"]["code"] == "invalid_attachment"
    assert widget.post(url, json={"client_id": str(uuid.uuid4()), "text": "x"}).status_code == 401
