"""Who may open the wallboard and the /admin pages, what each sees of other clients, and that
no staff form changes anything without the session's CSRF token."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.presence import AdvisorPresence
from tawasol.models.vocabulary import Role
from tests.factories import SYSTEM
from tests.web.staff_world import page_token, staff_login

PAGES = ["/wallboard", "/wallboard/panel", "/admin/clients", "/admin/inboxes",
         "/admin/advisors", "/admin/teams", "/admin/audit", "/admin/tokens"]  # fmt: skip
ADMIN_ONLY = PAGES[2:-1]


def test_anonymous_visitors_go_to_login(app) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    browser = TestClient(app)
    for path in PAGES:
        response = browser.get(path, follow_redirects=False)
        expected = 401 if path == "/wallboard/panel" else 303
        assert response.status_code == expected, path


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.OPERATOR_ADMIN, set(PAGES)),
        (Role.SUPERVISOR, set(PAGES)),
        (Role.CLIENT_VIEWER, {"/wallboard", "/wallboard/panel", "/admin/tokens"}),
        (Role.ADVISOR, {"/admin/tokens"}),
        (Role.QUALITY_ANALYST, {"/admin/tokens"}),
    ],
)
def test_pages_open_for_the_right_roles(app, runtime, brands, role, allowed) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    browser = staff_login(app, runtime, role, [a.client_id])
    for path in PAGES:
        response = browser.get(path, follow_redirects=False)
        assert response.status_code == (200 if path in allowed else 403), (role, path)


def test_a_supervisor_of_a_never_sees_b(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    browser = staff_login(app, runtime, Role.SUPERVISOR, [a.client_id])
    for path in [
        *PAGES,
        f"/wallboard?client={b.client_id}",
        f"/admin/audit?client_id={b.client_id}",
    ]:
        page = browser.get(path).text
        assert b.marker.lower() not in page.lower(), path
    assert a.marker.lower() in browser.get("/wallboard").text.lower()
    assert browser.get(f"/admin/clients/{b.client_id}").status_code == 404


def test_a_client_viewer_reads_figures_without_names_or_forms(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    with runtime.db.unit(SYSTEM.scope) as session:
        if session.get(AdvisorPresence, a.advisor_id) is None:
            session.add(AdvisorPresence(user_id=a.advisor_id, state="available"))
    page = staff_login(app, runtime, Role.CLIENT_VIEWER, [a.client_id]).get("/wallboard").text
    assert "Disponible : 1" in page
    assert a.marker.lower() in page.lower() and b.marker.lower() not in page.lower()
    assert "/wallboard/assign" not in page and "Test advisor" not in page


def test_an_admin_restricted_to_a_cannot_touch_b(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    browser = staff_login(app, runtime, Role.OPERATOR_ADMIN, [a.client_id])
    token = page_token(browser.get("/admin/clients").text)
    edit = browser.post(f"/admin/clients/{b.client_id}",
                        data={"csrf_token": token, "name": "hijacked", "locale": "fr"})  # fmt: skip
    assert edit.status_code == 404
    inbox = browser.post("/admin/inboxes", data={"csrf_token": token, "client_id": b.client_id,
                                                 "name": "intrus", "channel": "email"})  # fmt: skip
    assert inbox.status_code == 404
    team = browser.post("/admin/teams",
                        data={"csrf_token": token, "client_id": b.client_id, "name": "x"})  # fmt: skip
    assert team.status_code == 404
    assign = browser.post("/wallboard/assign", data={"csrf_token": token,
                          "conversation_id": b.conversation_id, "assignee_id": a.advisor_id})  # fmt: skip
    assert assign.status_code == 404
    created = browser.post("/admin/clients",
                           data={"csrf_token": token, "name": "Nouveau", "slug": "nouveau-a"})  # fmt: skip
    assert created.status_code == 403 and "tous les clients" in created.text
    with runtime.db.unit(SYSTEM.scope) as session:
        client = session.get(Client, b.client_id)
        assert client is not None and client.name != "hijacked"
        assert not session.scalars(select(Client).where(Client.slug == "nouveau-a")).first()


def test_every_staff_form_needs_the_csrf_token(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    browser = staff_login(app, runtime, Role.OPERATOR_ADMIN, [], all_clients=True)
    forms = [
        ("/wallboard/assign", {"conversation_id": a.conversation_id, "assignee_id": a.advisor_id}),
        ("/admin/clients", {"name": "Forged", "slug": "forged-client"}),
        (f"/admin/clients/{a.client_id}", {"name": "Forged", "locale": "fr"}),
        ("/admin/inboxes", {"client_id": a.client_id, "name": "Forged", "channel": "email"}),
        (f"/admin/advisors/{a.advisor_id}/skills", {"languages": "fr:5"}),
        ("/admin/teams", {"client_id": a.client_id, "name": "Forged"}),
        (f"/admin/teams/{a.team_id}/members", {"member": a.advisor_id}),
        ("/admin/tokens", {"name": "Forged", "scope": "read"}),
        ("/admin/tokens/1/revoke", {}),
    ]
    for path, data in forms:
        for token in (None, "wrong-token"):
            body = dict(data) | ({"csrf_token": token} if token else {})
            response = browser.post(path, data=body, follow_redirects=False)
            assert response.status_code == 403, (path, token)
    with runtime.db.unit(SYSTEM.scope) as session:
        assert not session.scalars(select(Client).where(Client.name == "Forged")).first()
        conversation = session.get(Conversation, a.conversation_id)
        assert conversation is not None and conversation.assignee_id != a.advisor_id
