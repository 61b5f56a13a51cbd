"""JSON API for the mail an inbox kept raw: list it, download it, mark it dealt with.

Mounted under /api/v1 (see `tawasol.api`). Only inbox managers see it: raw mail is exactly
what the parser could not vouch for, so it is offered as a download, never rendered.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.channels.email.quarantine import do_resolve_raw_email, list_raw_emails
from tawasol.db.access import fetch_in_scope
from tawasol.db.types import DbId
from tawasol.errors import NotFound
from tawasol.inboxes.access import access_inbox_by_id
from tawasol.models.mailbox import RawEmail

router = APIRouter(prefix="/inboxes/{inbox_id}/raw-emails", tags=["email"])


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


@router.get("", response_model=list[RawEmailOut])
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


@router.get("/{raw_email_id}", response_class=Response)
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


@router.post("/{raw_email_id}/resolve", response_model=RawEmailOut)
def resolve_kept_mail(
    inbox_id: DbId, raw_email_id: DbId, session: SessionDep, actor=require(P.INBOXES_MANAGE)
) -> RawEmail:
    row = _access(session, inbox_id, raw_email_id)
    do_resolve_raw_email(session, actor=actor, raw_email=row)
    return row
