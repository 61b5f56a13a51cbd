"""Logging in and out, throttling, lockout, password change, API tokens, CSRF."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from tawasol.app import create_app
from tawasol.db.tenancy import Scope
from tawasol.models.credentials import ApiToken
from tawasol.models.user import User
from tawasol.models.vocabulary import Role
from tawasol.runtime import Runtime
from tests.conftest import settings_for
from tests.factories import PASSWORD, login, make_client, make_user


def _advisor(runtime: Runtime) -> tuple[int, str]:
    return make_user(runtime, Role.ADVISOR, [make_client(runtime)])


def test_login_sets_a_protected_cookie(app, runtime) -> None:  # type: ignore[no-untyped-def]
    _, email = _advisor(runtime)
    client = TestClient(app)
    response = client.post(
        "/api/v1/auth/login", json={"email": email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 200
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/api/v1/me").json()["email"] == email


def test_password_is_stored_as_argon2id(runtime) -> None:  # type: ignore[no-untyped-def]
    user_id, _ = _advisor(runtime)
    with runtime.db.unit(Scope.system(), write=False) as session:
        user = session.get(User, user_id)
        assert user is not None and user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


def test_wrong_password_and_unknown_account_look_alike(app, runtime) -> None:  # type: ignore[no-untyped-def]
    _, email = _advisor(runtime)
    client = TestClient(app)
    wrong = client.post("/api/v1/auth/login", json={"email": email, "password": "nope"})
    unknown = client.post("/api/v1/auth/login", json={"email": "ghost@x.ma", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_lockout_after_repeated_failures(app, runtime) -> None:  # type: ignore[no-untyped-def]
    _, email = _advisor(runtime)
    client = TestClient(app)
    for _ in range(runtime.settings.login_max_failures):
        client.post("/api/v1/auth/login", json={"email": email, "password": "bad"})
    locked = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "account_locked"


def test_address_throttling(make_database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    runtime = Runtime.build(
        settings_for(tmp_path, make_database("throttle"), login_ip_max_failures=3)
    )
    try:
        client = TestClient(create_app(runtime.settings, runtime))
        for i in range(3):
            client.post("/api/v1/auth/login", json={"email": f"u{i}@x.ma", "password": "bad"})
        _, email = _advisor(runtime)
        blocked = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        assert blocked.status_code == 429
        assert blocked.json()["error"]["code"] == "too_many_requests"
    finally:
        runtime.close()


def test_logout_ends_the_session(app, runtime) -> None:  # type: ignore[no-untyped-def]
    _, email = _advisor(runtime)
    client = login(app, email)
    cookie = client.cookies.get("tawasol_session")
    assert client.post("/api/v1/auth/logout").status_code == 204
    replay = TestClient(app, cookies={"tawasol_session": cookie})
    assert replay.get("/api/v1/me").status_code == 401


def test_password_change_signs_out_other_sessions(app, runtime) -> None:  # type: ignore[no-untyped-def]
    _, email = _advisor(runtime)
    here, elsewhere = login(app, email), login(app, email)
    weak = here.post("/api/v1/auth/password",
                     json={"current_password": PASSWORD, "new_password": "short"})  # fmt: skip
    assert weak.status_code == 422 and weak.json()["error"]["code"] == "weak_password"
    new = "a-brand-new-passphrase"
    ok = here.post(
        "/api/v1/auth/password", json={"current_password": PASSWORD, "new_password": new}
    )
    assert ok.status_code == 204
    assert here.get("/api/v1/me").status_code == 200
    assert elsewhere.get("/api/v1/me").status_code == 401
    fresh = TestClient(app).post("/api/v1/auth/login", json={"email": email, "password": new})
    assert fresh.status_code == 200


def test_cookie_writes_need_the_csrf_token(app, runtime) -> None:  # type: ignore[no-untyped-def]
    _, email = _advisor(runtime)
    client = login(app, email)
    token = client.headers.pop("x-csrf-token")
    refused = client.post("/api/v1/tokens", json={"name": "t", "scopes": ["read"]})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf_failed"
    forged = client.post("/api/v1/tokens", json={"name": "t", "scopes": ["read"]},
                         headers={"x-csrf-token": token[:-2] + "xx"})  # fmt: skip
    assert forged.status_code == 403
    assert client.get("/api/v1/tokens").status_code == 200  # reads need none


def test_api_token_lifecycle(app, runtime) -> None:  # type: ignore[no-untyped-def]
    _, email = _advisor(runtime)
    client = login(app, email)
    created = client.post("/api/v1/tokens", json={"name": "crm", "scopes": ["read"]}).json()
    raw = created["token"]
    with runtime.db.unit(Scope.system(), write=False) as session:
        row = session.scalars(select(ApiToken).where(ApiToken.id == created["id"])).one()
        assert raw not in row.token_hash and row.last_used_at is None
    bearer = TestClient(app, headers={"authorization": f"Bearer {raw}"})
    assert bearer.get("/api/v1/me").json()["via"] == "token"
    listed = client.get("/api/v1/tokens").json()
    assert listed[0]["last_used_at"] is not None and "token" not in listed[0]
    assert client.delete(f"/api/v1/tokens/{created['id']}").status_code == 204
    revoked = bearer.get("/api/v1/me")
    assert revoked.status_code == 401 and revoked.json()["error"]["code"] == "invalid_token"


def test_html_login_form_flow(app, runtime) -> None:  # type: ignore[no-untyped-def]
    _, email = _advisor(runtime)
    browser = TestClient(app)
    page = browser.get("/login")
    assert page.status_code == 200 and 'lang="fr"' in page.text
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    no_csrf = browser.post("/login", data={"email": email, "password": PASSWORD})
    assert no_csrf.status_code == 403
    browser.get("/login")
    csrf = browser.cookies.get("tawasol_login_csrf")
    done = browser.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": csrf},
                        follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and done.headers["location"] == "/", done.text
    home = browser.get("/")
    assert "Bonjour" in home.text
    logout_csrf = home.text.split('name="csrf_token" value="')[1].split('"')[0]
    out = browser.post("/logout", data={"csrf_token": logout_csrf}, follow_redirects=False)
    assert out.status_code == 303
    assert browser.get("/api/v1/me").status_code == 401
