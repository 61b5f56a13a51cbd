"""Sentiment (negative / neutral / positive) and offensive-language detection, multilingual.

Shipped defaults are zero-shot (hand-written lexicon + hand-written seed prototypes over e5
embeddings); `adapt()` fine-tunes a tenant's own model from its labelled messages.
"""

from tawasol.nlp.sentiment.adapted import AdaptedLabeler, adapt
from tawasol.nlp.sentiment.interface import OffensiveModel, SentimentModel, TextLabeler
from tawasol.nlp.sentiment.labels import (
    NEGATIVE,
    NEUTRAL,
    NOT_OFFENSIVE,
    OFFENSIVE,
    OFFENSIVE_LABELS,
    POSITIVE,
    SENTIMENT_LABELS,
    LabelPrediction,
)
from tawasol.nlp.sentiment.zero_shot import (
    ZeroShotLabeler,
    default_offensive_model,
    default_sentiment_model,
    lexicon_offensive_model,
    lexicon_sentiment_model,
)

__all__ = [
    "NEGATIVE",
    "NEUTRAL",
    "NOT_OFFENSIVE",
    "OFFENSIVE",
    "OFFENSIVE_LABELS",
    "POSITIVE",
    "SENTIMENT_LABELS",
    "AdaptedLabeler",
    "LabelPrediction",
    "OffensiveModel",
    "SentimentModel",
    "TextLabeler",
    "ZeroShotLabeler",
    "adapt",
    "default_offensive_model",
    "default_sentiment_model",
    "lexicon_offensive_model",
    "lexicon_sentiment_model",
]
