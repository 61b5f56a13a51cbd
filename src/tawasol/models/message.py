"""Messages of a conversation: customer and advisor messages, and internal notes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base, TenantScoped, Timestamped
from tawasol.db.types import JSONValue


class Message(TenantScoped, Timestamped, Base):
    __tablename__ = "messages"
    __table_args__ = (
        # The provider's id makes ingestion idempotent: a redelivered message is the same row.
        UniqueConstraint("inbox_id", "provider_message_id"),
        Index("ix_messages_conversation_order", "conversation_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    inbox_id: Mapped[int] = mapped_column(ForeignKey("inboxes.id", ondelete="CASCADE"))
    direction: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16), default="message")
    channel: Mapped[str] = mapped_column(String(16))
    author_type: Mapped[str] = mapped_column(String(16))
    author_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    author_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), default=None
    )
    text: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str | None] = mapped_column(Text, default=None)
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSONValue, default=list)
    provider_message_id: Mapped[str | None] = mapped_column(String(255), default=None)
    redacted: Mapped[bool] = mapped_column(default=False)
    # Outbound only: where the channel says the message is (queued, sent, delivered, read, failed).
    delivery_state: Mapped[str | None] = mapped_column(String(16), default=None)
    delivery_detail: Mapped[str | None] = mapped_column(String(500), default=None)
