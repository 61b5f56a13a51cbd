"""Embedding a message through two views: as written, and normalised.

The mean of the two vectors keeps what the model understands of the raw message (emojis,
French, English) and adds what it understands better after normalisation (Arabizi turned
into Arabic script). When both views are the same string it is embedded once.
"""

from __future__ import annotations

import numpy as np

from tawasol.nlp.embeddings.interface import Embedder, EmbeddingKind, l2_normalise


def embed_two_views(
    embedder: Embedder,
    raw: list[str],
    normalised: list[str],
    *,
    kind: EmbeddingKind = "query",
    raw_vectors: np.ndarray | None = None,
) -> np.ndarray:
    """Unit-norm mean of ``embed(raw[i])`` and ``embed(normalised[i])`` for every i.

    ``raw_vectors``: the raw views' vectors, already computed by the same weights (a tuned
    intent model's pass yields them); only the normalised views that differ are embedded, and
    the given vectors are offered to the embedder's cache (`CachedEmbedder.remember`)."""
    if len(raw) != len(normalised):
        raise ValueError("raw and normalised views must have the same length")
    if raw_vectors is not None:
        remember = getattr(embedder, "remember", None)
        if remember is not None:
            remember(raw, raw_vectors, kind=kind)
        other = list(dict.fromkeys(n for r, n in zip(raw, normalised, strict=True) if n != r))
        found = dict(zip(other, embedder.embed(other, kind=kind) if other else [], strict=True))
        pairs = zip(raw, normalised, raw_vectors, strict=True)
        second = np.array([found[n] if n != r else v for r, n, v in pairs]).reshape(len(raw), -1)
        return l2_normalise(np.asarray(raw_vectors, dtype=np.float32) + second)
    views = list(raw) + list(normalised)
    unique = list(dict.fromkeys(views))
    position = {view: index for index, view in enumerate(unique)}
    vectors = embedder.embed(unique, kind=kind)
    rows = np.array([position[view] for view in views], dtype=int)
    half = len(raw)
    return l2_normalise(vectors[rows[:half]] + vectors[rows[half:]])
