"""Mail kept raw: stored byte for byte, listed for admins, resolved by a person.

Unparseable or refused mail is never dropped: it waits here, unresolved, with the reason and
the parser's error, and an event tells the client's admins. Auto-replies, bounces and list
mail are kept here already resolved, so the inbox's history stays complete.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.db.types import utcnow
from tawasol.errors import Conflict
from tawasol.models.inbox import Inbox
from tawasol.models.mailbox import RawEmail
from tawasol.realtime.events import client_channel, record_event


def raw_key(raw: bytes) -> str:
    """A stable key for bytes we could not read an id from (a refetch finds the same row)."""
    return f"<{hashlib.sha256(raw).hexdigest()[:40]}@raw.tawasol.invalid>"


def keep_raw_email(
    session: Session,
    *,
    actor: Actor,
    inbox: Inbox,
    raw: bytes,
    reason: str,
    error: str | None,
    resolved: bool,
    message_key: str | None = None,
    sender: str | None = None,
    subject: str | None = None,
    uid: int | None = None,
    uidvalidity: int | None = None,
) -> RawEmail:
    key = message_key or raw_key(raw)
    existing = session.scalars(
        select(RawEmail).where(RawEmail.inbox_id == inbox.id, RawEmail.message_key == key)
    ).first()
    if existing is not None:
        return existing
    row = RawEmail(
        client_id=inbox.client_id, inbox_id=inbox.id, message_key=key, uid=uid,
        uidvalidity=uidvalidity, reason=reason, error=(error or None), size=len(raw), raw=raw,
        sender=(sender or None) and sender[:254], subject=(subject or None) and subject[:500],
        resolved=resolved, resolved_at=utcnow() if resolved else None,
    )  # fmt: skip
    session.add(row)
    session.flush()
    if not resolved:
        append_audit(
            session, actor=actor, action="email.quarantined", object_type="raw_email",
            object_id=row.id, client_id=inbox.client_id,
            summary={"inbox_id": inbox.id, "reason": reason, "error": (error or "")[:200]},
        )  # fmt: skip
        record_event(
            session, type="email.quarantined", client_id=inbox.client_id,
            recipients=[client_channel(inbox.client_id)],
            payload={"raw_email_id": row.id, "inbox_id": inbox.id, "reason": reason},
        )  # fmt: skip
    return row


def list_raw_emails(
    session: Session,
    *,
    inbox_id: int | None = None,
    include_resolved: bool = False,
    after_id: int | None = None,
    limit: int = 50,
) -> list[RawEmail]:
    """Kept mail, newest first, keyset-paged by id; the session's tenant scope applies."""
    query = select(RawEmail).order_by(RawEmail.id.desc()).limit(limit)
    if inbox_id is not None:
        query = query.where(RawEmail.inbox_id == inbox_id)
    if not include_resolved:
        query = query.where(RawEmail.resolved.is_(False))
    if after_id is not None:
        query = query.where(RawEmail.id < after_id)
    return list(session.scalars(query))


def do_resolve_raw_email(session: Session, *, actor: Actor, raw_email: RawEmail) -> None:
    """An admin has dealt with a kept mail (read it, forwarded it, or judged it junk)."""
    if raw_email.resolved:
        raise Conflict("this mail is already resolved", code="already_resolved")
    raw_email.resolved = True
    raw_email.resolved_at = utcnow()
    append_audit(
        session, actor=actor, action="email.quarantine_resolved", object_type="raw_email",
        object_id=raw_email.id, client_id=raw_email.client_id,
        summary={"inbox_id": raw_email.inbox_id, "reason": raw_email.reason},
    )  # fmt: skip
