"""Walking a MIME tree: the readable body (plain and HTML) and every attachment, decoded.

Works on trees from either parser policy (default or compat32) because it only uses the
methods both share. Nothing is dropped: a part that is neither body nor a known attachment
becomes an attachment; a part too deep to walk is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.message import Message as MimeMessage
from email.policy import compat32

from tawasol.channels.email.charsets import decode_bytes, header_text
from tawasol.channels.email.sniff import EXTENSIONS, sniff_content_type

MAX_DEPTH = 30
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")
_ICS_FIELD = re.compile(r"(?im)^(SUMMARY|DTSTART[^:]*|LOCATION|ORGANIZER[^:]*):(.*)$")


@dataclass(frozen=True)
class PartAttachment:
    filename: str
    content_type: str  # sniffed from the bytes
    declared_type: str
    data: bytes
    content_id: str | None = None
    inline: bool = False


@dataclass
class BodyParts:
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    calendar: list[str] = field(default_factory=list)
    attachments: list[PartAttachment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _safe_filename(name: str, content_type: str, index: int) -> str:
    name = header_text(name).replace("\\", "/").split("/")[-1]
    name = _UNSAFE_NAME.sub("_", name).strip(" .")[:200]
    return name or f"attachment-{index}{EXTENSIONS.get(content_type, '.bin')}"


def _filename(part: MimeMessage) -> str:
    try:
        return str(part.get_filename() or part.get_param("name") or "")
    except Exception:  # RFC 2231 parameters can be broken in many ways
        return ""


def _payload(part: MimeMessage) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    return raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""


def _text(part: MimeMessage, out: BodyParts) -> str:
    try:
        declared = part.get_content_charset()
    except Exception:
        declared = None
    decoded = decode_bytes(_payload(part), declared)
    if decoded.note:
        out.notes.append(f"charset: {decoded.note}")
    return decoded.text.replace("\r\n", "\n").replace("\r", "\n")


def _attach(part: MimeMessage, out: BodyParts, data: bytes, declared: str) -> None:
    sniffed = sniff_content_type(data) if data else "application/octet-stream"
    if declared.startswith("message/") and sniffed in ("text/plain", "application/octet-stream"):
        sniffed = declared  # a forwarded mail or a delivery report is text, but we know more
    index = len(out.attachments) + 1
    content_id = header_text(str(part.get("content-id", "") or "")).strip("<> ") or None
    out.attachments.append(
        PartAttachment(
            filename=_safe_filename(_filename(part), sniffed, index),
            content_type=sniffed,
            declared_type=declared,
            data=data,
            content_id=content_id,
            inline=(part.get_content_disposition() == "inline") or content_id is not None,
        )
    )


def _embedded(part: MimeMessage) -> bytes:
    """The bytes of a message/* part (forwarded mail, delivery status) as an .eml file."""
    inner = part.get_payload()
    try:
        if isinstance(inner, list):
            return b"".join(m.as_bytes(policy=compat32) for m in inner)
    except Exception:
        return str(inner).encode("utf-8", "surrogateescape")
    return _payload(part)


def walk(part: MimeMessage, out: BodyParts, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        out.notes.append("mime: nesting too deep, inner parts kept as one attachment")
        _attach(part, out, part.as_bytes(policy=compat32), "message/rfc822")
        return
    content_type = part.get_content_type()
    if content_type.startswith("message/"):
        _attach(part, out, _embedded(part), content_type)
        return
    if part.is_multipart():
        for child in part.get_payload():
            walk(child, out, depth + 1)
        return
    if content_type.startswith("multipart/"):  # its boundary never appeared: keep the text
        out.notes.append("mime: multipart without its boundary, kept as text")
        out.plain.append(_text(part, out))
        return
    is_attachment = part.get_content_disposition() == "attachment" or bool(_filename(part))
    if content_type == "text/calendar":
        out.calendar.append(_text(part, out))
        _attach(part, out, _payload(part), content_type)
    elif content_type == "text/plain" and not is_attachment:
        out.plain.append(_text(part, out))
    elif content_type == "text/html" and not is_attachment:
        out.html.append(_text(part, out))
    else:
        _attach(part, out, _payload(part), content_type)


def calendar_summary(ics: str) -> str:
    """A line an advisor can read for an invitation that came without a text body."""
    fields = {name.split(";")[0].upper(): value.strip() for name, value in _ICS_FIELD.findall(ics)}
    parts = [fields.get("SUMMARY", ""), fields.get("DTSTART", ""), fields.get("LOCATION", "")]
    return "Invitation: " + " | ".join(p for p in parts if p)
