"""Reading a conversation's enrichment (the conversation view and the copilot panel)."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from tawasol.models.conversation import Conversation
from tawasol.models.enrichment import ConversationInsight, MessageEnrichment, ReadingReview
from tawasol.nlp.enrichment.schemas import (
    InsightsOut,
    IntentOut,
    LanguageOut,
    MessageInsightOut,
    ReviewDecision,
    ReviewOut,
    ReviewStatsRow,
)

# A conversation's most recent enriched messages are what the view shows.
MAX_MESSAGES = 200


def insight_of(session: Session, *, conversation_id: int) -> ConversationInsight | None:
    """The conversation's reading row (none before its first enrichment)."""
    return session.scalars(
        select(ConversationInsight).where(ConversationInsight.conversation_id == conversation_id)
    ).first()


def conversation_insights(session: Session, *, conversation: Conversation) -> InsightsOut:
    """The conversation's reading and its latest messages' enrichments (oldest first).

    Before the first enrichment, the conversation's own fields (set at opening or by an
    advisor) are returned with no messages."""
    insight = insight_of(session, conversation_id=conversation.id)
    rows = session.scalars(
        select(MessageEnrichment)
        .where(MessageEnrichment.conversation_id == conversation.id)
        .order_by(MessageEnrichment.message_id.desc())
        .limit(MAX_MESSAGES)
    ).all()
    intent = None
    if conversation.intent:
        from_model = insight is not None and insight.machine_intent == conversation.intent
        confidence = insight.intent_confidence if from_model and insight else None
        intent = IntentOut(label=conversation.intent, confidence=confidence)
    return InsightsOut(
        conversation_id=conversation.id,
        language=LanguageOut(
            code=conversation.language,
            secondary=insight.secondary_language if insight else None,
            shares=dict(insight.language_shares) if insight else {},
        ),
        intent=intent,
        sentiment=conversation.sentiment,
        offensive=bool(insight and insight.offensive),
        messages=[
            MessageInsightOut(
                message_id=row.message_id,
                language=row.language,
                secondary_language=row.secondary_language,
                language_shares=dict(row.language_shares),
                intent=row.intent,
                intent_confidence=row.intent_confidence,
                sentiment=row.sentiment,
                offensive=row.offensive,
                pii_types=list(row.pii_types),
                model_versions=dict(row.model_versions),
                enriched_at=row.enriched_at,
            )  # fmt: skip
            for row in reversed(rows)
        ],
        reviews=[
            ReviewOut.model_validate(review)
            for review in latest_reviews(session, conversation_id=conversation.id)
        ],
    )


def latest_reviews(session: Session, *, conversation_id: int) -> list[ReadingReview]:
    """The latest review of each field of the conversation's reading, oldest first."""
    latest: dict[str, ReadingReview] = {}
    for review in session.scalars(
        select(ReadingReview)
        .where(ReadingReview.conversation_id == conversation_id)
        .order_by(ReadingReview.id)
    ):
        latest[review.field] = review
    return sorted(latest.values(), key=lambda r: r.id)


def owned_fields(session: Session, *, conversation_id: int) -> dict[str, ReadingReview]:
    """Field -> the advisor's latest correction or rejection, for fields whose latest review
    is one (an acceptance hands the field back to the models)."""
    return {
        review.field: review
        for review in latest_reviews(session, conversation_id=conversation_id)
        if review.decision != ReviewDecision.ACCEPTED.value
    }


def review_stats(session: Session, *, client_id: int | None) -> list[ReviewStatsRow]:
    """Per client, field and model version: reviews and their decisions (the acceptance rate
    is accepted / reviewed). Counts every review, including a field reviewed twice."""
    decision = ReadingReview.decision
    group = (ReadingReview.client_id, ReadingReview.field, ReadingReview.model_version)
    query = (
        select(
            *group,
            func.count(ReadingReview.id),
            func.sum(case((decision == ReviewDecision.ACCEPTED.value, 1), else_=0)),
            func.sum(case((decision == ReviewDecision.CORRECTED.value, 1), else_=0)),
            func.sum(case((decision == ReviewDecision.REJECTED.value, 1), else_=0)),
        )
        .group_by(*group)
        .order_by(*group)
    )
    if client_id is not None:
        query = query.where(ReadingReview.client_id == client_id)
    return [
        ReviewStatsRow(
            client_id=client,
            field=field,
            model_version=version,
            reviewed=reviewed,
            accepted=int(accepted or 0),
            corrected=int(corrected or 0),
            rejected=int(rejected or 0),
            acceptance_rate=round(int(accepted or 0) / reviewed, 4),
        )  # fmt: skip
        for client, field, version, reviewed, accepted, corrected, rejected in session.execute(
            query
        )
    ]
