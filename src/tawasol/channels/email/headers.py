"""Reading the headers of a parsed mail without trusting them: ids, addresses, dates.

Headers are read from their raw form (`raw_items`), so one malformed header cannot make the
standard library's structured header classes raise in the middle of an ingest.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from email.message import Message as MimeMessage
from email.utils import getaddresses, parsedate_to_datetime

from tawasol.channels.email.charsets import header_text

MAX_ID_LENGTH = 255  # the width of messages.provider_message_id
_ID_TOKEN = re.compile(r"<([^<>\s]+)>")
_BARE_ID = re.compile(r"^[^<>\s@]+@[^<>\s@]+$")
_ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")


class RawHeaders:
    """Case-insensitive access to a message's headers as they were on the wire."""

    def __init__(self, msg: MimeMessage) -> None:
        self.values: dict[str, list[str]] = {}
        for name, value in msg.raw_items():
            self.values.setdefault(str(name).strip().lower(), []).append(str(value))

    def raw(self, name: str) -> str:
        found = self.values.get(name.lower())
        return found[0] if found else ""

    def text(self, name: str) -> str:
        return header_text(self.raw(name))

    def __contains__(self, name: str) -> bool:
        return name.lower() in self.values


def normalize_message_id(value: str) -> str:
    """`<local@domain>`, shortened to a stable hash when longer than the column allows."""
    value = value.strip()
    if len(value) > MAX_ID_LENGTH:
        digest = hashlib.sha256(value.encode("utf-8", "surrogateescape")).hexdigest()
        return f"<{digest}@long-id.tawasol.invalid>"
    return value


def message_ids(raw: str) -> list[str]:
    """Every `<id>` in an In-Reply-To or References header, in order, without repeats."""
    found = [normalize_message_id(f"<{token}>") for token in _ID_TOKEN.findall(raw or "")]
    return list(dict.fromkeys(found))


def own_message_id(headers: RawHeaders, raw: bytes) -> tuple[str, bool]:
    """The Message-ID, or one made from the bytes' hash (the same mail gives the same id,
    so a refetch stays idempotent); the flag says whether it was made up."""
    value = headers.raw("message-id").strip()
    ids = message_ids(value)
    if ids:
        return ids[0], False
    if _BARE_ID.match(value):
        return normalize_message_id(f"<{value}>"), False
    return f"<{hashlib.sha256(raw).hexdigest()[:40]}@generated.tawasol.invalid>", True


def addresses(headers: RawHeaders, name: str) -> list[tuple[str, str]]:
    """(display name, lower-cased address) pairs; malformed entries are skipped."""
    found: list[tuple[str, str]] = []
    for raw_value in headers.values.get(name.lower(), []):
        # Parse before decoding: a decoded display name may itself contain commas or "<".
        for display, address in getaddresses([raw_value.replace("\r\n", " ")]):
            address = header_text(address).strip().lower()
            if _ADDRESS.match(address):
                found.append((header_text(display)[:200], address))
    return found


def first_address(headers: RawHeaders, *names: str) -> tuple[str, str, str] | None:
    """The first usable (header, display name, address) among the headers, in that order."""
    for name in names:
        found = addresses(headers, name)
        if found:
            return name, found[0][0], found[0][1]
    return None


def sent_at(headers: RawHeaders) -> datetime | None:
    """The Date header when it is plausible (not before 1990, not in the future)."""
    try:
        moment = parsedate_to_datetime(headers.text("date"))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    now = datetime.now(UTC)
    if moment.year < 1990 or moment > now + timedelta(days=1):
        return None
    return moment
