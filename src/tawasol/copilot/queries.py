"""Reads: articles and macros (keyset pages), a conversation's suggestions, acceptance rates."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from tawasol.copilot.schemas import DecisionCounts, FeedbackOut, StatsRow, SuggestionOut
from tawasol.models.conversation import Conversation
from tawasol.models.knowledge import (
    CopilotSuggestion,
    KnowledgeArticle,
    Macro,
    SuggestionFeedback,
)


def list_articles(
    session: Session,
    *,
    client_id: int | None,
    language: str | None = None,
    before_id: int | None = None,
    limit: int = 50,
) -> list[KnowledgeArticle]:
    query = select(KnowledgeArticle).order_by(KnowledgeArticle.id.desc()).limit(limit)
    if client_id is not None:
        query = query.where(KnowledgeArticle.client_id == client_id)
    if language is not None:
        query = query.where(KnowledgeArticle.language == language)
    if before_id is not None:
        query = query.where(KnowledgeArticle.id < before_id)
    return list(session.scalars(query))


def list_macros(
    session: Session,
    *,
    client_id: int | None,
    active_only: bool = False,
    before_id: int | None = None,
    limit: int = 50,
) -> list[Macro]:
    query = select(Macro).order_by(Macro.id.desc()).limit(limit)
    if client_id is not None:
        query = query.where(Macro.client_id == client_id)
    if active_only:
        query = query.where(Macro.is_active.is_(True))
    if before_id is not None:
        query = query.where(Macro.id < before_id)
    return list(session.scalars(query))


def list_suggestions(
    session: Session, *, conversation: Conversation, limit: int = 30
) -> list[SuggestionOut]:
    """The conversation's latest suggestions, newest first, each with its feedback if any."""
    rows = session.execute(
        select(CopilotSuggestion, SuggestionFeedback)
        .outerjoin(SuggestionFeedback, SuggestionFeedback.suggestion_id == CopilotSuggestion.id)
        .where(CopilotSuggestion.conversation_id == conversation.id)
        .order_by(CopilotSuggestion.id.desc())
        .limit(limit)
    ).all()
    out = []
    for suggestion, feedback in rows:
        item = SuggestionOut.model_validate(suggestion)
        item.feedback = FeedbackOut.model_validate(feedback) if feedback else None
        out.append(item)
    return out


def acceptance_stats(session: Session, *, client_id: int | None) -> list[StatsRow]:
    """Per client, model version and kind: suggestions made and what advisors did with them,
    also split by basis."""
    totals: dict[tuple[int, str, str], list[int]] = {}
    by_basis: dict[tuple[int, str, str], dict[str, DecisionCounts]] = {}
    for client, version, kind, basis, counts in _decision_counts(session, client_id):
        key = (client, version, kind)
        totals[key] = [a + b for a, b in zip(totals.get(key, [0] * 5), counts, strict=True)]
        if basis is not None:
            by_basis.setdefault(key, {})[basis] = DecisionCounts(**_rates(*counts))
    return [
        StatsRow(
            client_id=client,
            model_version=version,
            kind=kind,
            by_basis=by_basis.get((client, version, kind), {}),
            **_rates(*totals[(client, version, kind)]),
        )  # fmt: skip
        for client, version, kind in sorted(totals)
    ]


def _decision_counts(session: Session, client_id: int | None) -> list[tuple[Any, ...]]:
    """``(client, version, kind, basis, (made, decided, accepted, edited, rejected))``."""
    decision = SuggestionFeedback.decision
    keys = (
        CopilotSuggestion.client_id, CopilotSuggestion.model_version, CopilotSuggestion.kind,
        CopilotSuggestion.basis,
    )  # fmt: skip
    query = (
        select(
            *keys,
            func.count(CopilotSuggestion.id),
            func.count(SuggestionFeedback.id),
            func.sum(case((decision == "accepted", 1), else_=0)),
            func.sum(case((decision == "edited", 1), else_=0)),
            func.sum(case((decision == "rejected", 1), else_=0)),
        )
        .outerjoin(SuggestionFeedback, SuggestionFeedback.suggestion_id == CopilotSuggestion.id)
        .group_by(*keys)
    )
    if client_id is not None:
        query = query.where(CopilotSuggestion.client_id == client_id)
    return [(*row[:4], tuple(int(v or 0) for v in row[4:])) for row in session.execute(query)]


def _rates(made: int, decided: int, accepted: int, edited: int, rejected: int) -> dict[str, Any]:
    return {
        "suggestions": made, "decided": decided, "accepted": accepted, "edited": edited,
        "rejected": rejected,
        "acceptance_rate": round(accepted / decided, 4) if decided else None,
        "use_rate": round((accepted + edited) / decided, 4) if decided else None,
    }  # fmt: skip
