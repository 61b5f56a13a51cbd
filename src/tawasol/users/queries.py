"""Reading users with their grants and skills (grants outside the scope stay hidden)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.models.skill import AdvisorChannel, AdvisorLanguage
from tawasol.models.team import Team, TeamMember
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import Role
from tawasol.users.schemas import ChannelSkill, ClientGrant, LanguageSkill, TeamOut, UserOut


def list_users(
    session: Session, *, role: Role | None, client_id: int | None, q: str | None, limit: int
) -> list[User]:
    query = select(User).order_by(User.full_name, User.id).limit(limit)
    if role is not None:
        query = query.where(User.role == role.value)
    if client_id is not None:
        query = query.where(
            User.id.in_(select(UserClient.user_id).where(UserClient.client_id == client_id))
        )
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(User.full_name.ilike(pattern) | User.email.ilike(pattern))
    return list(session.scalars(query))


def users_out(session: Session, users: list[User]) -> list[UserOut]:
    """Three queries whatever the number of users."""
    ids = [u.id for u in users]
    grants: dict[int, list[ClientGrant]] = defaultdict(list)
    languages: dict[int, list[LanguageSkill]] = defaultdict(list)
    channels: dict[int, list[ChannelSkill]] = defaultdict(list)
    for g in session.scalars(select(UserClient).where(UserClient.user_id.in_(ids))):
        grants[g.user_id].append(ClientGrant(client_id=g.client_id, certified=g.certified))
    for lang in session.scalars(select(AdvisorLanguage).where(AdvisorLanguage.user_id.in_(ids))):
        languages[lang.user_id].append(
            LanguageSkill(language=lang.language, proficiency=lang.proficiency)
        )
    for ch in session.scalars(select(AdvisorChannel).where(AdvisorChannel.user_id.in_(ids))):
        channels[ch.user_id].append(
            ChannelSkill(channel=ch.channel, max_concurrent=ch.max_concurrent)  # type: ignore[arg-type]
        )
    return [
        UserOut.model_validate(u).model_copy(
            update={
                "clients": grants[u.id],
                "languages": languages[u.id],
                "channels": channels[u.id],
            }
        )
        for u in users
    ]


def team_out(session: Session, team: Team) -> TeamOut:
    members = session.scalars(
        select(TeamMember.user_id).where(TeamMember.team_id == team.id).order_by(TeamMember.user_id)
    ).all()
    return TeamOut(id=team.id, client_id=team.client_id, name=team.name, member_ids=list(members))
