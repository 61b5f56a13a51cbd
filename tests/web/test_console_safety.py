"""Safety of the console: whatever a customer wrote is escaped (or sanitized and sandboxed),
and no form changes anything without the session's CSRF token."""

from __future__ import annotations

import html as html_module
import re

from markupsafe import escape
from sqlalchemy import func, select

from tawasol.models.conversation import Conversation
from tawasol.models.message import Message
from tawasol.models.user import User
from tests.factories import SYSTEM, unique
from tests.web.console_world import (
    RAW_MARKERS,
    XSS_FILENAME,
    XSS_NAME,
    XSS_SUBJECT,
    XSS_TAG,
    XSS_TEXT,
    form_login,
    ingest,
    make_xss_conversation,
)


def _assert_inert(page: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in page, marker


def test_customer_fields_are_escaped_everywhere(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    conversation_id = make_xss_conversation(runtime, a.inbox_id)
    browser = form_login(app, a.advisor_email)
    pages = {
        "inbox": browser.get("/inbox?view=all&status=any"),
        "rows": browser.get("/inbox/rows?view=all"),
        "conversation": browser.get(f"/conversations/{conversation_id}?view=all"),
        "summary": browser.get(f"/conversations/{conversation_id}/summary"),
        "timeline": browser.get(f"/conversations/{conversation_id}/timeline"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        _assert_inert(response.text)
    conversation = pages["conversation"].text
    # Each payload is on the page, as text: shown to the advisor, never run.
    for value in (XSS_NAME, XSS_SUBJECT, XSS_TEXT, XSS_FILENAME, XSS_TAG.lower()):
        assert str(escape(value)) in conversation, value
    for value in (XSS_NAME, XSS_SUBJECT, XSS_TAG.lower()):
        assert str(escape(value)) in pages["inbox"].text, value


def test_html_bodies_are_sanitized_and_sandboxed(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    conversation_id = make_xss_conversation(runtime, a.inbox_id)
    browser = form_login(app, a.advisor_email)
    page = browser.get(f"/conversations/{conversation_id}").text
    frames = re.findall(r"<iframe ([^>]*)>", page)
    assert len(frames) == 1
    attributes = frames[0]
    sandbox = re.search(r'sandbox="([^"]*)"', attributes)
    assert sandbox is not None and "allow-scripts" not in sandbox.group(1)
    document = html_module.unescape(re.search(r'srcdoc="([^"]*)"', attributes).group(1))  # type: ignore[union-attr]
    assert "<p>Bonjour</p>" in document  # the harmless part is kept
    for forbidden in ("<script", "onerror", "javascript:", "<iframe", "style=", "position:fixed"):
        assert forbidden not in document.lower(), forbidden
    csp = browser.get(f"/conversations/{conversation_id}").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp


def test_every_form_needs_the_csrf_token(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    conversation_id = ingest(runtime, a.inbox_id, sender=f"{unique('c')}@example.com", text="x")
    browser = form_login(app, a.advisor_email)
    url = f"/conversations/{conversation_id}"
    forms = [
        (f"{url}/reply", {"kind": "message", "text": "forged reply"}),
        (f"{url}/reply", {"kind": "note", "text": "forged note"}),
        (f"{url}/assign", {"assignee": "me"}),
        (f"{url}/status", {"status": "resolved"}),
        (f"{url}/tags", {"add": "forged"}),
        ("/preferences/language", {"locale": "es"}),
        ("/logout", {}),
    ]
    for action, fields in forms:
        for token in (None, "forged-token"):
            data = fields if token is None else {**fields, "csrf_token": token}
            response = browser.post(action, data=data, follow_redirects=False)
            assert response.status_code in (303, 403), action
            if response.status_code == 303:
                assert response.headers["location"] == "/login", action
    with runtime.db.unit(SYSTEM.scope) as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        assert conversation.status == "open" and conversation.assignee_id is None
        count = (
            select(func.count())
            .select_from(Message)
            .where(Message.conversation_id == conversation_id)
        )
        assert session.scalar(count) == 1
        user = session.scalars(select(User).where(User.email == a.advisor_email)).one()
        assert user.locale == "fr"
    assert browser.get("/inbox").status_code == 200  # still signed in: logout was refused too
