"""`/admin/users`: creating people with a password or an invitation link, editing their role,
grants and languages, deactivating them — audited, CSRF-guarded, escaped, and a client admin
confined to their own clients."""

from __future__ import annotations

from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import select

from tawasol.models.audit import AuditEntry
from tawasol.models.skill import AdvisorLanguage
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import Role
from tests.factories import PASSWORD, SYSTEM, make_user, unique
from tests.web.console_world import RAW_MARKERS, XSS_NAME, form_login
from tests.web.staff_world import page_token, staff_login


def _user(runtime, email: str) -> User:  # type: ignore[no-untyped-def]
    with runtime.db.unit(SYSTEM.scope) as session:
        user = session.scalars(select(User).where(User.email == email)).one()
        session.expunge(user)
        return user


def _grants(runtime, user_id: int) -> dict[int, bool]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(SYSTEM.scope) as session:
        rows = session.scalars(select(UserClient).where(UserClient.user_id == user_id))
        return {g.client_id: g.certified for g in rows}


def test_admin_creates_an_advisor_with_a_password_and_edits_them(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    admin = staff_login(app, runtime, Role.OPERATOR_ADMIN, [], all_clients=True)
    page = admin.get("/admin/users")
    assert page.status_code == 200 and 'action="/admin/users"' in page.text
    token = page_token(page.text)
    email = f"{unique('new')}@tests.tawasol.ma"
    created = admin.post("/admin/users", data={
        "csrf_token": token, "full_name": XSS_NAME, "email": email, "role": "advisor",
        "locale": "ar", "languages": "ar:5, ary:4", "access": "password", "password": PASSWORD,
        "client": [str(a.client_id), str(b.client_id)], "certified": [str(a.client_id)],
    }, follow_redirects=False)  # fmt: skip
    assert created.status_code == 303, created.text
    user = _user(runtime, email)
    assert (user.role, user.locale, user.full_name) == ("advisor", "ar", XSS_NAME)
    assert _grants(runtime, user.id) == {a.client_id: True, b.client_id: False}
    with runtime.db.unit(SYSTEM.scope) as session:
        langs = session.scalars(select(AdvisorLanguage.language).where(
            AdvisorLanguage.user_id == user.id)).all()  # fmt: skip
        assert sorted(langs) == ["ar", "ary"]
    form_login(app, email)  # the initial password works
    for url in ("/admin/users", f"/admin/users/{user.id}"):
        html = admin.get(url).text
        assert str(escape(XSS_NAME)) in html
        for marker in RAW_MARKERS:
            assert marker not in html, (url, marker)
    edited = admin.post(f"/admin/users/{user.id}", data={"csrf_token": token,
                        "full_name": "Nadia Alaoui", "role": "supervisor", "locale": "es"},
                        follow_redirects=False)  # fmt: skip
    assert edited.status_code == 303
    regranted = admin.post(f"/admin/users/{user.id}/grants", data={"csrf_token": token,
                           "client": [str(b.client_id)], "certified": [str(b.client_id)]},
                           follow_redirects=False)  # fmt: skip
    assert regranted.status_code == 303
    assert _grants(runtime, user.id) == {b.client_id: True}
    off = admin.post(f"/admin/users/{user.id}/active", data={"csrf_token": token, "active": "0"},
                     follow_redirects=False)  # fmt: skip
    assert off.status_code == 303
    user = _user(runtime, email)
    assert (user.full_name, user.role, user.locale, user.is_active) == (
        "Nadia Alaoui", "supervisor", "es", False)  # fmt: skip
    with runtime.db.unit(SYSTEM.scope) as session:
        actions = set(session.scalars(select(AuditEntry.action).where(
            AuditEntry.object_type == "user", AuditEntry.object_id == str(user.id))))  # fmt: skip
    assert {"user.created", "user.updated", "user.grants_changed", "user.skills_changed"} <= actions
    taken = admin.post("/admin/users", data={"csrf_token": token, "full_name": "x",
                       "email": email, "role": "advisor", "access": "password",
                       "password": PASSWORD})  # fmt: skip
    assert taken.status_code == 409 and "Un compte utilise déjà cette adresse e-mail." in taken.text


def test_invitation_link_lets_the_person_choose_a_password_once(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    admin = staff_login(app, runtime, Role.OPERATOR_ADMIN, [], all_clients=True)
    token = page_token(admin.get("/admin/users").text)
    email = f"{unique('inv')}@tests.tawasol.ma"
    created = admin.post("/admin/users", data={
        "csrf_token": token, "full_name": "Viewer", "email": email, "role": "client_viewer",
        "access": "invitation", "client": [str(a.client_id)],
    })  # fmt: skip
    assert created.status_code == 201, created.text
    link = created.text.split('id="invitation-link" readonly value="')[1].split('"')[0]
    path = link[link.index("/invitation/") :]
    visitor = TestClient(app)
    form = visitor.get(path)
    assert form.status_code == 200 and form.headers["referrer-policy"] == "no-referrer"
    csrf = form.text.split('name="csrf_token" value="')[1].split('"')[0]
    forged = visitor.post(path, data={"csrf_token": "x", "password": "Nouveau-mot-2026",
                                      "confirm": "Nouveau-mot-2026"})  # fmt: skip
    assert forged.status_code == 403
    csrf = forged.text.split('name="csrf_token" value="')[1].split('"')[0]  # each page renews it
    weak = visitor.post(path, data={"csrf_token": csrf, "password": "aaaaaaaaaaaa",
                                    "confirm": "aaaaaaaaaaaa"})  # fmt: skip
    assert weak.status_code == 422
    csrf = weak.text.split('name="csrf_token" value="')[1].split('"')[0]
    done = visitor.post(path, data={"csrf_token": csrf, "password": "Nouveau-mot-2026",
                                    "confirm": "Nouveau-mot-2026"}, follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and done.headers["location"] == "/login"
    again = TestClient(app).get(path)
    assert again.status_code == 404 and 'name="password"' not in again.text  # used once
    assert TestClient(app).get("/invitation/v1.forged.token").status_code == 404
    # A lost or used link: the admin issues a new one (audited), which works once too.
    user_id = _user(runtime, email).id
    fresh = admin.post(f"/admin/users/{user_id}/invitation", data={"csrf_token": token})
    assert fresh.status_code == 200
    new_path = fresh.text.split('id="invitation-link" readonly value="')[1].split('"')[0]
    assert new_path.split("/invitation/")[1] != path.split("/invitation/")[1]
    assert TestClient(app).get(new_path[new_path.index("/invitation/") :]).status_code == 200
    with runtime.db.unit(SYSTEM.scope) as session:
        issued = session.scalars(select(AuditEntry.action).where(
            AuditEntry.object_id == str(user_id), AuditEntry.action == "user.invitation_issued"
        )).all()  # fmt: skip
    assert len(issued) == 2  # at creation, and now
    signed_in = TestClient(app)
    signed_in.get("/login")
    ok = signed_in.post("/login", data={"email": email, "password": "Nouveau-mot-2026",
                        "csrf_token": signed_in.cookies.get("tawasol_login_csrf")},
                        follow_redirects=False)  # fmt: skip
    assert ok.status_code == 303


def test_client_admin_grants_only_their_clients(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, b = brands
    admin = staff_login(app, runtime, Role.OPERATOR_ADMIN, [a.client_id])
    page = admin.get("/admin/users")
    assert b.marker not in page.text and 'value="operator_admin"' not in page.text
    token = page_token(page.text)
    email = f"{unique('ca')}@tests.tawasol.ma"
    foreign = admin.post("/admin/users", data={"csrf_token": token, "full_name": "x",
                         "email": email, "role": "advisor", "access": "password",
                         "password": PASSWORD, "client": [str(b.client_id)]})  # fmt: skip
    assert foreign.status_code == 404
    shared_id, _ = make_user(runtime, Role.ADVISOR, [a.client_id, b.client_id])
    # Their grant on A may change; B's stays, and their role and account are not A's alone.
    admin.post(f"/admin/users/{shared_id}/grants", data={"csrf_token": token,
               "client": [str(a.client_id)], "certified": []})  # fmt: skip
    assert _grants(runtime, shared_id) == {a.client_id: False, b.client_id: True}
    refused = admin.post(f"/admin/users/{shared_id}/active", data={"csrf_token": token,
                         "active": "0"})  # fmt: skip
    assert refused.status_code == 403
    assert str(escape("Cette personne travaille aussi pour d'autres clients.")) in refused.text
    no_link = admin.post(f"/admin/users/{shared_id}/invitation", data={"csrf_token": token})
    assert no_link.status_code == 403 and "/invitation/v1." not in no_link.text
    assert _user(runtime, _email_of(runtime, shared_id)).is_active
    only_b, _ = make_user(runtime, Role.ADVISOR, [b.client_id])
    assert admin.get(f"/admin/users/{only_b}").status_code == 404
    assert (
        admin.post(
            f"/admin/users/{only_b}/active", data={"csrf_token": token, "active": "0"}
        ).status_code
        == 404
    )


def _email_of(runtime, user_id: int) -> str:  # type: ignore[no-untyped-def]
    with runtime.db.unit(SYSTEM.scope) as session:
        user = session.get(User, user_id)
        assert user is not None
        return user.email


def test_supervisors_read_only_and_forms_need_csrf(app, runtime, brands) -> None:  # type: ignore[no-untyped-def]
    a, _ = brands
    supervisor = staff_login(app, runtime, Role.SUPERVISOR, [a.client_id])
    page = supervisor.get("/admin/users")
    assert page.status_code == 200 and 'action="/admin/users"' not in page.text
    refused = supervisor.post("/admin/users", data={"csrf_token": page_token(page.text),
                              "full_name": "x", "email": f"{unique('s')}@x.ma", "role": "advisor",
                              "access": "password", "password": PASSWORD})  # fmt: skip
    assert refused.status_code == 403
    admin = staff_login(app, runtime, Role.OPERATOR_ADMIN, [], all_clients=True)
    for url in ("/admin/users", f"/admin/users/{a.advisor_id}", f"/admin/users/{a.advisor_id}/grants",
                f"/admin/users/{a.advisor_id}/active"):  # fmt: skip
        assert admin.post(url, data={"csrf_token": "forged"}).status_code == 403, url
    advisor = form_login(app, a.advisor_email)
    assert advisor.get("/admin/users").status_code == 403
    viewer = staff_login(app, runtime, Role.CLIENT_VIEWER, [a.client_id])
    assert viewer.get("/admin/users").status_code == 403
    assert viewer.get(f"/admin/users/{a.advisor_id}").status_code == 403
    assert 'data-view="mentions"' not in viewer.get("/inbox").text  # viewers read no notes


def test_refusals_and_invitation_messages_are_translated() -> None:
    from tawasol.i18n.catalogue import catalogue
    from tawasol.web.invitation import ERRORS
    from tawasol.web.staff import ERROR_TEXTS

    for locale in ("ar", "en", "es"):
        found = catalogue(locale)
        assert found is not None
        missing = [m for m in (*ERROR_TEXTS.values(), *ERRORS.values()) if not found.get(m)]
        assert missing == [], locale
