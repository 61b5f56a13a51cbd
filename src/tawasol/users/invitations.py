"""Invitation links: a new user chooses their own password instead of receiving one.

The link carries a signed, expiring token naming the user and a fingerprint of their current
password hash. Choosing a password changes the hash, so a link works once, and an admin who
resets nothing cannot be surprised by an old link: no table, nothing to clean up.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from sqlalchemy import delete
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.auth.login import check_password_strength
from tawasol.auth.signing import sign, unsign
from tawasol.db.types import utcnow
from tawasol.errors import Conflict, Forbidden, Invalid
from tawasol.models.credentials import UserSession
from tawasol.models.user import User
from tawasol.users.actions import check_within_reach

PURPOSE = "user-invitation"
VALID_FOR = timedelta(days=7)


def unusable_password() -> str:
    """What an invited account is created with: strong, random, never shown to anyone."""
    return secrets.token_urlsafe(48)


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:32]


def invitation_token(secret_key: str, user: User) -> str:
    expires = int((utcnow() + VALID_FOR).timestamp())
    return sign(secret_key, PURPOSE, {"u": user.id, "f": _fingerprint(user), "e": expires})


def do_issue_invitation(session: Session, *, actor: Actor, user: User, secret_key: str) -> str:
    """A link for `user` to choose their password (a new account, or one whose link expired).

    Whoever holds the link can set the password, so issuing one is audited and follows the
    same reach rule as deactivating the account."""
    if user.id == actor.user_id:
        raise Forbidden("change your own password from your profile", code="forbidden")
    if not user.is_active:
        raise Conflict("the account is deactivated", code="user_inactive")
    check_within_reach(session, actor=actor, user=user)
    append_audit(
        session, actor=actor, action="user.invitation_issued", object_type="user",
        object_id=user.id, client_id=None,
    )  # fmt: skip
    return invitation_token(secret_key, user)


def invited_user(session: Session, secret_key: str, token: str) -> User | None:
    """The active user the token invites, or None (altered, expired, already used).

    Called in a system-scoped unit, like the login form: the token, not a session, says who."""
    body = unsign(secret_key, PURPOSE, token)
    if body is None or not isinstance(body.get("u"), int) or not isinstance(body.get("e"), int):
        return None
    if body["e"] < utcnow().timestamp():
        return None
    user = session.get(User, body["u"])
    if user is None or not user.is_active or body.get("f") != _fingerprint(user):
        return None
    return user


def do_accept_invitation(
    session: Session, *, hasher: PasswordHasher, user: User, password: str, ip: str | None
) -> None:
    check_password_strength(password, email=user.email)
    if len(password) > 1024:
        raise Invalid("the password is too long", code="weak_password")
    user.password_hash = hasher.hash(password)
    user.password_changed_at = utcnow()
    user.failed_logins = 0
    user.locked_until = None
    session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    actor = Actor(user_id=user.id, label=user.email, role=None, client_ids=None, ip=ip)
    append_audit(
        session, actor=actor, action="user.invitation_accepted", object_type="user",
        object_id=user.id, client_id=None,
    )  # fmt: skip
