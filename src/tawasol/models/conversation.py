"""A conversation with one contact through one inbox, and its tags."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base, TenantScoped, Timestamped
from tawasol.db.types import utcnow

_RECENT = ("last_message_at", "id")
_SLA = (
    "status", "first_response_due_at", "next_response_due_at", "resolution_due_at",
    "first_response_at", "resolved_at",
)  # fmt: skip


_NOT_FINISHED = text("status NOT IN ('resolved', 'closed')")
_LIVE = {"postgresql_where": _NOT_FINISHED, "sqlite_where": _NOT_FINISHED}


class Conversation(TenantScoped, Timestamped, Base):
    __tablename__ = "conversations"
    # The list API pages by (last_message_at, id) inside one client, optionally by status,
    # assignee, inbox or team: each filter has an index that ends with the sort key. The
    # client and status indexes also carry what the inbox's SLA-state filter reads (the due
    # instants and what stops a clock), so a walk in date order tests it on index entries
    # alone and reads a table row only for a match, however rare the state.
    __table_args__ = (
        Index("ix_conversations_client_recent", "client_id", *_RECENT, *_SLA),
        Index("ix_conversations_client_status", "client_id", "status", *_RECENT, *_SLA[1:]),
        Index("ix_conversations_client_team", "client_id", "team_id", "status", *_RECENT),
        # PostgreSQL checks a filter on the table row, not on the index entry: for the SLA
        # states across every status ("at risk", "breached" need a running clock), it walks
        # only the conversations not finished. (SQLite reads the wider indexes above; the
        # same partial index exists there, small, so that both schemas match the models.)
        Index("ix_conversations_client_live", "client_id", *_RECENT, **_LIVE),
        Index(
            "ix_conversations_client_assignee", "client_id", "assignee_id", "last_message_at", "id"
        ),
        Index("ix_conversations_client_inbox", "client_id", "inbox_id", "last_message_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inbox_id: Mapped[int] = mapped_column(ForeignKey("inboxes.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str | None] = mapped_column(String(500), default=None)
    status: Mapped[str] = mapped_column(String(16), default="open")
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    language: Mapped[str | None] = mapped_column(String(8), default=None)
    intent: Mapped[str | None] = mapped_column(String(64), default=None)
    sentiment: Mapped[str | None] = mapped_column(String(16), default=None)
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), default=None
    )
    first_response_due_at: Mapped[datetime | None] = mapped_column(default=None)
    next_response_due_at: Mapped[datetime | None] = mapped_column(default=None)
    resolution_due_at: Mapped[datetime | None] = mapped_column(default=None)
    first_response_at: Mapped[datetime | None] = mapped_column(default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    snoozed_until: Mapped[datetime | None] = mapped_column(default=None)
    last_message_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ConversationTag(TenantScoped, Base):
    __tablename__ = "conversation_tags"
    # A tag-filtered inbox pages by the conversation's activity: the tag row carries a copy of
    # last_message_at so that one index answers "this tag, most recent first" without a sort.
    __table_args__ = (
        UniqueConstraint("conversation_id", "tag"),
        Index(
            "ix_conversation_tags_client_tag_recent",
            "client_id", "tag", "last_message_at", "conversation_id",
        ),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(64))
    last_message_at: Mapped[datetime] = mapped_column(default=utcnow)
