"""The login page and a minimal home page; the advisor console grows from here."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import select

from tawasol.auth.credentials import new_csrf_token, same_secret
from tawasol.auth.dependencies import SESSION_COOKIE, authenticate, client_ip, get_runtime
from tawasol.auth.login import do_login, do_logout
from tawasol.auth.router import set_session_cookie
from tawasol.db.tenancy import Scope
from tawasol.errors import ApiError, Unauthorized
from tawasol.models.client import Client
from tawasol.models.user import User

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "tawasol_login_csrf"


def _login_page(
    request: Request, *, error: str | None = None, email: str = "", status: int = 200
) -> Response:
    token = new_csrf_token()
    response = templates.TemplateResponse(
        request, "login.html",
        {"lang": "fr", "csrf_token": token, "error": error, "email": email},
        status_code=status,
    )  # fmt: skip
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path="/login")
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    return _login_page(request)


@router.post("/login")
async def login_submit(request: Request) -> Response:
    form = await request.form()
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    if not same_secret(str(form.get("csrf_token", "")), request.cookies.get(LOGIN_CSRF_COOKIE)):
        return _login_page(request, error="Formulaire expiré, veuillez réessayer.", status=403)
    runtime = get_runtime(request)
    with runtime.db.unit(Scope.system()) as session:
        outcome = do_login(
            session, hasher=runtime.hasher, settings=runtime.settings,
            email=email, password=password, ip=client_ip(request),
        )  # fmt: skip
    if outcome.error is not None:
        message = {
            "invalid_credentials": "Adresse e-mail ou mot de passe incorrect.",
            "account_locked": "Compte temporairement verrouillé après plusieurs échecs.",
        }.get(outcome.error.code, "Trop de tentatives, réessayez plus tard.")
        return _login_page(request, error=message, email=email, status=outcome.error.status_code)
    response = RedirectResponse("/", status_code=303)
    assert outcome.session_token
    set_session_cookie(response, runtime, outcome.session_token)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    runtime = get_runtime(request)
    try:
        actor = authenticate(request, runtime)
    except ApiError:
        return RedirectResponse("/login", status_code=303)
    with runtime.db.unit(actor.scope, write=False) as session:
        user = session.get(User, actor.user_id)
        clients = list(session.scalars(select(Client).order_by(Client.name)))
    return templates.TemplateResponse(
        request, "home.html",
        {"lang": user.locale if user else "fr", "user": user, "clients": clients,
         "csrf_token": actor.csrf_token},
    )  # fmt: skip


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await request.form()
    request.state.form_csrf = str(form.get("csrf_token", ""))
    runtime = get_runtime(request)
    try:
        actor = authenticate(request, runtime)
    except Unauthorized:
        return RedirectResponse("/login", status_code=303)
    with runtime.db.unit(actor.scope) as session:
        do_logout(session, actor=actor)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
