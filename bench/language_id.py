"""Benchmark language identification: throughput and latency, full identifier vs lingua alone.

Prints ONE JSON line. Messages are a fixed-seed mix of the shared evaluation datasets
(`../shared/datasets` next to the repository root, read-only) or, when they are absent, of the
training corpus shipped with the package. Both systems run single-threaded, one message at a
time, after a warm-up (model training and lingua's lazy model loading are reported apart).

    .venv/bin/python bench/language_id.py [--messages 4000] [--datasets PATH]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tawasol.nlp.language import DEFAULT_LANGUAGES, GeneralDetector, HybridLanguageIdentifier
from tawasol.nlp.language.corpus import load_corpus
from tawasol.nlp.language.darija_model import load_darija_model
from tawasol.nlp.language.evaluate import EVALUATION_DATASETS, read_examples

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATASETS = REPO_ROOT.parent / "shared" / "datasets"
WARM_UP_MESSAGES = 200


def sample_messages(datasets: Path, count: int, seed: int) -> tuple[list[str], str]:
    """`count` messages drawn evenly from the evaluation datasets, else from the corpus."""
    per_dataset = count // len(EVALUATION_DATASETS)
    rng = random.Random(seed)
    messages: list[str] = []
    for spec in EVALUATION_DATASETS:
        path = datasets / spec.path
        if path.is_file():
            texts = [example.text for example in read_examples(path)]
            messages.extend(rng.sample(texts, min(per_dataset, len(texts))))
    if messages:
        return messages, "shared-datasets"
    corpus = [line.text for line in load_corpus()]
    return [rng.choice(corpus) for _ in range(count)], "shipped-corpus"


def measure(run: Callable[[str], object], messages: Sequence[str]) -> dict[str, float]:
    """Per-message latencies of `run`, and the resulting throughput."""
    for message in messages[:WARM_UP_MESSAGES]:
        run(message)
    latencies: list[float] = []
    started = time.perf_counter()
    for message in messages:
        begin = time.perf_counter()
        run(message)
        latencies.append(time.perf_counter() - begin)
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "messages_per_second": round(len(messages) / elapsed, 1),
        "p50_ms": round(cuts[49] * 1000, 3),
        "p99_ms": round(cuts[98] * 1000, 3),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=4000)
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    messages, source = sample_messages(args.datasets, args.messages, args.seed)

    started = time.perf_counter()
    load_darija_model()
    training_seconds = time.perf_counter() - started
    identifier = HybridLanguageIdentifier()
    lingua = GeneralDetector(DEFAULT_LANGUAGES)

    full = measure(identifier.identify, messages)
    baseline = measure(lingua.distribution, messages)
    print(
        json.dumps(
            {
                "benchmark": "language_id",
                "version": identifier.version,
                "messages": len(messages),
                "source": source,
                "darija_model_training_s": round(training_seconds, 3),
                **full,
                "baseline": {"name": f"lingua {','.join(DEFAULT_LANGUAGES)}", **baseline},
                "python": platform.python_version(),
            }
        )
    )


if __name__ == "__main__":
    main()
