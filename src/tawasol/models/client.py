"""The operator organization and the client brands it serves (the tenants)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base, Timestamped
from tawasol.db.types import JSONValue


class Organization(Timestamped, Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Client(Timestamped, Base):
    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    locale: Mapped[str] = mapped_column(String(16), default="fr")
    timezone: Mapped[str] = mapped_column(String(64), default="Africa/Casablanca")
    branding: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    is_active: Mapped[bool] = mapped_column(default=True)
    # Policy: once a customer message is read, its stored text keeps only the redacted copy
    # (placeholders instead of phone numbers, IBANs, cards...; `nlp.enrichment.actions`).
    redact_stored_pii: Mapped[bool] = mapped_column(default=False, server_default=false())
