"""`/admin/advisors` (languages, channels and certifications; editing skills) and
`/admin/teams` (list, create, members). Reads need the API's read rights, writes its manage
rights; rows come through the actor's scope, so a supervisor of one client sees only its staff.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.dependencies import get_runtime
from tawasol.auth.permissions import Permission
from tawasol.clients.access import access_client_by_id
from tawasol.db.types import DbId
from tawasol.errors import ApiError, NotFound
from tawasol.models.client import Client
from tawasol.models.team import Team
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import Role
from tawasol.users.access import access_team_by_id, access_user_by_id
from tawasol.users.actions import do_set_skills
from tawasol.users.queries import list_users, team_out, users_out
from tawasol.users.schemas import SkillsIn, TeamIn
from tawasol.users.team_actions import do_create_team, do_set_team_members
from tawasol.web.console import ConsoleUser
from tawasol.web.staff import ADMINISTRATION, back, form_actor, open_page, render_staff

router = APIRouter(include_in_schema=False)


def parse_pairs(text: str, key: str, value: str) -> list[dict[str, Any]]:
    """`fr:5, ar:4` → [{key: "fr", value: 5}, ...]; the schema validates each pair."""
    pairs = []
    for part in text.replace(";", ",").split(","):
        name, _, number = part.strip().partition(":")
        if name.strip():
            pairs.append({key: name.strip().lower(), value: number.strip() or "1"})
    return pairs


def _advisors(session: Session, me: ConsoleUser) -> dict[str, Any]:
    me.actor.require(Permission.USERS_READ)
    users = list_users(session, role=Role.ADVISOR, client_id=None, q=None, limit=500)
    clients = {c.id: c.name for c in session.scalars(select(Client))}
    return {
        "advisors": users_out(session, users),
        "client_names": clients,
        "can_edit": me.may(Permission.SKILLS_MANAGE),
    }


@router.get("/admin/advisors", response_class=HTMLResponse)
def advisors_page(request: Request) -> Response:
    actor = open_page(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    return render_staff(request, actor, "admin_advisors.html", "advisors", _advisors)


@router.post("/admin/advisors/{user_id}/skills")
async def set_skills(user_id: DbId, request: Request) -> Response:
    actor, form = await form_actor(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    try:
        with get_runtime(request).db.unit(actor.scope) as session:
            actor.require(Permission.SKILLS_MANAGE)
            user = access_user_by_id(session, user_id)
            skills = SkillsIn.model_validate(
                {"languages": parse_pairs(form.get("languages", ""), "language", "proficiency"),
                 "channels": parse_pairs(form.get("channels", ""), "channel", "max_concurrent")}
            )  # fmt: skip
            do_set_skills(session, actor=actor, user=user, skills=skills)
    except NotFound:
        return Response(status_code=404)
    except (ApiError, ValidationError) as exc:
        status = exc.status_code if isinstance(exc, ApiError) else 422
        return render_staff(request, actor, "admin_advisors.html", "advisors", _advisors,
                            flash=exc, status=status)  # fmt: skip
    return back("/admin/advisors", done=1)


def _teams(session: Session, me: ConsoleUser) -> dict[str, Any]:
    me.actor.require(Permission.TEAMS_READ)
    clients = list(session.scalars(select(Client).order_by(Client.name, Client.id)))
    teams = list(session.scalars(select(Team).order_by(Team.client_id, Team.name)))
    people = (
        list(session.scalars(select(User).order_by(User.full_name)))
        if me.may(Permission.USERS_READ) else []
    )  # fmt: skip
    return {
        "clients": clients,
        "client_names": {c.id: c.name for c in clients},
        "teams": [(team, team_out(session, team).member_ids) for team in teams],
        "people": {p.id: p.full_name for p in people},
        "eligible": _eligible(session, [c.id for c in clients]),
        "can_edit": me.may(Permission.TEAMS_MANAGE),
    }


def _eligible(session: Session, client_ids: list[int]) -> dict[int, list[int]]:
    """Who may join each client's teams: the people granted on that client."""
    eligible: dict[int, list[int]] = {c: [] for c in client_ids}
    grants = session.execute(
        select(UserClient.client_id, UserClient.user_id).where(UserClient.client_id.in_(client_ids))
    )
    for client_id, user_id in grants:
        eligible[client_id].append(user_id)
    return eligible


@router.get("/admin/teams", response_class=HTMLResponse)
def teams_page(request: Request) -> Response:
    actor = open_page(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    return render_staff(request, actor, "admin_teams.html", "teams", _teams, typed={})


@router.post("/admin/teams")
async def create_team(request: Request) -> Response:
    actor, form = await form_actor(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    try:
        with get_runtime(request).db.unit(actor.scope) as session:
            actor.require(Permission.TEAMS_MANAGE)
            data = TeamIn.model_validate(
                {"client_id": form.get("client_id"), "name": form.get("name", "").strip()}
            )
            client = access_client_by_id(session, data.client_id)
            do_create_team(session, actor=actor, client=client, name=data.name)
    except NotFound:
        return Response(status_code=404)
    except (ApiError, ValidationError) as exc:
        status = exc.status_code if isinstance(exc, ApiError) else 422
        return render_staff(request, actor, "admin_teams.html", "teams", _teams,
                            flash=exc, status=status, typed=form)  # fmt: skip
    return back("/admin/teams", done=1)


@router.post("/admin/teams/{team_id}/members")
async def set_members(team_id: DbId, request: Request) -> Response:
    actor, _ = await form_actor(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    # Checkboxes repeat one name; the parsed form above kept only the last, so read them all.
    chosen = [v for v in (await request.form()).getlist("member") if str(v).isdigit()]
    try:
        with get_runtime(request).db.unit(actor.scope) as session:
            actor.require(Permission.TEAMS_MANAGE)
            team = access_team_by_id(session, team_id)
            do_set_team_members(session, actor=actor, team=team,
                                user_ids=[int(str(v)) for v in chosen][:500])  # fmt: skip
    except NotFound:
        return Response(status_code=404)
    except ApiError as exc:
        return render_staff(request, actor, "admin_teams.html", "teams", _teams,
                            flash=exc, status=exc.status_code, typed={})  # fmt: skip
    return back("/admin/teams", done=1)
