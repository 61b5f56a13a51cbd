"""@mentions of advisors in internal notes: who was named, in which note, and whether they
have opened it since (the inbox's "mentions" view and its badge read this table)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base, TenantScoped, Timestamped


class Mention(TenantScoped, Timestamped, Base):
    __tablename__ = "mentions"
    __table_args__ = (
        UniqueConstraint("message_id", "mentioned_user_id"),
        # "My unread mentions" (the badge) and "conversations that mention me" (the view).
        Index("ix_mentions_user_unread", "mentioned_user_id", "read_at", "conversation_id"),
        Index("ix_mentions_conversation", "conversation_id", "mentioned_user_id"),
        # The mentions API: mine (unread or all), newest first, paged by id.
        Index("ix_mentions_user_recent", "mentioned_user_id", "read_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    mentioned_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    author_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    read_at: Mapped[datetime | None] = mapped_column(default=None)
