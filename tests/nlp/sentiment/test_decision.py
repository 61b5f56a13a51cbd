"""Decision offsets of adapted models: fitted out of fold, stored, applied."""

import numpy as np

from tawasol.nlp.embeddings import HashingEmbedder
from tawasol.nlp.intent import IntentConfig
from tawasol.nlp.sentiment import AdaptedLabeler, adapt
from tawasol.nlp.sentiment.decision import apply_offsets, fit_offsets

OFFENSIVE_LABELS = ("not_offensive", "offensive")


def _f1(predicted, truth, label):
    tp = np.sum((predicted == label) & (truth == label))
    return 2 * tp / (np.sum(predicted == label) + np.sum(truth == label))


def test_offensive_offset_recovers_a_biased_classifier():
    # Every offensive example is scored 0.3-0.45: argmax never says offensive (F1 0).
    rng = np.random.default_rng(0)
    truth = np.array([0] * 60 + [1] * 40)
    p_off = np.where(truth == 1, rng.uniform(0.3, 0.45, 100), rng.uniform(0.0, 0.25, 100))
    probabilities = np.column_stack([1 - p_off, p_off])
    offsets = fit_offsets(probabilities, truth, OFFENSIVE_LABELS, "offensive")
    assert offsets[0] == 0.0 and offsets[1] > 0.0
    shifted = apply_offsets(probabilities, offsets)
    assert np.allclose(shifted.sum(axis=1), 1.0)
    assert _f1(shifted.argmax(axis=1), truth, 1) == 1.0


def test_sentiment_offsets_raise_macro_f1_and_keep_a_good_argmax():
    truth = np.array([0] * 50 + [1] * 30 + [2] * 20)
    # Neutral (index 1) is always under-scored; the other classes are separable.
    probabilities = np.full((100, 3), 0.05)
    probabilities[np.arange(100), truth] = 0.6
    probabilities[truth == 1, 1] = 0.3
    probabilities[truth == 1, 0] = 0.65
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    labels = ("negative", "neutral", "positive")
    offsets = fit_offsets(probabilities, truth, labels, "sentiment")
    assert offsets[0] == 0.0 and offsets[1] > 0.0
    assert np.array_equal(apply_offsets(probabilities, offsets).argmax(axis=1), truth)
    perfect = np.eye(3)[truth] * 0.9 + 0.1 / 3
    assert not np.any(fit_offsets(perfect, truth, labels, "sentiment"))


def test_adapted_offsets_are_saved_and_change_the_version():
    embedder = HashingEmbedder()
    config = IntentConfig(target_precision=0.0, c=0.3, embedding_weight=0.5, calibration_folds=2)
    tenant = [
        ("tu es un idiot", "offensive"),
        ("espèce d'imbécile", "offensive"),
        ("merci pour votre aide", "not_offensive"),
        ("mon colis est arrivé", "not_offensive"),
        ("quand passe le livreur", "not_offensive"),
    ] * 4
    model = adapt("offensive", tenant, embedder=embedder, config=config)
    loaded = AdaptedLabeler.load(model.save(), embedder=embedder)
    assert loaded.offsets == model.offsets
    assert loaded.version == model.version
    if model.offsets:
        assert ";offsets=" in model.version
    texts = ["quel idiot ce livreur", "merci beaucoup"]
    assert [p.probabilities for p in loaded.predict(texts)] == [
        p.probabilities for p in model.predict(texts)
    ]
