"""Shipped models and `adapt()` on samples of the shared research datasets (evaluation only).

Skipped when ../shared/datasets is absent. Samples keep the run short; bench/sentiment.py
runs the larger evaluation with e5 and reports against the references.
"""

import pytest

from tawasol.nlp.embeddings import HashingEmbedder
from tawasol.nlp.embeddings.evaluation_data import shared_datasets_dir, stratified_sample
from tawasol.nlp.intent import IntentConfig
from tawasol.nlp.sentiment import adapt, lexicon_offensive_model, lexicon_sentiment_model
from tawasol.nlp.sentiment.evaluation import (
    evaluate_labeler,
    load_mac,
    load_omcd,
    load_umsab,
)

pytestmark = pytest.mark.skipif(
    shared_datasets_dir() is None, reason="shared datasets (../shared/datasets) not present"
)


def _sample(examples, per_label):
    rows = [{"text": t, "label": y} for t, y in examples]
    return [(r["text"], r["label"]) for r in stratified_sample(rows, per_label, seed=1)]


def test_lexicon_baseline_beats_chance_on_umsab():
    # The lexicon-only baseline is weak on tweets (it mostly answers "neutral" when no polar
    # word is found); these are floors, not targets. Chance is 0.33 on this balanced set.
    reports = {
        language: evaluate_labeler(
            lexicon_sentiment_model(), _sample(load_umsab("test", language), 40)
        )
        for language in ("ar", "en", "fr", "es")
    }
    assert all(r.accuracy > 0.34 for r in reports.values())
    assert sum(r.macro_f1 for r in reports.values()) / 4 > 0.36


def test_lexicon_baseline_on_mac_darija_tweets():
    report = evaluate_labeler(lexicon_sentiment_model(), load_mac(per_label=60))
    assert report.accuracy > 0.36


def test_lexicon_offensive_on_omcd():
    report = evaluate_labeler(lexicon_offensive_model(), load_omcd("test", per_label=100))
    assert report.accuracy > 0.5
    assert report.f1["offensive"] > 0.2


def test_adapt_on_omcd_train_sample():
    config = IntentConfig(target_precision=0.0, c=0.3, embedding_weight=0.5, calibration_folds=2)
    model = adapt(
        "offensive", load_omcd("train", per_label=300), embedder=HashingEmbedder(), config=config
    )
    report = evaluate_labeler(model, load_omcd("test", per_label=100))
    # 600 training comments; the full split and e5 are measured in bench/sentiment.py
    assert report.f1["offensive"] > 0.7
