"""Writing enrichment results: per message, then the conversation's reading, then the signals.

Enrichment is machine-derived and versioned data, written by a job for every customer message:
it is not audited (the audit chain serialises its writers, and nothing here is a person's
decision). Storing is an upsert on the message, and the conversation's reading is recomputed
from all of its messages' rows, so a re-run or out-of-order jobs converge on the same state.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawasol.conversations.pii_policy import mask_stored_message, policy_applies, staff_recipients
from tawasol.copilot.macro_history import follow_intent
from tawasol.db.types import utcnow
from tawasol.models.conversation import Conversation
from tawasol.models.enrichment import ConversationInsight, MessageEnrichment, ReadingReview
from tawasol.models.message import Message
from tawasol.models.vocabulary import ConversationStatus, Sentiment
from tawasol.nlp.enrichment.queries import insight_of, owned_fields
from tawasol.nlp.language.result import UNDETERMINED
from tawasol.nlp.sentiment.labels import OFFENSIVE
from tawasol.realtime.events import record_event
from tawasol.routing.hooks import on_conversation_opened

if TYPE_CHECKING:
    from tawasol.nlp.enrichment.pipeline import MessageAnalysis

ENRICHED_EVENT = "conversation.enriched"
MIN_SECONDARY_SHARE = 0.15
# Long threads: the conversation's current language and mood are in its recent messages.
RECENT_MESSAGES = 50
# Below this, a message is too short or too mixed to move the conversation's language
# ("salam" alone is 0.64: Darija, Arabic and French speakers all write it).
MIN_LANGUAGE_CONFIDENCE = 0.7


def do_store_enrichment(
    session: Session, *, message: Message, analysis: MessageAnalysis
) -> MessageEnrichment:
    row = session.scalars(
        select(MessageEnrichment).where(MessageEnrichment.message_id == message.id)
    ).first()
    if row is None:
        row = MessageEnrichment(
            client_id=message.client_id,
            message_id=message.id,
            conversation_id=message.conversation_id,
        )
        session.add(row)
    language, intent = analysis.language, analysis.intent
    accepted = intent is not None and not intent.is_out_of_scope
    row.language = language.primary
    row.language_confidence = round(language.confidence, 4)
    row.secondary_language = language.secondary
    row.language_shares = {code: round(share, 4) for code, share in language.shares.items()}
    row.intent = intent.label if accepted and intent else None
    row.intent_confidence = round(intent.confidence, 4) if intent else None
    row.sentiment = analysis.sentiment.label
    row.sentiment_confidence = round(analysis.sentiment.confidence, 4)
    row.offensive = analysis.is_offensive
    row.offensive_confidence = round(analysis.offensive.probabilities.get("offensive", 0.0), 4)
    row.pii_types = list(analysis.pii_types)
    row.redacted_text = analysis.redacted_text
    row.model_versions = dict(analysis.versions)
    row.enriched_at = utcnow()
    _apply_pii_policy(session, message=message, analysis=analysis)
    session.flush()
    return row


def _apply_pii_policy(session: Session, *, message: Message, analysis: MessageAnalysis) -> None:
    """Under the client's `redact_stored_pii` policy, a customer message in which personal data
    was found keeps only the redacted copy the models read (`conversations.pii_policy`)."""
    if analysis.pii_types and policy_applies(session, message):
        mask_stored_message(session, message=message, redacted_text=analysis.redacted_text)


def _language_reading(rows: list[MessageEnrichment]) -> tuple[str | None, str | None, dict]:
    """The conversation's language: each message's primary (its matrix language, as language
    ID decided it), weighted by length (a long request outweighs "ok merci"). The letter
    shares, summed the same way, give the secondary language and the mix; they do not pick
    the primary: "Le vol dyali t2akhar w ratit la correspondance" is Darija with French
    nouns, though French has more letters."""
    votes: Counter[str] = Counter()
    letters: Counter[str] = Counter()
    for row in rows:
        if row.language_confidence < MIN_LANGUAGE_CONFIDENCE:
            continue
        weight = max(1, len(row.redacted_text))
        if row.language != UNDETERMINED:
            votes[row.language] += weight
        for code, share in (row.language_shares or {}).items():
            if code != UNDETERMINED:
                letters[code] += share * weight
    if not votes:
        return None, None, {}
    primary = votes.most_common(1)[0][0]
    whole = sum(letters.values())
    shares = (
        {code: round(total / whole, 4) for code, total in letters.most_common()}
        if whole
        else {primary: 1.0}
    )
    secondary = next((c for c in shares if c != primary and shares[c] >= MIN_SECONDARY_SHARE), None)
    return primary, secondary, shares


def refresh_conversation(session: Session, *, conversation: Conversation) -> ConversationInsight:
    """Recompute the conversation's reading and copy it onto the conversation for routing.

    Language: its recent messages' primary languages, weighted by length (`_language_reading`).
    Intent: the earliest message prediction that did not abstain; written onto the conversation
    only when nobody set another intent there. Sentiment: its latest message's. Offensive: any.
    """
    of_conversation = MessageEnrichment.conversation_id == conversation.id
    rows = list(
        session.scalars(
            select(MessageEnrichment)
            .where(of_conversation)
            .order_by(MessageEnrichment.message_id.desc())
            .limit(RECENT_MESSAGES)
        )
    )[::-1]
    # The request is usually stated once, early; later turns ("my number is...") only
    # confirm it, and the abstain threshold was calibrated on opening messages.
    best = session.scalars(
        select(MessageEnrichment)
        .where(of_conversation, MessageEnrichment.intent.is_not(None))
        .order_by(MessageEnrichment.message_id)
        .limit(1)
    ).first()
    insight = insight_of(session, conversation_id=conversation.id)
    if insight is None:
        insight = ConversationInsight(
            client_id=conversation.client_id, conversation_id=conversation.id, language_shares={}
        )
        session.add(insight)
    owned = owned_fields(session, conversation_id=conversation.id)
    before = routing_view(conversation, insight)
    language, secondary, shares = _language_reading(rows)
    insight.language, insight.secondary_language, insight.language_shares = (
        language, secondary, shares,
    )  # fmt: skip
    insight.intent = best.intent if best else None
    insight.intent_confidence = best.intent_confidence if best else None
    insight.sentiment = rows[-1].sentiment if rows else None
    insight.offensive = _offensive_reading(rows, bool(insight.offensive), owned.get("offensive"))
    insight.messages = (
        session.scalar(select(func.count()).select_from(MessageEnrichment).where(of_conversation))
        or 0
    )
    insight.updated_at = utcnow()
    intent = conversation.intent
    _apply_to_conversation(conversation=conversation, insight=insight, rows=rows, owned=owned)
    if conversation.intent != intent:
        follow_intent(session, conversation_id=conversation.id, intent=conversation.intent)
    publish_reading(session, conversation=conversation, before=before, insight=insight)
    session.flush()
    return insight


def _offensive_reading(
    rows: list[MessageEnrichment], was_offensive: bool, review: ReadingReview | None
) -> bool:
    """Offensive once any message was, unless an advisor judged otherwise since: then the
    advisor's verdict, or a newer message read as offensive."""
    if review is None:
        return was_offensive or any(row.offensive for row in rows)
    since = review.message_id or 0
    return review.value == OFFENSIVE or any(r.offensive for r in rows if r.message_id > since)


def _apply_to_conversation(
    *, conversation: Conversation, insight: ConversationInsight, rows: list[MessageEnrichment],
    owned: dict[str, ReadingReview],
) -> None:  # fmt: skip
    """Copy the reading onto the conversation, except what an advisor settled: the intent and
    the language for good, the sentiment until a newer message is read."""
    if insight.language and "language" not in owned:
        conversation.language = insight.language
    sentiment_review = owned.get("sentiment")
    newest = rows[-1].message_id if rows else 0
    if insight.sentiment and (
        sentiment_review is None or newest > (sentiment_review.message_id or 0)
    ):
        conversation.sentiment = insight.sentiment
    machine_owned = "intent" not in owned and (
        conversation.intent is None or conversation.intent == insight.machine_intent
    )
    if machine_owned and insight.intent and conversation.intent != insight.intent:
        conversation.intent = insight.intent
        insight.machine_intent = insight.intent


def publish_reading(
    session: Session, *, conversation: Conversation, before: tuple[str | None, bool, bool],
    insight: ConversationInsight | None = None,
) -> None:  # fmt: skip
    """Tell the console the reading changed. A waiting conversation whose routing view
    changed is routed again; one an advisor holds stays with them (the console shows the new
    reading through the event)."""
    if insight is None:
        insight = insight_of(session, conversation_id=conversation.id)
    changed = before != routing_view(conversation, insight)
    payload: dict[str, Any] = {
        "conversation_id": conversation.id,
        "language": conversation.language,
        "intent": conversation.intent,
        "sentiment": conversation.sentiment,
        "offensive": bool(insight and insight.offensive),
    }
    record_event(
        session, type=ENRICHED_EVENT, client_id=conversation.client_id,
        recipients=staff_recipients(conversation), payload=payload,
    )  # fmt: skip
    waiting = (
        conversation.status == ConversationStatus.OPEN.value and conversation.assignee_id is None
    )
    if changed and waiting:
        # The waiting item is rebuilt from the rows: new language skill, negative sentiment,
        # offensive (`routing.feed.item_for`).
        on_conversation_opened(session, conversation=conversation)


def routing_view(
    conversation: Conversation, insight: ConversationInsight | None
) -> tuple[str | None, bool, bool]:
    """What routing reads of the enrichment (`routing.store.work_item`, `routing.feed`)."""
    return (
        conversation.language,
        conversation.sentiment == Sentiment.NEGATIVE.value,
        bool(insight and insight.offensive),
    )
