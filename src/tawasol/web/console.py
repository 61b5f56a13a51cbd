"""What every console page shares: the signed-in user, their language, their rights, and the
way pages answer when something is missing or forbidden."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import authenticate, get_runtime
from tawasol.auth.permissions import Permission
from tawasol.errors import ApiError, Forbidden
from tawasol.models.presence import AdvisorPresence
from tawasol.models.user import User
from tawasol.models.vocabulary import Role
from tawasol.web.rendering import CONSOLE_CSP, page_locale, render


def page_actor(request: Request) -> Actor | None:
    """The signed-in actor, or None: pages redirect to the login form instead of a JSON 401."""
    try:
        return authenticate(request, get_runtime(request))
    except ApiError:
        return None


def login_redirect() -> Response:
    return RedirectResponse("/login", status_code=303)


async def form_session(request: Request) -> tuple[Actor | Response, dict[str, str]]:
    """A form post's actor (its CSRF field checked like the header) and its fields; or the answer
    to send instead: 403 for a valid session without the form's token (forged or stale), the
    login form when there is no session."""
    form = {key: str(value) for key, value in (await request.form()).items()}
    request.state.form_csrf = form.get("csrf_token", "")
    try:
        return authenticate(request, get_runtime(request)), form
    except Forbidden:
        return Response("CSRF", status_code=403, media_type="text/plain"), form
    except ApiError:
        return login_redirect(), form


@dataclass(frozen=True)
class ConsoleUser:
    """The person at the screen, as the templates need them."""

    actor: Actor
    id: int
    full_name: str
    locale: str
    # The header's presence toggle: only advisors have a routing presence (None otherwise).
    presence: str | None = None

    @classmethod
    def load(cls, session: Session, request: Request, actor: Actor) -> ConsoleUser:
        user = session.get(User, actor.user_id)
        assert user is not None  # authenticate() refuses sessions of deleted users
        presence = None
        if user.role == Role.ADVISOR.value:
            row = session.get(AdvisorPresence, user.id)
            presence = presence_choice(row.state, row.break_kind) if row else "offline"
        return cls(actor, user.id, user.full_name, page_locale(request, user.locale), presence)

    def may(self, permission: Permission) -> bool:
        return self.actor.can(permission)

    @property
    def many_clients(self) -> bool:
        """Whether rows must say which client brand they belong to."""
        return self.actor.client_ids is None or len(self.actor.client_ids) != 1

    @property
    def rights(self) -> dict[str, bool]:
        """What the page may offer; the API checks each action again."""
        return {
            "reply": self.may(Permission.MESSAGES_REPLY),
            "note": self.may(Permission.NOTES_WRITE),
            "assign": self.may(Permission.CONVERSATIONS_ASSIGN),
            "write": self.may(Permission.CONVERSATIONS_WRITE),
        }


def presence_choice(state: str, break_kind: str | None) -> str:
    """One value per menu entry: `on_break:prayer` for a break, the state otherwise."""
    return f"{state}:{break_kind}" if state == "on_break" and break_kind else state


def render_console(
    request: Request,
    name: str,
    me: ConsoleUser,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> Response:
    page = {"me": me, "rights": me.rights, "csrf_token": me.actor.csrf_token or ""}
    response = render(request, name, {**page, **context}, locale=me.locale, status=status)
    response.headers["content-security-policy"] = CONSOLE_CSP
    response.headers["cache-control"] = "no-store"
    response.headers["referrer-policy"] = "same-origin"
    return response


def not_found(request: Request, me: ConsoleUser) -> Response:
    """A foreign conversation and a missing one look the same (as in the API)."""
    return render_console(request, "not_found.html", me, {}, status=404)
