"""An inbox: one channel of one client brand."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base, TenantScoped, Timestamped
from tawasol.db.types import JSONValue


class Inbox(TenantScoped, Timestamped, Base):
    __tablename__ = "inboxes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(16))
    public_key: Mapped[str] = mapped_column(String(64), unique=True)
    settings: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    is_active: Mapped[bool] = mapped_column(default=True)
