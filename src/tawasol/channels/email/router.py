"""JSON API for the mail an inbox kept raw: list it, download it, mark it dealt with; and the
inbox's email status (where the IMAP fetch stands, its last error, how it is secured).

Mounted under /api/v1 (see `tawasol.api`). Only inbox managers see it: raw mail is exactly
what the parser could not vouch for, so it is offered as a download, never rendered.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.channels.email.quarantine import do_resolve_raw_email, list_raw_emails
from tawasol.channels.email.settings import EmailSettings
from tawasol.db.access import fetch_in_scope
from tawasol.db.types import DbId
from tawasol.errors import NotFound
from tawasol.inboxes.access import access_inbox_by_id
from tawasol.models.mailbox import MailboxState, RawEmail

router = APIRouter(prefix="/inboxes/{inbox_id}", tags=["email"])


class RawEmailOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    inbox_id: int
    reason: str
    error: str | None
    sender: str | None
    subject: str | None
    size: int
    uid: int | None
    received_at: datetime
    resolved: bool
    resolved_at: datetime | None


def _access(session: Session, inbox_id: int, raw_email_id: int) -> RawEmail:
    inbox = access_inbox_by_id(session, inbox_id)
    row = fetch_in_scope(session, RawEmail, raw_email_id, label="raw email")
    if row.inbox_id != inbox.id:
        raise NotFound(f"raw email {raw_email_id} not found", object="raw email")
    return row


@router.get("/raw-emails", response_model=list[RawEmailOut])
def list_kept_mail(
    inbox_id: DbId,
    session: SessionDep,
    include_resolved: bool = False,
    after_id: DbId | None = None,
    limit: int = Query(default=50, ge=1, le=200),
    actor=require(P.INBOXES_MANAGE),
) -> list[RawEmail]:
    inbox = access_inbox_by_id(session, inbox_id)
    return list_raw_emails(
        session, inbox_id=inbox.id, include_resolved=include_resolved, after_id=after_id,
        limit=limit,
    )  # fmt: skip


@router.get("/raw-emails/{raw_email_id}", response_class=Response)
def download_kept_mail(
    inbox_id: DbId, raw_email_id: DbId, session: SessionDep, actor=require(P.INBOXES_MANAGE)
) -> Response:
    row = _access(session, inbox_id, raw_email_id)
    return Response(
        content=row.raw,
        media_type="application/octet-stream",  # never rendered: it may carry anything
        headers={
            "content-disposition": f'attachment; filename="raw-email-{row.id}.eml"',
            "x-content-type-options": "nosniff",
        },
    )


@router.post("/raw-emails/{raw_email_id}/resolve", response_model=RawEmailOut)
def resolve_kept_mail(
    inbox_id: DbId, raw_email_id: DbId, session: SessionDep, actor=require(P.INBOXES_MANAGE)
) -> RawEmail:
    row = _access(session, inbox_id, raw_email_id)
    do_resolve_raw_email(session, actor=actor, raw_email=row)
    return row


class FolderStatusOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    folder: str
    uidvalidity: int | None
    last_uid: int
    last_poll_at: datetime | None
    last_error: str | None


class EmailStatusOut(BaseModel):
    imap_security: Literal["tls", "starttls", "none"]
    smtp_security: Literal["tls", "starttls", "none"]
    trust: Literal["system", "ca_file", "pinned"]
    folders: list[FolderStatusOut]


@router.get("/email-status", response_model=EmailStatusOut)
def email_status(
    inbox_id: DbId, session: SessionDep, actor=require(P.INBOXES_READ)
) -> EmailStatusOut:
    """Shown on the inbox: the fetch's last error (a TLS failure says what to change)."""
    inbox = access_inbox_by_id(session, inbox_id)
    settings = EmailSettings.from_inbox_settings(inbox.settings)
    folders = session.scalars(
        select(MailboxState).where(MailboxState.inbox_id == inbox.id).order_by(MailboxState.id)
    ).all()
    return EmailStatusOut(
        imap_security="tls" if settings.imap_ssl else
        "starttls" if settings.imap_starttls else "none",
        smtp_security="tls" if settings.smtp_ssl else
        "starttls" if settings.smtp_starttls else "none",
        trust="pinned" if settings.tls_pinned_sha256 else
        "ca_file" if settings.tls_ca_file else "system",
        folders=[FolderStatusOut.model_validate(row) for row in folders],
    )  # fmt: skip
