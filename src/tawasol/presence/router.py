"""JSON API for presence: the team's board, one's own state, a supervisor's override."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.db.types import DbId
from tawasol.errors import Invalid, NotFound
from tawasol.models.user import User
from tawasol.models.vocabulary import Role
from tawasol.presence.queries import list_presence, presence_out
from tawasol.presence.schemas import PresenceIn, PresenceOut, engine_presence
from tawasol.routing.actions import do_set_presence
from tawasol.users.access import access_user_by_id

router = APIRouter(prefix="/presence", tags=["presence"])


@router.get("", response_model=list[PresenceOut])
def get_presence(
    session: SessionDep, client_id: DbId | None = None, actor=require(P.PRESENCE_READ)
) -> list[PresenceOut]:
    return list_presence(session, client_id=client_id)


@router.put("/me", response_model=PresenceOut)
def set_my_presence(
    body: PresenceIn, session: SessionDep, actor=require(P.CONVERSATIONS_ASSIGN)
) -> PresenceOut:
    me = session.get(User, actor.user_id) if actor.user_id else None
    if me is None:
        raise NotFound("no user behind this session", code="not_found")
    return _set(session, actor, me, body)


@router.put("/{user_id}", response_model=PresenceOut)
def set_presence(
    user_id: DbId, body: PresenceIn, session: SessionDep, actor=require(P.PRESENCE_MANAGE)
) -> PresenceOut:
    return _set(session, actor, access_user_by_id(session, user_id), body)


def _set(session: Session, actor: Actor, user: User, body: PresenceIn) -> PresenceOut:
    if user.role != Role.ADVISOR.value:
        raise Invalid("only advisors have a routing presence", code="not_an_advisor")
    do_set_presence(
        session, actor=actor, advisor=user, presence=engine_presence(body.state),
        break_kind=body.break_type,
    )  # fmt: skip
    session.flush()
    return presence_out(session, [user])[0]
