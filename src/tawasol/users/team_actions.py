"""Creating teams and setting their members."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.errors import Conflict, Invalid
from tawasol.models.client import Client
from tawasol.models.team import Team, TeamMember
from tawasol.models.user import UserClient
from tawasol.routing.hooks import on_advisor_changed


def do_create_team(session: Session, *, actor: Actor, client: Client, name: str) -> Team:
    taken = session.scalars(select(Team.id).where(Team.client_id == client.id, Team.name == name))
    if taken.first():
        raise Conflict("this client already has a team with that name", code="team_name_taken")
    team = Team(client_id=client.id, name=name)
    session.add(team)
    session.flush()
    append_audit(
        session, actor=actor, action="team.created", object_type="team", object_id=team.id,
        client_id=client.id, summary={"after": {"name": name}},
    )  # fmt: skip
    return team


def do_set_team_members(session: Session, *, actor: Actor, team: Team, user_ids: list[int]) -> None:
    """Members must work for the team's client; the list replaces the previous one."""
    wanted = sorted(set(user_ids))
    granted = set(
        session.scalars(
            select(UserClient.user_id).where(
                UserClient.client_id == team.client_id, UserClient.user_id.in_(wanted)
            )
        )
    )
    missing = [u for u in wanted if u not in granted]
    if missing:
        raise Invalid(f"user {missing[0]} does not work for this team's client", code="not_granted")
    before = set(session.scalars(select(TeamMember.user_id).where(TeamMember.team_id == team.id)))
    session.execute(delete(TeamMember).where(TeamMember.team_id == team.id))
    for user_id in wanted:
        session.add(TeamMember(team_id=team.id, client_id=team.client_id, user_id=user_id))
    session.flush()
    append_audit(
        session, actor=actor, action="team.members_changed", object_type="team",
        object_id=team.id, client_id=team.client_id, summary={"after": wanted},
    )  # fmt: skip
    for user_id in sorted(before.symmetric_difference(wanted)):
        on_advisor_changed(session, advisor_id=user_id)
