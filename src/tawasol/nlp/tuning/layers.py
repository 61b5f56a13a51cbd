"""A client's tuned top layers of e5 and their linear head, run by ONNX Runtime.

What training (`tuning.training`) produced, run without PyTorch: the shipped 4-bit lower
layers, then both the shipped top layers and the tuned ones, in one graph
(`e5_graph.build_model`), pooled as `E5Encoder` pools; the head reads ``scale · v · Wᵀ + b``
off the tuned vector, and the shipped vector comes for a third of a pass more (the SVM's e5
block reads it: `IntentModel.scores`). Stored as float16 (≈14 MB for four layers), run as
float32: quantised to 4-bit blocks like the shipped layers, the tuned network lost 16 points
of banking77 validation accuracy (docs/ai-evaluation.md). The ONNX session is built on first
use.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import numpy as np

from tawasol.nlp.embeddings.e5_encoder import E5Encoder
from tawasol.nlp.embeddings.e5_graph import build_model
from tawasol.nlp.tuning.availability import bundled_weights
from tawasol.nlp.tuning.settings import TuningSettings

PREFIX = "tuned."
_HEAD_W, _HEAD_B = "head.w", "head.b"


class TunedLayers:
    """Scores messages with the tuned network; ``first`` is the first tuned layer."""

    def __init__(
        self,
        *,
        first: int,
        tensors: dict[str, np.ndarray],
        head_weight: np.ndarray,
        head_bias: np.ndarray,
        settings: TuningSettings,
        threads: int = 1,
    ) -> None:
        self.first = first
        self._threads = threads
        self.settings = settings
        self._tensors = {k: np.asarray(v, dtype=np.float16) for k, v in tensors.items()}
        self._head_weight = np.asarray(head_weight, dtype=np.float16)
        self._head_bias = np.asarray(head_bias, dtype=np.float32)
        self._encoder: E5Encoder | None = None
        self._lock = threading.Lock()
        digest = hashlib.sha256()
        for name in sorted(self._tensors):
            digest.update(name.encode())
            digest.update(self._tensors[name].tobytes())
        digest.update(self._head_weight.tobytes())
        digest.update(self._head_bias.tobytes())
        self.digest = digest.hexdigest()[:12]

    def _session(self) -> E5Encoder:
        with self._lock:
            if self._encoder is None:
                weights = bundled_weights()
                tuned = {k: v.astype(np.float32) for k, v in self._tensors.items()}
                model = build_model(weights, tuned=tuned)
                self._encoder = E5Encoder(weights, model=model, threads=self._threads)
            return self._encoder

    def vectors(self, texts: list[str]) -> np.ndarray:
        """Unit-norm sentence vectors of the tuned network (``query:`` prefix)."""
        return self.read(texts)[0]

    def read(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The tuned network's vectors and the shipped model's, from one pass: the lower layers
        are shared, the top ones run twice (tuned and shipped)."""
        batch = [text if text.strip() else " " for text in texts]
        tuned, shipped = self._session().encode_outputs(
            batch, is_query=True, outputs=("tuned_states", "states")
        )
        return tuned, shipped

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """Head scores of tuned vectors, shape ``(len(vectors), labels)``."""
        scaled = vectors * np.float32(self.settings.scale)
        return scaled @ self._head_weight.astype(np.float32).T + self._head_bias

    def logits(self, texts: list[str]) -> np.ndarray:
        """Head scores, shape ``(len(texts), labels)``."""
        return self.scores(self.vectors(texts))

    def meta(self) -> dict[str, Any]:
        return {
            "first": self.first,
            "settings": self.settings.to_dict(),
            "digest": self.digest,
        }

    def arrays(self) -> dict[str, np.ndarray]:
        """Named arrays to store (prefixed with ``tuned.``)."""
        out = {PREFIX + name: value for name, value in self._tensors.items()}
        out[PREFIX + _HEAD_W] = self._head_weight
        out[PREFIX + _HEAD_B] = self._head_bias
        return out

    @classmethod
    def from_arrays(cls, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> TunedLayers:
        """Inverse of `meta` and `arrays` (other arrays are ignored)."""
        own = {k[len(PREFIX) :]: v for k, v in arrays.items() if k.startswith(PREFIX)}
        return cls(
            first=int(meta["first"]),
            tensors={k: v for k, v in own.items() if k not in (_HEAD_W, _HEAD_B)},
            head_weight=own[_HEAD_W],
            head_bias=own[_HEAD_B],
            settings=TuningSettings.from_dict(meta["settings"]),
        )
