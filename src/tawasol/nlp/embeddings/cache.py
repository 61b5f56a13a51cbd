"""An in-memory LRU cache in front of any `Embedder`: repeated texts are embedded once."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from tawasol.nlp.embeddings.interface import Embedder, EmbeddingKind


class CachedEmbedder:
    """Wraps an embedder; keeps the last ``capacity`` (kind, text) vectors.

    Within one call, duplicate texts are embedded once too. Hits and misses are counted so
    callers can see the cache working.
    """

    def __init__(self, inner: Embedder, *, capacity: int = 20_000) -> None:
        self._inner = inner
        self._capacity = max(0, capacity)
        self._vectors: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def clear(self) -> None:
        """Forget every vector (benchmarks start each run cold)."""
        with self._lock:
            self._vectors.clear()

    @property
    def inner(self) -> Embedder:
        return self._inner

    @property
    def dimension(self) -> int:
        return self._inner.dimension

    @property
    def version(self) -> str:
        return self._inner.version

    def remember(self, texts: list[str], vectors: np.ndarray, *, kind: EmbeddingKind) -> None:
        """Keep vectors computed elsewhere by the same weights (not counted as hits or misses)."""
        if not self._capacity:
            return
        with self._lock:
            for text, vector in zip(texts, vectors, strict=True):
                self._vectors[(kind, text)] = np.asarray(vector, dtype=np.float32)
                self._vectors.move_to_end((kind, text))
            while len(self._vectors) > self._capacity:
                self._vectors.popitem(last=False)

    def embed(self, texts: list[str], *, kind: EmbeddingKind) -> np.ndarray:
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for row, text in enumerate(texts):
                vector = self._vectors.get((kind, text))
                if vector is None:
                    missing.setdefault(text, []).append(row)
                else:
                    self._vectors.move_to_end((kind, text))
                    out[row] = vector
                    self.hits += 1
            self.misses += len(missing)
        if missing:
            unique = list(missing)
            vectors = self._inner.embed(unique, kind=kind)
            with self._lock:
                for text, vector in zip(unique, vectors, strict=True):
                    out[missing[text]] = vector
                    if self._capacity:
                        self._vectors[(kind, text)] = vector
                        self._vectors.move_to_end((kind, text))
                while len(self._vectors) > self._capacity:
                    self._vectors.popitem(last=False)
        return out
