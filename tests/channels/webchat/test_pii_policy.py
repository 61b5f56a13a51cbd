"""A client's `redact_stored_pii` policy on web chat: an advisor's replies stay as written while
the chat is open (the visitor's widget shows the stored transcript), and those holding personal
data are masked when the conversation is resolved; other clients' chats are untouched."""

from __future__ import annotations

from tawasol.db.tenancy import Scope
from tawasol.models import Client, Message
from tests.channels.webchat.conftest import ChatInbox, make_chat_inbox, send, start_session
from tests.factories import detached, login
from tests.nlp.enrichment.helpers import outbox

PERSONAL = "Appelez notre service au 06 12 34 56 78, ou écrivez à support@brand.example.ma"
PLAIN = "Merci de votre patience, je regarde votre commande."


def _chat_with_replies(widget, widget_app, runtime, chat: ChatInbox):  # type: ignore[no-untyped-def]
    token = start_session(widget, chat.key)
    conversation_id = send(widget, chat.key, token, "Bonjour").json()["conversation_id"]
    advisor = login(widget_app, chat.advisor_email)
    url = f"/api/v1/conversations/{conversation_id}/messages"
    ids = [advisor.post(url, json={"text": text}).json()["id"] for text in (PERSONAL, PLAIN)]
    return advisor, conversation_id, ids


def test_chat_replies_are_masked_when_the_chat_is_resolved(widget, widget_app, runtime) -> None:  # type: ignore[no-untyped-def]
    strict, lenient = make_chat_inbox(runtime), make_chat_inbox(runtime)
    with runtime.db.unit(Scope.system()) as session:
        session.get(Client, strict.client_id).redact_stored_pii = True
    advisor, conversation_id, (personal, plain) = _chat_with_replies(
        widget, widget_app, runtime, strict
    )
    # while the chat is open the visitor reads what the advisor wrote
    assert (
        detached(runtime, Message, personal).text == PERSONAL
        and not detached(runtime, Message, personal).redacted
    )
    resolved = advisor.post(
        f"/api/v1/conversations/{conversation_id}/status", json={"status": "resolved"}
    )
    assert resolved.status_code == 200, resolved.text
    masked = detached(runtime, Message, personal)
    assert masked.redacted and "56 78" not in masked.text and "support@" not in masked.text
    assert "[PHONE]" in masked.text and "[EMAIL]" in masked.text
    assert (
        detached(runtime, Message, plain).text == PLAIN
        and not detached(runtime, Message, plain).redacted
    )
    (event,) = outbox(runtime, "message.redacted", conversation_id)
    assert event.payload == {"conversation_id": conversation_id, "message_id": personal}
    listed = advisor.get(f"/api/v1/conversations/{conversation_id}/messages")
    assert "56 78" not in listed.text

    other, other_id, (untouched, _) = _chat_with_replies(widget, widget_app, runtime, lenient)
    other.post(f"/api/v1/conversations/{other_id}/status", json={"status": "resolved"})
    assert detached(runtime, Message, untouched).text == PERSONAL  # no policy for that client
    assert outbox(runtime, "message.redacted", other_id) == []
