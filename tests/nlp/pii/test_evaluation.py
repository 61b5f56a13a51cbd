"""Precision and recall of the detector over the labelled set ``cases.jsonl``.

Gold and predicted spans are compared as multisets of (kind, exact text) per message: a
span with the right kind but wrong boundaries counts as one false positive and one false
negative.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tawasol.nlp.pii import PiiKind, detect_pii

CASES = Path(__file__).with_name("cases.jsonl")
MIN_PRECISION = 0.97
MIN_RECALL = 0.95
LANGUAGES = {"fr", "ar", "ary", "es", "en"}


@dataclass
class Tally:
    """True positives, false positives and false negatives per kind."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Counter[tuple[str, str]], predicted: Counter[tuple[str, str]]) -> None:
        for key in gold | predicted:
            matched = min(gold[key], predicted[key])
            self.tp[key[0]] += matched
            self.fp[key[0]] += predicted[key] - matched
            self.fn[key[0]] += gold[key] - matched

    def precision(self, kind: str | None = None) -> float:
        tp, fp = self._sum(self.tp, kind), self._sum(self.fp, kind)
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp, fn = self._sum(self.tp, kind), self._sum(self.fn, kind)
        return tp / (tp + fn) if tp + fn else 1.0

    def table(self) -> str:
        lines = [f"{'kind':<9} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"]
        for kind in [*PiiKind, None]:
            name = kind.value if kind else "overall"
            lines.append(
                f"{name:<9} {self._sum(self.tp, kind):>4} {self._sum(self.fp, kind):>4} "
                f"{self._sum(self.fn, kind):>4} {self.precision(kind):>9.3f} "
                f"{self.recall(kind):>7.3f}"
            )
        return "\n".join(lines)

    @staticmethod
    def _sum(counter: Counter[str], kind: str | None) -> int:
        return counter[kind] if kind else sum(counter.values())


def load_cases() -> list[dict]:
    with CASES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(cases: list[dict]) -> tuple[Tally, list[str]]:
    tally = Tally()
    errors: list[str] = []
    for case in cases:
        gold = Counter((span["kind"], span["text"]) for span in case["spans"])
        predicted = Counter((span.kind.value, span.text) for span in detect_pii(case["text"]))
        tally.add(gold, predicted)
        if gold != predicted:
            errors.append(f"{case['lang']}: {case['text']!r} gold={gold} predicted={predicted}")
    return tally, errors


def test_cases_file_is_a_broad_labelled_set() -> None:
    cases = load_cases()
    assert len(cases) >= 300
    assert {case["lang"] for case in cases} == LANGUAGES
    assert {case.get("script") for case in cases if case["lang"] == "ary"} == {"Arab", "Latn"}
    assert sum(1 for case in cases if not case["spans"]) >= 100  # hard negatives
    for case in cases:
        for span in case["spans"]:
            assert span["kind"] in PiiKind.__members__
            assert span["text"] in case["text"]


def test_precision_and_recall_over_labelled_cases() -> None:
    tally, errors = evaluate(load_cases())
    report = tally.table() + "\n" + "\n".join(errors)
    print("\n" + report)
    assert tally.precision() >= MIN_PRECISION, report
    assert tally.recall() >= MIN_RECALL, report
