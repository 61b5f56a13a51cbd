"""Advisor presence: the current state per advisor and the append-only log of changes.

Presence belongs to the advisor, not to a client (one advisor serves several brands), so
neither table is tenant-scoped; reports per client join through `user_clients`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base
from tawasol.db.types import utcnow


class AdvisorPresence(Base):
    """What an advisor is doing now; the routing engine is rebuilt from it on restart."""

    __tablename__ = "advisor_presence"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(24), default="offline")
    break_kind: Mapped[str | None] = mapped_column(String(16), default=None)
    since: Mapped[datetime] = mapped_column(default=utcnow)
    # Start of the current stretch of continuous handling (break guardrail), if any.
    handling_since: Mapped[datetime | None] = mapped_column(default=None)
    # Last sign of life (requests, open live feed), written at most once a minute per node;
    # the idle sweep sets an advisor offline when this and ``since`` are both too old.
    last_seen_at: Mapped[datetime | None] = mapped_column(default=None)


class PresenceEvent(Base):
    """One presence change (append-only): occupancy, adherence and break reports use it."""

    __tablename__ = "presence_events"
    __append_only__ = True
    __table_args__ = (Index("ix_presence_events_user_at", "user_id", "at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    state: Mapped[str] = mapped_column(String(24))
    break_kind: Mapped[str | None] = mapped_column(String(16), default=None)
    previous_state: Mapped[str | None] = mapped_column(String(24), default=None)
    # Who changed it: the advisor, a supervisor (audited too) or None for the system.
    actor_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    # Why, when the system changed it (``idle_timeout``, ``logout``).
    reason: Mapped[str | None] = mapped_column(String(24), default=None)
