"""Evaluation of language identification on the shared datasets, without training rows.

The datasets live outside the repository (`../shared/datasets` next to the repo root). Most are
non-commercial or research-only and are read here for measurement only; NLLB-Seed `ary_Arab`
(CC BY-SA) is partly used to train the shipped Darija-vs-Arabic weights, and those rows are
left out of every evaluation here (half 1 of `in_half` is never trained on). Each
dataset folder has a JSONL file whose rows carry `text` and the gold `lang` (`ary` Darija, `ar`
other Arabic, `fr`, `en`, `es`).

`evaluate_datasets` runs the full identifier and, in the same run, lingua alone restricted to
ar/fr/en/es/de/it/pt/nl (the baseline), and reports per-dataset accuracy, per-language
precision/recall and the most frequent confusions. Run it as a module to print the report:

    python -m tawasol.nlp.language.evaluate ../shared/datasets --sample 1000
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tawasol.nlp.language.arabic_linear import load_arabic_linear
from tawasol.nlp.language.general_detector import DEFAULT_LANGUAGES, GeneralDetector
from tawasol.nlp.language.hybrid import HybridLanguageIdentifier
from tawasol.nlp.language.interface import LanguageIdentifier
from tawasol.nlp.language.result import UNDETERMINED


@dataclass(frozen=True, slots=True)
class DatasetSpec:
    """One evaluation file, relative to the datasets folder."""

    name: str
    path: str


EVALUATION_DATASETS = (
    DatasetSpec("doda", "doda_darija_latin/sample.jsonl"),
    DatasetSpec("nllb", "nllb_seed_ary/all.jsonl"),
    DatasetSpec("umsab", "umsab_sentiment/test.jsonl"),
    DatasetSpec("mac", "mac_moroccan_sentiment/all.jsonl"),
)

Predictor = Callable[[Sequence[str]], list[str]]


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    lang: str


@dataclass(slots=True)
class Scores:
    """Predictions against gold labels for one dataset and one system."""

    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, gold: str, predicted: str) -> None:
        self.confusion[(gold, predicted)] += 1

    @property
    def total(self) -> int:
        return sum(self.confusion.values())

    @property
    def accuracy(self) -> float:
        correct = sum(n for (gold, predicted), n in self.confusion.items() if gold == predicted)
        return correct / self.total if self.total else 0.0

    def recall(self, language: str) -> float:
        gold = sum(n for (g, _), n in self.confusion.items() if g == language)
        return self.confusion[(language, language)] / gold if gold else 0.0

    def precision(self, language: str) -> float:
        predicted = sum(n for (_, p), n in self.confusion.items() if p == language)
        return self.confusion[(language, language)] / predicted if predicted else 0.0

    def gold_languages(self) -> list[str]:
        return sorted({gold for gold, _ in self.confusion})

    def as_dict(self, top_confusions: int = 8) -> dict[str, object]:
        errors = [(pair, n) for pair, n in self.confusion.items() if pair[0] != pair[1]]
        errors.sort(key=lambda item: -item[1])
        return {
            "n": self.total,
            "accuracy": round(self.accuracy, 4),
            "per_language": {
                language: {
                    "n": sum(n for (g, _), n in self.confusion.items() if g == language),
                    "recall": round(self.recall(language), 4),
                    "precision": round(self.precision(language), 4),
                }
                for language in self.gold_languages()
            },
            "confusions": {f"{g}->{p}": n for (g, p), n in errors[:top_confusions]},
        }


@dataclass(slots=True)
class EvaluationReport:
    """Per-dataset scores of the identifier and of the lingua-only baseline."""

    version: str
    sample_size: int | None
    identifier: dict[str, Scores] = field(default_factory=dict)
    baseline: dict[str, Scores] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "version": self.version,
            "sample_size": self.sample_size,
            "datasets": {
                name: {
                    "identifier": scores.as_dict(),
                    "baseline_lingua": self.baseline[name].as_dict(),
                }
                for name, scores in self.identifier.items()
            },
        }

    def table(self) -> str:
        """Plain-text table: per dataset and gold language, identifier vs baseline recall."""
        lines = [f"{'dataset':<8} {'lang':<5} {'n':>5} {'tawasol':>8} {'lingua':>8}"]
        for name, scores in self.identifier.items():
            baseline = self.baseline[name]
            for language in scores.gold_languages():
                count = sum(n for (g, _), n in scores.confusion.items() if g == language)
                lines.append(
                    f"{name:<8} {language:<5} {count:>5} "
                    f"{scores.recall(language):>8.1%} {baseline.recall(language):>8.1%}"
                )
            lines.append(
                f"{name:<8} {'all':<5} {scores.total:>5} "
                f"{scores.accuracy:>8.1%} {baseline.accuracy:>8.1%}"
            )
        return "\n".join(lines)


def in_half(text: str, half: int) -> bool:
    """Stable split of a dataset into two halves (0 and 1) by a checksum of the text."""
    return zlib.crc32(text.encode("utf-8")) % 2 == half


def read_examples(path: Path, half: int | None = None) -> list[Example]:
    """Rows with non-blank text and a gold `lang`, optionally restricted to one half."""
    examples: list[Example] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            text, lang = row.get("text") or "", row.get("lang")
            if not text.strip() or not lang or (half is not None and not in_half(text, half)):
                continue
            examples.append(Example(text=text, lang=lang))
    return examples


def sample_examples(examples: Sequence[Example], size: int | None, seed: int) -> list[Example]:
    if size is None or size >= len(examples):
        return list(examples)
    return random.Random(seed).sample(list(examples), size)


def identifier_predictor(identifier: LanguageIdentifier) -> Predictor:
    return lambda texts: [result.primary for result in identifier.identify_batch(texts)]


def lingua_predictor(detector: GeneralDetector) -> Predictor:
    def predict(texts: Sequence[str]) -> list[str]:
        distributions = detector.distributions(texts)
        return [max(d, key=d.__getitem__) if d else UNDETERMINED for d in distributions]

    return predict


def score(examples: Sequence[Example], predict: Predictor) -> Scores:
    scores = Scores()
    predictions = predict([example.text for example in examples])
    for example, predicted in zip(examples, predictions, strict=True):
        scores.add(example.lang, predicted)
    return scores


def evaluate_datasets(
    datasets_dir: Path | str,
    identifier: LanguageIdentifier | None = None,
    sample_size: int | None = 1000,
    seed: int = 13,
    datasets: Iterable[DatasetSpec] = EVALUATION_DATASETS,
    half: int | None = None,
) -> EvaluationReport:
    """Score the identifier and the lingua-only baseline on each dataset present.

    `sample_size` rows are drawn per dataset with a fixed `seed` (None: every row). `half`
    restricts to one stable half of each dataset (0: the half used while developing the model,
    1: the held-out half). Rows the shipped models were trained on are always left out (see
    `held_out.held_out_rows`). Missing dataset files are skipped.
    """
    root = Path(datasets_dir)
    identifier = identifier or HybridLanguageIdentifier()
    baseline = lingua_predictor(GeneralDetector(DEFAULT_LANGUAGES))
    report = EvaluationReport(version=identifier.version, sample_size=sample_size)
    trained = load_arabic_linear()
    for spec in datasets:
        path = root / spec.path
        if not path.is_file():
            continue
        examples = [
            example
            for example in read_examples(path, half)
            if not trained.was_trained_on(example.text)
        ]
        examples = sample_examples(examples, sample_size, seed)
        report.identifier[spec.name] = score(examples, identifier_predictor(identifier))
        report.baseline[spec.name] = score(examples, baseline)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets_dir", type=Path)
    parser.add_argument("--sample", type=int, default=1000, help="rows per dataset; 0 for all")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--half", type=int, choices=(0, 1), default=None)
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    args = parser.parse_args(argv)
    report = evaluate_datasets(
        args.datasets_dir, sample_size=args.sample or None, seed=args.seed, half=args.half
    )
    if args.json:
        json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(report.version)
        print(report.table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
