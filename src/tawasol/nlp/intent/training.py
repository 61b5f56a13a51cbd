"""Training a client's intent model from its advisors' labelled messages."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import NamedTuple

import numpy as np
from scipy import sparse
from sklearn.svm import LinearSVC

from tawasol.nlp.embeddings import Embedder, default_embedder
from tawasol.nlp.intent.calibration import (
    choose_threshold,
    expected_calibration_error,
    fit_temperature,
    softmax,
)
from tawasol.nlp.intent.config import IntentConfig
from tawasol.nlp.intent.features import IntentFeatures
from tawasol.nlp.intent.model import IntentModel, LinearWeights
from tawasol.nlp.intent.tuned_training import skip_reason, tune_intents
from tawasol.nlp.normalize import default_normalizer


class NotEnoughExamplesError(ValueError):
    """Training needs at least two intents with two examples each."""


class TrainingResult(NamedTuple):
    """The model, its calibrated out-of-fold probabilities (None when too few examples per
    label), the true label index of each validated example, and which kept examples those are
    (indexes in input order: every one, or with tuned layers the held-out fold)."""

    model: IntentModel
    probabilities: np.ndarray | None
    truth: np.ndarray
    rows: np.ndarray


def train(
    examples: Iterable[tuple[str, str]],
    *,
    config: IntentConfig | None = None,
    embedder: Embedder | None = None,
) -> IntentModel:
    """Train on ``(text, label)`` pairs (advisors' tags or dispositions).

    Labels with a single example are dropped (nothing to learn or check them against).
    Out-of-fold scores calibrate the confidence (temperature scaling) and place the abstain
    threshold at ``config.target_precision``; the final model is then fit on everything.
    """
    return train_with_validation(examples, config=config, embedder=embedder).model


def train_with_validation(
    examples: Iterable[tuple[str, str]],
    *,
    config: IntentConfig | None = None,
    embedder: Embedder | None = None,
) -> TrainingResult:
    """`train`, plus how the model did on examples it was not trained on (`TrainingResult`).

    Folds depend only on the labels and ``config.seed``: two models trained on the same
    examples are validated on the same folds, so their out-of-fold results compare row by row.
    """
    config = config or IntentConfig()
    started = time.perf_counter()
    pairs = [(str(text), str(label)) for text, label in examples if str(text).strip()]
    counts = Counter(label for _, label in pairs)
    pairs = [(text, label) for text, label in pairs if counts[label] >= 2]
    labels = sorted({label for _, label in pairs})
    if len(labels) < 2:
        raise NotEnoughExamplesError("need at least two intents with two examples each")
    texts = [text for text, _ in pairs]
    truth = np.array([labels.index(label) for _, label in pairs])
    if config.embedding_weight > 0 and embedder is None:
        embedder = default_embedder()
    normalizer = default_normalizer()

    features = IntentFeatures(config, normalizer, embedder)
    matrix = features.fit_transform(texts)

    oof = _out_of_fold_scores(matrix, truth, len(labels), config)
    if config.embedding_weight_candidates and features.embedder is not None and oof is not None:
        matrix, oof, config = _select_embedding_weight(features, matrix, truth, oof, config)
    probabilities, tuned, rows = None, None, np.arange(len(truth))
    metrics: dict = {}
    reason = skip_reason(config, features.embedder, len(texts)) if oof is not None else "no folds"
    if oof is not None and reason is None:
        held_out = _fold_assignment(truth, len(labels), config) == 0
        tuning = tune_intents(
            texts, truth, len(labels), held_out=held_out, svm_oof=oof, config=config
        )
        tuned, rows, oof = tuning.layers, tuning.rows, tuning.scores
        metrics["tuning"] = tuning.metrics
    else:
        metrics["tuning"] = {"skipped": reason}
    validated = truth[rows]
    if oof is None:
        temperature, threshold = 1.0, 0.0
    else:
        temperature = fit_temperature(oof, validated)
        probabilities = softmax(oof, temperature)
        predicted = probabilities.argmax(axis=1)
        confidence = probabilities.max(axis=1)
        correct = predicted == validated
        threshold = choose_threshold(confidence, correct, config.target_precision)
        accepted = confidence >= threshold
        metrics |= {
            "cv_accuracy": float(correct.mean()),
            "cv_coverage_at_threshold": float(accepted.mean()),
            "cv_precision_at_threshold": float(correct[accepted].mean()) if accepted.any() else 0.0,
            "cv_ece": expected_calibration_error(confidence, correct),
        }

    weights = _fit_linear(matrix, truth, len(labels), config)
    metrics |= {"examples": len(texts), "labels": len(labels)}
    metrics["train_seconds"] = round(time.perf_counter() - started, 3)
    model = IntentModel(
        labels=labels,
        features=features,
        weights=weights,
        temperature=temperature,
        threshold=threshold,
        config=config,
        embedder_version=features.embedder.version if features.embedder else None,
        normalizer_version=normalizer.version,
        metrics=metrics,
        tuned=tuned,
    )
    return TrainingResult(model, probabilities, validated, rows)


def _select_embedding_weight(
    features: IntentFeatures,
    matrix: sparse.csr_matrix,
    truth: np.ndarray,
    oof: np.ndarray,
    config: IntentConfig,
) -> tuple[sparse.csr_matrix, np.ndarray, IntentConfig]:
    """Keep the candidate embedding weight with the best out-of-fold accuracy."""
    n_labels = oof.shape[1]
    best = (float(np.mean(oof.argmax(axis=1) == truth)), config.embedding_weight, matrix, oof)
    for weight in config.embedding_weight_candidates:
        if weight == config.embedding_weight:
            continue
        candidate = features.reweight(best[2], weight)
        scores = _out_of_fold_scores(candidate, truth, n_labels, config)
        assert scores is not None
        accuracy = float(np.mean(scores.argmax(axis=1) == truth))
        if accuracy > best[0]:
            best = (accuracy, weight, candidate, scores)
        else:
            features.reweight(candidate, best[1])
    return best[2], best[3], replace(config, embedding_weight=best[1])


def _fit_linear(
    matrix: sparse.csr_matrix, truth: np.ndarray, n_labels: int, config: IntentConfig
) -> LinearWeights:
    """One-vs-rest linear SVM; weights rounded to float16 precision (as stored)."""
    svm = LinearSVC(C=config.c, tol=1e-3, random_state=config.seed)
    svm.fit(matrix, truth)
    coef = np.zeros((n_labels, matrix.shape[1]), dtype=np.float32)
    intercept = np.zeros(n_labels, dtype=np.float32)
    if n_labels == 2:  # sklearn keeps one row for binary problems: score for label 1
        coef[1], intercept[1] = svm.coef_[0], svm.intercept_[0]
        coef[0], intercept[0] = -svm.coef_[0], -svm.intercept_[0]
    else:
        coef[svm.classes_] = svm.coef_
        intercept[svm.classes_] = svm.intercept_
    coef = coef.astype(np.float16).astype(np.float32)
    return LinearWeights(coef=coef, intercept=intercept)


def _out_of_fold_scores(
    matrix: sparse.csr_matrix, truth: np.ndarray, n_labels: int, config: IntentConfig
) -> np.ndarray | None:
    """Scores of every example from a model that did not see it (stratified folds)."""
    fold_of = _fold_assignment(truth, n_labels, config)
    if fold_of is None:
        return None
    scores = np.zeros((len(truth), n_labels), dtype=np.float64)
    for fold in range(int(fold_of.max()) + 1):
        held = fold_of == fold
        weights = _fit_linear(matrix[~held], truth[~held], n_labels, config)
        scores[held] = np.asarray(matrix[held] @ weights.coef.T) + weights.intercept
    return scores


def _fold_assignment(truth: np.ndarray, n_labels: int, config: IntentConfig) -> np.ndarray | None:
    """Stratified fold of every example (None when a label has fewer examples than 2 folds)."""
    smallest = int(np.bincount(truth, minlength=n_labels).min())
    folds = min(config.calibration_folds, smallest)
    if folds < 2:
        return None
    rng = np.random.default_rng(config.seed)
    fold_of = np.empty(len(truth), dtype=int)
    for label in range(n_labels):
        members = np.nonzero(truth == label)[0]
        rng.shuffle(members)
        fold_of[members] = np.arange(len(members)) % folds
    return fold_of
