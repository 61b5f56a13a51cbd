"""Storing one message and keeping the conversation's activity time current."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from tawasol.conversations.pii_policy import mask_new_note
from tawasol.conversations.sanitize import sanitize_html
from tawasol.db.types import utcnow
from tawasol.models.conversation import Conversation, ConversationTag
from tawasol.models.message import Message
from tawasol.models.vocabulary import AuthorType, Direction, MessageKind


def add_message(
    session: Session,
    *,
    conversation: Conversation,
    direction: Direction,
    kind: MessageKind,
    author_type: AuthorType,
    text: str,
    html: str | None = None,
    author_user_id: int | None = None,
    author_contact_id: int | None = None,
    provider_message_id: str | None = None,
) -> Message:
    now = utcnow()
    message = Message(
        client_id=conversation.client_id,
        conversation_id=conversation.id,
        inbox_id=conversation.inbox_id,
        direction=direction.value,
        kind=kind.value,
        channel=conversation.channel,
        author_type=author_type.value,
        author_user_id=author_user_id,
        author_contact_id=author_contact_id,
        text=text,
        html=sanitize_html(html) if html else None,
        provider_message_id=provider_message_id,
        created_at=now,
    )
    mask_new_note(session, message=message)
    session.add(message)
    if kind == MessageKind.MESSAGE:
        conversation.last_message_at = now
        session.execute(  # the tag rows' copy orders tag-filtered inboxes
            update(ConversationTag)
            .where(ConversationTag.conversation_id == conversation.id)
            .values(last_message_at=now)
        )
    session.flush()
    return message
