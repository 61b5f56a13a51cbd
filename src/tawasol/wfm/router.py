"""JSON API for workforce management: adherence of a day from stored schedules and presence."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.clients.access import access_client_by_id
from tawasol.db.types import DbId
from tawasol.wfm.queries import day_adherence
from tawasol.wfm.schemas import AdherenceOut, AdvisorAdherenceOut

router = APIRouter(prefix="/wfm", tags=["wfm"])


def adherence_out(session: Session, *, client_id: int, day: date) -> AdherenceOut:
    """The day's adherence per advisor and for the team (shared with the CLI)."""
    rows = day_adherence(session, client_id=client_id, day=day)
    total = rows[-1] if rows else None
    return AdherenceOut(
        client_id=client_id,
        date=day,
        advisors=[
            AdvisorAdherenceOut(
                user_id=row.user_id,
                full_name=row.full_name,
                scheduled_minutes=round(row.scheduled_minutes, 1),
                adherent_minutes=round(row.adherent_minutes, 1),
                adherence=None if row.adherence is None else round(row.adherence, 4),
            )  # fmt: skip
            for row in rows[:-1]
            if row.user_id is not None
        ],
        scheduled_minutes=round(total.scheduled_minutes, 1) if total else 0.0,
        adherent_minutes=round(total.adherent_minutes, 1) if total else 0.0,
        adherence=round(total.adherence, 4) if total and total.adherence is not None else None,
    )


@router.get("/adherence", response_model=AdherenceOut)
def get_adherence(
    session: SessionDep,
    client_id: DbId,
    day: date = Query(alias="date"),
    actor=require(P.PRESENCE_READ),
) -> AdherenceOut:
    client = access_client_by_id(session, client_id)
    return adherence_out(session, client_id=client.id, day=day)
