"""The `SentimentModel` and `OffensiveModel` interfaces."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from tawasol.nlp.sentiment.labels import LabelPrediction


@runtime_checkable
class TextLabeler(Protocol):
    """Labels messages offline; every prediction carries the model's version."""

    @property
    def labels(self) -> tuple[str, ...]: ...

    @property
    def version(self) -> str: ...

    def predict(self, texts: list[str]) -> list[LabelPrediction]:
        """One prediction per message, in order."""
        ...

    def adapt(self, examples: Iterable[tuple[str, str]]) -> TextLabeler:
        """A new model fine-tuned on a tenant's own ``(text, label)`` examples."""
        ...


@runtime_checkable
class SentimentModel(TextLabeler, Protocol):
    """negative / neutral / positive (see `labels.SENTIMENT_LABELS`)."""


@runtime_checkable
class OffensiveModel(TextLabeler, Protocol):
    """offensive / not_offensive (see `labels.OFFENSIVE_LABELS`)."""
