"""WhatsApp and SMS webhooks end to end: signatures, handshake, ingest, batches with a bad
message, duplicates, replies sent through a provider, delivery statuses."""

from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tawasol.auth.actor import Actor
from tawasol.channels.sms.adapter import signature
from tawasol.db.tenancy import Scope
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models import Client, Conversation, Message
from tawasol.models.vocabulary import Channel, Role
from tests.channels.provider_stub import provider_stub
from tests.factories import login, make_client, make_user

SECRET = "app-secret-123"


def _inbox(runtime, channel: Channel, settings: dict) -> tuple[int, str, int]:  # type: ignore[no-untyped-def]
    client_id = make_client(runtime)
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, client_id)
        data = InboxIn(client_id=client_id, name=channel.value, channel=channel, settings=settings)
        inbox = do_create_inbox(session, actor=Actor.system(), client=client, data=data)
        return inbox.id, inbox.public_key, client_id


def _wa_payload(*messages: dict, statuses: list | None = None) -> bytes:
    value = {"messaging_product": "whatsapp", "messages": list(messages),
             "contacts": [{"wa_id": "212661234567", "profile": {"name": "Yassine"}}]}  # fmt: skip
    if statuses:
        value["statuses"] = statuses
    return json.dumps({"object": "whatsapp_business_account",
                       "entry": [{"changes": [{"field": "messages", "value": value}]}]}).encode()  # fmt: skip


def _signed(body: bytes, secret: str = SECRET) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"x-hub-signature-256": f"sha256={digest}", "content-type": "application/json"}


def _text(mid: str, body: str) -> dict:
    return {"from": "212661234567", "id": mid, "timestamp": "1764230000", "type": "text",
            "text": {"body": body}}  # fmt: skip


@pytest.fixture
def whatsapp(runtime):  # type: ignore[no-untyped-def]
    return _inbox(runtime, Channel.WHATSAPP, {"app_secret": SECRET, "verify_token": "vt-1",
                  "access_token": "tok", "phone_number_id": "10001"})  # fmt: skip


def test_handshake(app, whatsapp) -> None:  # type: ignore[no-untyped-def]
    _, key, _ = whatsapp
    client = TestClient(app)
    params = {"hub.mode": "subscribe", "hub.verify_token": "vt-1", "hub.challenge": "42abc"}
    assert client.get(f"/webhooks/whatsapp/{key}", params=params).text == "42abc"
    params["hub.verify_token"] = "wrong"
    assert client.get(f"/webhooks/whatsapp/{key}", params=params).status_code == 401


def test_signed_messages_are_stored_once(app, runtime, whatsapp) -> None:  # type: ignore[no-untyped-def]
    inbox_id, key, _ = whatsapp
    client = TestClient(app)
    body = _wa_payload(_text("wamid.A", "salam, lcommande dyali ma wslatch"),
                       {"from": "212661234567", "type": "text"})  # fmt: skip
    first = client.post(f"/webhooks/whatsapp/{key}", content=body, headers=_signed(body)).json()
    assert first["accepted"] == 1  # the good message is kept, the bad one named
    assert first["rejected"] == [{"id": "1", "error": "the message lacks its id or sender"}]
    body = _wa_payload(_text("wamid.A", "salam, lcommande dyali ma wslatch"),
                       _text("wamid.B", "3afak jawbni"))  # fmt: skip
    ok = client.post(f"/webhooks/whatsapp/{key}", content=body, headers=_signed(body)).json()
    assert ok == {"accepted": 1, "duplicates": 1, "statuses": 0, "rejected": []}
    again = client.post(f"/webhooks/whatsapp/{key}", content=body, headers=_signed(body)).json()
    assert again["accepted"] == 0 and again["duplicates"] == 2
    with runtime.db.unit(Scope.system(), write=False) as session:
        texts = session.scalars(
            select(Message.text).where(Message.inbox_id == inbox_id).order_by(Message.id)
        ).all()
        conversations = session.scalars(
            select(Conversation).where(Conversation.inbox_id == inbox_id)
        ).all()
    assert texts == ["salam, lcommande dyali ma wslatch", "3afak jawbni"]
    assert len(conversations) == 1


def test_bad_signature_unknown_inbox_and_garbage(app, whatsapp, caplog) -> None:  # type: ignore[no-untyped-def]
    _, key, _ = whatsapp
    client = TestClient(app)
    body = _wa_payload(_text("wamid.X", "hi"))
    forged = client.post(f"/webhooks/whatsapp/{key}", content=body, headers=_signed(body, "other"))
    assert forged.status_code == 401 and forged.json()["error"]["code"] == "bad_signature"
    unknown = client.post("/webhooks/whatsapp/no-such-key", content=body, headers=_signed(body))
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_inbox"
    garbage = b"{not json"
    bad = client.post(f"/webhooks/whatsapp/{key}", content=garbage, headers=_signed(garbage))
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "malformed_payload"
    wrong_channel = client.post(f"/webhooks/sms/{key}", content=body, headers=_signed(body))
    assert wrong_channel.status_code == 404
    reasons = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert any("bad_signature" in r for r in reasons) and any(
        "malformed_payload" in r for r in reasons
    )


def _customer_then_reply(
    app, runtime, base_url: str, *, inbound: str, reply: str, policy: bool = False
) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    """A WhatsApp inbox on the provider stub, a customer's message, an advisor's reply by the
    API (``policy``: the client keeps no personal data in stored messages). Returns the
    inbox key and the reply."""
    _, key, client_id = _inbox(runtime, Channel.WHATSAPP, {
        "app_secret": SECRET, "access_token": "tok-9", "phone_number_id": "10001",
        "api_base_url": base_url})  # fmt: skip
    if policy:
        with runtime.db.unit(Scope.system()) as session:
            session.get(Client, client_id).redact_stored_pii = True
    body = _wa_payload(_text(f"wamid.IN{client_id}", inbound))
    TestClient(app).post(f"/webhooks/whatsapp/{key}", content=body, headers=_signed(body))
    _, email = make_user(runtime, Role.ADVISOR, [client_id])
    advisor = login(app, email)
    conv = advisor.get("/api/v1/conversations", params={"client_id": client_id}).json()["items"][0]
    sent = advisor.post(f"/api/v1/conversations/{conv['id']}/messages", json={"text": reply})
    return key, sent.json()


def test_reply_goes_out_and_statuses_come_back(app, runtime) -> None:  # type: ignore[no-untyped-def]
    with provider_stub({"messages": [{"id": "wamid.OUT1"}]}) as (base_url, received):
        key, sent = _customer_then_reply(app, runtime, base_url, inbound="wach kayn chi promo?",
                                         reply="Ah kayna -20% had simana")  # fmt: skip
        assert received == []  # nothing leaves before commit + relay
        runtime.relay.drain()
        assert len(received) == 1
        assert received[0]["path"] == "/10001/messages"
        assert received[0]["headers"]["authorization"] == "Bearer tok-9"
        assert json.loads(received[0]["body"])["to"] == "212661234567"
    statuses = _wa_payload(statuses=[{"id": "wamid.OUT1", "status": "delivered"}])
    TestClient(app).post(f"/webhooks/whatsapp/{key}", content=statuses, headers=_signed(statuses))
    late = _wa_payload(statuses=[{"id": "wamid.OUT1", "status": "sent"}])
    TestClient(app).post(f"/webhooks/whatsapp/{key}", content=late, headers=_signed(late))
    with runtime.db.unit(Scope.system(), write=False) as session:
        message = session.get(Message, sent["id"])
        assert message.provider_message_id == "wamid.OUT1"
        assert message.delivery_state == "delivered"


def test_sms_webhook_with_twilio_signature(app, runtime) -> None:  # type: ignore[no-untyped-def]
    inbox_id, key, _ = _inbox(runtime, Channel.SMS, {"auth_token": "tw-token"})
    client = TestClient(app)
    params = {"MessageSid": "SM1", "From": "+212612345678", "To": "+212522000000",
              "Body": "Slt, ma 3ndich réseau f Agadir"}  # fmt: skip
    url = f"http://testserver/webhooks/sms/{key}"
    headers = {"x-twilio-signature": signature("tw-token", url, params),
               "content-type": "application/x-www-form-urlencoded"}  # fmt: skip
    ok = client.post(f"/webhooks/sms/{key}", content=urlencode(params), headers=headers)
    assert ok.status_code == 200 and ok.json()["accepted"] == 1
    headers["x-twilio-signature"] = signature("wrong", url, params)
    assert (
        client.post(f"/webhooks/sms/{key}", content=urlencode(params), headers=headers).status_code
        == 401
    )


def test_inbox_changes_reach_webhooks_at_once(app, runtime, whatsapp) -> None:  # type: ignore[no-untyped-def]
    """Inboxes are cached by key; rotating the secret or deactivating the inbox is seen by
    the very next delivery."""
    from tawasol.inboxes.actions import do_update_inbox
    from tawasol.inboxes.schemas import InboxPatch
    from tawasol.models import Inbox

    inbox_id, key, _ = whatsapp
    client = TestClient(app)
    body = _wa_payload(_text("wamid.C1", "salam"))
    assert (
        client.post(f"/webhooks/whatsapp/{key}", content=body, headers=_signed(body)).json()[
            "accepted"
        ]
        == 1
    )  # the inbox is cached now

    def patch(**changes) -> None:  # type: ignore[no-untyped-def]
        with runtime.db.unit(Scope.system()) as session:
            inbox = session.get(Inbox, inbox_id)
            do_update_inbox(session, actor=Actor.system(), inbox=inbox, patch=InboxPatch(**changes))

    patch(settings={"app_secret": "rotated"})
    body = _wa_payload(_text("wamid.C2", "salam"))
    old = client.post(f"/webhooks/whatsapp/{key}", content=body, headers=_signed(body))
    assert old.status_code == 401
    new = client.post(f"/webhooks/whatsapp/{key}", content=body, headers=_signed(body, "rotated"))
    assert new.status_code == 200
    patch(is_active=False)
    gone = client.post(f"/webhooks/whatsapp/{key}", content=body, headers=_signed(body, "rotated"))
    assert gone.status_code == 404


def test_a_sent_reply_is_stored_masked_under_the_policy(app, runtime) -> None:  # type: ignore[no-untyped-def]
    with provider_stub({"messages": [{"id": "wamid.OUT9"}]}) as (base_url, received):
        _, sent = _customer_then_reply(
            app, runtime, base_url, inbound="rappelez-moi svp", policy=True,
            reply="Notre conseiller vous appelle du 0522 12 34 56",
        )  # fmt: skip
        runtime.relay.drain()
        assert "0522 12 34 56" in json.loads(received[0]["body"])["text"]["body"]  # as written
    with runtime.db.unit(Scope.system(), write=False) as session:
        message = session.get(Message, sent["id"])
        assert message.provider_message_id == "wamid.OUT9" and message.redacted
        assert message.text == "Notre conseiller vous appelle du [PHONE]"
