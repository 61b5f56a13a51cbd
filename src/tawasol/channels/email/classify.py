"""Recognising mail no human wrote to us: auto-replies, bounces and mailing-list traffic.

Such mail never opens a conversation and is never answered, which is what prevents mail
loops between our inbox and another robot. A bounce of one of our replies becomes a failed
delivery report for that reply.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from email.message import Message as MimeMessage
from enum import StrEnum

from tawasol.channels.base import DeliveryReport, DeliveryState
from tawasol.channels.email.charsets import decode_bytes, header_text

HeaderGetter = Callable[[str], str]


class MailKind(StrEnum):
    PERSON = "person"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"
    LIST = "list"


_ROBOT_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.I)
_BOUNCE_SUBJECT = re.compile(
    r"(undeliver|delivery status notification|returned mail|mail delivery failed|"
    r"failure notice|non remis|échec de la remise|non distribuable|no se puede entregar)",
    re.I,
)
_AUTO_SUBJECT = re.compile(
    r"^(auto(matic)? ?reply|autoreply|out of (the )?office|réponse automatique|"
    r"absence du bureau|respuesta automática|fuera de la oficina|abwesenheitsnotiz|رد تلقائي)",
    re.I,
)
_MESSAGE_ID = re.compile(r"<[^<>\s]+@[^<>\s]+>")


def classify(msg: MimeMessage, header: HeaderGetter, sender: str | None) -> tuple[MailKind, str]:
    """The kind of mail and the header that decided it (kept for the admin's eyes)."""
    content_type = msg.get_content_type()
    report_type = str(msg.get_param("report-type", "") or "").lower()
    if content_type == "multipart/report" and report_type == "delivery-status":
        return MailKind.BOUNCE, "multipart/report delivery-status"
    if header("x-failed-recipients"):
        return MailKind.BOUNCE, "X-Failed-Recipients"
    if sender and _ROBOT_SENDERS.match(sender):
        if _BOUNCE_SUBJECT.search(header("subject")) or header("return-path").strip() == "<>":
            return MailKind.BOUNCE, "mailer-daemon sender"
        return MailKind.AUTO_REPLY, "mailer-daemon sender"
    auto_submitted = header("auto-submitted").strip().lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return MailKind.AUTO_REPLY, f"Auto-Submitted: {auto_submitted}"
    for name in ("x-autoreply", "x-autorespond", "x-autoresponder"):
        if header(name):
            return MailKind.AUTO_REPLY, name
    precedence = header("precedence").strip().lower()
    if precedence in ("auto_reply", "junk"):
        return MailKind.AUTO_REPLY, f"Precedence: {precedence}"
    if _AUTO_SUBJECT.match(header("subject").strip()):
        return MailKind.AUTO_REPLY, "auto-reply subject"
    if header("list-id") or header("list-unsubscribe") or precedence in ("list", "bulk"):
        return MailKind.LIST, "List-Id" if header("list-id") else f"Precedence: {precedence}"
    return MailKind.PERSON, ""


def _original_ids(msg: MimeMessage) -> list[str]:
    """Message-IDs of the mail that bounced: from the returned message or its headers."""
    found: list[str] = []
    for part in msg.walk():
        content_type = part.get_content_type()
        if content_type == "message/rfc822" and part.is_multipart():
            inner = part.get_payload(0)
            found += _MESSAGE_ID.findall(str(inner.get("message-id", "")))
        elif content_type in ("text/rfc822-headers", "text/plain"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                text = decode_bytes(payload, part.get_content_charset()).text
                found += [
                    m.group(1)
                    for m in re.finditer(r"(?im)^message-id:\s*(<[^<>\s]+@[^<>\s]+>)", text)
                ]
    return list(dict.fromkeys(found))


def _status(msg: MimeMessage) -> tuple[DeliveryState, str]:
    """The worst per-recipient outcome of a DSN (RFC 3464), with its diagnostic."""
    for part in msg.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        blocks = part.get_payload()
        for block in blocks if isinstance(blocks, list) else []:
            action = str(block.get("action", "")).strip().lower()
            status = str(block.get("status", "")).strip()
            if action == "failed" or status.startswith("5"):
                detail = header_text(str(block.get("diagnostic-code", "")) or status)
                return DeliveryState.FAILED, f"{status} {detail}".strip()
            if action == "delivered":
                return DeliveryState.DELIVERED, status
            if action == "delayed" or status.startswith("4"):
                return DeliveryState.SENT, f"delayed {status}".strip()
    return DeliveryState.FAILED, "bounce without a delivery-status part"


def delivery_reports(msg: MimeMessage, header: HeaderGetter) -> list[DeliveryReport]:
    """What a bounce says about the messages it returns (matched later to our outbound ids)."""
    state, detail = _status(msg)
    ids = _original_ids(msg)
    for name in ("in-reply-to", "references"):
        ids += [i for i in _MESSAGE_ID.findall(header(name)) if i not in ids]
    return [DeliveryReport(provider_message_id=i, state=state, detail=detail[:500]) for i in ids]
