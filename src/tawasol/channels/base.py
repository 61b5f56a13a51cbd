"""The channel adapter protocol: parse inbound, verify authenticity, send outbound, report status.

A new channel implements `ChannelAdapter` in its own folder and hands parsed messages to
`tawasol.channels.ingest.do_ingest_message`; nothing else in the code base needs to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from tawasol.errors import ApiError
from tawasol.models.inbox import Inbox
from tawasol.models.message import Message
from tawasol.models.vocabulary import IdentityKind


@dataclass(frozen=True)
class Identity:
    kind: IdentityKind
    value: str


@dataclass(frozen=True)
class AttachmentMeta:
    filename: str
    content_type: str
    size: int
    storage_key: str | None = None  # where the bytes were stored, if they were kept
    sha256: str | None = None


@dataclass(frozen=True)
class InboundMessage:
    """A customer message as an adapter parsed it, before it touches the database."""

    provider_message_id: str
    identities: tuple[Identity, ...]
    text: str
    contact_name: str | None = None
    html: str | None = None
    subject: str | None = None
    attachments: tuple[AttachmentMeta, ...] = ()
    # Provider ids of earlier messages this one answers (email In-Reply-To / References).
    replies_to: tuple[str, ...] = ()
    received_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rejection:
    """Part of a payload that could not be taken: named, with the reason, never silently lost."""

    reference: str
    error: str


@dataclass
class Parsed:
    messages: list[InboundMessage] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


class DeliveryState(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    FAILED = "failed"


@dataclass(frozen=True)
class DeliveryReport:
    provider_message_id: str
    state: DeliveryState
    detail: str | None = None


def required_setting(inbox: Inbox, key: str) -> str:
    """A provider setting the adapter cannot work without (credentials, sender ids)."""
    value = (inbox.settings or {}).get(key)
    if not value:
        raise ApiError(
            f"the inbox is not configured: {key} is missing", code="inbox_not_configured"
        )
    return str(value)


class ChannelAdapter(Protocol):
    """What every channel provides; adapters never write to the database themselves."""

    channel: str

    def verify(self, inbox: Inbox, *, headers: dict[str, str], body: bytes) -> None:
        """Raise `tawasol.errors.Unauthorized` when the request is not from the provider."""

    def parse(self, inbox: Inbox, payload: bytes) -> Parsed:
        """Turn a provider payload into inbound messages; an unreadable payload raises
        `Invalid`, an unreadable message inside a readable payload is a `Rejection`."""

    def send(self, inbox: Inbox, message: Message, *, to: str) -> str:
        """Deliver an outbound message; return the provider's id for it."""

    def delivery_reports(self, inbox: Inbox, payload: bytes) -> list[DeliveryReport]:
        """Status callbacks (sent, delivered, read, failed) found in a provider payload."""
