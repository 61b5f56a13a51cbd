"""Internal notes with @mentions: only colleagues of the conversation's client can be named,
the person named is told live and finds the conversation in their "mentions" view, and every
name stays text."""

from __future__ import annotations

import json
import re

from markupsafe import escape
from sqlalchemy import select

from tawasol.models.audit import AuditEntry
from tawasol.models.mention import Mention
from tawasol.models.vocabulary import Role
from tawasol.users.actions import do_create_user
from tawasol.users.schemas import ClientGrant, UserIn
from tests.factories import PASSWORD, SYSTEM, login, unique
from tests.web.console_world import RAW_MARKERS, XSS_NAME, form_login, page_csrf


def _person(runtime, name: str, client_id: int, role: Role = Role.ADVISOR) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    email = f"{unique('p')}@tests.tawasol.ma"
    data = UserIn(email=email, full_name=name, role=role, password=PASSWORD,
                  clients=[ClientGrant(client_id=client_id, certified=True)])  # fmt: skip
    with runtime.db.unit(SYSTEM.scope) as session:
        return do_create_user(session, actor=SYSTEM, hasher=runtime.hasher, data=data).id, email


def _picker(html: str) -> list[dict[str, object]]:
    raw = html.split('<script type="application/json" id="mentionable">')[1].split("</script>")[0]
    return json.loads(raw)


def test_a_note_mentions_a_colleague_of_the_same_client_only(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    name = unique("Salma Idrissi")
    salma_id, salma_email = _person(runtime, name, a.client_id)
    twin_id, _ = _person(runtime, name, b.client_id)  # same name, other client
    viewer_id, _ = _person(runtime, unique("Lecteur"), a.client_id, Role.CLIENT_VIEWER)
    page = form_login(app, a.advisor_email).get(f"/conversations/{a.conversation_id}")
    people = _picker(page.text)
    ids = {p["id"] for p in people}
    assert salma_id in ids and twin_id not in ids and viewer_id not in ids  # viewers read no notes
    assert a.advisor_id not in ids  # not oneself
    assert 'role="listbox"' in page.text
    runtime.relay.drain()
    stream = runtime.bus.subscribe([f"agent:{salma_id}", f"agent:{twin_id}"])
    try:
        advisor = login(app, a.advisor_email)
        posted = advisor.post(f"/api/v1/conversations/{a.conversation_id}/messages",
                              json={"kind": "note", "text": f"@{name} peux-tu regarder ?"})  # fmt: skip
        assert posted.status_code == 201, posted.text
        runtime.relay.drain()
        events = [stream.get(0.5) for _ in range(4)]
    finally:
        stream.close()
    told = [e for e in events if e and e["type"] == "mention.created"]
    assert len(told) == 1 and told[0]["payload"]["mentioned_user_id"] == salma_id
    assert told[0]["payload"]["conversation_id"] == a.conversation_id
    with runtime.db.unit(SYSTEM.scope) as session:
        rows = session.scalars(
            select(Mention).where(Mention.message_id == posted.json()["id"])
        ).all()
        assert [(m.mentioned_user_id, m.client_id) for m in rows] == [(salma_id, a.client_id)]
        audited = session.scalars(select(AuditEntry.action).where(
            AuditEntry.object_id == str(posted.json()["id"]))).all()  # fmt: skip
        assert "note.mentioned" in audited
    # A reply to the customer never mentions anyone.
    advisor.post(f"/api/v1/conversations/{a.conversation_id}/messages",
                 json={"kind": "message", "text": f"@{name}"})  # fmt: skip
    with runtime.db.unit(SYSTEM.scope) as session:
        assert len(session.scalars(select(Mention).where(
            Mention.mentioned_user_id == salma_id)).all()) == 1  # fmt: skip

    salma = form_login(app, salma_email)
    inbox = salma.get("/inbox?view=mentions")
    assert re.findall(r'<li class="row[^"]*" data-id="(\d+)"', inbox.text) == [
        str(a.conversation_id)
    ]
    assert 'id="mention-badge" data-count="1"' in inbox.text and "Mention non lue" in inbox.text
    salma.get(f"/conversations/{a.conversation_id}")  # opening it reads the mention
    after = salma.get("/inbox?view=mentions")
    assert 'data-count="0" hidden' in after.text and "Mention non lue" not in after.text
    assert str(a.conversation_id) in after.text  # still listed: the view is every mention


def test_the_note_form_mentions_too_and_names_stay_text(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    evil_id, evil_email = _person(runtime, XSS_NAME, a.client_id)
    browser = form_login(app, a.advisor_email)
    page = browser.get(f"/conversations/{a.conversation_id}")
    assert any(p["name"] == XSS_NAME for p in _picker(page.text))
    for marker in RAW_MARKERS:
        assert marker not in page.text, marker
    done = browser.post(f"/conversations/{a.conversation_id}/reply",
                        data={"csrf_token": page_csrf(page.text), "kind": "note",
                              "text": f"vu avec @{XSS_NAME} <script>alert(1)</script>"},
                        follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and "error" not in done.headers["location"]
    forged = browser.post(f"/conversations/{a.conversation_id}/reply",
                          data={"csrf_token": "nope", "kind": "note", "text": f"@{XSS_NAME}"})  # fmt: skip
    assert forged.status_code == 403
    with runtime.db.unit(SYSTEM.scope) as session:
        named = session.scalars(select(Mention).where(Mention.mentioned_user_id == evil_id)).all()
        assert len(named) == 1
    mentions = form_login(app, evil_email).get("/inbox?view=mentions")
    timeline = browser.get(f"/conversations/{a.conversation_id}/timeline").text
    for html in (mentions.text, timeline):
        for marker in RAW_MARKERS:
            assert marker not in html, marker
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in timeline
    assert f'<mark class="mention">@{escape(XSS_NAME)}</mark>' in timeline
