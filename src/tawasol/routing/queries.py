"""Reading stored routing decisions (the session's scope keeps them to the actor's clients)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.models.routing import RoutingDecision
from tawasol.routing.schemas import DecisionOut


def decision_out(row: RoutingDecision) -> DecisionOut:
    return DecisionOut(
        id=row.id, conversation_id=row.conversation_id, advisor_id=row.advisor_id,
        rule=row.rule, tier=row.tier, override_by=row.override_by,
        waited_seconds=row.waited_seconds, explanation=row.explanation,
        decided_at=row.decided_at,
    )  # fmt: skip


def decisions_for(session: Session, *, conversation_id: int, limit: int = 100) -> list[DecisionOut]:
    rows = session.scalars(
        select(RoutingDecision)
        .where(RoutingDecision.conversation_id == conversation_id)
        .order_by(RoutingDecision.id)
        .limit(limit)
    )
    return [decision_out(row) for row in rows]


def latest_decision(session: Session, *, conversation_id: int) -> DecisionOut | None:
    row = session.scalars(
        select(RoutingDecision)
        .where(RoutingDecision.conversation_id == conversation_id)
        .order_by(RoutingDecision.id.desc())
        .limit(1)
    ).first()
    return decision_out(row) if row else None
