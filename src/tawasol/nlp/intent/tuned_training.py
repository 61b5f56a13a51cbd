"""Fine-tuning e5's top layers for a client's intents, next to the SVM (`nlp/tuning`).

When: at least ``config.tuning_min_examples`` examples (a few dozen per intent: below that the
SVM over TF-IDF and the shipped e5 vector is as good and trains in seconds), e5 as the embedder
and PyTorch installed; otherwise the model is the SVM alone and the metrics say why.

Calibration: the temperature and the abstain threshold are fitted on scores the model did not
train on. The SVM's come from its folds; the tuned network's from a network trained without
the first fold, which then scores it. So with tuning, validation covers that fold only (a
third of the examples by default) and training costs about 1.7 tunings.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import numpy as np

from tawasol.nlp.embeddings.interface import Embedder
from tawasol.nlp.intent.calibration import combine_scores
from tawasol.nlp.intent.config import IntentConfig
from tawasol.nlp.tuning import (
    TunedLayers,
    TuningSettings,
    embedder_is_e5,
    torch_available,
    tune,
)

log = logging.getLogger(__name__)
# A deployment short of memory turns tuning off (a loaded tuned model costs 60-150 MB of RSS).
SWITCH = "TAWASOL_INTENT_TUNING"


@dataclass(frozen=True)
class TunedIntents:
    layers: TunedLayers
    rows: np.ndarray  # validated rows (the held-out fold), indexes into the examples
    scores: np.ndarray  # their combined out-of-fold scores
    metrics: dict[str, object]


def skip_reason(config: IntentConfig, embedder: Embedder | None, examples: int) -> str | None:
    """Why this training does not tune e5's layers (None: it does)."""
    if config.tuned_layers <= 0:
        return "disabled"
    if os.environ.get(SWITCH, "1").strip() == "0":
        return f"disabled by {SWITCH}=0"
    if examples < config.tuning_min_examples:
        return f"fewer than {config.tuning_min_examples} examples"
    if not embedder_is_e5(embedder):
        return "the embedder is not the bundled e5"
    if not torch_available():
        return "PyTorch is not installed (the 'tuning' extra)"
    return None


def tune_intents(
    texts: list[str],
    truth: np.ndarray,
    labels: int,
    *,
    held_out: np.ndarray,
    svm_oof: np.ndarray,
    config: IntentConfig,
) -> TunedIntents:
    """Tune on every example; validate on ``held_out`` (a fold of the SVM's folds)."""
    settings = TuningSettings(
        layers=config.tuned_layers, epochs=config.tuning_epochs, seed=config.seed
    )
    log.info("fine-tuning %d e5 layers on %d examples", settings.layers, len(texts))
    result = tune(texts, truth, labels, settings, held_out=held_out)
    assert result.held_out_logits is not None
    rows = np.nonzero(held_out)[0]
    scores = combine_scores(
        svm_oof[rows],
        result.held_out_logits,
        svm_temperature=config.svm_temperature,
        tuned_weight=config.tuned_weight,
    )
    held_truth = truth[rows]
    metrics: dict[str, object] = {
        "layers": settings.layers,
        "epochs": settings.epochs,
        "seconds": result.seconds,
        "validated_examples": int(len(rows)),
        "cv_accuracy_svm": float((svm_oof[rows].argmax(axis=1) == held_truth).mean()),
        "cv_accuracy_tuned": float((result.held_out_logits.argmax(axis=1) == held_truth).mean()),
        "cv_accuracy_combined": float((scores.argmax(axis=1) == held_truth).mean()),
    }
    return TunedIntents(result.layers, rows, scores, metrics)
