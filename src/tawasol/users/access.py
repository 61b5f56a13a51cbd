"""Reaching a user or a team named by user input."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tawasol.db.access import fetch_in_scope
from tawasol.models.team import Team
from tawasol.models.user import User


def access_user_by_id(session: Session, user_id: int) -> User:
    return fetch_in_scope(session, User, user_id, label="user")


def access_team_by_id(session: Session, team_id: int) -> Team:
    return fetch_in_scope(session, Team, team_id, label="team")
