"""Server-rendered pages speak the user's language, right-to-left in Arabic."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tawasol.models.vocabulary import Role
from tests.factories import PASSWORD, make_client, make_user


def _login(client: TestClient, email: str) -> None:
    client.get("/login")
    token = client.cookies.get("tawasol_login_csrf")
    done = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token},
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303


def test_login_page_follows_the_browser_then_the_choice(app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app)
    french = client.get("/login")
    assert 'lang="fr" dir="ltr"' in french.text and "Mot de passe" in french.text
    spanish = client.get("/login", headers={"accept-language": "es-MA,es;q=0.9"})
    assert 'lang="es"' in spanish.text and "Contraseña" in spanish.text
    arabic = client.get("/login?lang=ar")
    assert 'lang="ar" dir="rtl"' in arabic.text and "كلمة المرور" in arabic.text
    assert 'dir="rtl"' in client.get("/login").text  # the choice is remembered


def test_user_preference_wins_and_is_audited(app, runtime) -> None:  # type: ignore[no-untyped-def]
    _, email = make_user(runtime, Role.ADVISOR, [make_client(runtime)])
    client = TestClient(app)
    _login(client, email)
    home = client.get("/", headers={"accept-language": "en"})
    assert "Conseiller" in home.text  # the user's saved locale (fr) beats the browser
    csrf = home.text.split('name="csrf_token" value="')[1].split('"')[0]
    saved = client.post("/preferences/language", data={"locale": "ar", "csrf_token": csrf},
                        follow_redirects=False)  # fmt: skip
    assert saved.status_code == 303
    arabic = client.get("/")
    assert 'dir="rtl"' in arabic.text and "مستشار" in arabic.text
    forged = client.post("/preferences/language", data={"locale": "es", "csrf_token": "nope"},
                         follow_redirects=False)  # fmt: skip
    assert forged.headers["location"] == "/login"
    assert "مستشار" in client.get("/").text


def test_customer_text_is_escaped(app, runtime) -> None:  # type: ignore[no-untyped-def]
    from tawasol.auth.actor import Actor
    from tawasol.clients.actions import do_create_client
    from tawasol.clients.schemas import ClientIn
    from tawasol.db.tenancy import Scope

    with runtime.db.unit(Scope.system()) as session:
        client_row = do_create_client(
            session, actor=Actor.system(),
            data=ClientIn(name='<script>alert("x")</script>', slug="xss-brand"),
        )  # fmt: skip
        client_id = client_row.id
    _, email = make_user(runtime, Role.SUPERVISOR, [client_id])
    browser = TestClient(app)
    _login(browser, email)
    page = browser.get("/").text
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page
