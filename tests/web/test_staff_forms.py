"""The staff forms do what the API does (same actions, audited), show refusals in the user's
language, and escape every name an admin or a customer could have typed."""

from __future__ import annotations

from markupsafe import escape
from sqlalchemy import select

from tawasol.clients.actions import do_create_client
from tawasol.clients.schemas import ClientIn
from tawasol.inboxes.actions import do_create_inbox
from tawasol.inboxes.schemas import InboxIn
from tawasol.models.audit import AuditEntry
from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.inbox import Inbox
from tawasol.models.skill import AdvisorLanguage
from tawasol.models.team import Team, TeamMember
from tawasol.models.user import User
from tawasol.models.vocabulary import Channel, Role
from tawasol.users.team_actions import do_create_team
from tests.factories import SYSTEM, make_user, unique
from tests.web.console_world import RAW_MARKERS, XSS_NAME, XSS_SUBJECT, XSS_TAG
from tests.web.staff_world import page_token, staff_login


def _admin(app, runtime):  # type: ignore[no-untyped-def]
    return staff_login(app, runtime, Role.OPERATOR_ADMIN, [], all_clients=True)


def test_admin_creates_and_edits_a_client_then_a_web_chat_inbox(app, runtime) -> None:  # type: ignore[no-untyped-def]
    browser = _admin(app, runtime)
    token = page_token(browser.get("/admin/clients").text)
    slug = unique("marque").lower()
    created = browser.post("/admin/clients", data={"csrf_token": token, "name": "Marque Ç",
                           "slug": slug, "locale": "es"}, follow_redirects=False)  # fmt: skip
    assert created.status_code == 303
    client_id = int(created.headers["location"].split("/")[3].split("?")[0])
    again = browser.post("/admin/clients", data={"csrf_token": token, "name": "Bis", "slug": slug})
    assert again.status_code == 409 and "Un client utilise déjà cet identifiant." in again.text
    spanish = browser.post("/admin/clients?lang=es", data={"csrf_token": token, "name": "Bis",
                           "slug": slug})  # fmt: skip
    assert "Otro cliente ya usa este identificador." in spanish.text
    edited = browser.post(f"/admin/clients/{client_id}", data={"csrf_token": token,
                          "name": "Marque Ç 2", "locale": "fr", "timezone": "Europe/Paris",
                          "is_active": "on", "redact_stored_pii": "on"}, follow_redirects=True)  # fmt: skip
    assert edited.status_code == 200 and "Modification enregistrée." in edited.text
    assert 'name="redact_stored_pii" aria-describedby="client-redact-help" checked' in edited.text
    bad_zone = browser.post(f"/admin/clients/{client_id}", data={"csrf_token": token,
                            "name": "x", "timezone": "Mars/Olympus"})  # fmt: skip
    assert bad_zone.status_code == 422 and "timezone" in bad_zone.text
    inbox = browser.post("/admin/inboxes", data={"csrf_token": token, "client_id": client_id,
                         "name": "Chat du site", "channel": "webchat"})  # fmt: skip
    assert inbox.status_code == 200
    with runtime.db.unit(SYSTEM.scope) as session:
        client = session.get(Client, client_id)
        assert client is not None and (client.name, client.timezone) == (
            "Marque Ç 2",
            "Europe/Paris",
        )
        assert client.redact_stored_pii is True
        actions = set(
            session.scalars(select(AuditEntry.action).where(AuditEntry.client_id == client_id))
        )
        assert {"client.created", "client.updated", "inbox.created"} <= actions
        key = session.scalars(select(Inbox.public_key).where(Inbox.client_id == client_id)).one()
    snippet = f'<script src="http://testserver/widget/{key}.js" async></script>'
    assert str(escape(snippet)) in inbox.text and snippet not in inbox.text


def test_tokens_show_the_secret_once_and_revoke(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    browser = staff_login(app, runtime, Role.ADVISOR, [a.client_id])
    token = page_token(browser.get("/admin/tokens").text)
    created = browser.post("/admin/tokens", data={"csrf_token": token, "name": "Export CRM",
                           "scope": "read", "expires_in_days": "30"})  # fmt: skip
    assert created.status_code == 201
    secret = created.text.split('<p class="secret" id="new-token">')[1].split("<")[0]
    api = browser.get("/api/v1/me", headers={"authorization": f"Bearer {secret}"})
    assert api.status_code == 200
    listing = browser.get("/admin/tokens").text
    assert "Export CRM" in listing and secret not in listing
    token_id = listing.split('action="/admin/tokens/')[1].split("/")[0]
    revoked = browser.post(f"/admin/tokens/{token_id}/revoke", data={"csrf_token": token})
    assert revoked.status_code == 200 and "Révoqué" in revoked.text
    assert (
        browser.get("/api/v1/me", headers={"authorization": f"Bearer {secret}"}).status_code == 401
    )
    other = staff_login(app, runtime, Role.ADVISOR, [a.client_id])
    stolen = other.post(f"/admin/tokens/{token_id}/revoke",
                        data={"csrf_token": page_token(other.get("/admin/tokens").text)})  # fmt: skip
    assert stolen.status_code == 404


def test_skills_teams_and_reassignment(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    browser = staff_login(app, runtime, Role.SUPERVISOR, [a.client_id])
    token = page_token(browser.get("/admin/advisors").text)
    saved = browser.post(f"/admin/advisors/{a.advisor_id}/skills", data={"csrf_token": token,
                         "languages": "fr:5, ary:4", "channels": "webchat:3"})  # fmt: skip
    assert saved.status_code == 200
    twice = browser.post(f"/admin/advisors/{a.advisor_id}/skills",
                         data={"csrf_token": token, "languages": "fr:5, fr:2"})  # fmt: skip
    assert twice.status_code == 422 and "Une langue figure deux fois." in twice.text
    name = unique("Équipe soir")
    assert browser.post("/admin/teams", data={"csrf_token": token, "client_id": a.client_id,
                        "name": name}).status_code == 200  # fmt: skip
    with runtime.db.unit(SYSTEM.scope) as session:
        team_id = session.scalars(select(Team.id).where(Team.name == name)).one()
    members = browser.post(f"/admin/teams/{team_id}/members",
                           data={"csrf_token": token, "member": [str(a.advisor_id)]})  # fmt: skip
    assert members.status_code == 200
    wall = browser.post("/wallboard/assign", data={"csrf_token": token,
                        "conversation_id": a.conversation_id, "assignee_id": a.advisor_id})  # fmt: skip
    assert wall.status_code == 200 and "Modification enregistrée." in wall.text
    with runtime.db.unit(SYSTEM.scope) as session:
        langs = session.scalars(select(AdvisorLanguage.language).where(
            AdvisorLanguage.user_id == a.advisor_id))  # fmt: skip
        assert sorted(langs) == ["ary", "fr"]
        assert session.scalars(
            select(TeamMember.user_id).where(TeamMember.team_id == team_id)
        ).all() == [a.advisor_id]
        conversation = session.get(Conversation, a.conversation_id)
        assert conversation is not None and conversation.assignee_id == a.advisor_id
    uncertified, _ = make_user(runtime, Role.ADVISOR, [a.client_id], certified=False)
    refused = browser.post("/wallboard/assign", data={"csrf_token": token,
                           "conversation_id": a.conversation_id, "assignee_id": uncertified})  # fmt: skip
    assert "certifié pour ce client" in refused.text


def test_names_typed_by_admins_are_escaped(app, runtime) -> None:  # type: ignore[no-untyped-def]
    with runtime.db.unit(SYSTEM.scope) as session:
        client = do_create_client(session, actor=SYSTEM,
                                  data=ClientIn(name=XSS_NAME, slug=unique("xss").lower()))  # fmt: skip
        do_create_inbox(session, actor=SYSTEM, client=client, data=InboxIn(
            client_id=client.id, name=XSS_SUBJECT, channel=Channel.WEBCHAT))  # fmt: skip
        do_create_team(session, actor=SYSTEM, client=client, name=XSS_TAG)
        client_id = client.id
    advisor_id, _ = make_user(runtime, Role.ADVISOR, [client_id])
    with runtime.db.unit(SYSTEM.scope) as session:
        user = session.get(User, advisor_id)
        assert user is not None
        user.full_name = XSS_NAME
    browser = _admin(app, runtime)
    for path in ("/wallboard", f"/wallboard?client={client_id}", "/wallboard/panel",
                 "/admin/clients", f"/admin/clients/{client_id}", "/admin/inboxes",
                 "/admin/advisors", "/admin/teams", f"/admin/audit?client_id={client_id}"):  # fmt: skip
        page = browser.get(path)
        assert page.status_code == 200, path
        for marker in RAW_MARKERS:
            assert marker not in page.text, (path, marker)
    assert str(escape(XSS_NAME)) in browser.get("/admin/clients").text
    assert str(escape(XSS_TAG)) in browser.get("/admin/teams").text
