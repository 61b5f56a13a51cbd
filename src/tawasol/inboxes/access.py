"""Reaching an inbox named by user input."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tawasol.db.access import fetch_in_scope
from tawasol.models.inbox import Inbox


def access_inbox_by_id(session: Session, inbox_id: int) -> Inbox:
    return fetch_in_scope(session, Inbox, inbox_id, label="inbox")
