"""Building the MIME message of an advisor's reply, with the headers that thread it.

In-Reply-To names the customer's last mail and References carries its chain plus that mail,
so Gmail, Outlook and Thunderbird put the reply in the customer's thread. The Message-ID is
derived from our message id, so a retried send produces the same mail, not a second one.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from tawasol.channels.email.charsets import header_text
from tawasol.channels.email.threads import strip_prefixes
from tawasol.conversations.sanitize import sanitize_html
from tawasol.db.types import utcnow

MAX_REFERENCES = 20
DEFAULT_SUBJECT = "Votre demande"


@dataclass(frozen=True)
class Reply:
    to: str
    subject: str | None
    text: str
    html: str | None
    in_reply_to: str | None
    references: list[str]


def reply_message_id(*, message_id: int, inbox_key: str, from_address: str) -> str:
    domain = from_address.rpartition("@")[2] or "tawasol.invalid"
    digest = hashlib.sha256(f"{inbox_key}:{message_id}".encode()).hexdigest()[:16]
    return f"<tawasol.{message_id}.{digest}@{domain}>"


def reply_subject(subject: str | None) -> str:
    # header_text also removes CR/LF, so a stored subject can never inject a header.
    return f"Re: {strip_prefixes(header_text(subject or '')) or DEFAULT_SUBJECT}"


def thread_references(earlier: list[str], parent: str | None) -> list[str]:
    """RFC 5322 §3.6.4: the parent's References then the parent; trimmed, keeping the root."""
    chain = list(dict.fromkeys(earlier + ([parent] if parent else [])))
    if len(chain) > MAX_REFERENCES:
        chain = chain[:1] + chain[-(MAX_REFERENCES - 1) :]
    return chain


def _html_from_text(text: str) -> str:
    paragraphs = [html.escape(p).replace("\n", "<br>") for p in text.split("\n\n")]
    return "".join(f'<p dir="auto">{p}</p>' for p in paragraphs)


def compose(
    reply: Reply, *, message_id: str, from_address: str, from_name: str | None
) -> EmailMessage:
    mail = EmailMessage(policy=SMTP)
    mail["From"] = Address(display_name=header_text(from_name or ""), addr_spec=from_address)
    mail["To"] = Address(addr_spec=reply.to)
    mail["Subject"] = reply_subject(reply.subject)
    mail["Date"] = format_datetime(utcnow())
    mail["Message-ID"] = message_id
    if reply.in_reply_to:
        mail["In-Reply-To"] = reply.in_reply_to
    if reply.references:
        mail["References"] = " ".join(reply.references)
    mail.set_content(reply.text or " ", cte="quoted-printable")
    body = sanitize_html(reply.html) if reply.html else _html_from_text(reply.text)
    mail.add_alternative(
        f'<!doctype html><html><body dir="auto">{body}</body></html>',
        subtype="html",
        cte="quoted-printable",
    )
    return mail
