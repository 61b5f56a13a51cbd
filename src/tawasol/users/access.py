"""Reaching a user or a team named by user input."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tawasol.db.access import fetch_in_scope
from tawasol.errors import NotFound
from tawasol.models.mention import Mention
from tawasol.models.team import Team
from tawasol.models.user import User


def access_user_by_id(session: Session, user_id: int) -> User:
    return fetch_in_scope(session, User, user_id, label="user")


def access_team_by_id(session: Session, team_id: int) -> Team:
    return fetch_in_scope(session, Team, team_id, label="team")


def access_my_mention_by_id(session: Session, mention_id: int, *, user_id: int | None) -> Mention:
    """Only the person named reaches a mention; anyone else gets the same 404 as a foreign
    or missing one."""
    mention = fetch_in_scope(session, Mention, mention_id, label="mention")
    if user_id is None or mention.mentioned_user_id != user_id:
        raise NotFound(f"mention {mention_id} not found", object="mention")
    return mention
