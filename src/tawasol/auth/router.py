"""JSON endpoints for logging in and out, the current user, passwords and API tokens."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from tawasol.auth.dependencies import (
    SESSION_COOKIE,
    ActorDep,
    RuntimeDep,
    SessionDep,
    client_ip,
)
from tawasol.auth.login import do_change_password, do_login, do_logout
from tawasol.auth.schemas import (
    LoginIn,
    LoginOut,
    MeOut,
    PasswordChangeIn,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
)
from tawasol.auth.tokens import access_token_by_id, do_create_token, do_revoke_token, list_tokens
from tawasol.db.tenancy import Scope
from tawasol.db.types import DbId

router = APIRouter(tags=["account"])


def set_session_cookie(response: Response, runtime: RuntimeDep, raw: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        raw,
        max_age=runtime.settings.session_hours * 3600,
        httponly=True,
        samesite="lax",
        secure=runtime.settings.cookie_secure,
        path="/",
    )


@router.post("/auth/login", response_model=LoginOut)
def login(body: LoginIn, request: Request, response: Response, runtime: RuntimeDep) -> LoginOut:
    with runtime.db.unit(Scope.system()) as session:
        outcome = do_login(
            session,
            hasher=runtime.hasher,
            settings=runtime.settings,
            email=body.email,
            password=body.password,
            ip=client_ip(request),
        )
    if outcome.error is not None:
        raise outcome.error
    assert outcome.user and outcome.session_token and outcome.csrf_token
    set_session_cookie(response, runtime, outcome.session_token)
    return LoginOut(user_id=outcome.user.id, csrf_token=outcome.csrf_token)


@router.post("/auth/logout", status_code=204)
def logout(actor: ActorDep, session: SessionDep, response: Response) -> Response:
    do_logout(session, actor=actor)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.status_code = 204
    return response


@router.post("/auth/password", status_code=204)
def change_password(
    body: PasswordChangeIn, actor: ActorDep, session: SessionDep, runtime: RuntimeDep
) -> Response:
    do_change_password(
        session,
        actor=actor,
        hasher=runtime.hasher,
        current=body.current_password,
        new=body.new_password,
    )
    return Response(status_code=204)


@router.get("/me", response_model=MeOut)
def me(actor: ActorDep, session: SessionDep) -> MeOut:
    from tawasol.models.user import User

    user = session.get(User, actor.user_id)
    assert user is not None
    return MeOut(
        id=user.id,
        email=user.email,
        full_name=user.full_name,
        role=user.role,
        locale=user.locale,
        client_ids=None if actor.client_ids is None else sorted(actor.client_ids),
        permissions=sorted(p.value for p in actor.permissions),
        via=actor.via,
    )


@router.get("/tokens", response_model=list[TokenOut])
def tokens(actor: ActorDep, session: SessionDep) -> list[TokenOut]:
    return [TokenOut.model_validate(t) for t in list_tokens(session, actor=actor)]


@router.post("/tokens", response_model=TokenCreatedOut, status_code=201)
def create_token(body: TokenIn, actor: ActorDep, session: SessionDep) -> TokenCreatedOut:
    token, raw = do_create_token(
        session,
        actor=actor,
        name=body.name,
        scopes=[s.value for s in body.scopes],
        expires_in_days=body.expires_in_days,
    )
    return TokenCreatedOut(**TokenOut.model_validate(token).model_dump(), token=raw)


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(token_id: DbId, actor: ActorDep, session: SessionDep) -> Response:
    token = access_token_by_id(session, actor=actor, token_id=token_id)
    do_revoke_token(session, actor=actor, token=token)
    return Response(status_code=204)
