"""What a visitor may read: the messages (never internal notes) of their own conversations
in this inbox, oldest first, as the stream sends them and replays them after a reconnect."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypedDict

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from tawasol.channels.webchat.attachments import caption
from tawasol.conversations.actions import CLOSED_STATES
from tawasol.models.conversation import Conversation
from tawasol.models.message import Message
from tawasol.models.user import User
from tawasol.models.vocabulary import Direction, MessageKind

HISTORY_LIMIT = 200
LIVE_LIMIT = 5


class AttachmentPayload(TypedDict):
    filename: str
    content_type: str
    size: int
    path: str


class MessagePayload(TypedDict):
    id: int
    conversation_id: int
    client_id: str | None
    author: str  # "visitor" or "advisor"
    author_name: str | None
    text: str
    attachments: list[AttachmentPayload]
    created_at: datetime


def _own_conversations(inbox_id: int, contact_id: int) -> Select[tuple[int]]:
    return select(Conversation.id).where(
        Conversation.inbox_id == inbox_id, Conversation.contact_id == contact_id
    )


def watched_conversations(session: Session, *, inbox_id: int, contact_id: int) -> list[int]:
    """The conversations whose events the stream listens to: the live ones and the latest."""
    rows = session.execute(
        _own_conversations(inbox_id, contact_id)
        .add_columns(Conversation.status)
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
        .limit(LIVE_LIMIT)
    ).all()
    live = [row[0] for row in rows if row[1] not in CLOSED_STATES]
    return live or [row[0] for row in rows[:1]]


def _attachments(public_key: str, raw: list[dict[str, Any]]) -> list[AttachmentPayload]:
    out: list[AttachmentPayload] = []
    for item in raw or []:
        sha = item.get("sha256")
        if isinstance(sha, str):
            out.append({"filename": str(item.get("filename") or "fichier"),
                        "content_type": str(item.get("content_type") or ""),
                        "size": int(item.get("size") or 0),
                        "path": f"/widget/{public_key}/attachments/{sha}"})  # fmt: skip
    return out


def _visible_text(message: Message) -> str:
    # The widget shows the files themselves; the caption is for the advisors' lists.
    names = [str(item.get("filename")) for item in message.attachments or []]
    return "" if names and message.text == caption(names) else message.text


def _first_name(full_name: str | None) -> str | None:
    return full_name.split()[0] if full_name and full_name.split() else None


def visitor_messages(
    session: Session, *, public_key: str, inbox_id: int, contact_id: int, after_id: int | None
) -> list[MessagePayload]:
    """After `after_id` (a reconnect: oldest first, one page), else the latest page."""
    query = (
        select(Message, User.full_name)
        .outerjoin(User, User.id == Message.author_user_id)
        .where(
            Message.inbox_id == inbox_id,
            Message.conversation_id.in_(_own_conversations(inbox_id, contact_id)),
            Message.kind == MessageKind.MESSAGE.value,
        )
    )
    if after_id is not None:
        rows = session.execute(
            query.where(Message.id > after_id).order_by(Message.id).limit(HISTORY_LIMIT)
        ).all()
    else:
        rows = session.execute(query.order_by(Message.id.desc()).limit(HISTORY_LIMIT)).all()
        rows.reverse()
    return [
        {
            "id": message.id,
            "conversation_id": message.conversation_id,
            "client_id": message.provider_message_id
            if message.direction == Direction.INBOUND.value else None,
            "author": "visitor" if message.direction == Direction.INBOUND.value else "advisor",
            "author_name": _first_name(full_name),
            "text": _visible_text(message),
            "attachments": _attachments(public_key, message.attachments),
            "created_at": message.created_at,
        }
        for message, full_name in rows
    ]  # fmt: skip


def visitor_file(
    session: Session, *, inbox_id: int, contact_id: int, sha256: str
) -> dict[str, Any] | None:
    """A visitor downloads only files of their own conversations' messages."""
    rows = session.scalars(
        select(Message.attachments).where(
            Message.inbox_id == inbox_id,
            Message.conversation_id.in_(_own_conversations(inbox_id, contact_id)),
            Message.kind == MessageKind.MESSAGE.value,
        )
    )
    for attachments in rows:
        for item in attachments or []:
            if item.get("sha256") == sha256:
                return item
    return None
