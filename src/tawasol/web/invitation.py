"""`/invitation/{token}`: the person an admin invited chooses their password, then signs in.

Like the login form, the page has no session yet: a CSRF cookie set with the form guards the
post, and the signed token (see `users.invitations`) says who is choosing."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tawasol.auth.credentials import MIN_PASSWORD_LENGTH, new_csrf_token, same_secret
from tawasol.auth.dependencies import client_ip, get_runtime
from tawasol.db.tenancy import Scope
from tawasol.errors import ApiError
from tawasol.i18n.catalogue import gettext, using_locale
from tawasol.users.invitations import do_accept_invitation, invited_user
from tawasol.web.rendering import page_locale, render

router = APIRouter(include_in_schema=False)
CSRF_COOKIE = "tawasol_invitation_csrf"
ERRORS = {
    "expired": "Ce lien d'invitation n'est plus valable. Demandez-en un nouveau.",
    "csrf": "Formulaire expiré, veuillez réessayer.",
    "mismatch": "Les deux mots de passe ne sont pas identiques.",
    "weak": (
        "Mot de passe trop faible : au moins %(n)s caractères variés, sans votre adresse e-mail."
    ),
}


def _page(request: Request, token: str, *, error: str | None, status: int) -> Response:
    locale = page_locale(request)
    csrf = new_csrf_token()
    with using_locale(locale):
        message = gettext(ERRORS[error]) % {"n": MIN_PASSWORD_LENGTH} if error else None
    context = {"csrf_token": csrf, "error": message, "token": token, "usable": error != "expired"}
    response = render(request, "invitation.html", context, locale=locale, status=status)
    response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", path="/invitation")
    response.headers["referrer-policy"] = "no-referrer"  # the link is a secret
    response.headers["cache-control"] = "no-store"
    return response


@router.get("/invitation/{token}", response_class=HTMLResponse)
def invitation_form(token: str, request: Request) -> Response:
    with get_runtime(request).db.unit(Scope.system(), write=False) as session:
        user = invited_user(session, get_runtime(request).settings.secret_key, token)
    if user is None:
        return _page(request, token, error="expired", status=404)
    return _page(request, token, error=None, status=200)


@router.post("/invitation/{token}")
async def accept_invitation(token: str, request: Request) -> Response:
    form = await request.form()
    if not same_secret(str(form.get("csrf_token", "")), request.cookies.get(CSRF_COOKIE)):
        return _page(request, token, error="csrf", status=403)
    password = str(form.get("password", ""))
    if password != str(form.get("confirm", "")):
        return _page(request, token, error="mismatch", status=422)
    runtime = get_runtime(request)
    try:
        with runtime.db.unit(Scope.system()) as session:
            user = invited_user(session, runtime.settings.secret_key, token)
            if user is None:
                return _page(request, token, error="expired", status=404)
            do_accept_invitation(session, hasher=runtime.hasher, user=user, password=password,
                                 ip=client_ip(request))  # fmt: skip
    except ApiError:
        return _page(request, token, error="weak", status=422)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(CSRF_COOKIE, path="/invitation")
    return response
