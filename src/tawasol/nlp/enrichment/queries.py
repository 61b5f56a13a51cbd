"""Reading a conversation's enrichment (the conversation view and the copilot panel)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.models.conversation import Conversation
from tawasol.models.enrichment import ConversationInsight, MessageEnrichment
from tawasol.nlp.enrichment.schemas import (
    InsightsOut,
    IntentOut,
    LanguageOut,
    MessageInsightOut,
)

# A conversation's most recent enriched messages are what the view shows.
MAX_MESSAGES = 200


def conversation_insights(session: Session, *, conversation: Conversation) -> InsightsOut:
    """The conversation's reading and its latest messages' enrichments (oldest first).

    Before the first enrichment, the conversation's own fields (set at opening or by an
    advisor) are returned with no messages."""
    insight = session.scalars(
        select(ConversationInsight).where(ConversationInsight.conversation_id == conversation.id)
    ).first()
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
    )
