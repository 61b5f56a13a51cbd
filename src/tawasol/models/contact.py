"""Customers of a client brand, their identities on each channel, and their consents."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tawasol.db.base import Base, TenantScoped, Timestamped
from tawasol.db.types import JSONValue, utcnow


class Contact(TenantScoped, Timestamped, Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    locale: Mapped[str | None] = mapped_column(String(16), default=None)
    is_vip: Mapped[bool] = mapped_column(default=False)
    # Set when a merge folded this contact into another; it is kept so the merge can be undone.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), default=None
    )


class ContactIdentity(TenantScoped, Timestamped, Base):
    """How we recognise a contact on a channel: an email, an E.164 phone, a chat visitor id."""

    __tablename__ = "contact_identities"
    __table_args__ = (UniqueConstraint("client_id", "kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(254))


class ConsentRecord(TenantScoped, Base):
    """One consent decision (granted or withdrawn) for a purpose, kept as history."""

    __tablename__ = "consent_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(64))
    granted: Mapped[bool]
    source: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class ContactMerge(TenantScoped, Base):
    """One merge, with exactly what moved, so that an unmerge puts everything back."""

    __tablename__ = "contact_merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    survivor_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    merged_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    moved: Mapped[dict[str, list[int]]] = mapped_column(JSONValue, default=dict)
    merged_at: Mapped[datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(default=None)
