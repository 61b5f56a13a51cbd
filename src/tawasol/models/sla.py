"""The SLA clocks of each conversation, as they stand between two events.

The due instants a person looks at stay on `Conversation` (``*_due_at``); this row keeps
what a restart needs to resume exactly: each clock's consumed business seconds, whether it
runs, and which warnings and breaches were already reported.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base, TenantScoped
from tawasol.db.types import JSONValue, utcnow


class ConversationSla(TenantScoped, Base):
    """One conversation's clocks (`sla.clock.ConversationSla`, minus policy and calendar).

    ``next_check_at`` is the earliest unreported warning or breach instant of a running
    clock: the scheduler's indexed work list. ``version`` makes a stale write fail instead
    of reporting an event twice.
    """

    __tablename__ = "conversation_slas"
    __table_args__ = (
        UniqueConstraint("conversation_id"),
        Index("ix_conversation_slas_next_check_at", "next_check_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    priority: Mapped[str] = mapped_column(String(16))
    clocks: Mapped[list[dict[str, Any]]] = mapped_column(JSONValue, default=list)
    waiting_on_customer: Mapped[bool] = mapped_column(default=False)
    first_response_given: Mapped[bool] = mapped_column(default=False)
    breached: Mapped[bool] = mapped_column(default=False)
    next_check_at: Mapped[datetime | None] = mapped_column(default=None)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
