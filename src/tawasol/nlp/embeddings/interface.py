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
