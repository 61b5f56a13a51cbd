"""Advisors' reviews of the AI reading: accept, correct or reject one field of it.

A review records what the model said (value and model version, from the conversation's
newest enriched message) next to what the advisor settled on. Accepted and corrected reviews
are training labels (`labels.py`); corrected and rejected ones make the field the advisor's,
so later enrichment no longer writes it onto the conversation (`queries.owned_fields`) —
except sentiment and offensive language, which a newer customer message reads afresh.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.auth.permissions import Permission
from tawasol.copilot.macro_history import follow_intent
from tawasol.errors import Conflict
from tawasol.models.conversation import Conversation
from tawasol.models.enrichment import ConversationInsight, MessageEnrichment, ReadingReview
from tawasol.nlp.enrichment.actions import publish_reading, routing_view
from tawasol.nlp.enrichment.queries import insight_of
from tawasol.nlp.enrichment.schemas import ReadingField, ReviewDecision, ReviewIn
from tawasol.nlp.sentiment.labels import NOT_OFFENSIVE, OFFENSIVE


def _machine_reading(
    session: Session, conversation: Conversation, insight: ConversationInsight | None,
    field: ReadingField,
) -> tuple[int | None, str | None, str | None]:  # fmt: skip
    """(newest enriched message id, the model's value of ``field``, its model version); the
    insight keeps the models' intent and language, the messages their offensive verdicts."""
    newest = session.scalars(
        select(MessageEnrichment)
        .where(MessageEnrichment.conversation_id == conversation.id)
        .order_by(MessageEnrichment.message_id.desc())
        .limit(1)
    ).first()
    if newest is None or insight is None:
        return None, None, None
    offensive = session.scalars(
        select(MessageEnrichment.id)
        .where(MessageEnrichment.conversation_id == conversation.id, MessageEnrichment.offensive)
        .limit(1)
    ).first()
    values = {
        ReadingField.INTENT: insight.intent or insight.machine_intent,
        ReadingField.SENTIMENT: newest.sentiment,
        ReadingField.OFFENSIVE: NOT_OFFENSIVE if offensive is None else OFFENSIVE,
        ReadingField.LANGUAGE: insight.language,
    }
    return newest.message_id, values[field], (newest.model_versions or {}).get(field.value)


def do_review_reading(
    session: Session, *, actor: Actor, conversation: Conversation, data: ReviewIn
) -> ReadingReview:
    """Record the advisor's decision and apply it to the conversation (and to routing)."""
    actor.require(Permission.COPILOT_USE)
    insight = insight_of(session, conversation_id=conversation.id)
    message_id, machine, version = _machine_reading(session, conversation, insight, data.field)
    decision, value = data.decision, data.value
    if decision != ReviewDecision.CORRECTED and machine is None:
        raise Conflict(
            f"the models have not read this conversation's {data.field.value} yet: there is"
            " nothing to accept or reject (a correction is possible)",
            code="nothing_to_review",
        )
    if decision == ReviewDecision.ACCEPTED:
        value = machine
    elif decision == ReviewDecision.REJECTED and data.field == ReadingField.OFFENSIVE:
        decision = ReviewDecision.CORRECTED  # two values: rejecting one is choosing the other
        value = NOT_OFFENSIVE if machine == OFFENSIVE else OFFENSIVE
    elif decision == ReviewDecision.CORRECTED and value == machine:
        decision = ReviewDecision.ACCEPTED  # "corrected" to what the model said
    review = ReadingReview(
        client_id=conversation.client_id, conversation_id=conversation.id, message_id=message_id,
        field=data.field.value, decision=decision.value, machine_value=machine,
        model_version=version, value=value, reviewer_id=actor.user_id,
    )  # fmt: skip
    session.add(review)
    before = routing_view(conversation, insight)
    intent = conversation.intent
    _apply(conversation, insight, review)
    if conversation.intent != intent:
        follow_intent(session, conversation_id=conversation.id, intent=conversation.intent)
    session.flush()
    append_audit(
        session, actor=actor, action="reading.reviewed", object_type="conversation",
        object_id=conversation.id, client_id=conversation.client_id,
        summary={"review_id": review.id, "field": review.field, "decision": review.decision,
                 "machine_value": machine, "value": value, "model_version": version},
    )  # fmt: skip
    publish_reading(session, conversation=conversation, before=before, insight=insight)
    return review


def _apply(
    conversation: Conversation, insight: ConversationInsight | None, review: ReadingReview
) -> None:
    """Write the settled value onto the conversation (an acceptance writes the model's, which
    an earlier correction may have replaced)."""
    if review.field == ReadingField.INTENT.value:
        conversation.intent = review.value
    elif review.field == ReadingField.SENTIMENT.value:
        conversation.sentiment = review.value
    elif review.field == ReadingField.LANGUAGE.value:
        conversation.language = review.value
    elif review.field == ReadingField.OFFENSIVE.value and insight is not None:
        insight.offensive = review.value == OFFENSIVE
