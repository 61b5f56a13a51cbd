"""The transcript a visitor asks for: built after commit by a job, emailed when the inbox has
an SMTP server, otherwise left as an internal note so an advisor can send it by hand.

Either way the conversation records what happened (a system note), so the request is never
silently dropped. A send that fails raises, and the relay retries the job.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.conversations.messages import add_message
from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.inbox import Inbox
from tawasol.models.message import Message
from tawasol.models.user import User
from tawasol.models.vocabulary import AuthorType, Direction, MessageKind
from tawasol.realtime.events import client_channel, record_event
from tawasol.worker.jobs import job

SMTP_TIMEOUT_SECONDS = 20
LABELS: dict[str, dict[str, str]] = {
    "fr": {"subject": "Votre conversation avec {brand}", "you": "Vous", "advisor": "Conseiller",
           "intro": "Voici la transcription de votre conversation du {date}."},
    "ar": {"subject": "محادثتك مع {brand}", "you": "أنت", "advisor": "المستشار",
           "intro": "إليك نص محادثتك بتاريخ {date}."},
    "en": {"subject": "Your conversation with {brand}", "you": "You", "advisor": "Advisor",
           "intro": "Here is the transcript of your conversation of {date}."},
    "es": {"subject": "Su conversación con {brand}", "you": "Usted", "advisor": "Asesor",
           "intro": "Esta es la transcripción de su conversación del {date}."},
}  # fmt: skip


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    use_ssl: bool = False


def smtp_settings(settings: dict[str, Any]) -> SmtpSettings | None:
    """The inbox's `smtp` setting, or None when absent or unusable."""
    raw = settings.get("smtp")
    if not isinstance(raw, dict) or not raw.get("host") or not raw.get("from"):
        return None
    try:
        starttls, use_ssl = bool(raw.get("starttls", False)), bool(raw.get("ssl", False))
        port = int(raw.get("port") or (465 if use_ssl else 587 if starttls else 25))
    except (TypeError, ValueError):
        return None
    return SmtpSettings(
        host=str(raw["host"]), port=port, sender=str(raw["from"]),
        username=str(raw["username"]) if raw.get("username") else None,
        password=str(raw["password"]) if raw.get("password") else None,
        starttls=starttls, use_ssl=use_ssl,
    )  # fmt: skip


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def transcript_text(
    session: Session, *, conversation: Conversation, up_to: int | None, language: str
) -> tuple[str, str]:
    """(subject, body) in the visitor's language; internal notes are never included."""
    labels = LABELS.get(language, LABELS["fr"])
    client = session.get(Client, conversation.client_id)
    brand = client.name if client else ""
    zone = _zone(client.timezone if client else "UTC")
    query = (
        select(Message, User.full_name)
        .outerjoin(User, User.id == Message.author_user_id)
        .where(Message.conversation_id == conversation.id,
               Message.kind == MessageKind.MESSAGE.value)
        .order_by(Message.id)
    )  # fmt: skip
    if up_to is not None:
        query = query.where(Message.id <= up_to)
    lines = [labels["intro"].format(date=conversation.created_at.astimezone(zone).date()), ""]
    for message, full_name in session.execute(query):
        when = message.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        if message.direction == Direction.INBOUND.value:
            who = labels["you"]
        else:
            first = full_name.split()[0] if full_name and full_name.split() else None
            who = f"{labels['advisor']} {first}" if first else labels["advisor"]
        lines.append(f"[{when}] {who} : {message.text}")
        lines.extend(f"    📎 {item.get('filename')}" for item in message.attachments or [])
    return labels["subject"].format(brand=brand), "\n".join(lines) + "\n"


def send_email(smtp: SmtpSettings, *, to: str, subject: str, body: str) -> None:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = smtp.sender, to, subject
    mail["Message-ID"] = make_msgid(domain=smtp.sender.rpartition("@")[2] or None)
    mail.set_content(body)
    if smtp.use_ssl:
        server: smtplib.SMTP = smtplib.SMTP_SSL(
            smtp.host, smtp.port, timeout=SMTP_TIMEOUT_SECONDS, context=ssl.create_default_context()
        )
    else:
        server = smtplib.SMTP(smtp.host, smtp.port, timeout=SMTP_TIMEOUT_SECONDS)
    with server:
        if smtp.starttls:
            server.starttls(context=ssl.create_default_context())
        if smtp.username and smtp.password:
            server.login(smtp.username, smtp.password)
        server.send_message(mail)


def _note(session: Session, conversation: Conversation, text: str) -> None:
    note = add_message(
        session, conversation=conversation, direction=Direction.OUTBOUND, kind=MessageKind.NOTE,
        author_type=AuthorType.SYSTEM, text=text,
    )  # fmt: skip
    record_event(
        session, type="message.created", client_id=conversation.client_id,
        recipients=[client_channel(conversation.client_id)],
        payload={"conversation_id": conversation.id, "message_id": note.id, "kind": "note"},
    )  # fmt: skip


@job("webchat.transcript")
def send_transcript(session: Session, payload: dict[str, Any]) -> None:
    conversation = session.get(Conversation, payload["conversation_id"])
    if conversation is None:
        return  # erased since the request
    inbox = session.get(Inbox, conversation.inbox_id)
    assert inbox is not None
    email, language = str(payload["email"]), str(payload.get("language") or "fr")
    subject, body = transcript_text(
        session, conversation=conversation, up_to=payload.get("up_to_message_id"),
        language=language,
    )  # fmt: skip
    smtp = smtp_settings(inbox.settings or {})
    if smtp is None:
        note = (
            f"Le visiteur a demandé la transcription à {email}. Aucun serveur SMTP n'est "
            "configuré sur cette boîte : à envoyer par un conseiller."
        )
        _note(session, conversation, note)
        return
    send_email(smtp, to=email, subject=subject, body=body)
    _note(session, conversation, f"Transcription envoyée par e-mail à {email}.")
