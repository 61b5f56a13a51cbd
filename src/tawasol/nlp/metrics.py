"""Classification metrics shared by the evaluation commands (accuracy, per-label P/R/F1)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np


def classification_report(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 over the gold labels, and per-label precision/recall/F1/support."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels differ in length")
    support = Counter(gold)
    predicted_count = Counter(predicted)
    hits = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    per_label: dict[str, dict[str, float | int]] = {}
    for label in sorted(support):
        precision = hits[label] / predicted_count[label] if predicted_count[label] else 0.0
        recall = hits[label] / support[label]
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": support[label],
        }
    n = len(gold)
    macro = sum(float(v["f1"]) for v in per_label.values()) / len(per_label) if per_label else 0.0
    return {
        "n": n,
        "accuracy": round(sum(hits.values()) / n, 4) if n else 0.0,
        "macro_f1": round(macro, 4),
        "per_label": per_label,
    }


def macro_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    """Unweighted mean F1 over the labels present in ``truth`` (label arrays of any dtype)."""
    scores = []
    for label in np.unique(truth):
        tp = np.sum((predicted == label) & (truth == label))
        fp = np.sum((predicted == label) & (truth != label))
        fn = np.sum((predicted != label) & (truth == label))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores))
