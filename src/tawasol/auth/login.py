"""Login, logout and password changes, with throttling and temporary lockout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.auth.credentials import (
    MIN_PASSWORD_LENGTH,
    dummy_verify,
    new_csrf_token,
    new_session_token,
    token_digest,
    verify_password,
)
from tawasol.config import Settings
from tawasol.db.types import utcnow
from tawasol.errors import ApiError, Invalid, TooManyRequests, Unauthorized
from tawasol.models.credentials import LoginAttempt, UserSession
from tawasol.models.user import User
from tawasol.presence.idle import do_logout_presence


@dataclass
class LoginOutcome:
    user: User | None = None
    session_token: str | None = None
    csrf_token: str | None = None
    error: ApiError | None = None


def _recent_ip_failures(session: Session, *, ip: str, settings: Settings) -> int:
    since = utcnow() - timedelta(seconds=settings.login_window_seconds)
    return (
        session.scalar(
            select(func.count(LoginAttempt.id)).where(
                LoginAttempt.ip == ip, LoginAttempt.success.is_(False), LoginAttempt.at >= since
            )
        )
        or 0
    )


def _fail(session: Session, user: User | None, *, email: str, ip: str, settings: Settings) -> None:
    session.add(LoginAttempt(email=email, ip=ip, success=False))
    if user is None:
        return
    user.failed_logins += 1
    if user.failed_logins >= settings.login_max_failures:
        user.locked_until = utcnow() + timedelta(seconds=settings.lockout_seconds)
        user.failed_logins = 0
        actor = Actor(user_id=user.id, label=user.email, role=None, client_ids=None, ip=ip)
        append_audit(
            session, actor=actor, action="auth.lockout", object_type="user",
            object_id=user.id, client_id=None, summary={"minutes": settings.lockout_seconds // 60},
        )  # fmt: skip


def do_login(
    session: Session,
    *,
    hasher: PasswordHasher,
    settings: Settings,
    email: str,
    password: str,
    ip: str,
) -> LoginOutcome:
    """Check credentials; failures are recorded (the caller commits them) and returned."""
    email = email.strip().lower()
    if _recent_ip_failures(session, ip=ip, settings=settings) >= settings.login_ip_max_failures:
        return LoginOutcome(error=TooManyRequests("too many failed logins from your address"))
    user = session.scalars(select(User).where(User.email == email)).one_or_none()
    if user is not None and user.locked_until and user.locked_until > utcnow():
        minutes = max(1, int((user.locked_until - utcnow()).total_seconds() // 60) + 1)
        return LoginOutcome(
            error=TooManyRequests(
                f"account temporarily locked after repeated failures; retry in {minutes} min",
                code="account_locked",
            )
        )
    if user is None:
        dummy_verify(hasher)
        ok = False
    else:
        ok = user.is_active and verify_password(hasher, user.password_hash, password)
    if not ok:
        _fail(session, user, email=email, ip=ip, settings=settings)
        return LoginOutcome(
            error=Unauthorized("wrong email or password", code="invalid_credentials")
        )
    assert user is not None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    user.failed_logins = 0
    user.locked_until = None
    raw, csrf = new_session_token(), new_csrf_token()
    session.add(
        UserSession(
            user_id=user.id,
            token_hash=token_digest(raw),
            csrf_token=csrf,
            expires_at=utcnow() + timedelta(hours=settings.session_hours),
            ip=ip,
        )
    )
    session.add(LoginAttempt(email=email, ip=ip, success=True))
    actor = Actor(user_id=user.id, label=user.email, role=None, client_ids=None, ip=ip)
    append_audit(
        session, actor=actor, action="auth.login", object_type="user", object_id=user.id,
        client_id=None,
    )  # fmt: skip
    return LoginOutcome(user=user, session_token=raw, csrf_token=csrf)


def do_logout(session: Session, *, actor: Actor) -> None:
    if actor.session_id is not None:
        session.execute(delete(UserSession).where(UserSession.id == actor.session_id))
    do_logout_presence(session, actor=actor)  # an advisor's last session: offline, re-queued
    append_audit(
        session, actor=actor, action="auth.logout", object_type="user", object_id=actor.user_id,
        client_id=None,
    )  # fmt: skip


def do_change_password(
    session: Session, *, actor: Actor, hasher: PasswordHasher, current: str, new: str
) -> None:
    user = session.get(User, actor.user_id)
    if user is None or not verify_password(hasher, user.password_hash, current):
        raise Unauthorized("the current password is wrong", code="invalid_credentials")
    check_password_strength(new, email=user.email)
    if current == new:
        raise Invalid("the new password must differ from the current one", code="weak_password")
    user.password_hash = hasher.hash(new)
    user.password_changed_at = utcnow()
    # Other browsers logged in with the old password are signed out.
    others = delete(UserSession).where(UserSession.user_id == user.id)
    if actor.session_id is not None:
        others = others.where(UserSession.id != actor.session_id)
    session.execute(others)
    append_audit(
        session, actor=actor, action="auth.password_changed", object_type="user",
        object_id=user.id, client_id=None,
    )  # fmt: skip


def check_password_strength(password: str, *, email: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(
            f"the password must have at least {MIN_PASSWORD_LENGTH} characters",
            code="weak_password",
        )
    if password.lower() in email.lower() or len(set(password)) < 4:
        raise Invalid("the password is too easy to guess", code="weak_password")
