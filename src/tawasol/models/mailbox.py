"""Email channel state: where each inbox's IMAP fetch stands, the mail kept raw because it
could not become a message, and the email headers of every message that went through SMTP
or IMAP (threading, folded quotes, delivery outcome)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base, TenantScoped, Timestamped
from tawasol.db.types import JSONValue, utcnow


class MailboxState(TenantScoped, Base):
    """One row per inbox and folder: the last UID taken under the folder's UIDVALIDITY.

    UIDs are only meaningful under one UIDVALIDITY; when the server changes it, the fetcher
    starts again from UID 1 and relies on Message-ID idempotency to skip what it already has.
    """

    __tablename__ = "mailbox_states"
    __table_args__ = (UniqueConstraint("inbox_id", "folder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inbox_id: Mapped[int] = mapped_column(ForeignKey("inboxes.id", ondelete="CASCADE"))
    folder: Mapped[str] = mapped_column(String(200), default="INBOX")
    # RFC 3501 UIDs and UIDVALIDITY are unsigned 32-bit: BigInteger keeps them whole.
    uidvalidity: Mapped[int | None] = mapped_column(BigInteger, default=None)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)
    last_poll_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(String(500), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class RawEmail(TenantScoped, Base):
    """Mail kept byte for byte instead of becoming a conversation message.

    `reason` says why: unparseable or refused mail waits for an admin (`resolved` false);
    auto-replies, bounces and list mail are kept already resolved, so nothing is dropped.
    """

    __tablename__ = "raw_emails"
    __table_args__ = (
        # The same mail fetched again (restart, UIDVALIDITY reset) is the same row.
        UniqueConstraint("inbox_id", "message_key"),
        Index("ix_raw_emails_inbox_pending", "inbox_id", "resolved", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    inbox_id: Mapped[int] = mapped_column(ForeignKey("inboxes.id", ondelete="CASCADE"))
    message_key: Mapped[str] = mapped_column(String(255))
    uidvalidity: Mapped[int | None] = mapped_column(BigInteger, default=None)
    uid: Mapped[int | None] = mapped_column(BigInteger, default=None)
    reason: Mapped[str] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(Text, default=None)
    sender: Mapped[str | None] = mapped_column(String(254), default=None)
    subject: Mapped[str | None] = mapped_column(String(500), default=None)
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved: Mapped[bool] = mapped_column(default=False)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)


class EmailEnvelope(TenantScoped, Timestamped, Base):
    """The email side of one message: its RFC 5322 ids, addresses, and what was folded away.

    Inbound rows keep the quoted history and signature cut from the visible text (never
    lost); outbound rows keep the threading headers sent and the delivery outcome (DSN).
    """

    __tablename__ = "email_envelopes"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), unique=True
    )
    inbox_id: Mapped[int] = mapped_column(ForeignKey("inboxes.id", ondelete="CASCADE"))
    direction: Mapped[str] = mapped_column(String(16))
    rfc_message_id: Mapped[str] = mapped_column(String(255), index=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(255), default=None)
    reference_ids: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    subject: Mapped[str | None] = mapped_column(String(500), default=None)
    from_address: Mapped[str | None] = mapped_column(String(254), default=None)
    reply_to: Mapped[str | None] = mapped_column(String(254), default=None)
    to_addresses: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    quoted_text: Mapped[str | None] = mapped_column(Text, default=None)
    quoted_html: Mapped[str | None] = mapped_column(Text, default=None)
    signature: Mapped[str | None] = mapped_column(Text, default=None)
    # Parser notes: charset fallbacks, MIME defects, attachments left out for size.
    flags: Mapped[list[str]] = mapped_column(JSONValue, default=list)
    delivery_state: Mapped[str | None] = mapped_column(String(16), default=None)
    delivery_detail: Mapped[str | None] = mapped_column(String(500), default=None)
