"""Confidence calibration (temperature scaling) and the abstain threshold."""

from __future__ import annotations

import numpy as np


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    """Row-wise softmax of ``scores / temperature``."""
    z = np.asarray(scores, dtype=np.float64) / max(temperature, 1e-6)
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def log_softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise log-softmax (float64)."""
    z = np.asarray(scores, dtype=np.float64)
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def combine_scores(
    linear: np.ndarray, tuned: np.ndarray, *, svm_temperature: float, tuned_weight: float
) -> np.ndarray:
    """Weighted mean of the SVM's log-probabilities (decision values / ``svm_temperature``)
    and the tuned network's; temperature scaling then calibrates the result."""
    svm = log_softmax(np.asarray(linear, dtype=np.float64) / svm_temperature)
    return (1.0 - tuned_weight) * svm + tuned_weight * log_softmax(tuned)


def fit_temperature(scores: np.ndarray, truth: np.ndarray) -> float:
    """Temperature minimising the negative log-likelihood of held-out ``truth`` indexes.

    A golden-section search over log-temperature; scores of linear SVMs live in a narrow
    range, so the optimum is usually well below 1.
    """
    rows = np.arange(len(truth))

    def nll(log_t: float) -> float:
        p = softmax(scores, float(np.exp(log_t)))[rows, truth]
        return float(-np.log(np.maximum(p, 1e-12)).mean())

    low, high = np.log(1e-3), np.log(1e2)
    ratio = (np.sqrt(5) - 1) / 2
    a, b = high - ratio * (high - low), low + ratio * (high - low)
    fa, fb = nll(a), nll(b)
    for _ in range(60):
        if fa < fb:
            high, b, fb = b, a, fa
            a = high - ratio * (high - low)
            fa = nll(a)
        else:
            low, a, fa = a, b, fb
            b = low + ratio * (high - low)
            fb = nll(b)
    return float(np.exp((low + high) / 2))


def choose_threshold(confidence: np.ndarray, correct: np.ndarray, target_precision: float) -> float:
    """Lowest confidence cut whose accepted predictions reach ``target_precision``.

    Predictions are accepted when ``confidence >= threshold``. Returns 0.0 when every
    prediction together already meets the target, and 1.0 (abstain on all) when no cut does.
    """
    order = np.argsort(-confidence, kind="stable")
    conf = confidence[order]
    hits = np.cumsum(correct[order].astype(np.float64))
    precision = hits / np.arange(1, len(conf) + 1)
    ok = np.nonzero(precision >= target_precision)[0]
    if len(ok) == 0:
        return 1.0
    last = int(ok[-1])
    if last == len(conf) - 1:
        return 0.0
    return float(conf[last])


def expected_calibration_error(
    confidence: np.ndarray, correct: np.ndarray, bins: int = 10
) -> float:
    """Average |accuracy - confidence| over equal-width confidence bins, weighted by size."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        mask = (confidence > low) & (confidence <= high)
        if mask.any():
            total += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    return float(total)
