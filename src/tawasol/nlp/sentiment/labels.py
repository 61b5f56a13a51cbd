"""Labels and the prediction record shared by the sentiment and offensive-language models."""

from __future__ import annotations

from dataclasses import dataclass

NEGATIVE = "negative"
NEUTRAL = "neutral"
POSITIVE = "positive"
SENTIMENT_LABELS: tuple[str, ...] = (NEGATIVE, NEUTRAL, POSITIVE)

OFFENSIVE = "offensive"
NOT_OFFENSIVE = "not_offensive"
OFFENSIVE_LABELS: tuple[str, ...] = (NOT_OFFENSIVE, OFFENSIVE)


@dataclass(frozen=True)
class LabelPrediction:
    """``label`` with its probability, the full distribution, and the model version."""

    label: str
    confidence: float
    probabilities: dict[str, float]
    version: str
