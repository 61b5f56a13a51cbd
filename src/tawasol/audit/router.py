"""JSON API for reading the audit trail (newest first)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.db.types import DbId
from tawasol.models.audit import AuditEntry
from tawasol.pagination import Page, decode_cursor, encode_cursor

router = APIRouter(prefix="/audit-entries", tags=["audit"])


class AuditEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: DbId | None
    actor_user_id: DbId | None
    actor_label: str
    action: str
    object_type: str
    object_id: str | None
    summary: dict[str, Any]
    ip: str | None
    at: datetime
    hash: str


@router.get("", response_model=Page[AuditEntryOut])
def list_audit_entries(
    session: SessionDep,
    client_id: DbId | None = None,
    action: str | None = Query(default=None, max_length=64),
    actor_user_id: DbId | None = None,
    object_type: str | None = Query(default=None, max_length=64),
    object_id: str | None = Query(default=None, max_length=64),
    cursor: str | None = Query(default=None, max_length=200),
    limit: int = Query(default=100, ge=1, le=500),
    actor=require(P.AUDIT_READ),
) -> Page[AuditEntryOut]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit + 1)
    if cursor:
        query = query.where(AuditEntry.id < decode_cursor(cursor, (int,))[0])
    filters = (
        (AuditEntry.client_id, client_id),
        (AuditEntry.action, action),
        (AuditEntry.actor_user_id, actor_user_id),
        (AuditEntry.object_type, object_type),
        (AuditEntry.object_id, object_id),
    )
    for column, value in filters:
        if value is not None:
            query = query.where(column == value)
    rows = list(session.scalars(query))
    more = len(rows) > limit
    rows = rows[:limit]
    return Page[AuditEntryOut](
        items=[AuditEntryOut.model_validate(r) for r in rows],
        next_cursor=encode_cursor(rows[-1].id) if more else None,
    )
