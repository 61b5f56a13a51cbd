"""JSON API for teams of advisors (one client each)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.clients.access import access_client_by_id
from tawasol.db.types import DbId
from tawasol.models.team import Team
from tawasol.users.access import access_team_by_id, access_user_by_id
from tawasol.users.queries import team_out
from tawasol.users.schemas import TeamIn, TeamMembersIn, TeamOut
from tawasol.users.team_actions import do_create_team, do_set_team_members

router = APIRouter(prefix="/teams", tags=["teams"])


@router.get("", response_model=list[TeamOut])
def list_teams(
    session: SessionDep, client_id: DbId | None = None, actor=require(P.TEAMS_READ)
) -> list[TeamOut]:
    query = select(Team).order_by(Team.client_id, Team.name)
    if client_id is not None:
        query = query.where(Team.client_id == client_id)
    return [team_out(session, t) for t in session.scalars(query)]


@router.post("", response_model=TeamOut, status_code=201)
def create_team(body: TeamIn, session: SessionDep, actor=require(P.TEAMS_MANAGE)) -> TeamOut:
    client = access_client_by_id(session, body.client_id)
    return team_out(session, do_create_team(session, actor=actor, client=client, name=body.name))


@router.get("/{team_id}", response_model=TeamOut)
def get_team(team_id: DbId, session: SessionDep, actor=require(P.TEAMS_READ)) -> TeamOut:
    return team_out(session, access_team_by_id(session, team_id))


@router.put("/{team_id}/members", response_model=TeamOut)
def set_members(
    team_id: DbId, body: TeamMembersIn, session: SessionDep, actor=require(P.TEAMS_MANAGE)
) -> TeamOut:
    team = access_team_by_id(session, team_id)
    for user_id in body.user_ids:
        access_user_by_id(session, user_id)
    do_set_team_members(session, actor=actor, team=team, user_ids=list(body.user_ids))
    return team_out(session, team)
