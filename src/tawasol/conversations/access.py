"""Reaching a conversation named by user input."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tawasol.db.access import fetch_in_scope
from tawasol.models.conversation import Conversation


def access_conversation_by_id(session: Session, conversation_id: int) -> Conversation:
    return fetch_in_scope(session, Conversation, conversation_id, label="conversation")
