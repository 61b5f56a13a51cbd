"""JSON API for teams of advisors (one client each)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import delete, select

from tawasol.audit.chain import append_audit
from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.clients.access import access_client_by_id
from tawasol.db.types import DbId
from tawasol.errors import Conflict, Invalid
from tawasol.models.team import Team, TeamMember
from tawasol.models.user import UserClient
from tawasol.users.access import access_team_by_id, access_user_by_id
from tawasol.users.queries import team_out
from tawasol.users.schemas import TeamIn, TeamMembersIn, TeamOut

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
    if session.scalars(
        select(Team.id).where(Team.client_id == client.id, Team.name == body.name)
    ).first():
        raise Conflict("this client already has a team with that name", code="team_name_taken")
    team = Team(client_id=client.id, name=body.name)
    session.add(team)
    session.flush()
    append_audit(
        session, actor=actor, action="team.created", object_type="team", object_id=team.id,
        client_id=client.id, summary={"after": body.model_dump()},
    )  # fmt: skip
    return team_out(session, team)


@router.get("/{team_id}", response_model=TeamOut)
def get_team(team_id: DbId, session: SessionDep, actor=require(P.TEAMS_READ)) -> TeamOut:
    return team_out(session, access_team_by_id(session, team_id))


@router.put("/{team_id}/members", response_model=TeamOut)
def set_members(
    team_id: DbId, body: TeamMembersIn, session: SessionDep, actor=require(P.TEAMS_MANAGE)
) -> TeamOut:
    team = access_team_by_id(session, team_id)
    user_ids = sorted(set(body.user_ids))
    for user_id in user_ids:
        access_user_by_id(session, user_id)
        granted = session.scalars(
            select(UserClient.id).where(
                UserClient.user_id == user_id, UserClient.client_id == team.client_id
            )
        ).first()
        if not granted:
            raise Invalid(
                f"user {user_id} does not work for this team's client", code="not_granted"
            )
    session.execute(delete(TeamMember).where(TeamMember.team_id == team.id))
    for user_id in user_ids:
        session.add(TeamMember(team_id=team.id, client_id=team.client_id, user_id=user_id))
    session.flush()
    append_audit(
        session, actor=actor, action="team.members_changed", object_type="team",
        object_id=team.id, client_id=team.client_id, summary={"after": user_ids},
    )  # fmt: skip
    return team_out(session, team)
