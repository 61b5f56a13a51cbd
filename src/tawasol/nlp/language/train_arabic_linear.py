"""Train the shipped Darija-vs-Arabic linear model (`data/arabic_linear.json.gz`), offline.

Run by a developer, never at run time: it reads the openly licensed sources from the shared
datasets folder and writes the weights into the package.

* Darija: the corpus lines written for Tawasol (`data/ary_arab*.txt`) and the training part of
  NLLB-Seed `ary_Arab` (CC BY-SA 4.0): half 0 of `evaluate.in_half`, minus one fifth kept for
  validation. Half 1 is never read here: it is the held-out test half.
* Arabic: the `ar*.txt` corpus lines, a sample of ArBanking77 train (CC BY-SA 4.0, MSA and
  Palestinian) and the Arabic MLMA tweets (MIT).
* Validation (choice of the regularisation and fit of the fusion with the marker evidence):
  the NLLB validation fifth and the Arabic tweets of UMSAB validation (read, never shipped).

    python -m tawasol.nlp.language.train_arabic_linear ../shared/datasets
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from tawasol.nlp.language.arabic_linear import (
    WEIGHTS_FILE,
    ArabicLinearModel,
    FusionWeights,
    text_digest,
    text_features,
)
from tawasol.nlp.language.corpus import load_corpus
from tawasol.nlp.language.darija_model import DARIJA, train_darija_model
from tawasol.nlp.language.evaluate import in_half
from tawasol.nlp.language.scripts import ARABIC
from tawasol.nlp.language.tokens import tokenize
from tawasol.nlp.metrics import macro_f1

BANKING_SAMPLE = 3000
C_CANDIDATES = (1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0)
MIN_DF = 2
MIN_WEIGHT = 0.02
SEED = 7
# Bias shifts tried after the balanced calibration: balanced classes settle Darija and Arabic
# at equal recall, while the target is macro-F1 and Darija far outnumbers MSA in the traffic.
BIAS_SHIFTS = tuple(np.round(np.arange(-1.0, 1.0001, 0.1), 2))


def arabic_norms(text: str) -> list[str]:
    return [token.norm for token in tokenize(text) if token.script == ARABIC]


def is_nllb_validation(text: str) -> bool:
    """One fifth of NLLB half 0, by a checksum independent of the half split."""
    return (zlib.crc32(text.encode("utf-8")) >> 1) % 5 == 0


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def training_sets(
    root: Path,
) -> tuple[list[tuple[str, int]], list[tuple[str, int]], list[str]]:
    """(train, validation, third-party texts used for either) with label 1 for Darija."""
    train = [
        (line.text, int(line.label == DARIJA)) for line in load_corpus() if line.script == ARABIC
    ]
    external: list[str] = []
    validation: list[tuple[str, int]] = []
    for row in _jsonl(root / "nllb_seed_ary/all.jsonl"):
        text = row["text"]
        if not text.strip() or not in_half(text, 0):
            continue
        external.append(text)
        if is_nllb_validation(text):
            validation.append((text, 1))
        else:
            train.append((text, 1))
    banking = [row["text"] for row in _jsonl(root / "arbanking77/train.jsonl")]
    sampled = random.Random(SEED).sample(banking, BANKING_SAMPLE)
    mlma = [row["text"] for row in _jsonl(root / "mlma_hate/ar.jsonl") if row["text"].strip()]
    for text in sampled + mlma:
        train.append((text, 0))
        external.append(text)
    validation += [
        (row["text"], 0)
        for row in _jsonl(root / "umsab_sentiment/validation.jsonl")
        if row["lang"] == "ar" and row["text"].strip()
    ]
    return train, validation, external


def _matrix(feature_sets: Sequence[set[str]], vocabulary: dict[str, int]) -> csr_matrix:
    rows, cols, values = [], [], []
    for row, features in enumerate(feature_sets):
        norm = 1.0 / np.sqrt(max(1, len(features)))
        for feature in features:
            column = vocabulary.get(feature)
            if column is not None:
                rows.append(row)
                cols.append(column)
                values.append(norm)
    return csr_matrix((values, (rows, cols)), shape=(len(feature_sets), len(vocabulary)))


def _vocabulary(feature_sets: Iterable[set[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for features in feature_sets:
        for feature in features:
            counts[feature] = counts.get(feature, 0) + 1
    kept = sorted(feature for feature, count in counts.items() if count >= MIN_DF)
    return {feature: index for index, feature in enumerate(kept)}


def _log_loss(probabilities: np.ndarray, labels: np.ndarray) -> float:
    p = np.clip(probabilities, 1e-6, 1 - 1e-6)
    weights = np.where(labels == 1, 0.5 / labels.mean(), 0.5 / (1 - labels.mean()))
    return float(-np.mean(weights * (labels * np.log(p) + (1 - labels) * np.log(1 - p))))


def _fit_weights(
    x_train: csr_matrix, y_train: np.ndarray, x_valid: csr_matrix, y_valid: np.ndarray
) -> tuple[LogisticRegression, float, float]:
    """The logistic regression whose C gives the lowest balanced log-loss on validation."""
    best: tuple[float, float, LogisticRegression] | None = None
    for c in C_CANDIDATES:
        classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
        classifier.fit(x_train, y_train)
        loss = _log_loss(classifier.predict_proba(x_valid)[:, 1], y_valid)
        if best is None or loss < best[0]:
            best = (loss, c, classifier)
    assert best is not None
    return best[2], best[1], best[0]


def _fit_fusion(stacked: np.ndarray, y_valid: np.ndarray) -> FusionWeights:
    """Calibrate (linear logit, marker evidence) -> Darija on validation, classes balanced,
    then move the bias to where the validation macro-F1 of the two classes is best."""
    fit = LogisticRegression(C=1.0, class_weight="balanced").fit(stacked, y_valid)
    linear, markers = float(fit.coef_[0][0]), float(fit.coef_[0][1])
    logits = stacked @ np.array([linear, markers]) + float(fit.intercept_[0])
    shift = max(BIAS_SHIFTS, key=lambda d: (macro_f1(y_valid == 1, logits + d >= 0), -abs(d)))
    return FusionWeights(
        linear=round(linear, 4),
        markers=round(markers, 4),
        bias=round(float(fit.intercept_[0]) + shift, 4),
    )


def train(root: Path) -> tuple[ArabicLinearModel, list[str], dict[str, float]]:
    """Fit the weights (C chosen on validation) and the fusion with the marker evidence."""
    train_rows, validation_rows, external = training_sets(root)
    train_sets = [text_features(arabic_norms(text)) for text, _ in train_rows]
    valid_norms = [arabic_norms(text) for text, _ in validation_rows]
    vocabulary = _vocabulary(train_sets)
    y_valid = np.array([label for _, label in validation_rows])
    classifier, c, loss = _fit_weights(
        _matrix(train_sets, vocabulary),
        np.array([label for _, label in train_rows]),
        _matrix([text_features(norms) for norms in valid_norms], vocabulary),
        y_valid,
    )
    names = list(vocabulary)
    coefficients = classifier.coef_[0]
    weights = {
        names[i]: round(float(w), 4) for i, w in enumerate(coefficients) if abs(w) >= MIN_WEIGHT
    }
    intercept = float(classifier.intercept_[0])
    unfused = ArabicLinearModel(weights, intercept, FusionWeights(1.0, 0.0, 0.0), "")
    markers = train_darija_model()
    stacked = np.array(
        [[unfused.score(norms), markers.arabic_evidence(norms)] for norms in valid_norms]
    )
    fusion = _fit_fusion(stacked, y_valid)
    fused = np.array([fusion.probability(a, b) >= 0.5 for a, b in stacked])
    report = {
        "c": c,
        "validation_log_loss": round(loss, 4),
        "validation_darija_recall": round(float(fused[y_valid == 1].mean()), 4),
        "validation_arabic_recall": round(float(1 - fused[y_valid == 0].mean()), 4),
        "validation_macro_f1": round(macro_f1(y_valid == 1, fused), 4),
        "features": len(weights),
        "train_rows": len(train_rows),
        "validation_rows": len(validation_rows),
    }
    return ArabicLinearModel(weights, intercept, fusion, ""), external, report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets_dir", type=Path)
    default_output = Path(__file__).parent / "data" / WEIGHTS_FILE
    parser.add_argument("--output", type=Path, default=default_output)
    args = parser.parse_args(argv)
    model, external, report = train(args.datasets_dir)
    payload = {**model.as_json(), "trained_on": sorted({text_digest(t) for t in external})}
    args.output.write_bytes(
        gzip.compress(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode(), mtime=0)
    )
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
