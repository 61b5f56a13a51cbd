"""The header's presence toggle: `POST /presence` sets the advisor's own state and break type.

The form works without script (303 back to the page); the script posts the same form with
`fetch` and keeps the page. Either way the change goes through routing's `do_set_presence`,
which audits it and publishes `presence.changed` to the advisor's other tabs and to the
wallboards of their clients.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from tawasol.auth.dependencies import get_runtime
from tawasol.auth.permissions import Permission
from tawasol.models.user import User
from tawasol.models.vocabulary import Role
from tawasol.routing.actions import do_set_presence
from tawasol.routing.presence import BreakKind, Presence
from tawasol.web.console import form_session

router = APIRouter(include_in_schema=False)

# The menu, in the order an advisor meets them during a day.
PRESENCE_CHOICES: tuple[str, ...] = (
    Presence.AVAILABLE.value,
    Presence.BUSY.value,
    *(f"{Presence.ON_BREAK.value}:{kind.value}" for kind in BreakKind),
    Presence.AFTER_CONTACT_WORK.value,
    Presence.OFFLINE.value,
)


def parse_choice(raw: str) -> tuple[Presence, BreakKind | None] | None:
    """`on_break:lunch` → (ON_BREAK, LUNCH); anything outside the menu → None."""
    if raw not in PRESENCE_CHOICES:
        return None
    state, _, kind = raw.partition(":")
    return Presence(state), BreakKind(kind) if kind else None


def _back(raw: str | None) -> str:
    if raw and raw.startswith("/") and not raw.startswith(("//", "/\\")) and len(raw) < 2000:
        return raw
    return "/inbox"


@router.post("/presence")
async def set_presence(request: Request) -> Response:
    actor, form = await form_session(request)
    if isinstance(actor, Response):
        return actor
    runtime = get_runtime(request)
    choice = parse_choice(form.get("presence", ""))
    if choice is None:
        return Response(status_code=422)
    if actor.role != Role.ADVISOR or not actor.can(Permission.CONVERSATIONS_ASSIGN):
        return Response(status_code=403)
    presence, break_kind = choice
    with runtime.db.unit(actor.scope) as session:
        me = session.get(User, actor.user_id)
        assert me is not None  # authenticate() refuses sessions of deleted users
        do_set_presence(session, actor=actor, advisor=me, presence=presence, break_kind=break_kind)
    if request.headers.get("x-requested-with") == "fetch":
        return Response(status_code=204)
    return RedirectResponse(_back(form.get("next")), status_code=303)
