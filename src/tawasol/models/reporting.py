"""Append-only reporting events: the raw facts every KPI is computed from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base, TenantScoped
from tawasol.db.types import JSONValue, utcnow


class ReportingEvent(TenantScoped, Base):
    __tablename__ = "reporting_events"
    __append_only__ = True
    __table_args__ = (
        Index("ix_reporting_events_client_at", "client_id", "at", "id"),
        Index("ix_reporting_events_conversation", "conversation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(32))
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"), default=None
    )
    actor_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    data: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
