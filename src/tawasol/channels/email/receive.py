"""One fetched mail into the database, in the caller's transaction: a message through the
shared ingest path, a delivery report, or a raw row for an admin. Never an exception for bad
mail: whatever arrives leaves a trace, and nothing a robot sends opens a conversation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.channels.base import Identity, InboundMessage
from tawasol.channels.email.attachments import store_attachments
from tawasol.channels.email.bounces import record_delivery_reports
from tawasol.channels.email.classify import MailKind
from tawasol.channels.email.parse import ParsedEmail, UnparseableEmail, parse_email
from tawasol.channels.email.quarantine import keep_raw_email
from tawasol.channels.email.settings import EmailSettings
from tawasol.channels.email.threads import known_reply, subject_thread_id
from tawasol.channels.ingest import do_ingest_message
from tawasol.errors import ApiError
from tawasol.models.inbox import Inbox
from tawasol.models.mailbox import EmailEnvelope, RawEmail
from tawasol.models.message import Message
from tawasol.models.vocabulary import Direction, IdentityKind


@dataclass(frozen=True)
class ReceiveOutcome:
    status: str  # ingested | duplicate | quarantined | ignored | bounce
    message_id: int | None = None
    conversation_id: int | None = None
    raw_email_id: int | None = None
    opened_conversation: bool = False
    detail: str = ""


def do_receive_email(
    session: Session,
    *,
    actor: Actor,
    inbox: Inbox,
    raw: bytes,
    data_dir: Path,
    uid: int | None = None,
    uidvalidity: int | None = None,
) -> ReceiveOutcome:
    settings = EmailSettings.from_inbox_settings(inbox.settings)
    where = {"uid": uid, "uidvalidity": uidvalidity}
    try:
        parsed = parse_email(raw)
    except UnparseableEmail as exc:
        row = keep_raw_email(
            session, actor=actor, inbox=inbox, raw=raw, reason="unparseable",
            error=str(exc), resolved=False, **where,
        )  # fmt: skip
        return ReceiveOutcome("quarantined", raw_email_id=row.id, detail=str(exc))

    def keep(reason: str, detail: str, *, resolved: bool, status: str) -> ReceiveOutcome:
        row = keep_raw_email(
            session, actor=actor, inbox=inbox, raw=raw, reason=reason, error=detail,
            resolved=resolved, message_key=parsed.message_id, sender=parsed.sender,
            subject=parsed.subject, **where,
        )  # fmt: skip
        return ReceiveOutcome(status, raw_email_id=row.id, detail=detail)

    kept = session.scalars(
        select(RawEmail.id).where(
            RawEmail.inbox_id == inbox.id, RawEmail.message_key == parsed.message_id
        )
    ).first()
    if kept is not None:  # a refetch of mail kept raw: its bounce reports are already applied
        return ReceiveOutcome("duplicate", raw_email_id=kept)
    if parsed.kind == MailKind.BOUNCE:
        applied = record_delivery_reports(session, inbox=inbox, reports=parsed.reports)
        return keep("bounce", f"{parsed.kind_reason}; {applied} report(s) applied",
                    resolved=True, status="bounce")  # fmt: skip
    if parsed.kind == MailKind.AUTO_REPLY or (
        parsed.kind == MailKind.LIST and not settings.accept_list_mail
    ):
        return keep(parsed.kind.value, parsed.kind_reason, resolved=True, status="ignored")
    if parsed.sender is None:
        return keep("no_sender", "no usable From, Sender, Reply-To or Return-Path address",
                    resolved=False, status="quarantined")  # fmt: skip
    if settings.from_address and parsed.sender == settings.from_address.lower():
        # Our own address writing to us (a copy of a reply, a forwarding rule): no loop.
        return keep("own_address", "sent from the inbox's own address",
                    resolved=True, status="ignored")  # fmt: skip
    return _ingest(session, actor=actor, inbox=inbox, parsed=parsed, raw=raw, data_dir=data_dir,
                   settings=settings, where=where)  # fmt: skip


def _ingest(
    session: Session,
    *,
    actor: Actor,
    inbox: Inbox,
    parsed: ParsedEmail,
    raw: bytes,
    data_dir: Path,
    settings: EmailSettings,
    where: dict[str, int | None],
) -> ReceiveOutcome:
    existing = session.execute(
        select(Message.id, Message.conversation_id).where(
            Message.inbox_id == inbox.id, Message.provider_message_id == parsed.message_id
        )
    ).first()
    if existing is not None:  # a refetch: skip storing the attachments again
        return ReceiveOutcome("duplicate", existing.id, existing.conversation_id)
    metas, flags = store_attachments(
        parsed.attachments, data_dir=data_dir,
        max_attachment_bytes=settings.max_attachment_bytes,
        max_message_bytes=settings.max_message_bytes,
    )  # fmt: skip
    replies_to = parsed.replies_to
    if not known_reply(session, inbox=inbox, replies_to=replies_to):
        hint = subject_thread_id(session, inbox=inbox, sender=parsed.sender or "",
                                 subject=parsed.subject)  # fmt: skip
        replies_to = replies_to + ((hint,) if hint else ())
    inbound = InboundMessage(
        provider_message_id=parsed.message_id,
        identities=(Identity(IdentityKind.EMAIL, parsed.sender or ""),),
        text=parsed.text, contact_name=parsed.sender_name, html=parsed.html,
        subject=parsed.subject or None, attachments=tuple(metas), replies_to=replies_to,
        received_at=parsed.date,
        # Email threads by headers and subject only: a new subject is a new conversation.
        extra={"thread_by_contact": False},
    )  # fmt: skip
    try:
        with session.begin_nested():
            result = do_ingest_message(session, actor=actor, inbox=inbox, inbound=inbound)
    except (ApiError, ValidationError) as exc:
        row = keep_raw_email(
            session, actor=actor, inbox=inbox, raw=raw, reason="refused", error=str(exc)[:2000],
            resolved=False, message_key=parsed.message_id, sender=parsed.sender,
            subject=parsed.subject, **where,
        )  # fmt: skip
        return ReceiveOutcome("quarantined", raw_email_id=row.id, detail=str(exc)[:500])
    if result.created_message:
        session.add(_envelope(inbox, result.message.id, parsed, flags))
        session.flush()
    return ReceiveOutcome(
        "ingested" if result.created_message else "duplicate", result.message.id,
        result.conversation.id, opened_conversation=result.opened_conversation,
    )  # fmt: skip


def _envelope(
    inbox: Inbox, message_id: int, parsed: ParsedEmail, flags: list[str]
) -> EmailEnvelope:
    return EmailEnvelope(
        client_id=inbox.client_id, message_id=message_id, inbox_id=inbox.id,
        direction=Direction.INBOUND.value, rfc_message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to, reference_ids=parsed.references[-50:],
        subject=parsed.subject or None, from_address=parsed.sender, reply_to=parsed.reply_to,
        to_addresses=parsed.to[:50], quoted_text=parsed.quoted_text or None,
        quoted_html=parsed.quoted_html or None, signature=parsed.signature or None,
        flags=(parsed.flags + flags)[:100],
    )  # fmt: skip
