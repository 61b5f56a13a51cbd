"""Evaluating sentiment and offensive-language models on labelled messages.

`load_*` read the shared research datasets (evaluation only: their licences forbid training a
shipped artefact on them; `adapt()` on their train split measures per-tenant training).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tawasol.nlp.embeddings.evaluation_data import load_split, stratified_sample
from tawasol.nlp.sentiment.interface import TextLabeler
from tawasol.nlp.sentiment.labels import NOT_OFFENSIVE, OFFENSIVE


@dataclass(frozen=True)
class LabelingReport:
    """Accuracy, macro-F1 and per-label F1 over ``size`` messages, and throughput."""

    size: int
    accuracy: float
    macro_f1: float
    f1: dict[str, float]
    predictions_per_second: float
    version: str
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "n": self.size,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "f1": {k: round(v, 4) for k, v in self.f1.items()},
            "predictions_per_second": round(self.predictions_per_second, 1),
        }


def evaluate_labeler(
    model: TextLabeler, examples: list[tuple[str, str]], *, batch_size: int = 256
) -> LabelingReport:
    """Predict every example's label and score against the truth (labels of ``model``)."""
    texts = [text for text, _ in examples]
    truth = [label for _, label in examples]
    started = time.perf_counter()
    predicted: list[str] = []
    for start in range(0, len(texts), batch_size):
        predicted += [p.label for p in model.predict(texts[start : start + batch_size])]
    elapsed = max(time.perf_counter() - started, 1e-9)
    return score_labels(truth, predicted, model.labels, model.version, len(texts) / elapsed)


def task_score(task: str, report: LabelingReport) -> float:
    """The figure a task is judged by: macro-F1 for sentiment, the offensive class's F1 for
    offensive language (the issue's targets)."""
    return report.f1.get(OFFENSIVE, 0.0) if task == "offensive" else report.macro_f1


def score_labels(
    truth: list[str], predicted: list[str], labels: tuple[str, ...], version: str, speed: float
) -> LabelingReport:
    """Accuracy, per-label F1 and macro-F1 (over ``labels``)."""
    t = np.array(truth)
    p = np.array(predicted)
    f1: dict[str, float] = {}
    confusion: dict[str, dict[str, int]] = {}
    for label in labels:
        tp = float(np.sum((p == label) & (t == label)))
        fp = float(np.sum((p == label) & (t != label)))
        fn = float(np.sum((p != label) & (t == label)))
        f1[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        confusion[label] = {other: int(np.sum((t == label) & (p == other))) for other in labels}
    return LabelingReport(
        size=len(t),
        accuracy=float(np.mean(t == p)) if len(t) else 0.0,
        macro_f1=float(np.mean(list(f1.values()))),
        f1=f1,
        predictions_per_second=speed,
        version=version,
        confusion=confusion,
    )


def load_umsab(split: str, language: str) -> list[tuple[str, str]]:
    """umsab_sentiment ``split`` rows of one language (ar, en, fr, es)."""
    return [
        (r["text"], r["label"])
        for r in load_split("umsab_sentiment", split)
        if r["lang"] == language
    ]


def load_umsab_train_sample(per_language_label: int = 250) -> list[dict[str, Any]]:
    """A stratified (language × label) sample of umsab train, for `adapt()` measurements."""
    rows = load_split("umsab_sentiment", "train")
    for row in rows:
        row["lang_label"] = f"{row['lang']}/{row['label']}"
    return stratified_sample(rows, per_language_label, seed=0, key="lang_label")


def load_mac(per_label: int = 400) -> list[tuple[str, str]]:
    """MAC tweets (MSA and Darija), 3 classes ("mixed" dropped), stratified sample."""
    rows = [
        r
        for r in load_split("mac_moroccan_sentiment", "all")
        if r["label"] != "mixed" and r["text"].strip()
    ]
    return [(r["text"], r["label"]) for r in stratified_sample(rows, per_label, seed=0)]


def load_omcd(split: str, per_label: int | None = None) -> list[tuple[str, str]]:
    """OMCD Darija comments: offensive / not_offensive."""
    rows = load_split("omcd_darija_offensive", split)
    if per_label is not None:
        rows = stratified_sample(rows, per_label, seed=0)
    return [(r["text"], r["label"]) for r in rows]


def load_mlma(language: str, per_label: int = 150) -> list[tuple[str, str]]:
    """MLMA tweets, toxic → offensive, normal → not_offensive, stratified sample."""
    rows = stratified_sample(load_split("mlma_hate", language), per_label, seed=0)
    mapping = {"toxic": OFFENSIVE, "normal": NOT_OFFENSIVE}
    return [(r["text"], mapping[r["label"]]) for r in rows]
