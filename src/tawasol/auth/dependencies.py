"""FastAPI dependencies: the runtime, the acting user, and a unit of work in their scope."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.credentials import same_secret, token_digest
from tawasol.auth.permissions import Permission, permissions_for
from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.errors import Forbidden, Unauthorized
from tawasol.models.credentials import ApiToken, UserSession
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import Role
from tawasol.presence.activity import note_activity
from tawasol.runtime import Runtime

SESSION_COOKIE = "tawasol_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def client_reach(session: Session, user: User) -> frozenset[int] | None:
    """The clients a user may act on; None means every client (granted explicitly)."""
    if user.all_clients and user.role in (Role.OPERATOR_ADMIN, Role.SUPERVISOR):
        return None
    query = select(UserClient.client_id).where(UserClient.user_id == user.id)
    if user.role == Role.ADVISOR:
        query = query.where(UserClient.certified.is_(True))
    return frozenset(session.scalars(query).all())


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _actor_for(session: Session, user: User, request: Request, **extra: object) -> Actor:
    scopes = extra.pop("scopes", None)
    return Actor(
        user_id=user.id,
        label=user.email,
        role=Role(user.role),
        client_ids=client_reach(session, user),
        permissions=permissions_for(Role(user.role), scopes),  # type: ignore[arg-type]
        ip=client_ip(request),
        **extra,  # type: ignore[arg-type]
    )


def _from_token(session: Session, raw: str, request: Request) -> Actor:
    token = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == token_digest(raw))
    ).one_or_none()
    now = utcnow()
    if token is None or token.revoked_at or (token.expires_at and token.expires_at < now):
        raise Unauthorized("the API token is unknown, revoked or expired", code="invalid_token")
    user = session.get(User, token.user_id)
    if user is None or not user.is_active:
        raise Unauthorized("the token's account is disabled", code="account_disabled")
    # Touch last-used at most once a minute, so reads stay reads.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        request.state.touch_token_id = token.id
    return _actor_for(session, user, request, via="token", scopes=list(token.scopes))


def _touch_token(runtime: Runtime, token_id: int) -> None:
    with runtime.db.unit(Scope.system()) as session:
        session.execute(
            update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=utcnow())
        )


def _from_cookie(session: Session, raw: str, request: Request) -> Actor:
    row = session.scalars(
        select(UserSession).where(UserSession.token_hash == token_digest(raw))
    ).one_or_none()
    if row is None or row.expires_at < utcnow():
        raise Unauthorized("your session has expired; please log in again", code="session_expired")
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        raise Unauthorized("this account is disabled", code="account_disabled")
    if request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER) or getattr(request.state, "form_csrf", None)
        if not same_secret(sent, row.csrf_token):
            raise Forbidden("missing or wrong CSRF token", code="csrf_failed")
    return _actor_for(
        session, user, request, via="session", session_id=row.id, csrf_token=row.csrf_token
    )


def authenticate(request: Request, runtime: Runtime) -> Actor:
    authorization = request.headers.get("authorization", "")
    cookie = request.cookies.get(SESSION_COOKIE)
    if authorization.lower().startswith("bearer "):
        with runtime.db.unit(Scope.system(), write=False) as session:
            actor = _from_token(session, authorization[7:].strip(), request)
        if token_id := getattr(request.state, "touch_token_id", None):
            _touch_token(runtime, token_id)
        return actor
    with runtime.db.unit(Scope.system(), write=False) as session:
        if cookie:
            return _from_cookie(session, cookie, request)
    raise Unauthorized("authentication required: log in or send a bearer API token")


def current_actor(request: Request, runtime: RuntimeDep) -> Actor:
    cached = getattr(request.state, "actor", None)
    if cached is None:
        cached = authenticate(request, runtime)
        request.state.actor = cached
        note_activity(runtime.db, cached)  # keeps an advisor from timing out (throttled)
    return cached


ActorDep = Annotated[Actor, Depends(current_actor)]


def db_session(request: Request, runtime: RuntimeDep, actor: ActorDep) -> Iterator[Session]:
    """The request's unit of work, in the actor's scope; committed before the response."""
    session = runtime.db.open(actor.scope, write=request.method not in SAFE_METHODS)
    try:
        yield session
        runtime.db.commit(session)
    except BaseException:
        session.rollback()
        raise
    finally:
        runtime.db.close(session)


# scope="function": the commit runs before the response is sent (FastAPI's default for `yield`
# dependencies runs it after): a client told 201 can read what it wrote, and a failed commit
# answers an error instead of a success for data that was never stored.
SessionDep = Annotated[Session, Depends(db_session, scope="function")]


def require(permission: Permission):  # type: ignore[no-untyped-def]
    """Route dependency: the actor must hold `permission`."""

    def check(actor: ActorDep) -> Actor:
        actor.require(permission)
        return actor

    return Depends(check)
