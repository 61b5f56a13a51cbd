"""A small multinomial naive Bayes classifier over token features, in pure Python.

It is trained in well under a second on the shipped corpus, so it is built on first use rather
than shipped as a binary. Each feature's evidence is stored centred across classes and clipped,
so that no single n-gram can decide a message alone; scores are log-likelihoods that callers
temper and combine per token (for code-switching) or per text.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tawasol.nlp.language.features import WORD_PREFIX, FeatureFunction

Scores = tuple[float, ...]


@dataclass(frozen=True, slots=True)
class NaiveBayesSettings:
    """Training knobs: additive smoothing, weight of the whole-word feature, evidence cap."""

    smoothing: float = 0.1
    word_weight: float = 3.0
    max_feature_evidence: float = 4.0


@dataclass(slots=True)
class TokenNaiveBayes:
    """Per-class log-likelihoods of a token, from centred, clipped feature evidence."""

    labels: tuple[str, ...]
    evidence: dict[str, Scores]
    word_weight: float
    features: FeatureFunction
    _cache: dict[str, Scores] = field(default_factory=dict, repr=False)

    def index(self, label: str) -> int:
        return self.labels.index(label)

    def knows_word(self, norm: str) -> bool:
        """Whether the word occurred as a whole token in the training data."""
        return WORD_PREFIX + norm in self.evidence

    def token_scores(self, norm: str) -> Scores:
        """Summed feature evidence per class for one normalised token (cached by word)."""
        cached = self._cache.get(norm)
        if cached is not None:
            return cached
        totals = [0.0] * len(self.labels)
        for feature in self.features(norm):
            scores = self.evidence.get(feature)
            if scores is None:
                continue
            weight = self.word_weight if feature.startswith(WORD_PREFIX) else 1.0
            for index, score in enumerate(scores):
                totals[index] += weight * score
        result = tuple(totals)
        if len(self._cache) < 200_000:
            self._cache[norm] = result
        return result

    def text_scores(self, norms: Iterable[str]) -> Scores:
        """Summed token scores of a sequence of normalised tokens."""
        totals = [0.0] * len(self.labels)
        for norm in norms:
            for index, score in enumerate(self.token_scores(norm)):
                totals[index] += score
        return tuple(totals)


def train_naive_bayes(
    documents: Iterable[tuple[str, Sequence[str]]],
    features: FeatureFunction,
    settings: NaiveBayesSettings | None = None,
) -> TokenNaiveBayes:
    """Train on (label, normalised tokens) pairs; every label present becomes a class."""
    settings = settings or NaiveBayesSettings()
    counts: dict[str, Counter[str]] = {}
    for label, norms in documents:
        bucket = counts.setdefault(label, Counter())
        for norm in norms:
            bucket.update(features(norm))
    labels = tuple(sorted(counts))
    vocabulary = set().union(*counts.values()) if counts else set()
    denominators = {
        label: sum(counts[label].values()) + settings.smoothing * len(vocabulary)
        for label in labels
    }
    evidence: dict[str, Scores] = {}
    cap = settings.max_feature_evidence
    for feature in vocabulary:
        logs = [
            math.log((counts[label][feature] + settings.smoothing) / denominators[label])
            for label in labels
        ]
        mean = sum(logs) / len(logs)
        evidence[feature] = tuple(max(-cap, min(cap, value - mean)) for value in logs)
    return TokenNaiveBayes(
        labels=labels, evidence=evidence, word_weight=settings.word_weight, features=features
    )


def softmax(scores: Sequence[float]) -> list[float]:
    """Normalised probabilities from log-scores."""
    top = max(scores)
    exps = [math.exp(score - top) for score in scores]
    total = sum(exps)
    return [value / total for value in exps]
