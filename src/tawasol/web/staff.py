"""What the supervision and administration pages share: who may open them, how their forms
authenticate (CSRF field), and how an action's refusal is shown in the reader's language.

The pages call the same access functions and `do_*` actions as the JSON API, inside the
actor's scope; the checks here only decide what to offer, the actions check again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import get_runtime
from tawasol.errors import ApiError, Forbidden
from tawasol.i18n.catalogue import gettext, using_locale
from tawasol.models.vocabulary import Role
from tawasol.web.console import (
    ConsoleUser,
    form_session,
    login_redirect,
    page_actor,
    render_console,
)

SUPERVISION = frozenset({Role.OPERATOR_ADMIN, Role.SUPERVISOR, Role.CLIENT_VIEWER})
ADMINISTRATION = frozenset({Role.OPERATOR_ADMIN, Role.SUPERVISOR})
Form = dict[str, str]

# French sources for the refusals the forms can meet, by the action's stable code; anything
# else falls back to the action's own message (English), translated when the catalogue has it.
ERROR_TEXTS = {
    "slug_taken": "Un client utilise déjà cet identifiant.",
    "needs_all_clients": "Cette action demande un accès à tous les clients.",
    "team_name_taken": "Ce client a déjà une équipe de ce nom.",
    "not_granted": "Cette personne ne travaille pas pour ce client.",
    "not_certified": "Ce conseiller n'est pas certifié pour ce client.",
    "invalid_assignee": "Ce rôle ne peut pas traiter de conversations.",
    "duplicate_language": "Une langue figure deux fois.",
    "duplicate_channel": "Un canal figure deux fois.",
    "user_beyond_reach": "Cette personne travaille aussi pour d'autres clients.",
    "email_taken": "Un compte utilise déjà cette adresse e-mail.",
    "user_inactive": "Ce compte est désactivé.",
    "weak_password": "Mot de passe trop faible.",
    "invalid_role": (
        "Ce rôle ne convient pas à ces accès (un client en lecture seule a un seul client)."
    ),
    "calendar_closed": "Ces heures d'ouverture laissent trop peu de temps pour les objectifs.",
    "forbidden": "Action non autorisée.",
    "not_found": "Élément introuvable.",
    "invalid": "Valeurs invalides : vérifiez le formulaire.",
    "csrf": "Formulaire expiré, veuillez réessayer.",
}


def error_text(exc: Exception) -> str:
    """The refusal in the current locale (call inside `using_locale`, or let the template do)."""
    if isinstance(exc, ValidationError):
        fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors()[:3])
        return f"{gettext(ERROR_TEXTS['invalid'])} ({fields})"
    if isinstance(exc, ApiError):
        code = getattr(exc, "code", "")
        if code in ERROR_TEXTS:
            return gettext(ERROR_TEXTS[code])
        if isinstance(exc, Forbidden):
            return gettext(ERROR_TEXTS["forbidden"])
        return gettext(str(getattr(exc, "message", exc)))
    return gettext(ERROR_TEXTS["invalid"])


def role_of(actor: Actor) -> Role | None:
    return Role(actor.role) if actor.role is not None else None


def open_page(request: Request, roles: Iterable[Role]) -> Actor | Response:
    """The actor if their role may open this page; a redirect to login or a 403 otherwise."""
    actor = page_actor(request)
    if actor is None:
        return login_redirect()
    if role_of(actor) not in set(roles):
        with get_runtime(request).db.unit(actor.scope, write=False) as session:
            me = ConsoleUser.load(session, request, actor)
        return render_console(request, "staff_forbidden.html", me, {}, status=403)
    return actor


async def form_actor(request: Request, roles: Iterable[Role]) -> tuple[Actor | Response, Form]:
    """A form post: the session plus the CSRF field (as the header would be), and the role."""
    actor, form = await form_session(request)
    if isinstance(actor, Response):
        return actor, form
    if role_of(actor) not in set(roles):
        return Response(status_code=403), form
    return actor, form


def back(path: str, **params: str | int | None) -> Response:
    """303 to one of our pages with flash parameters (codes, never free text)."""
    query = "&".join(f"{k}={v}" for k, v in params.items() if v is not None)
    return RedirectResponse(f"{path}?{query}" if query else path, status_code=303)


def int_or_none(raw: str | None) -> int | None:
    if raw and raw.isdigit() and len(raw) < 19:
        return int(raw) or None
    return None


def staff_context(me: ConsoleUser, section: str, **extra: Any) -> dict[str, Any]:
    """The sub-navigation of the staff pages, filtered by what the role may open."""
    role = role_of(me.actor)
    planners = frozenset({Role.OPERATOR_ADMIN, Role.SUPERVISOR, Role.WORKFORCE_PLANNER})
    links = [
        ("wallboard", "/wallboard", "Tableau de supervision", SUPERVISION),
        ("planner", "/planner", "Planification", planners),
    ]
    if role in ADMINISTRATION:
        links += [
            ("clients", "/admin/clients", "Clients", ADMINISTRATION),
            ("inboxes", "/admin/inboxes", "Boîtes", ADMINISTRATION),
            ("users", "/admin/users", "Utilisateurs", ADMINISTRATION),
            ("advisors", "/admin/advisors", "Conseillers", ADMINISTRATION),
            ("teams", "/admin/teams", "Équipes", ADMINISTRATION),
            ("knowledge", "/admin/knowledge", "Base de connaissances", ADMINISTRATION),
            ("sla", "/admin/sla", "Niveaux de service", ADMINISTRATION),
            ("audit", "/admin/audit", "Journal d'audit", ADMINISTRATION),
        ]
    links.append(("tokens", "/admin/tokens", "Jetons d'API", frozenset(Role)))
    shown = [(key, href, label) for key, href, label, roles in links if role in roles]
    return {"section": section, "staff_links": shown, **extra}


Build = Callable[[Session, ConsoleUser], dict[str, Any]]


def render_staff(
    request: Request,
    actor: Actor,
    template: str,
    section: str,
    build: Build,
    *,
    flash: Exception | None = None,
    status: int = 200,
    **extra: Any,
) -> Response:
    """Read what the page shows in the actor's scope, then render it with the staff nav.

    A refused form comes back here with the action's error, shown above the page (status 4xx)
    with what the user typed still in `extra`."""
    with get_runtime(request).db.unit(actor.scope, write=False) as session:
        me = ConsoleUser.load(session, request, actor)
        context = build(session, me)
    message = None
    if flash is not None:
        with using_locale(me.locale):
            message = error_text(flash)
    done = request.query_params.get("done") == "1"
    page = staff_context(me, section, flash=message, done=done, **context, **extra)
    return render_console(request, template, me, page, status=status)
