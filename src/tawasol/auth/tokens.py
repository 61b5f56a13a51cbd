"""Personal API tokens: created once (shown once), stored hashed, revocable."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.auth.credentials import new_api_token, token_digest
from tawasol.db.types import utcnow
from tawasol.errors import NotFound
from tawasol.models.credentials import ApiToken


def list_tokens(session: Session, *, actor: Actor) -> list[ApiToken]:
    return list(
        session.scalars(
            select(ApiToken).where(ApiToken.user_id == actor.user_id).order_by(ApiToken.id)
        )
    )


def access_token_by_id(session: Session, *, actor: Actor, token_id: int) -> ApiToken:
    token = session.scalars(
        select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == actor.user_id)
    ).one_or_none()
    if token is None:
        raise NotFound("no such API token")
    return token


def do_create_token(
    session: Session, *, actor: Actor, name: str, scopes: list[str], expires_in_days: int | None
) -> tuple[ApiToken, str]:
    raw = new_api_token()
    token = ApiToken(
        user_id=actor.user_id,
        name=name,
        prefix=raw[:10],
        token_hash=token_digest(raw),
        scopes=sorted(set(scopes)),
        expires_at=utcnow() + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    session.add(token)
    session.flush()
    append_audit(
        session, actor=actor, action="token.created", object_type="api_token",
        object_id=token.id, client_id=None, summary={"name": name, "scopes": token.scopes},
    )  # fmt: skip
    return token, raw


def do_revoke_token(session: Session, *, actor: Actor, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        append_audit(
            session, actor=actor, action="token.revoked", object_type="api_token",
            object_id=token.id, client_id=None, summary={"name": token.name},
        )  # fmt: skip
