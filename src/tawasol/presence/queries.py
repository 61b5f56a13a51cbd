"""Reading presence: the advisors the actor's scope reaches, with their current state."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.models.presence import AdvisorPresence
from tawasol.models.user import User
from tawasol.models.vocabulary import Role
from tawasol.presence.schemas import PresenceOut, PresenceState, api_state
from tawasol.routing.presence import BreakKind


def presence_out(session: Session, users: list[User]) -> list[PresenceOut]:
    rows = {
        row.user_id: row
        for row in session.scalars(
            select(AdvisorPresence).where(AdvisorPresence.user_id.in_([u.id for u in users]))
        )
    }
    out = []
    for user in users:
        row = rows.get(user.id)
        out.append(
            PresenceOut(
                user_id=user.id,
                full_name=user.full_name,
                state=api_state(row.state) if row else PresenceState.OFFLINE,
                break_type=BreakKind(row.break_kind) if row and row.break_kind else None,
                since=row.since if row else None,
            )
        )
    return out


def list_presence(session: Session, *, client_id: int | None = None) -> list[PresenceOut]:
    """Active advisors of the actor's clients (the session's scope filters users by grant)."""
    query = select(User).where(User.role == Role.ADVISOR.value, User.is_active.is_(True))
    if client_id is not None:
        from tawasol.models.user import UserClient

        query = query.where(
            User.id.in_(select(UserClient.user_id).where(UserClient.client_id == client_id))
        )
    users = list(session.scalars(query.order_by(User.id).limit(1000)))
    return presence_out(session, users)
