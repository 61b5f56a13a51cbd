"""Where a client's intent training examples come from.

Each label source is a function ``(session, client_id) -> {conversation_id: (text, label)}``
over the client's history; `LABEL_SOURCES` lists them from the most to the least trusted and
the first source to label a conversation wins: an advisor's review of the reading (accepted or
corrected), an intent an advisor set, a tag naming an intent. The text is the conversation's
first customer message, redacted (personal data never enters a model).

`reviewed_messages` gives the sentiment and offensive-language labels: each reviewed message
with the value the advisor accepted or corrected it to.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawasol.models.conversation import Conversation, ConversationTag
from tawasol.models.enrichment import (
    ConversationInsight,
    IntentModelRecord,
    MessageEnrichment,
    ReadingReview,
)
from tawasol.models.message import Message
from tawasol.models.vocabulary import Direction, MessageKind
from tawasol.nlp.intent import OUT_OF_SCOPE
from tawasol.nlp.pii import redact

# The most recent labelled conversations are enough to learn a client's intents.
MAX_EXAMPLES = 20_000
Labelled = dict[int, tuple[str, str]]
# conversation ids -> their first customer message's redacted text (or "" when only counting)
TextReader = Callable[[Session, list[int]], dict[int, str]]
LabelSource = Callable[[Session, int, TextReader], Labelled]


def _first_texts(session: Session, conversation_ids: list[int]) -> dict[int, str]:
    """Each conversation's first customer message, redacted (stored copy when enriched)."""
    texts: dict[int, str] = {}
    for start in range(0, len(conversation_ids), 500):
        chunk = conversation_ids[start : start + 500]
        first = (
            select(Message.conversation_id, func.min(Message.id).label("message_id"))
            .where(
                Message.conversation_id.in_(chunk),
                Message.direction == Direction.INBOUND.value,
                Message.kind == MessageKind.MESSAGE.value,
            )
            .group_by(Message.conversation_id)
            .subquery()
        )
        rows = session.execute(
            select(first.c.conversation_id, Message.text, MessageEnrichment.redacted_text)
            .join(Message, Message.id == first.c.message_id)
            .outerjoin(MessageEnrichment, MessageEnrichment.message_id == Message.id)
        )
        for conversation_id, text, redacted in rows:
            texts[conversation_id] = redacted if redacted is not None else redact(text).text
    return texts


def _first_placeholders(session: Session, conversation_ids: list[int]) -> dict[int, str]:
    """The conversations of ``conversation_ids`` that have a customer message (for counting:
    no text read, nothing redacted)."""
    found: dict[int, str] = {}
    for start in range(0, len(conversation_ids), 500):
        found.update(
            (conversation_id, "")
            for conversation_id in session.scalars(
                select(Message.conversation_id)
                .where(
                    Message.conversation_id.in_(conversation_ids[start : start + 500]),
                    Message.direction == Direction.INBOUND.value,
                    Message.kind == MessageKind.MESSAGE.value,
                )
                .distinct()
            )
        )
    return found


def _latest_reviews(
    session: Session, client_id: int, field: str, key: Callable[[ReadingReview], int | None]
) -> list[ReadingReview]:
    """The latest review of ``field`` per ``key`` (conversation or message), newest first."""
    latest: dict[int, ReadingReview] = {}
    for review in session.scalars(
        select(ReadingReview)
        .where(ReadingReview.client_id == client_id, ReadingReview.field == field)
        .order_by(ReadingReview.id.desc())
        .limit(MAX_EXAMPLES)
    ):
        if (found := key(review)) is not None:
            latest.setdefault(found, review)
    return list(latest.values())


def reviewed_intents(session: Session, client_id: int, read: TextReader) -> Labelled:
    """Conversations whose intent an advisor accepted or corrected (their latest review)."""
    labels = {
        review.conversation_id: review.value
        for review in _latest_reviews(session, client_id, "intent", lambda r: r.conversation_id)
        if review.value and review.decision != "rejected"
    }
    texts = read(session, list(labels))
    return {cid: (texts[cid], label) for cid, label in labels.items() if cid in texts}


def reviewed_messages(session: Session, *, client_id: int, field: str) -> list[tuple[str, str]]:
    """``(redacted text, label)`` for ``field`` (sentiment or offensive): each message an
    advisor's review judged, with the value of its latest review, oldest message first."""
    reviews = {
        review.message_id: review.value
        for review in _latest_reviews(session, client_id, field, lambda r: r.message_id)
        if review.value and review.message_id is not None
    }
    ids = sorted(reviews)
    texts: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        texts.update(
            session.execute(
                select(MessageEnrichment.message_id, MessageEnrichment.redacted_text).where(
                    MessageEnrichment.message_id.in_(ids[start : start + 500])
                )
            ).all()
        )
    return [(texts[mid], reviews[mid]) for mid in ids if texts.get(mid)]


def advisor_intents(session: Session, client_id: int, read: TextReader) -> Labelled:
    """Conversations whose intent a person set: it differs from what the model wrote."""
    rows = session.execute(
        select(Conversation.id, Conversation.intent)
        .outerjoin(ConversationInsight, ConversationInsight.conversation_id == Conversation.id)
        .where(
            Conversation.client_id == client_id,
            Conversation.intent.is_not(None),
            Conversation.intent != func.coalesce(ConversationInsight.machine_intent, ""),
        )
        .order_by(Conversation.id.desc())
        .limit(MAX_EXAMPLES)
    ).all()
    texts = read(session, [row[0] for row in rows])
    return {cid: (texts[cid], label) for cid, label in rows if cid in texts and label}


def known_intents(session: Session, client_id: int) -> set[str]:
    """Intents the client already uses: on conversations, or in its newest model."""
    labels = set(
        session.scalars(
            select(Conversation.intent)
            .where(Conversation.client_id == client_id, Conversation.intent.is_not(None))
            .distinct()
        )
    )
    newest = session.scalars(
        select(IntentModelRecord.labels)
        .where(IntentModelRecord.client_id == client_id)
        .order_by(IntentModelRecord.id.desc())
        .limit(1)
    ).first()
    labels.update(newest or [])
    labels.discard(OUT_OF_SCOPE)
    return {label for label in labels if label}


def intent_tags(session: Session, client_id: int, read: TextReader) -> Labelled:
    """Tags that name one of the client's intents (one such tag per conversation)."""
    intents = known_intents(session, client_id)
    if not intents:
        return {}
    rows = session.execute(
        select(ConversationTag.conversation_id, ConversationTag.tag)
        .where(ConversationTag.client_id == client_id, ConversationTag.tag.in_(sorted(intents)))
        .order_by(ConversationTag.conversation_id.desc())
        .limit(MAX_EXAMPLES)
    ).all()
    tags: dict[int, set[str]] = {}
    for conversation_id, tag in rows:
        tags.setdefault(conversation_id, set()).add(tag)
    single = {cid: next(iter(found)) for cid, found in tags.items() if len(found) == 1}
    texts = read(session, list(single))
    return {cid: (texts[cid], label) for cid, label in single.items() if cid in texts}


LABEL_SOURCES: list[LabelSource] = [reviewed_intents, advisor_intents, intent_tags]


def intent_examples(session: Session, *, client_id: int) -> list[tuple[str, str]]:
    """``(redacted text, intent)`` pairs for training, one per labelled conversation."""
    labelled = _labelled(session, client_id, _first_texts)
    return [labelled[cid] for cid in sorted(labelled)]


def count_intent_examples(session: Session, *, client_id: int) -> int:
    """``len(intent_examples(...))`` without reading or redacting any text (the retrainer
    counts every client's labels at each pass)."""
    return len(_labelled(session, client_id, _first_placeholders))


def _labelled(session: Session, client_id: int, read: TextReader) -> Labelled:
    labelled: Labelled = {}
    for source in LABEL_SOURCES:
        for conversation_id, example in source(session, client_id, read).items():
            labelled.setdefault(conversation_id, example)
    return labelled
