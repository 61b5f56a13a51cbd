"""The advisor inbox: views, filters, search and "more" show exactly the conversations in the
user's reach, never another client's."""

from __future__ import annotations

import re

from tawasol.models.conversation import Conversation
from tawasol.models.vocabulary import Role
from tests.factories import SYSTEM, make_user, unique
from tests.web.console_world import assign, form_login, ingest, tag


def _row_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="row[^"]*" data-id="(\d+)"', html)]


def test_inbox_lists_only_conversations_in_reach(app, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    browser = form_login(app, a.advisor_email)
    page = browser.get("/inbox?view=all")
    assert page.status_code == 200
    assert a.conversation_id in _row_ids(page.text) and a.marker in page.text
    assert b.marker not in page.text and b.conversation_id not in _row_ids(page.text)
    # Asking for B by its client id or tag finds nothing rather than B's rows.
    for query in (f"client={b.client_id}", "tag=tagb", f"q={b.marker}"):
        filtered = browser.get(f"/inbox?view=all&{query}")
        assert filtered.status_code == 200 and _row_ids(filtered.text) == [], query
        assert (
            f"Contact {b.marker}" not in filtered.text
            and f"Subject {b.marker}" not in filtered.text
        )
    assert browser.get("/inbox").headers["content-security-policy"].startswith("default-src 'self'")


def test_views_filters_and_search(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    word = unique("colis")
    mine = ingest(runtime, a.inbox_id, sender=f"{unique('m')}@example.com", text="Où est mon colis ?",
                  subject=f"Livraison {word}", name="Khadija Benali")  # fmt: skip
    other = ingest(runtime, a.inbox_id, sender=f"{unique('o')}@example.com", text="Facture",
                   subject="Facture", name=f"Youssef {word}")  # fmt: skip
    assign(runtime, mine, a.advisor_id)
    tag(runtime, other, "facturation")
    with runtime.db.unit(SYSTEM.scope) as session:
        # Set as the enrichment job would (no user-facing action writes these).
        row = session.get(Conversation, other)
        assert row is not None
        row.language, row.intent = "ar", "billing"
    browser = form_login(app, a.advisor_email)
    assert _row_ids(browser.get("/inbox").text) == [mine]  # advisors start on their own
    unassigned = _row_ids(browser.get("/inbox?view=unassigned").text)
    assert other in unassigned and mine not in unassigned
    found = _row_ids(browser.get(f"/inbox?view=all&q={word}").text)
    assert set(found) == {mine, other}  # by subject and by contact name
    assert _row_ids(browser.get(f"/inbox?view=all&q={word.upper()}").text) != []
    assert _row_ids(browser.get("/inbox?view=all&q=%25%25nothing%25").text) == []
    for query in ("language=ar", "intent=billing", "tag=facturation", "tag=FACTURATION"):
        assert other in _row_ids(browser.get(f"/inbox?view=all&{query}").text), query
        assert mine not in _row_ids(browser.get(f"/inbox?view=all&{query}").text), query
    assert mine in _row_ids(browser.get(f"/inbox?view=all&channel=email&client={a.client_id}").text)
    assert _row_ids(browser.get("/inbox?view=all&channel=sms").text) == []
    assert mine not in _row_ids(browser.get("/inbox?view=all&status=resolved").text)
    assert mine in _row_ids(browser.get("/inbox?view=all&status=any").text)
    # Nonsense in the address bar is ignored, not an error page.
    assert (
        browser.get("/inbox?view=everything&status=lost&client=-3&language=<x>").status_code == 200
    )
    assert browser.get(f"/inbox?client={2**62}").status_code == 200  # beyond `integer`


def test_more_button_pages_with_keyset_cursors(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    for n in range(3):
        ingest(runtime, a.inbox_id, sender=f"{unique('p')}@example.com", text=f"page {n}")
    browser = form_login(app, a.advisor_email)
    first = browser.get("/inbox/rows?view=all&limit=2")
    assert first.status_code == 200 and len(_row_ids(first.text)) == 2
    seen = _row_ids(first.text)
    html = first.text
    while 'data-rows="' in html:
        next_url = html.split('data-rows="')[1].split('"')[0].replace("&amp;", "&")
        html = browser.get(next_url).text
        assert not set(_row_ids(html)) & set(seen)
        seen += _row_ids(html)
    assert len(seen) >= 5 and a.conversation_id in seen
    assert _row_ids(browser.get("/inbox?view=all&cursor=forged").text)  # restarts at the top


def test_client_viewer_sees_only_their_brand_read_only(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    _, email = make_user(runtime, Role.CLIENT_VIEWER, [a.client_id])
    viewer = form_login(app, email)
    inbox = viewer.get("/inbox")
    assert a.conversation_id in _row_ids(inbox.text) and b.marker not in inbox.text
    foreign = viewer.get(f"/conversations/{b.conversation_id}")
    assert foreign.status_code == 404 and b.marker not in foreign.text
    missing = viewer.get("/conversations/999999999")
    assert missing.status_code == 404
    for fragment in ("summary", "timeline"):
        assert viewer.get(f"/conversations/{b.conversation_id}/{fragment}").status_code == 404
    own = viewer.get(f"/conversations/{a.conversation_id}")
    assert own.status_code == 200 and f"Hello {a.marker}" in own.text
    assert 'id="composer"' not in own.text and "/assign" not in own.text
    assert f"Note {a.marker}" not in own.text  # internal notes stay internal
    csrf = own.text.split('name="csrf-token" content="')[1].split('"')[0]
    refused = viewer.post(f"/conversations/{a.conversation_id}/reply",
                          data={"csrf_token": csrf, "text": "hello"}, follow_redirects=False)  # fmt: skip
    assert refused.status_code == 303 and "error=forbidden" in refused.headers["location"]
    assert "hello" not in viewer.get(f"/conversations/{a.conversation_id}/timeline").text


def test_pages_need_a_session(app) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    anonymous = TestClient(app)
    for url in ("/inbox", "/conversations/1"):
        response = anonymous.get(url, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/login"
    assert anonymous.get("/inbox/rows").status_code == 401
    assert anonymous.get("/conversations/1/timeline").status_code == 401
