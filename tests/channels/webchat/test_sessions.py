"""Pre-chat sessions, visitor tokens and identity verification, as the widget experiences them."""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import select

from tawasol.db.tenancy import Scope
from tawasol.models import Contact, ContactIdentity
from tests.channels.webchat.conftest import (
    make_chat_inbox,
    send,
    start_session,
    visitor_headers,
)

SECRET = "site-identity-secret"


def _identities(runtime, client_id: int, contact_id: int) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.clients({client_id}), write=False) as session:
        rows = session.scalars(
            select(ContactIdentity).where(ContactIdentity.contact_id == contact_id)
        )
        return {(row.kind, row.value) for row in rows}


def _contact_of(runtime, client_id: int, message_id: int) -> Contact:  # type: ignore[no-untyped-def]
    from tawasol.models import Message

    with runtime.db.unit(Scope.clients({client_id}), write=False) as session:
        message = session.get(Message, message_id)
        contact = session.get(Contact, message.author_contact_id)
        assert contact is not None
        return contact


def test_prechat_creates_a_visitor_contact(widget, runtime, chat) -> None:  # type: ignore[no-untyped-def]
    response = widget.post(
        f"/widget/{chat.key}/sessions",
        json={"name": "  Amina Berrada ", "email": "Amina@Example.MA", "language": "ar"},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["name"] == "Amina Berrada" and body["language"] == "ar"
    assert body["verified"] is False and body["conversation_id"] is None
    assert body["limits"]["max_attachment_bytes"] > 0
    ack = send(widget, chat.key, body["token"], "Salam, ma commande n'est pas arrivée").json()
    contact = _contact_of(runtime, chat.client_id, ack["message_id"])
    assert contact.name == "Amina Berrada" and contact.locale == "ar"
    kinds = dict(_identities(runtime, chat.client_id, contact.id))
    assert kinds["email"] == "amina@example.ma"
    assert kinds["chat_visitor"].startswith("anon:")


def test_a_held_token_resumes_the_same_visitor(widget, runtime, chat) -> None:  # type: ignore[no-untyped-def]
    token = start_session(widget, chat.key)
    first = send(widget, chat.key, token, "Bonjour").json()
    response = widget.post(f"/widget/{chat.key}/sessions", json={"name": "Amina"},
                           headers=visitor_headers(token))  # fmt: skip
    assert response.json()["conversation_id"] == first["conversation_id"]
    second = send(widget, chat.key, response.json()["token"], "Toujours là ?").json()
    assert second["conversation_id"] == first["conversation_id"]


def test_bad_tokens_are_refused_with_a_clear_error(widget, runtime, chat) -> None:  # type: ignore[no-untyped-def]
    token = start_session(widget, chat.key)
    other = make_chat_inbox(runtime)
    for bad in ["", "garbage", token[:-3] + "abc", start_session(widget, other.key)]:
        response = send(widget, chat.key, bad, "hello")
        assert response.status_code == 401, bad
        assert response.json()["error"]["code"] in {"invalid_visitor", "no_visitor"}


def test_verified_customer_is_one_contact_across_devices(widget, runtime) -> None:  # type: ignore[no-untyped-def]
    chat = make_chat_inbox(runtime, {"identity_secret": SECRET})
    user_hash = hmac.new(SECRET.encode(), b"customer-42", hashlib.sha256).hexdigest()
    laptop = widget.post(f"/widget/{chat.key}/sessions",
                         json={"name": "Karim", "user_id": "customer-42", "user_hash": user_hash})  # fmt: skip
    assert laptop.status_code == 201 and laptop.json()["verified"] is True
    first = send(widget, chat.key, laptop.json()["token"], "Depuis l'ordinateur").json()
    phone = start_session(widget, chat.key, name="Karim", user_id="customer-42",
                          user_hash=user_hash.upper())  # fmt: skip
    second = send(widget, chat.key, phone, "Depuis le téléphone").json()
    assert second["conversation_id"] == first["conversation_id"]
    contact = _contact_of(runtime, chat.client_id, second["message_id"])
    assert ("chat_visitor", "customer-42") in _identities(runtime, chat.client_id, contact.id)


def test_an_anonymous_visitor_who_logs_in_keeps_the_conversation(widget, runtime) -> None:  # type: ignore[no-untyped-def]
    chat = make_chat_inbox(runtime, {"identity_secret": SECRET})
    anonymous = start_session(widget, chat.key)
    first = send(widget, chat.key, anonymous, "Avant connexion").json()
    user_hash = hmac.new(SECRET.encode(), b"customer-77", hashlib.sha256).hexdigest()
    verified = widget.post(
        f"/widget/{chat.key}/sessions", headers=visitor_headers(anonymous),
        json={"name": "Karim", "user_id": "customer-77", "user_hash": user_hash},
    )  # fmt: skip
    assert verified.json()["conversation_id"] == first["conversation_id"]
    contact = _contact_of(runtime, chat.client_id, first["message_id"])
    assert ("chat_visitor", "customer-77") in _identities(runtime, chat.client_id, contact.id)


def test_a_wrong_user_hash_is_refused(widget, runtime) -> None:  # type: ignore[no-untyped-def]
    chat = make_chat_inbox(runtime, {"identity_secret": SECRET})
    forged = hmac.new(b"guess", b"customer-42", hashlib.sha256).hexdigest()
    for user_hash in [forged, None, "zz", "é" * 64]:
        response = widget.post(f"/widget/{chat.key}/sessions",
                               json={"name": "Mallory", "user_id": "customer-42", "user_hash": user_hash})  # fmt: skip
        assert response.status_code == 401, response.text
        error = response.json()["error"]
        assert error["code"] == "identity_unverified"
        assert "HMAC-SHA256" in error["message"]


def test_without_a_secret_a_user_id_proves_nothing(widget, runtime, chat) -> None:  # type: ignore[no-untyped-def]
    response = widget.post(f"/widget/{chat.key}/sessions",
                           json={"name": "Mallory", "user_id": "customer-42", "user_hash": "00"})  # fmt: skip
    assert response.status_code == 201 and response.json()["verified"] is False


def test_prechat_input_is_validated(widget, chat) -> None:  # type: ignore[no-untyped-def]
    url = f"/widget/{chat.key}/sessions"
    for body, path in [
        ({"name": ""}, "body.name"),
        ({"name": "x" * 201}, "body.name"),
        ({"name": "a\u0000b"}, "body.name"),
        ({"name": "Amina", "language": "de"}, "body.language"),
        ({"name": "Amina", "email": "x" * 300}, "body.email"),
        ({"name": "Amina", "user_id": " customer-42"}, "body.user_id"),
    ]:
        response = widget.post(url, json=body)
        assert response.status_code == 422, body
        assert response.json()["error"]["fields"][0]["path"] == path
    bad_email = widget.post(url, json={"name": "Amina", "email": "not-an-email"})
    assert bad_email.status_code == 422 and bad_email.json()["error"]["code"] == "invalid_email"


def test_only_active_webchat_inboxes_answer(widget, runtime, chat) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import make_tenant

    email_inbox = make_tenant(runtime, "MAIL").inbox_key
    for key in ["nope", email_inbox, "x" * 100]:
        response = widget.post(f"/widget/{key}/sessions", json={"name": "A"})
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "unknown_inbox"
        assert widget.get(f"/widget/{key}.js").status_code == 404
