"""`/admin/users`: people and their access — create an advisor, supervisor or client viewer
(with an initial password or an invitation link), change a role, the client grants and the
languages, deactivate an account.

Everything goes through the `users` actions the JSON API uses, in the actor's scope: a client
admin (an operator admin granted on some clients only) sees and grants only their clients,
and may not change the role or the account of someone who also works for another client.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import get_runtime
from tawasol.auth.permissions import Permission
from tawasol.db.types import DbId
from tawasol.errors import ApiError, NotFound
from tawasol.models.client import Client
from tawasol.models.vocabulary import Role
from tawasol.users.access import access_user_by_id
from tawasol.users.actions import do_create_user, do_set_grants, do_set_skills, do_update_user
from tawasol.users.invitations import do_issue_invitation, unusable_password
from tawasol.users.queries import list_users, users_out
from tawasol.users.schemas import ClientGrant, SkillsIn, UserIn, UserPatch
from tawasol.web.admin_people import parse_pairs
from tawasol.web.console import ConsoleUser
from tawasol.web.staff import ADMINISTRATION, back, form_actor, open_page, render_staff

router = APIRouter(include_in_schema=False)
ROLES = tuple(role.value for role in Role)
LIST_LIMIT = 500


def _clients(session: Session) -> list[Client]:
    return list(session.scalars(select(Client).order_by(Client.name, Client.id)))


def _roles_for(actor: Actor) -> list[str]:
    """Operator-wide roles are offered only to someone with operator-wide reach."""
    if actor.client_ids is None:
        return list(ROLES)
    return [r for r in ROLES if r != Role.OPERATOR_ADMIN.value]


def _users(session: Session, me: ConsoleUser) -> dict[str, Any]:
    me.actor.require(Permission.USERS_READ)
    clients = _clients(session)
    people = users_out(session, list_users(session, role=None, client_id=None, q=None,
                                           limit=LIST_LIMIT))  # fmt: skip
    return {
        "people": people,
        "clients": clients,
        "client_names": {c.id: c.name for c in clients},
        "roles": _roles_for(me.actor),
        "can_edit": me.may(Permission.USERS_MANAGE),
    }


def _one_user(user_id: int) -> Any:
    def build(session: Session, me: ConsoleUser) -> dict[str, Any]:
        me.actor.require(Permission.USERS_READ)
        person = users_out(session, [access_user_by_id(session, user_id)])[0]
        clients = _clients(session)
        return {
            "person": person,
            "granted": {g.client_id: g.certified for g in person.clients},
            "clients": clients,
            "roles": _roles_for(me.actor),
            "can_edit": me.may(Permission.USERS_MANAGE),
            "is_me": person.id == me.id,
        }

    return build


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request) -> Response:
    actor = open_page(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    return render_staff(request, actor, "admin_users.html", "users", _users, typed={})


@router.get("/admin/users/{user_id}", response_class=HTMLResponse)
def user_page(user_id: DbId, request: Request) -> Response:
    actor = open_page(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    try:
        return render_staff(request, actor, "admin_user.html", "users", _one_user(user_id))
    except NotFound:
        return Response(status_code=404)


async def _grants(request: Request) -> list[ClientGrant]:
    """Checked clients (`client`) and, among them, the certified ones (`certified`)."""
    raw = await request.form()
    certified = {str(v) for v in raw.getlist("certified")}
    chosen = [str(v) for v in raw.getlist("client") if str(v).isdigit() and len(str(v)) < 19]
    return [ClientGrant(client_id=int(c), certified=c in certified) for c in dict.fromkeys(chosen)]


def _skills(form: dict[str, str]) -> SkillsIn | None:
    text = form.get("languages", "").strip()
    if not text:
        return None
    return SkillsIn.model_validate(
        {"languages": parse_pairs(text, "language", "proficiency"), "channels": []}
    )


@router.post("/admin/users")
async def create_user(request: Request) -> Response:
    actor, form = await form_actor(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    runtime = get_runtime(request)
    invite = form.get("access") == "invitation"
    try:
        grants = await _grants(request)
        data = UserIn.model_validate({
            "email": form.get("email", "").strip(), "full_name": form.get("full_name", "").strip(),
            "role": form.get("role"), "locale": form.get("locale") or "fr",
            "password": unusable_password() if invite else form.get("password", ""),
            "clients": [g.model_dump() for g in grants],
        })  # fmt: skip
        skills = _skills(form)
        with runtime.db.unit(actor.scope) as session:
            actor.require(Permission.USERS_MANAGE)
            user = do_create_user(session, actor=actor, hasher=runtime.hasher, data=data)
            session.flush()
            if skills is not None:
                do_set_skills(session, actor=actor, user=user, skills=skills)
            user_id = user.id
            secret = runtime.settings.secret_key
            link = (
                do_issue_invitation(session, actor=actor, user=user, secret_key=secret)
                if invite
                else None
            )
    except NotFound:
        return Response(status_code=404)
    except (ApiError, ValidationError) as exc:
        status = exc.status_code if isinstance(exc, ApiError) else 422
        typed = {k: v for k, v in form.items() if k not in ("password", "csrf_token")}
        return render_staff(request, actor, "admin_users.html", "users", _users,
                            flash=exc, status=status, typed=typed)  # fmt: skip
    if link is None:
        return back(f"/admin/users/{user_id}", done=1)
    return _show_invitation(request, actor, user_id, link, status=201)


def _show_invitation(
    request: Request, actor: Actor, user_id: int, link: str, *, status: int
) -> Response:
    """The link is shown once, in this answer only (never in a redirect or a log line)."""
    invitation = str(request.base_url).rstrip("/") + f"/invitation/{link}"
    return render_staff(request, actor, "admin_user.html", "users", _one_user(user_id),
                        invitation=invitation, status=status)  # fmt: skip


@router.post("/admin/users/{user_id}/invitation")
async def new_invitation(user_id: DbId, request: Request) -> Response:
    actor, _ = await form_actor(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    runtime = get_runtime(request)
    try:
        with runtime.db.unit(actor.scope) as session:
            actor.require(Permission.USERS_MANAGE)
            user = access_user_by_id(session, user_id)
            link = do_issue_invitation(session, actor=actor, user=user,
                                       secret_key=runtime.settings.secret_key)  # fmt: skip
    except NotFound:
        return Response(status_code=404)
    except ApiError as exc:
        return render_staff(request, actor, "admin_user.html", "users", _one_user(user_id),
                            flash=exc, status=exc.status_code)  # fmt: skip
    return _show_invitation(request, actor, user_id, link, status=200)


async def _change(request: Request, user_id: int, what: str) -> Response:
    actor, form = await form_actor(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    try:
        grants = await _grants(request) if what == "grants" else []
        with get_runtime(request).db.unit(actor.scope) as session:
            actor.require(Permission.USERS_MANAGE)
            user = access_user_by_id(session, user_id)
            if what == "grants":
                do_set_grants(session, actor=actor, user=user, grants=grants)
            elif what == "active":
                patch = UserPatch(is_active=form.get("active") == "1")
                do_update_user(session, actor=actor, user=user, patch=patch)
            else:
                _update_profile(session, actor, user, form)
    except NotFound:
        return Response(status_code=404)
    except (ApiError, ValidationError) as exc:
        status = exc.status_code if isinstance(exc, ApiError) else 422
        return render_staff(request, actor, "admin_user.html", "users", _one_user(user_id),
                            flash=exc, status=status)  # fmt: skip
    return back(f"/admin/users/{user_id}", done=1)


def _update_profile(session: Session, actor: Actor, user: Any, form: dict[str, str]) -> None:
    changes: dict[str, Any] = {"full_name": form.get("full_name", "").strip(),
                               "locale": form.get("locale") or user.locale}  # fmt: skip
    if form.get("role") and form["role"] != user.role:
        changes["role"] = form["role"]
    do_update_user(session, actor=actor, user=user, patch=UserPatch.model_validate(changes))
    skills = _skills(form)
    if skills is not None and actor.can(Permission.SKILLS_MANAGE):
        do_set_skills(session, actor=actor, user=user, skills=skills)


@router.post("/admin/users/{user_id}")
async def update_user(user_id: DbId, request: Request) -> Response:
    return await _change(request, user_id, "profile")


@router.post("/admin/users/{user_id}/grants")
async def set_grants(user_id: DbId, request: Request) -> Response:
    return await _change(request, user_id, "grants")


@router.post("/admin/users/{user_id}/active")
async def set_active(user_id: DbId, request: Request) -> Response:
    return await _change(request, user_id, "active")
