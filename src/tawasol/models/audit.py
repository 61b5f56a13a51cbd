"""The tamper-evident audit log: a hash chain over every write."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base
from tawasol.db.types import JSONValue, utcnow


class AuditEntry(Base):
    """Not TenantScoped on purpose: operator-level entries have no client; reads filter it."""

    __tablename__ = "audit_entries"
    __append_only__ = True
    __table_args__ = (Index("ix_audit_entries_client_id_id", "client_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), default=None
    )
    actor_user_id: Mapped[int | None] = mapped_column(default=None)
    actor_label: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[str | None] = mapped_column(String(64), default=None)
    summary: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    ip: Mapped[str | None] = mapped_column(String(64), default=None)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """One row holding the chain's tip; locking it serialises appends across processes."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_entry_id: Mapped[int | None] = mapped_column(default=None)
    last_hash: Mapped[str] = mapped_column(String(64))
