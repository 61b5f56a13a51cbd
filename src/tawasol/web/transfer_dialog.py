"""What the conversation page's transfer dialog offers: colleagues who could take the
conversation, the client's teams, and the queue. Routing (`do_transfer`) decides in the end;
this list only spares the advisor choices that would certainly be refused."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.models.conversation import Conversation
from tawasol.models.team import Team
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import Role

TAKERS = (Role.ADVISOR.value, Role.SUPERVISOR.value)
MAX_PEOPLE = 300


@dataclass(frozen=True)
class TransferTargets:
    people: list[tuple[int, str]]
    teams: list[tuple[int, str]]


def transfer_targets(session: Session, conversation: Conversation) -> TransferTargets:
    granted = select(UserClient.user_id).where(UserClient.client_id == conversation.client_id)
    people = session.execute(
        select(User.id, User.full_name)
        .where(User.id.in_(granted), User.is_active.is_(True), User.role.in_(TAKERS))
        .where(User.id != (conversation.assignee_id or 0))
        .order_by(User.full_name, User.id)
        .limit(MAX_PEOPLE)
    ).all()
    teams = session.execute(
        select(Team.id, Team.name)
        .where(Team.client_id == conversation.client_id)
        .order_by(Team.name, Team.id)
    ).all()
    return TransferTargets([(i, n) for i, n in people], [(i, n) for i, n in teams])
