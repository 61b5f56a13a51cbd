"""Per-tenant fine-tuning: `adapt(examples)` trains on the tenant's own labelled messages.

The adapted model is the same calibrated linear text classifier as intents (character and
word TF-IDF over normalised text plus sentence embeddings), trained on the tenant's examples
together with the shipped seed sentences of the labels it uses, and per-label decision offsets
fitted on its out-of-fold probabilities (`decision.py`: macro-F1 for sentiment, the offensive
class's F1 for offensive language). It belongs to that tenant: it is saved to bytes for the
tenant's row and never shipped.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

import numpy as np

from tawasol.nlp.embeddings import Embedder
from tawasol.nlp.intent import IntentConfig, IntentModel
from tawasol.nlp.intent.training import train_with_validation
from tawasol.nlp.sentiment.decision import apply_offsets, fit_offsets
from tawasol.nlp.sentiment.evaluation import score_labels, task_score
from tawasol.nlp.sentiment.labels import OFFENSIVE_LABELS, SENTIMENT_LABELS, LabelPrediction
from tawasol.nlp.sentiment.seeds import seed_examples
from tawasol.nlp.sentiment.zero_shot import to_predictions

FORMAT = "tawasol-labeler-adapted/1"
# char (1, 5): chosen on umsab's validation split (lexical part alone, see ai-evaluation.md).
ADAPT_CONFIG = IntentConfig(
    target_precision=0.0,
    c=0.3,
    char_ngrams=(1, 5),
    embedding_weight=1.0,
    embedding_weight_candidates=(1.0, 2.0, 4.0),
    tuned_layers=0,  # fine-tuning e5 is measured for intents only so far (ai-evaluation.md)
)
# Sentiment: embedding weight 3 and C 0.05 (stronger regularisation, more weight on e5), the best
# mean macro-F1 over ar/en/fr/es on umsab's *validation* split among weights 0.5–8 × C 0.02–1
# (ai-evaluation.md). Offensive language keeps ADAPT_CONFIG: on a validation fifth of omcd train
# no setting beat it beyond noise.
SENTIMENT_CONFIG = replace(
    ADAPT_CONFIG, c=0.05, embedding_weight=3.0, embedding_weight_candidates=()
)
TASK_CONFIGS = {"sentiment": SENTIMENT_CONFIG, "offensive": ADAPT_CONFIG}


class AdaptedLabeler:
    """A tenant-trained sentiment or offensive-language model."""

    def __init__(
        self, task: str, classifier: IntentModel, offsets: dict[str, float] | None = None
    ) -> None:
        self.task = task
        self._classifier = classifier
        known = SENTIMENT_LABELS if task == "sentiment" else OFFENSIVE_LABELS
        extra = tuple(label for label in classifier.labels if label not in known)
        self._labels = tuple(label for label in known if label in classifier.labels) + extra
        self._offsets = {label: float(v) for label, v in (offsets or {}).items() if v}

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    @property
    def version(self) -> str:
        shifts = ",".join(f"{label}{v:+.2f}" for label, v in sorted(self._offsets.items()))
        suffix = f";offsets={shifts}" if shifts else ""
        return f"tawasol-{self.task}-adapted/1;{self._classifier.version}{suffix}"

    @property
    def offsets(self) -> dict[str, float]:
        """Log-offsets added per label before the decision (fitted out of fold)."""
        return dict(self._offsets)

    @property
    def metrics(self) -> dict:
        return self._classifier.metrics

    def without_offsets(self) -> AdaptedLabeler:
        """The same classifier deciding by plain argmax (to measure what the offsets add)."""
        return AdaptedLabeler(self.task, self._classifier)

    def predict(self, texts: list[str]) -> list[LabelPrediction]:
        if not texts:
            return []
        raw = self._classifier.probabilities(texts)
        order = [self._classifier.labels.index(label) for label in self._labels]
        offsets = np.array([self._offsets.get(label, 0.0) for label in self._labels])
        return to_predictions(apply_offsets(raw[:, order], offsets), self._labels, self.version)

    def adapt(self, examples: Iterable[tuple[str, str]]) -> AdaptedLabeler:
        """Retrain from scratch on new examples (the tenant's full labelled history)."""
        return adapt(self.task, examples)

    @property
    def embedder_version(self) -> str | None:
        """The embedder the classifier was trained on (None: lexical features only)."""
        return self._classifier.embedder_version

    def save(self) -> bytes:
        header = json.dumps({"format": FORMAT, "task": self.task, "offsets": self._offsets}).encode(
            "utf-8"
        )
        buffer = io.BytesIO()
        np.savez(
            buffer,
            header=np.frombuffer(header, dtype=np.uint8),
            classifier=np.frombuffer(self._classifier.save(), dtype=np.uint8),
        )
        return buffer.getvalue()

    @classmethod
    def load(cls, blob: bytes, *, embedder: Embedder | None = None) -> AdaptedLabeler:
        with np.load(io.BytesIO(blob), allow_pickle=False) as stored:
            header = json.loads(stored["header"].tobytes().decode("utf-8"))
            classifier_bytes = stored["classifier"].tobytes()
        if header.get("format") != FORMAT:
            raise ValueError(f"unknown adapted model format {header.get('format')!r}")
        classifier = IntentModel.load(classifier_bytes, embedder=embedder)
        return cls(header["task"], classifier, header.get("offsets"))


def adapt(
    task: str,
    examples: Iterable[tuple[str, str]],
    *,
    embedder: Embedder | None = None,
    config: IntentConfig | None = None,
    with_seeds: bool = True,
) -> AdaptedLabeler:
    """Train a tenant model for ``task`` from ``(text, label)`` pairs (``config``: the task's
    settings in TASK_CONFIGS unless given)."""
    config = config or TASK_CONFIGS.get(task, ADAPT_CONFIG)
    pairs = [(str(text), str(label)) for text, label in examples]
    own = len(pairs)
    used = {label for _, label in pairs}
    if with_seeds:
        pairs += [(text, label) for text, label in seed_examples(task) if label in used]
    classifier, held_out, truth, rows = train_with_validation(
        pairs, config=config, embedder=embedder
    )
    if held_out is None:  # too few examples per label to validate: plain argmax
        return AdaptedLabeler(task, classifier)
    labels = tuple(classifier.labels)
    offsets = fit_offsets(held_out, truth, labels, task)
    # Out-of-fold score on the caller's own examples (the seeds follow them; training keeps
    # the order and drops blank texts and labels seen once).
    counts = Counter(label for _, label in pairs)
    kept = sum(1 for text, label in pairs[:own] if text.strip() and counts[label] >= 2)
    own_rows = rows < kept
    decided = apply_offsets(held_out[own_rows], offsets).argmax(axis=1)
    report = score_labels(
        [labels[i] for i in truth[own_rows]], [labels[i] for i in decided], labels, "", 0.0
    )
    classifier.metrics["cv_score"] = round(task_score(task, report), 4)
    classifier.metrics["cv_examples"] = int(own_rows.sum())
    return AdaptedLabeler(task, classifier, dict(zip(labels, offsets, strict=True)))
