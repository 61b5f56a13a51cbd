"""Intent classification on the public benchmarks, against a TF-IDF + linear SVM baseline.

Trains per dataset on its train split and evaluates on its test split(s) (arbanking77: train
on ``train``, test on ``test_msa`` and on ``test_palestinian``, a dialect unseen in MSA
wording). Prints ONE JSON line: for each dataset our model (e5 + TF-IDF, calibrated, with
abstention), our lexical-only variant, and a ``baseline`` object (char+word TF-IDF with a
linear SVM on the raw text, the recipe of the references) measured in the same run, with
accuracy, macro-F1, training seconds and predictions per second.

Embedding tens of thousands of texts with e5 on two cores is slow, so vectors are kept in a
SQLite store (``--store``, default ``~/.cache/tawasol/embeddings.sqlite``): a rerun reuses
them. ``predictions_per_second`` of the e5 model is therefore also measured uncached on
``--speed-sample`` fresh test messages (``uncached_predictions_per_second``).

Usage: ``python bench/intent.py [--datasets banking77,arbanking77,arbanking77_msa_only,
bitext_customer_support]
[--train-per-label N] [--test-per-label N] [--store PATH] [--no-e5]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from tawasol.nlp.embeddings import Embedder, StoredEmbedder, e5_available
from tawasol.nlp.embeddings.evaluation import measure_throughput, translation_retrieval
from tawasol.nlp.embeddings.evaluation_data import load_split
from tawasol.nlp.intent import IntentConfig, train
from tawasol.nlp.intent.evaluation import evaluate_intent, load_intent_examples
from tawasol.nlp.metrics import macro_f1

TEST_SPLITS = {
    "banking77": ("test",),
    "arbanking77": ("test_msa", "test_palestinian"),
    "arbanking77_msa_only": ("test_msa", "test_palestinian"),
    "bitext_customer_support": ("test",),
}
# arbanking77's train split mixes MSA and Palestinian rows; "arbanking77_msa_only" trains on
# the rows without frequent Levantine words (see evaluation.looks_levantine), so that
# test_palestinian is (mostly) a dialect the model did not see.
MSA_ONLY = "arbanking77_msa_only"
REFERENCE = {
    "banking77/test": 0.913,
    "arbanking77/test_msa": 0.883,
}


def baseline(train_set: list[tuple[str, str]], tests: dict[str, list[tuple[str, str]]]) -> dict:
    """Char (2-5, word-bounded) + word (1-2) TF-IDF, linear SVM, raw text."""
    started = time.perf_counter()
    texts = [t for t, _ in train_set]
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")
    matrix = sparse.hstack([char.fit_transform(texts), word.fit_transform(texts)]).tocsr()
    svm = LinearSVC(C=0.5).fit(matrix, [label for _, label in train_set])
    out: dict[str, Any] = {"train_seconds": round(time.perf_counter() - started, 1)}
    for name, examples in tests.items():
        started = time.perf_counter()
        rows = sparse.hstack(
            [char.transform([t for t, _ in examples]), word.transform([t for t, _ in examples])]
        ).tocsr()
        predicted = svm.predict(rows)
        elapsed = time.perf_counter() - started
        truth = np.array([label for _, label in examples])
        out[name] = {
            "accuracy": round(float(np.mean(predicted == truth)), 4),
            "macro_f1": round(macro_f1(truth, predicted), 4),
            "predictions_per_second": round(len(examples) / elapsed, 1),
        }
    return out


def ours(
    train_set: list[tuple[str, str]],
    tests: dict[str, list[tuple[str, str]]],
    config: IntentConfig,
    embedder: Embedder | None,
) -> tuple[dict, Any]:
    started = time.perf_counter()
    model = train(train_set, config=config, embedder=embedder)
    out: dict[str, Any] = {
        "train_seconds": round(time.perf_counter() - started, 1),
        "threshold": round(model.threshold, 4),
        "temperature": round(model.temperature, 4),
        "cv": {k: round(v, 4) for k, v in model.metrics.items() if k.startswith("cv_")},
    }
    for name, examples in tests.items():
        out[name] = evaluate_intent(model, examples).as_dict()
    out["version"] = model.version
    return out, model


def embedder_report(live: Embedder, stored: Embedder, speed_texts: list[str]) -> dict:
    """e5 throughput (uncached) and Darija↔English retrieval, raw vs normalised Darija."""
    from tawasol.nlp.normalize import normalize

    out: dict[str, Any] = {"version": live.version}
    out["single_text"] = measure_throughput(live, speed_texts[:16], batch_size=1).as_dict()
    out["batched_32"] = measure_throughput(live, speed_texts, batch_size=32).as_dict()
    doda = [r for r in load_split("doda_darija_latin", "sample") if r.get("en")]
    nllb = load_split("nllb_seed_ary", "all")[:100]
    for name, rows in (("doda_arabizi_to_en", doda), ("nllb_ary_arab_to_en", nllb)):
        english = [r["en"] for r in rows]
        raw = [r["text"] for r in rows]
        normalised = [normalize(t).embedding_text for t in raw]
        out[name] = {
            "pairs": len(rows),
            "top1_raw": round(translation_retrieval(stored, raw, english), 4),
            "top1_normalised": round(translation_retrieval(stored, normalised, english), 4),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", default="banking77,arbanking77,bitext_customer_support")
    parser.add_argument("--train-per-label", type=int, default=None, help="sample N per intent")
    parser.add_argument("--test-per-label", type=int, default=None, help="sample N per intent")
    parser.add_argument(
        "--store", default=str(Path.home() / ".cache" / "tawasol" / "embeddings.sqlite")
    )
    parser.add_argument("--no-e5", action="store_true", help="skip the e5 model")
    parser.add_argument("--speed-sample", type=int, default=64)
    parser.add_argument(
        "--no-embedder-report", action="store_true", help="skip e5 speed/alignment measures"
    )
    args = parser.parse_args()

    use_e5 = e5_available() and not args.no_e5
    live = stored = None
    if use_e5:
        from tawasol.nlp.embeddings.e5 import E5Embedder

        live = E5Embedder()
        stored = StoredEmbedder(live, args.store)
    results: dict[str, Any] = {}
    if use_e5 and not args.no_embedder_report:
        speed_texts = [t for t, _ in load_intent_examples("banking77", "test")][-64:]
        speed_texts = [f"{t} (#{i})" for i, t in enumerate(speed_texts)]  # never cached
        results["embedder"] = embedder_report(live, stored, speed_texts)
    for dataset in args.datasets.split(","):
        source = "arbanking77" if dataset == MSA_ONLY else dataset
        train_set = load_intent_examples(
            source, "train", per_label=args.train_per_label, msa_only=dataset == MSA_ONLY
        )
        tests = {
            split: load_intent_examples(source, split, per_label=args.test_per_label)
            for split in TEST_SPLITS[dataset]
        }
        entry: dict[str, Any] = {"train_size": len(train_set)}
        entry["baseline"] = baseline(train_set, tests)
        entry["lexical_only"], _ = ours(
            train_set, tests, IntentConfig(embedding_weight=0.0), embedder=None
        )
        if use_e5:
            entry["e5"], model = ours(train_set, tests, IntentConfig(), embedder=stored)
            sample = [t for t, _ in next(iter(tests.values()))][-args.speed_sample :]
            fresh = type(model).load(model.save(), embedder=live)
            started = time.perf_counter()
            fresh.predict(sample)
            entry["e5"]["uncached_predictions_per_second"] = round(
                len(sample) / (time.perf_counter() - started), 1
            )
        for split in TEST_SPLITS[dataset]:
            if f"{source}/{split}" in REFERENCE:
                entry.setdefault("reference_accuracy", {})[split] = REFERENCE[f"{source}/{split}"]
        results[dataset] = entry
        print(f"# {dataset} done", flush=True, file=sys.stderr)
    print(
        json.dumps(
            {
                "bench": "intent",
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "train_per_label": args.train_per_label,
                "test_per_label": args.test_per_label,
                "results": results,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
