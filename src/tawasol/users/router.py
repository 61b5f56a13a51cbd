"""JSON API for users, their client grants and their skills."""

from __future__ import annotations

from fastapi import APIRouter, Query

from tawasol.auth.dependencies import RuntimeDep, SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.db.types import DbId
from tawasol.models.vocabulary import Role
from tawasol.users.access import access_user_by_id
from tawasol.users.actions import do_create_user, do_set_grants, do_set_skills, do_update_user
from tawasol.users.queries import list_users, users_out
from tawasol.users.schemas import GrantsIn, SkillsIn, UserIn, UserOut, UserPatch

router = APIRouter(prefix="/users", tags=["users"])


@router.get("", response_model=list[UserOut])
def get_users(
    session: SessionDep,
    role: Role | None = None,
    client_id: DbId | None = None,
    q: str | None = Query(default=None, max_length=100),
    limit: int = Query(default=100, ge=1, le=500),
    actor=require(P.USERS_READ),
) -> list[UserOut]:
    users = list_users(session, role=role, client_id=client_id, q=q, limit=limit)
    return users_out(session, users)


@router.post("", response_model=UserOut, status_code=201)
def create_user(
    body: UserIn, session: SessionDep, runtime: RuntimeDep, actor=require(P.USERS_MANAGE)
) -> UserOut:
    user = do_create_user(session, actor=actor, hasher=runtime.hasher, data=body)
    session.flush()
    return users_out(session, [user])[0]


@router.get("/{user_id}", response_model=UserOut)
def get_user(user_id: DbId, session: SessionDep, actor=require(P.USERS_READ)) -> UserOut:
    return users_out(session, [access_user_by_id(session, user_id)])[0]


@router.patch("/{user_id}", response_model=UserOut)
def update_user(
    user_id: DbId, body: UserPatch, session: SessionDep, actor=require(P.USERS_MANAGE)
) -> UserOut:
    user = access_user_by_id(session, user_id)
    do_update_user(session, actor=actor, user=user, patch=body)
    return users_out(session, [user])[0]


@router.put("/{user_id}/clients", response_model=UserOut)
def set_grants(
    user_id: DbId, body: GrantsIn, session: SessionDep, actor=require(P.USERS_MANAGE)
) -> UserOut:
    user = access_user_by_id(session, user_id)
    do_set_grants(session, actor=actor, user=user, grants=body.clients)
    session.flush()
    return users_out(session, [user])[0]


@router.put("/{user_id}/skills", response_model=UserOut)
def set_skills(
    user_id: DbId, body: SkillsIn, session: SessionDep, actor=require(P.SKILLS_MANAGE)
) -> UserOut:
    user = access_user_by_id(session, user_id)
    do_set_skills(session, actor=actor, user=user, skills=body)
    session.flush()
    return users_out(session, [user])[0]
