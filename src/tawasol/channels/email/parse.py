"""From raw RFC 5322 bytes to a `ParsedEmail`: headers, folded text, safe HTML, attachments,
and what kind of mail it is. Pure: no database, no disk, so it is fast to test and to bench.

The standard library parser builds the MIME tree (compat32 first for speed, the modern
policy when compat32 raises); only a message neither can read raises `UnparseableEmail`, and
the caller keeps it raw for an admin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.message import Message as MimeMessage
from email.policy import Policy

from tawasol.channels.base import DeliveryReport
from tawasol.channels.email.body import BodyParts, PartAttachment, calendar_summary, walk
from tawasol.channels.email.classify import MailKind, classify, delivery_reports
from tawasol.channels.email.folding import fold_html, fold_text
from tawasol.channels.email.headers import (
    RawHeaders,
    addresses,
    first_address,
    message_ids,
    own_message_id,
    sent_at,
)
from tawasol.channels.email.html_text import html_to_text
from tawasol.conversations.sanitize import sanitize_html

MAX_TEXT = 100_000  # ConversationIn.text
MAX_HTML = 500_000  # ConversationIn.html
MAX_SUBJECT = 500
_KNOWN_HEADERS = ("from", "to", "subject", "date", "message-id", "received", "sender")
_BOUNDARY_LINE = re.compile(rb"(?m)^--([!-~]{1,70}?)(--)?\r?$")


# compat32 builds the tree: every header we use is decoded by our own code from its raw value,
# and the modern policy re-parses Content-Type on each access (about 4x slower per message on
# the corpus, see bench/email_parse.py). The modern policy gets a second try when it raises.
_POLICIES: tuple[tuple[Policy, str | None], ...] = (
    (policy.compat32, None),
    (policy.default, "parser: modern policy after compat32 failed"),
)


class UnparseableEmail(ValueError):
    """Bytes that are not a mail we can read; they are kept raw, never dropped."""


@dataclass
class ParsedEmail:
    message_id: str
    message_id_generated: bool
    subject: str
    sender: str | None  # the address we reply to and recognise the contact by
    sender_name: str | None
    sender_header: str | None  # which header gave the sender (From, Sender, Reply-To...)
    reply_to: str | None
    to: list[str]
    in_reply_to: str | None
    references: list[str]
    date: datetime | None
    text: str
    html: str | None
    quoted_text: str
    quoted_html: str
    signature: str
    attachments: list[PartAttachment]
    kind: MailKind
    kind_reason: str
    reports: list[DeliveryReport] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def replies_to(self) -> tuple[str, ...]:
        """The ids this mail answers, nearest first (In-Reply-To, then References backwards)."""
        ids = [self.in_reply_to] if self.in_reply_to else []
        return tuple(dict.fromkeys(ids + list(reversed(self.references))))


def _repair_boundary(raw: bytes) -> bytes | None:
    """A multipart whose declared boundary never appears, rewritten with the one it uses."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = raw.partition(b"\n\n")
    found = _BOUNDARY_LINE.search(body)
    if not found or not re.search(rb"(?i)boundary=", head):
        return None
    fixed = re.sub(rb'(?i)boundary=("[^"]*"|[^;\s]+)', b'boundary="' + found.group(1) + b'"', head)
    return fixed + sep + body


def _read(raw: bytes, parser_policy: Policy) -> tuple[MimeMessage, list[str]]:
    notes: list[str] = []
    msg = message_from_bytes(raw, policy=parser_policy)
    if msg.get_content_maintype() == "multipart" and not msg.is_multipart():
        repaired = _repair_boundary(raw)
        if repaired is not None:
            again = message_from_bytes(repaired, policy=parser_policy)
            if again.is_multipart():
                notes.append("mime: boundary repaired")
                msg = again
    return msg, notes


def _defects(msg: MimeMessage) -> list[str]:
    names = {type(d).__name__ for part in msg.walk() for d in getattr(part, "defects", [])}
    return sorted(f"defect: {name}" for name in names)


def _bodies(parts: BodyParts) -> tuple[str, str]:
    plain = "\n\n".join(p.strip("\r\n") for p in parts.plain if p.strip())
    html = "\n".join(parts.html)
    if not plain and html:
        plain = html_to_text(html)
    if not plain and parts.calendar:
        plain = calendar_summary(parts.calendar[0])
    return plain, html


def parse_email(raw: bytes) -> ParsedEmail:
    """Parse with one policy, then with the other if anything in the first one raised."""
    if not raw or not raw.strip():
        raise UnparseableEmail("empty message")
    failure: Exception | None = None
    for parser_policy, note in _POLICIES:
        try:
            msg, notes = _read(raw, parser_policy)
            headers = RawHeaders(msg)
            if not any(name in headers for name in _KNOWN_HEADERS):
                raise UnparseableEmail("no RFC 5322 header found")
            return _build(msg, headers, raw, notes + ([note] if note else []))
        except UnparseableEmail:
            raise
        except (RecursionError, MemoryError) as exc:
            raise UnparseableEmail(f"{type(exc).__name__}: the MIME tree is too large") from exc
        except Exception as exc:  # the next policy, or quarantine: never an ingest crash
            failure = exc
    raise UnparseableEmail(f"{type(failure).__name__}: {failure}") from failure


def _build(msg: MimeMessage, headers: RawHeaders, raw: bytes, notes: list[str]) -> ParsedEmail:
    message_id, generated = own_message_id(headers, raw)
    sender = first_address(headers, "from", "sender", "reply-to", "return-path")
    reply_to = addresses(headers, "reply-to")
    parts = BodyParts()
    walk(msg, parts)
    plain, html = _bodies(parts)
    text, folded_html = fold_text(plain), fold_html(html) if html else None
    flags = notes + sorted(set(parts.notes)) + _defects(msg)
    if generated:
        flags.append("headers: no Message-ID, one was derived from the content")
    if sender and sender[0] != "from":
        flags.append(f"headers: sender taken from {sender[0]}")
    safe_html = sanitize_html(folded_html.body) if folded_html else None
    if safe_html and len(safe_html) > MAX_HTML:
        flags.append("body: HTML too long for the message, kept as an attachment")
        parts.attachments.append(
            PartAttachment("message.html", "text/html", "text/html", safe_html.encode())
        )
        safe_html = None
    if len(text.body) > MAX_TEXT:
        flags.append("body: text truncated, the full text is in message.txt")
        parts.attachments.append(
            PartAttachment("message.txt", "text/plain", "text/plain", text.body.encode())
        )
    kind, reason = classify(msg, headers.text, sender[2] if sender else None)
    in_reply_to = message_ids(headers.raw("in-reply-to"))
    return ParsedEmail(
        message_id=message_id,
        message_id_generated=generated,
        subject=headers.text("subject")[:MAX_SUBJECT],
        sender=sender[2] if sender else None,
        sender_name=(sender[1] or None) if sender else None,
        sender_header=sender[0] if sender else None,
        reply_to=reply_to[0][1] if reply_to else None,
        to=[address for _, address in addresses(headers, "to")],
        in_reply_to=in_reply_to[0] if in_reply_to else None,
        references=message_ids(headers.raw("references")),
        date=sent_at(headers),
        text=text.body[:MAX_TEXT],
        html=safe_html or None,
        quoted_text=text.quoted,
        quoted_html=sanitize_html(folded_html.quoted) if folded_html and folded_html.quoted else "",
        signature=text.signature,
        attachments=parts.attachments,
        kind=kind,
        kind_reason=reason,
        reports=delivery_reports(msg, headers.text) if kind == MailKind.BOUNCE else [],
        flags=flags,
    )
