"""JSON API for reading reporting events, page by page (oldest first)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.db.types import DbId
from tawasol.models.reporting import ReportingEvent
from tawasol.models.vocabulary import ReportingEventType
from tawasol.pagination import Page, decode_cursor, encode_cursor

router = APIRouter(prefix="/reporting-events", tags=["reporting"])


class ReportingEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    client_id: DbId
    type: str
    conversation_id: DbId | None
    actor_user_id: DbId | None
    at: datetime
    data: dict


@router.get("", response_model=Page[ReportingEventOut])
def list_reporting_events(
    session: SessionDep,
    client_id: DbId | None = None,
    type: ReportingEventType | None = None,
    conversation_id: DbId | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    cursor: str | None = Query(default=None, max_length=200),
    limit: int = Query(default=100, ge=1, le=1000),
    actor=require(P.REPORTING_READ),
) -> Page[ReportingEventOut]:
    query = select(ReportingEvent).order_by(ReportingEvent.id).limit(limit + 1)
    if cursor:
        query = query.where(ReportingEvent.id > decode_cursor(cursor, (int,))[0])
    if client_id is not None:
        query = query.where(ReportingEvent.client_id == client_id)
    if type is not None:
        query = query.where(ReportingEvent.type == type.value)
    if conversation_id is not None:
        query = query.where(ReportingEvent.conversation_id == conversation_id)
    if since is not None:
        query = query.where(ReportingEvent.at >= since)
    if until is not None:
        query = query.where(ReportingEvent.at < until)
    rows = list(session.scalars(query))
    more = len(rows) > limit
    rows = rows[:limit]
    return Page[ReportingEventOut](
        items=[ReportingEventOut.model_validate(r) for r in rows],
        next_cursor=encode_cursor(rows[-1].id) if more else None,
    )
