"""Embedding a message through two views: as written, and normalised.

The mean of the two vectors keeps what the model understands of the raw message (emojis,
French, English) and adds what it understands better after normalisation (Arabizi turned
into Arabic script). When both views are the same string it is embedded once.
"""

from __future__ import annotations

import numpy as np

from tawasol.nlp.embeddings.interface import Embedder, EmbeddingKind, l2_normalise


def embed_two_views(
    embedder: Embedder, raw: list[str], normalised: list[str], *, kind: EmbeddingKind = "query"
) -> np.ndarray:
    """Unit-norm mean of ``embed(raw[i])`` and ``embed(normalised[i])`` for every i."""
    if len(raw) != len(normalised):
        raise ValueError("raw and normalised views must have the same length")
    views = list(raw) + list(normalised)
    unique = list(dict.fromkeys(views))
    position = {view: index for index, view in enumerate(unique)}
    vectors = embedder.embed(unique, kind=kind)
    rows = np.array([position[view] for view in views], dtype=int)
    half = len(raw)
    return l2_normalise(vectors[rows[:half]] + vectors[rows[half:]])
