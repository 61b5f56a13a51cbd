"""Request and response bodies for conversations and messages."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from tawasol.db.types import DbId
from tawasol.models.vocabulary import ConversationStatus, MessageKind, Priority

TAG_PATTERN = r"^[\w][\w .:/-]{0,63}$"


class ConversationIn(BaseModel):
    """Open a conversation with a first inbound message (API channel or an integration)."""

    inbox_id: DbId
    contact_id: DbId
    subject: str | None = Field(default=None, max_length=500)
    text: str = Field(min_length=1, max_length=100_000)
    html: str | None = Field(default=None, max_length=500_000)
    priority: Priority = Priority.NORMAL
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")
    provider_message_id: str | None = Field(default=None, min_length=1, max_length=255)


class AssignIn(BaseModel):
    assignee_id: DbId | None
    team_id: DbId | None = None
    note: str | None = Field(default=None, max_length=2000)


class StatusIn(BaseModel):
    status: ConversationStatus
    snooze_until: datetime | None = None


class TagsIn(BaseModel):
    tags: list[Annotated[str, StringConstraints(strip_whitespace=True, pattern=TAG_PATTERN)]] = (
        Field(min_length=1, max_length=20)
    )


class MessageIn(BaseModel):
    kind: MessageKind = MessageKind.MESSAGE
    text: str = Field(min_length=1, max_length=100_000)
    html: str | None = Field(default=None, max_length=500_000)


class ConversationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: DbId
    inbox_id: DbId
    contact_id: DbId
    channel: str
    subject: str | None
    status: str
    priority: str
    language: str | None
    intent: str | None
    sentiment: str | None
    assignee_id: DbId | None
    team_id: DbId | None
    first_response_due_at: datetime | None
    next_response_due_at: datetime | None
    resolution_due_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    snoozed_until: datetime | None
    last_message_at: datetime
    created_at: datetime
    tags: list[str] = Field(default_factory=list)


class MessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    conversation_id: DbId
    direction: str
    kind: str
    channel: str
    author_type: str
    author_user_id: DbId | None
    author_contact_id: DbId | None
    text: str
    html: str | None
    attachments: list[dict[str, Any]]
    redacted: bool
    created_at: datetime
