"""Which knowledge passage may answer a conversation whose intent is known.

Measured on the demo data (2026-11-29: 374 conversations with an intent, three small knowledge
bases, article topics known), grounding the reply on the retrieval's top hit cited the wrong
article 53 times for 24 right ones: customer messages are long, emotional and code-switched,
and a small knowledge base always has *some* best hit. The conversation's intent, read by the
client's own intent model, is a much better guide:

1. articles tagged with the intent's label answer it (the knowledge editor's explicit link):
   the best-ranked passage among them grounds the reply;
2. when the client tags articles with intents but none with this one, no passage answers;
3. when it tags none, the top retrieval hit grounds the reply if the client's intent model
   itself reads it as that intent (confidence >= `READING_MIN_CONFIDENCE`). Demo, untagged:
   41 right and 29 wrong, against 24 and 53 (reading the top three hits: 61 right, 55
   wrong). The wrong ones are articles on a topic no intent covers, which the closed-set
   model forces into a neighbour: rule 2 is what keeps them out once articles are tagged;
4. otherwise no passage does, and the reply falls back to the advisors' macro or a holding
   reply.

Without an intent (none yet, or the model abstained) the plain retrieval rule applies.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from tawasol.copilot.ranking import Hit, HybridIndex
from tawasol.nlp.enrichment.intent_store import intent_models
from tawasol.nlp.intent import OUT_OF_SCOPE

READING_MIN_CONFIDENCE = 0.8
READ_HITS = 1  # the top hit only: reading the next ones too found more right and more wrong
_CACHE_SIZE = 20_000
_lock = threading.Lock()
_readings: OrderedDict[tuple[str, int, int], tuple[str, float]] = OrderedDict()


@dataclass(frozen=True)
class IntentChoice:
    """``hit`` answers the intent (None: no passage does); ``basis`` says how it was found."""

    hit: Hit | None
    basis: str  # "intent_tag" or "intent_reading"; "none" when no passage answers


def choose_for_intent(
    session: Session, *, client_id: int, intent: str | None, index: HybridIndex,
    hits: list[Hit], cosines: np.ndarray,
) -> IntentChoice | None:  # fmt: skip
    """The passage for ``intent``; None when the intent is unknown (no intent or no model)."""
    if not intent or intent == OUT_OF_SCOPE or not index.docs:
        return None
    tagged = [i for i, doc in enumerate(index.docs) if intent in doc.tags]
    if tagged:
        in_hits = next((hit for hit in hits if intent in hit.doc.tags), None)
        if in_hits is not None:
            return IntentChoice(in_hits, "intent_tag")
        best = max(tagged, key=lambda i: cosines[i])
        return IntentChoice(
            Hit(index.docs[best], 0.0, None, None, float(cosines[best])), "intent_tag"
        )
    model = intent_models.model_for(session, client_id=client_id)
    if model is None:
        return None
    labels = set(model.labels)
    if any(labels.intersection(doc.tags) for doc in index.docs):
        return IntentChoice(None, "none")  # articles are linked to intents, none to this one
    full = getattr(model, "full", model)  # a cascade's e5 stage reads best
    for hit in hits[:READ_HITS]:
        label, confidence = _reading(full, hit)
        if label == intent and confidence >= READING_MIN_CONFIDENCE:
            return IntentChoice(hit, "intent_reading")
    return IntentChoice(None, "none")


def _reading(model, hit: Hit) -> tuple[str, float]:  # type: ignore[no-untyped-def]
    """What the intent model reads in the passage (its title gives it the topic); cached."""
    key = (model.version, hit.doc.passage_id, len(hit.doc.text))
    with _lock:
        found = _readings.get(key)
        if found is not None:
            _readings.move_to_end(key)
            return found
    (prediction,) = model.predict([f"{hit.doc.title}. {hit.doc.text}"])
    found = (prediction.best_guess, prediction.confidence)
    with _lock:
        _readings[key] = found
        while len(_readings) > _CACHE_SIZE:
            _readings.popitem(last=False)
    return found
