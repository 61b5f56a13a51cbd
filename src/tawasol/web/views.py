"""The login page, a minimal home page and the language preference.

The console's own pages live in their modules (inbox, conversation, conversation_forms); their
routers are gathered into this one so that the app mounts the web pages with a single line."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from tawasol.auth.actor import Actor
from tawasol.auth.credentials import new_csrf_token, same_secret
from tawasol.auth.dependencies import SESSION_COOKIE, authenticate, client_ip, get_runtime
from tawasol.auth.login import do_login, do_logout
from tawasol.auth.router import set_session_cookie
from tawasol.db.tenancy import Scope
from tawasol.errors import ApiError
from tawasol.i18n.catalogue import SUPPORTED_LOCALES, gettext, using_locale
from tawasol.models.client import Client
from tawasol.models.user import User
from tawasol.users.preferences import do_set_locale
from tawasol.web import (
    conversation,
    conversation_forms,
    copilot_panel,
    inbox,
    invitation,
    presence_toggle,
)
from tawasol.web.console import page_actor
from tawasol.web.rendering import page_locale, render

router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "tawasol_login_csrf"
# Source strings (French); translated at render time through the catalogue.
ROLE_LABELS = {
    "operator_admin": "Administrateur opérateur",
    "supervisor": "Superviseur",
    "advisor": "Conseiller",
    "quality_analyst": "Analyste qualité",
    "workforce_planner": "Planificateur",
    "moderator": "Modérateur",
    "client_viewer": "Client (lecture seule)",
}
LOGIN_ERRORS = {
    "invalid_credentials": "Adresse e-mail ou mot de passe incorrect.",
    "account_locked": "Compte temporairement verrouillé après plusieurs échecs.",
    "csrf": "Formulaire expiré, veuillez réessayer.",
    "throttled": "Trop de tentatives, réessayez plus tard.",
}


def _login_page(
    request: Request, *, error: str | None = None, email: str = "", status: int = 200
) -> Response:
    locale = page_locale(request)
    token = new_csrf_token()
    with using_locale(locale):
        message = gettext(LOGIN_ERRORS[error]) if error else None
    response = render(
        request, "login.html", {"csrf_token": token, "error": message, "email": email},
        locale=locale, status=status,
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
        return _login_page(request, error="csrf", status=403)
    runtime = get_runtime(request)
    with runtime.db.unit(Scope.system()) as session:
        outcome = do_login(
            session, hasher=runtime.hasher, settings=runtime.settings,
            email=email, password=password, ip=client_ip(request),
        )  # fmt: skip
    if outcome.error is not None:
        code = outcome.error.code if outcome.error.code in LOGIN_ERRORS else "throttled"
        return _login_page(request, error=code, email=email, status=outcome.error.status_code)
    response = RedirectResponse("/", status_code=303)
    assert outcome.session_token
    set_session_cookie(response, runtime, outcome.session_token)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    actor = page_actor(request)
    if actor is None:
        return RedirectResponse("/login", status_code=303)
    runtime = get_runtime(request)
    with runtime.db.unit(actor.scope, write=False) as session:
        user = session.get(User, actor.user_id)
        clients = list(session.scalars(select(Client).order_by(Client.name)))
    assert user is not None
    locale = page_locale(request, user.locale)
    with using_locale(locale):
        role_label = gettext(ROLE_LABELS[user.role])
    context = {"user": user, "clients": clients, "role_label": role_label}
    return render(request, "home.html", {**context, "csrf_token": actor.csrf_token}, locale=locale)


async def _form_actor(request: Request) -> tuple[Actor | None, dict[str, str]]:
    """Form posts carry the CSRF token as a field; authenticate checks it like the header."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    request.state.form_csrf = form.get("csrf_token", "")
    try:
        return authenticate(request, get_runtime(request)), form
    except ApiError:
        return None, form


@router.post("/preferences/language")
async def set_language(request: Request) -> Response:
    actor, form = await _form_actor(request)
    if actor is None:
        return RedirectResponse("/login", status_code=303)
    locale = form.get("locale", "")
    if locale in SUPPORTED_LOCALES:
        with get_runtime(request).db.unit(actor.scope) as session:
            do_set_locale(session, actor=actor, locale=locale)
    return RedirectResponse(_local_path(form.get("next")), status_code=303)


def _local_path(path: str | None) -> str:
    """Back to the page the choice was made on, never to another site (`//evil`, `/\\evil`)."""
    if path and path.startswith("/") and not path.startswith(("//", "/\\")) and len(path) < 2000:
        return path
    return "/"


@router.post("/logout")
async def logout(request: Request) -> Response:
    actor, _ = await _form_actor(request)
    if actor is None:
        return RedirectResponse("/login", status_code=303)
    with get_runtime(request).db.unit(actor.scope) as session:
        do_logout(session, actor=actor)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


router.include_router(inbox.router)
router.include_router(conversation.router)
router.include_router(conversation_forms.router)
router.include_router(copilot_panel.router)
router.include_router(presence_toggle.router)
router.include_router(invitation.router)

from tawasol.web import staff_pages  # noqa: E402  (the wallboard and /admin pages)

router.include_router(staff_pages.router)
