"""The header's presence toggle: advisors set their state and break type from any console page,
through the routing action (audited, published live), with the form's CSRF token."""

from __future__ import annotations

from sqlalchemy import select

from tawasol.models.audit import AuditEntry
from tawasol.models.presence import AdvisorPresence
from tawasol.models.vocabulary import Role
from tests.factories import SYSTEM, make_user
from tests.web.console_world import form_login, page_csrf


def test_advisor_sets_a_prayer_break_and_comes_back(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    user_id, email = make_user(runtime, Role.ADVISOR, [a.client_id])
    browser = form_login(app, email)
    page = browser.get("/inbox")
    assert 'id="presence-select"' in page.text and 'aria-keyshortcuts="p"' in page.text
    assert '<option value="offline" selected>Hors ligne</option>' in page.text
    runtime.relay.drain()
    stream = runtime.bus.subscribe([f"agent:{user_id}", f"client:{a.client_id}"])
    try:
        done = browser.post("/presence", data={"csrf_token": page_csrf(page.text),
                            "presence": "on_break:prayer", "next": "/inbox?view=all"},
                            follow_redirects=False)  # fmt: skip
        assert done.status_code == 303 and done.headers["location"] == "/inbox?view=all"
        runtime.relay.drain()
        events = [stream.get(0.5) for _ in range(2)]
    finally:
        stream.close()
    changed = [e for e in events if e and e["type"] == "presence.changed"]
    assert changed and changed[0]["payload"]["break_kind"] == "prayer"
    with runtime.db.unit(SYSTEM.scope) as session:
        row = session.get(AdvisorPresence, user_id)
        assert row is not None and (row.state, row.break_kind) == ("on_break", "prayer")
        audited = session.scalars(select(AuditEntry.action).where(
            AuditEntry.object_type == "user", AuditEntry.object_id == str(user_id))).all()  # fmt: skip
        assert "presence.changed" in audited
    arabic = browser.get("/inbox?lang=ar")
    assert '<option value="on_break:prayer" selected>استراحة الصلاة</option>' in arabic.text
    fetched = browser.post("/presence", data={"csrf_token": page_csrf(page.text),
                           "presence": "available"}, headers={"x-requested-with": "fetch"})  # fmt: skip
    assert fetched.status_code == 204
    with runtime.db.unit(SYSTEM.scope) as session:
        row = session.get(AdvisorPresence, user_id)
        assert row is not None and (row.state, row.break_kind) == ("available", None)


def test_presence_form_refuses_forgery_nonsense_and_non_advisors(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    user_id, email = make_user(runtime, Role.ADVISOR, [a.client_id])
    browser = form_login(app, email)
    token = page_csrf(browser.get("/inbox").text)
    forged = browser.post("/presence", data={"csrf_token": "forged", "presence": "available"})
    assert forged.status_code == 403
    missing = browser.post("/presence", data={"presence": "available"})
    assert missing.status_code == 403
    for nonsense in ("on_break:nap", "break", "<script>", ""):
        refused = browser.post("/presence", data={"csrf_token": token, "presence": nonsense})
        assert refused.status_code == 422, nonsense
    with runtime.db.unit(SYSTEM.scope) as session:
        assert session.get(AdvisorPresence, user_id) is None  # nothing was changed
    _, viewer_email = make_user(runtime, Role.CLIENT_VIEWER, [a.client_id])
    viewer = form_login(app, viewer_email)
    viewer_page = viewer.get("/inbox")
    assert 'id="presence-select"' not in viewer_page.text
    refused = viewer.post("/presence", data={"csrf_token": page_csrf(viewer_page.text),
                          "presence": "available"})  # fmt: skip
    assert refused.status_code == 403
    assert form_login(app, email).post("/presence", data={}).status_code == 403


def test_wallboard_names_the_break(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    _, email = make_user(runtime, Role.ADVISOR, [a.client_id])
    advisor = form_login(app, email)
    token = page_csrf(advisor.get("/inbox").text)
    advisor.post("/presence", data={"csrf_token": token, "presence": "on_break:training"})
    _, supervisor_email = make_user(runtime, Role.SUPERVISOR, [a.client_id])
    board = form_login(app, supervisor_email).get("/wallboard")
    assert board.status_code == 200 and "<td>Formation</td>" in board.text
