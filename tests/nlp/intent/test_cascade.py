"""The lexical → e5 intent cascade: threshold chosen on validation data, escalation, storage."""

import numpy as np
import pytest

from tawasol.nlp.embeddings import HashingEmbedder
from tawasol.nlp.intent import (
    CascadeIntentModel,
    IntentConfig,
    IntentModel,
    load_intent_model,
    train,
    train_cascade,
)
from tawasol.nlp.intent.cascade import ALWAYS, E5, LEXICAL, NEVER, choose_escalation

from .examples import TEST, TRAIN

EMBEDDER = HashingEmbedder()
TEXTS = [text for text, _ in TEST]


@pytest.fixture(scope="module")
def cascade() -> CascadeIntentModel:
    model = train_cascade(TRAIN, embedder=EMBEDDER)
    assert isinstance(model, CascadeIntentModel)
    return model


def test_escalates_the_least_confident_until_the_e5_accuracy_is_reached() -> None:
    confidence = np.array([0.2, 0.3, 0.5, 0.6, 0.9, 0.95])
    lexical = np.array([False, False, True, False, True, True])
    full = np.array([True, True, True, True, True, True])
    # the four least confident must go to e5 (the 4th is wrong lexically): cut at 0.9
    assert choose_escalation(confidence, lexical, full, tolerance=0.0) == 0.9
    # one miss in six is tolerated: escalating the two least confident is enough
    assert choose_escalation(confidence, lexical, full, tolerance=0.2) == 0.5
    assert choose_escalation(confidence, full, full, tolerance=0.0) == NEVER
    assert choose_escalation(confidence, ~full, full, tolerance=0.0) == ALWAYS


def test_ties_with_the_last_escalated_message_escalate_too() -> None:
    confidence = np.array([0.4, 0.4, 0.8])
    lexical = np.array([False, True, True])
    full = np.array([True, True, True])
    cut = choose_escalation(confidence, lexical, full, tolerance=0.0)
    assert 0.4 < cut < 0.8 and (confidence < cut).sum() == 2


def test_cascade_keeps_the_e5_models_validated_accuracy(cascade: CascadeIntentModel) -> None:
    metrics = cascade.metrics
    assert metrics["cv_accuracy"] >= metrics["cv_accuracy_full"] - IntentConfig().cascade_tolerance
    assert 0.0 <= metrics["cv_e5_share"] <= 1.0
    assert metrics["escalate_below"] == cascade.escalate_below
    assert cascade.labels == cascade.full.labels == cascade.lexical.labels
    assert cascade.lexical.embedder_version is None
    assert cascade.full.embedder_version == EMBEDDER.version


def test_each_prediction_says_which_stage_answered(cascade: CascadeIntentModel) -> None:
    lexical = cascade.lexical.predict(TEXTS)
    predictions = cascade.predict(TEXTS)
    for first, final in zip(lexical, predictions, strict=True):
        assert final.version == cascade.version
        assert final.path == (E5 if first.confidence < cascade.escalate_below else LEXICAL)
        if final.path == LEXICAL:
            assert (final.label, final.confidence) == (first.label, first.confidence)
    held_back = cascade.predict(TEXTS, may_escalate=[False] * len(TEXTS))
    assert {p.path for p in held_back} == {LEXICAL}


def test_forced_paths_use_the_matching_stage(cascade: CascadeIntentModel) -> None:
    always = CascadeIntentModel(
        lexical=cascade.lexical, full=cascade.full, escalate_below=ALWAYS, metrics={}
    )
    never = CascadeIntentModel(
        lexical=cascade.lexical, full=cascade.full, escalate_below=NEVER, metrics={}
    )
    full = cascade.full.predict(TEXTS)
    assert [p.best_guess for p in always.predict(TEXTS)] == [p.best_guess for p in full]
    assert {p.path for p in always.predict(TEXTS)} == {E5}
    assert {p.path for p in never.predict(TEXTS)} == {LEXICAL}
    assert always.version != never.version != cascade.version


def test_save_and_load_round_trip(cascade: CascadeIntentModel) -> None:
    loaded = load_intent_model(cascade.save(), embedder=EMBEDDER)
    assert isinstance(loaded, CascadeIntentModel)
    assert loaded.version == cascade.version and loaded.escalate_below == cascade.escalate_below
    assert loaded.metrics == cascade.metrics
    assert [(p.label, p.path) for p in loaded.predict(TEXTS)] == [
        (p.label, p.path) for p in cascade.predict(TEXTS)
    ]
    single = train(TRAIN, config=IntentConfig(embedding_weight=0.0))
    assert isinstance(load_intent_model(single.save()), IntentModel)


def test_without_embeddings_or_validation_folds_the_single_model_is_kept() -> None:
    lexical = train_cascade(TRAIN, config=IntentConfig(embedding_weight=0.0))
    assert isinstance(lexical, IntentModel) and lexical.embedder_version is None
    unvalidated = train_cascade(TRAIN, config=IntentConfig(calibration_folds=1), embedder=EMBEDDER)
    assert isinstance(unvalidated, IntentModel)
