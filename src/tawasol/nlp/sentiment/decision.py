"""Decision offsets for adapted models, chosen on out-of-fold probabilities.

A calibrated classifier's argmax maximises accuracy, not the figure a tenant is judged on:
macro-F1 for sentiment (minority classes matter as much as the majority) and the offensive
class's F1 for moderation. Per-label log-offsets added before the argmax move the decision
boundary; they are fitted on the training examples' out-of-fold probabilities (never on the
messages being scored), so they cost nothing at prediction time.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tawasol.nlp.sentiment.labels import OFFENSIVE

_GRID = np.round(np.arange(-2.0, 2.0001, 0.1), 2)
_PASSES = 2


def apply_offsets(probabilities: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Probabilities reweighted by ``exp(offsets)`` and renormalised (rows sum to 1)."""
    if not np.any(offsets):
        return probabilities
    weighted = probabilities * np.exp(offsets)[None, :]
    return weighted / weighted.sum(axis=1, keepdims=True)


def fit_offsets(
    probabilities: np.ndarray, truth: np.ndarray, labels: tuple[str, ...], task: str
) -> np.ndarray:
    """Per-label log-offsets maximising the task's figure on held-out ``probabilities``.

    ``truth`` holds label indices. Offensive: F1 of the offensive class (one offset, on that
    class). Otherwise: macro-F1, by coordinate ascent over every label but the first.
    """
    offsets = np.zeros(len(labels))
    log_p = np.log(np.clip(probabilities, 1e-12, 1.0))
    if task == "offensive" and OFFENSIVE in labels:
        target = labels.index(OFFENSIVE)
        return _best_on_grid(log_p, offsets, target, lambda p: _f1(p, truth, target))
    n_labels = len(labels)

    def macro(predicted: np.ndarray) -> float:
        return float(np.mean([_f1(predicted, truth, k) for k in range(n_labels)]))

    for _ in range(_PASSES):
        for index in range(1, n_labels):
            offsets = _best_on_grid(log_p, offsets, index, macro)
    return offsets


def _best_on_grid(
    log_p: np.ndarray, offsets: np.ndarray, index: int, score: Callable[[np.ndarray], float]
) -> np.ndarray:
    """``offsets`` with entry ``index`` set to the grid value of best ``score`` (ties → 0)."""
    best_value, best_score = offsets[index], -1.0
    for value in sorted(_GRID, key=abs):
        trial = offsets.copy()
        trial[index] = value
        current = score((log_p + trial[None, :]).argmax(axis=1))
        if current > best_score + 1e-9:
            best_value, best_score = value, current
    out = offsets.copy()
    out[index] = best_value
    return out


def _f1(predicted: np.ndarray, truth: np.ndarray, label: int) -> float:
    tp = float(np.sum((predicted == label) & (truth == label)))
    fp = float(np.sum((predicted == label) & (truth != label)))
    fn = float(np.sum((predicted != label) & (truth == label)))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
