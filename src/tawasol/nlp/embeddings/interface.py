"""The `Embedder` interface that every sentence-embedding backend implements."""

from __future__ import annotations

from typing import Literal, Protocol, runtime_checkable

import numpy as np

EmbeddingKind = Literal["query", "passage"]
"""e5-style asymmetric roles: short messages and questions are queries, documents passages.

Classification (intent, sentiment) embeds everything as ``"query"``, as the e5 authors advise
for symmetric tasks."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors, offline, on CPU."""

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        ...

    @property
    def version(self) -> str:
        """Names the model and its build: recorded with everything derived from the vectors."""
        ...

    def embed(self, texts: list[str], *, kind: EmbeddingKind) -> np.ndarray:
        """Return an array of shape ``(len(texts), dimension)``; each row has unit norm."""
        ...


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Scale each row to unit length (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def same_weights(version_a: str | None, version_b: str | None) -> bool:
    """True when two embedder versions name the same weights run by different engines.

    A version reads ``<weights>+<engine>``; vectors of the same weights differ only by the
    engine's arithmetic (for e5: cosine ≥ 0.9996), so a model trained on one still reads the
    other's vectors correctly, and is retrained at the next pass (`nlp/enrichment/retraining`).
    """
    if not version_a or not version_b:
        return False
    return version_a.split("+", 1)[0] == version_b.split("+", 1)[0]
