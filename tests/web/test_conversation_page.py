"""The conversation page: the timeline tells customer, advisor and note apart, the sidebar
shows who the customer is, and the page's actions change the conversation."""

from __future__ import annotations

import re

from tawasol.models.conversation import Conversation
from tawasol.models.message import Message
from tests.factories import SYSTEM, unique
from tests.web.console_world import form_login, ingest, page_csrf


def _entries(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<li class="entry entry-(\w+)" id="message-\d+" data-id="(\d+)"', html)


def test_timeline_sidebar_and_copilot_fields(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    sender = f"{unique('fatima')}@example.com"
    earlier = ingest(runtime, a.inbox_id, sender=sender, text="Première demande",
                     subject="Ancienne demande", name="Fatima Zahra")  # fmt: skip
    with runtime.db.unit(SYSTEM.scope) as session:
        row = session.get(Conversation, earlier)
        assert row is not None
        row.status = "resolved"  # so that the next message opens a new conversation
    current = ingest(runtime, a.inbox_id, sender=sender, text="مرحبا، طلبي لم يصل",
                     subject="Commande en retard")  # fmt: skip
    with runtime.db.unit(SYSTEM.scope) as session:
        row = session.get(Conversation, current)
        assert row is not None
        row.language, row.intent, row.sentiment = "ar", "order_status", "negative"
    browser = form_login(app, a.advisor_email)
    page = browser.get(f"/conversations/{current}?view=all")
    assert page.status_code == 200
    assert "مرحبا، طلبي لم يصل" in page.text
    assert [side for side, _ in _entries(page.text)] == ["inbound"]
    assert "Fatima Zahra" in page.text and sender in page.text  # profile: name and identity
    assert f'href="/conversations/{earlier}?' in page.text  # previous conversations
    assert "order_status" in page.text and "Négatif" in page.text  # copilot signals
    assert "data-copilot-request" in page.text  # no suggestion yet: the panel offers to ask
    tenant_page = browser.get(f"/conversations/{a.conversation_id}")
    assert [s for s, _ in _entries(tenant_page.text)] == ["inbound", "outbound", "note"]


def test_form_actions_change_the_conversation(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    conversation_id = ingest(runtime, a.inbox_id, sender=f"{unique('f')}@example.com", text="Aide")
    browser = form_login(app, a.advisor_email)
    url = f"/conversations/{conversation_id}"
    csrf = page_csrf(browser.get(url).text)
    steps = [
        ("assign", {"assignee": "me"}),
        ("reply", {"kind": "message", "text": "Bonjour, je regarde."}),
        ("reply", {"kind": "note", "text": "Client fidèle, geste possible"}),
        ("tags", {"add": "retard, livraison"}),
        ("tags", {"remove": "retard"}),
        ("status", {"status": "resolved"}),
    ]
    for change, fields in steps:
        done = browser.post(f"{url}/{change}", data={**fields, "csrf_token": csrf, "list": "view=all"},
                            follow_redirects=False)  # fmt: skip
        assert done.status_code == 303, (change, done.text)
        assert done.headers["location"].startswith(f"{url}?view=all"), change
        assert "error=" not in done.headers["location"], (change, done.headers["location"])
    summary = browser.get(f"{url}/summary").text
    assert "Résolue" in summary and "#livraison" in summary and "#retard" not in summary
    assert "Me retirer" in summary and "Rouvrir" in summary
    timeline = browser.get(f"{url}/timeline").text
    assert [s for s, _ in _entries(timeline)] == ["inbound", "outbound", "note"]
    last = _entries(timeline)[-1][1]
    assert browser.get(f"{url}/timeline?after={last}").text.strip() == ""
    with runtime.db.unit(SYSTEM.scope) as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None and conversation.assignee_id == a.advisor_id
    bad = browser.post(
        f"{url}/tags", data={"add": "<b>", "csrf_token": csrf}, follow_redirects=False
    )
    assert "error=invalid" in bad.headers["location"]
    assert browser.post(f"{url}/explode", data={"csrf_token": csrf}).status_code == 404


def test_posting_through_the_api_with_the_page_token(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    """What conversation.js does: JSON to the API, CSRF header read from the page's meta tag."""
    a, _ = brands
    browser = form_login(app, a.advisor_email)
    csrf = page_csrf(browser.get(f"/conversations/{a.conversation_id}").text)
    api = f"/api/v1/conversations/{a.conversation_id}/messages"
    assert browser.post(api, json={"text": "sans jeton"}).status_code == 403
    sent = browser.post(api, json={"text": "avec jeton"}, headers={"x-csrf-token": csrf})
    assert sent.status_code == 201
    with runtime.db.unit(SYSTEM.scope) as session:
        assert session.get(Message, sent.json()["id"]) is not None
