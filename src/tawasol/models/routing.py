"""Routing rules per client and per inbox, the decisions made (with why), advisor loads
and the named skills (certifications) inbox rules may require."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base, TenantScoped, Timestamped
from tawasol.db.types import JSONValue, utcnow


class RoutingSettings(TenantScoped, Timestamped, Base):
    """One client's routing policy, SLA policy and business calendar, as JSON documents.

    The documents mirror `routing.policy.ClientPolicy`, `sla.policy.SlaPolicy` and
    `sla.calendar.BusinessCalendar`; `routing.store` converts them.
    """

    __tablename__ = "routing_settings"
    __table_args__ = (UniqueConstraint("client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    policy: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    sla_policy: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    calendar: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class RoutingDecision(TenantScoped, Base):
    """An assignment made by routing and its explanation (append-only)."""

    __tablename__ = "routing_decisions"
    __append_only__ = True
    __table_args__ = (
        Index("ix_routing_decisions_client_at", "client_id", "decided_at", "id"),
        Index("ix_routing_decisions_conversation", "conversation_id", "id"),
        Index("ix_routing_decisions_advisor_at", "advisor_id", "decided_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    advisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    rule: Mapped[str] = mapped_column(String(24))
    tier: Mapped[str] = mapped_column(String(16))
    override_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    waited_seconds: Mapped[float] = mapped_column(default=0.0)
    explanation: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)


class AdvisorLoad(Base):
    """Conversations an advisor holds on one channel, and the channel's capacity.

    The row every node updates with ``active = active + 1 WHERE active < capacity``, so two
    routing processes can never push an advisor past capacity, whatever their memory says.
    Per advisor, not per client: an advisor's capacity spans the clients they serve.
    """

    __tablename__ = "advisor_loads"
    __table_args__ = (
        UniqueConstraint("user_id", "channel"),
        CheckConstraint("active >= 0", name="active_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    active: Mapped[int] = mapped_column(default=0)
    capacity: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class InboxRouting(TenantScoped, Timestamped, Base):
    """One inbox's routing rules on top of its client's policy (`routing.inbox_rules`).

    ``rules`` holds only the overrides: required skills, channel capacity, priority rules,
    mode, overflow threshold...; the rest comes from the client's `RoutingSettings`.
    """

    __tablename__ = "inbox_routing"
    __table_args__ = (UniqueConstraint("inbox_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inbox_id: Mapped[int] = mapped_column(ForeignKey("inboxes.id", ondelete="CASCADE"))
    rules: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class AdvisorSkill(Base):
    """A named skill or certification of an advisor (``insurance_certified``, ``billing``).

    Languages and channels have their own tables; these are what an inbox may require.
    """

    __tablename__ = "advisor_skills"
    __table_args__ = (UniqueConstraint("user_id", "skill"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    skill: Mapped[str] = mapped_column(String(48))
