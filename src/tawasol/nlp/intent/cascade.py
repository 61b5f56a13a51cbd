"""A two-stage intent model: a lexical model first, the e5 model only when it is unsure.

The lexical model (character and word TF-IDF, linear SVM) costs about a millisecond per
message; the e5 sentence encoder tens of milliseconds. Both are trained on the same examples
and validated on the same folds, so their calibrated out-of-fold confidences compare row by
row: the escalation threshold is the lowest lexical confidence below which sending messages
to the e5 model brings the cascade within ``config.cascade_tolerance`` of the e5 model's own
out-of-fold accuracy. It is stored with the model.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from tawasol.nlp.embeddings import Embedder
from tawasol.nlp.intent.calibration import expected_calibration_error
from tawasol.nlp.intent.config import IntentConfig
from tawasol.nlp.intent.model import IncompatibleModelError, IntentModel
from tawasol.nlp.intent.prediction import IntentPrediction
from tawasol.nlp.intent.training import train_with_validation

CASCADE_FORMAT = "tawasol-intent-cascade/1"
LEXICAL, E5 = "lexical", "e5"
NEVER = 0.0  # threshold that escalates nothing (confidences are > 0)
ALWAYS = 1.0 + 1e-9  # threshold that escalates everything


class CascadeIntentModel:
    """Answers with ``lexical`` when its calibrated confidence is at least
    ``escalate_below``, otherwise with ``full`` (the model that reads e5 embeddings)."""

    def __init__(
        self,
        *,
        lexical: IntentModel,
        full: IntentModel,
        escalate_below: float,
        metrics: dict[str, Any],
    ) -> None:
        if lexical.labels != full.labels:
            raise ValueError("both stages of a cascade must share their labels")
        self.lexical, self.full = lexical, full
        self.escalate_below = float(escalate_below)
        self.metrics = metrics
        self.labels = full.labels
        self.config = full.config
        self.embedder_version = full.embedder_version
        self.normalizer_version = full.normalizer_version
        digest = hashlib.sha256(
            f"{lexical.version}|{full.version}|{self.escalate_below:.6f}".encode()
        ).hexdigest()[:12]
        self._version = (
            f"{CASCADE_FORMAT}+{digest};emb={full.embedder_version or 'none'}"
            f";norm={full.normalizer_version}"
        )

    @property
    def version(self) -> str:
        return self._version

    @property
    def threshold(self) -> float:
        return self.full.threshold

    def predict(
        self, texts: list[str], *, may_escalate: Sequence[bool] | None = None
    ) -> list[IntentPrediction]:
        """One prediction per message; ``path`` tells which stage answered. Messages whose
        ``may_escalate`` is false get the lexical stage's answer, however unsure."""
        out = [replace(p, version=self.version, path=LEXICAL) for p in self.lexical.predict(texts)]
        unsure = [
            i
            for i, p in enumerate(out)
            if p.confidence < self.escalate_below and (may_escalate is None or may_escalate[i])
        ]
        if unsure:
            second = self.full.predict([texts[i] for i in unsure])
            for i, prediction in zip(unsure, second, strict=True):
                out[i] = replace(prediction, version=self.version, path=E5)
        return out

    def save(self) -> bytes:
        header = {
            "format": CASCADE_FORMAT,
            "escalate_below": self.escalate_below,
            "metrics": self.metrics,
        }
        buffer = io.BytesIO()
        np.savez(
            buffer,
            header=np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8),
            lexical=np.frombuffer(self.lexical.save(), dtype=np.uint8),
            full=np.frombuffer(self.full.save(), dtype=np.uint8),
        )
        return buffer.getvalue()

    @classmethod
    def load(cls, blob: bytes, *, embedder: Embedder | None = None) -> CascadeIntentModel:
        with np.load(io.BytesIO(blob), allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        header = json.loads(arrays["header"].tobytes().decode("utf-8"))
        if header.get("format") != CASCADE_FORMAT:
            raise IncompatibleModelError(f"not an intent cascade: {header.get('format')!r}")
        return cls(
            lexical=IntentModel.load(arrays["lexical"].tobytes()),
            full=IntentModel.load(arrays["full"].tobytes(), embedder=embedder),
            escalate_below=float(header["escalate_below"]),
            metrics=header["metrics"],
        )


AnyIntentModel = IntentModel | CascadeIntentModel


def load_intent_model(blob: bytes, *, embedder: Embedder | None = None) -> AnyIntentModel:
    """Load a stored single model or cascade, whichever ``blob`` holds."""
    with np.load(io.BytesIO(blob), allow_pickle=False) as stored:
        is_cascade = "lexical" in stored.files and "full" in stored.files
    if is_cascade:
        return CascadeIntentModel.load(blob, embedder=embedder)
    return IntentModel.load(blob, embedder=embedder)


def train_cascade(
    examples: Iterable[tuple[str, str]],
    *,
    config: IntentConfig | None = None,
    embedder: Embedder | None = None,
) -> AnyIntentModel:
    """Train the lexical and e5 models on ``examples`` and place the escalation threshold.

    With too few examples per label to validate (no out-of-fold scores), or a configuration
    without embeddings, the single model is returned as `train` would.
    """
    config = config or IntentConfig()
    pairs = list(examples)
    full, full_oof, truth, rows = train_with_validation(pairs, config=config, embedder=embedder)
    if full.embedder_version is None or full_oof is None:
        return full
    lexical_config = replace(
        config, embedding_weight=0.0, embedding_weight_candidates=(), tuned_layers=0
    )
    lexical, lexical_oof, _, _ = train_with_validation(pairs, config=lexical_config)
    assert lexical_oof is not None
    lexical_oof = lexical_oof[rows]  # the rows the e5 model was validated on (same folds)
    lexical_confidence = lexical_oof.max(axis=1)
    threshold = choose_escalation(
        lexical_confidence,
        lexical_oof.argmax(axis=1) == truth,
        full_oof.argmax(axis=1) == truth,
        tolerance=config.cascade_tolerance,
    )
    metrics = cascade_metrics(
        lexical_oof, full_oof, truth, threshold, lexical.threshold, full.threshold
    )
    metrics |= {
        "examples": full.metrics.get("examples"),
        "labels": full.metrics.get("labels"),
        "train_seconds": round(
            float(full.metrics.get("train_seconds", 0)) + float(lexical.metrics["train_seconds"]),
            3,
        ),
    }
    return CascadeIntentModel(lexical=lexical, full=full, escalate_below=threshold, metrics=metrics)


def choose_escalation(
    confidence: np.ndarray, lexical_correct: np.ndarray, full_correct: np.ndarray, *,
    tolerance: float,
) -> float:  # fmt: skip
    """Lowest share of least-confident messages to escalate so that the cascade's accuracy
    reaches ``min(best reachable, e5 accuracy) - tolerance``; returned as a confidence cut
    (escalate when ``confidence < cut``)."""
    n = len(confidence)
    if n == 0:
        return NEVER
    order = np.argsort(confidence, kind="stable")
    conf = confidence[order]
    gain = full_correct[order].astype(np.float64) - lexical_correct[order].astype(np.float64)
    # accuracy when the k least confident messages (k = 0..n) go to the e5 model
    accuracy = (lexical_correct.sum() + np.concatenate([[0.0], np.cumsum(gain)])) / n
    target = min(float(accuracy.max()), float(full_correct.mean())) - tolerance
    k = int(np.argmax(accuracy >= target - 1e-12))
    if k == 0:
        return NEVER
    if k == n:
        return ALWAYS
    # ties with the last escalated message escalate too (conservative)
    return float(conf[k]) if conf[k] > conf[k - 1] else float(np.nextafter(conf[k], 2.0))


def cascade_metrics(
    lexical_oof: np.ndarray, full_oof: np.ndarray, truth: np.ndarray, escalate_below: float,
    lexical_threshold: float, full_threshold: float,
) -> dict[str, float]:  # fmt: skip
    """Out-of-fold figures of the cascade as it will run, next to those of each stage."""
    escalated = lexical_oof.max(axis=1) < escalate_below
    chosen = np.where(escalated[:, None], full_oof, lexical_oof)
    confidence = chosen.max(axis=1)
    correct = chosen.argmax(axis=1) == truth
    accepted = confidence >= np.where(escalated, full_threshold, lexical_threshold)
    return {
        "cv_accuracy": float(correct.mean()),
        "cv_accuracy_lexical": float((lexical_oof.argmax(axis=1) == truth).mean()),
        "cv_accuracy_full": float((full_oof.argmax(axis=1) == truth).mean()),
        "cv_e5_share": float(escalated.mean()),
        "cv_coverage_at_threshold": float(accepted.mean()),
        "cv_precision_at_threshold": float(correct[accepted].mean()) if accepted.any() else 0.0,
        "cv_ece": expected_calibration_error(confidence, correct),
        "escalate_below": float(escalate_below),
    }
