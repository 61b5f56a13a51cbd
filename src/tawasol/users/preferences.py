"""A user's own preferences (interface language)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.models.user import User


def do_set_locale(session: Session, *, actor: Actor, locale: str) -> None:
    user = session.get(User, actor.user_id)
    if user is None or user.locale == locale:
        return
    before, user.locale = user.locale, locale
    append_audit(
        session, actor=actor, action="user.locale_changed", object_type="user", object_id=user.id,
        client_id=None, summary={"before": before, "after": locale},
    )  # fmt: skip
