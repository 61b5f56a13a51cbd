"""A client's tuned top layers of e5 and their linear head, run by ONNX Runtime.

What training (`tuning.training`) produced, run without PyTorch: the shipped 4-bit lower
layers and the tuned layers in one graph (`e5_graph.build_model`), pooled as `E5Encoder`
pools, then ``scale · v · Wᵀ + b``. Stored as float16 (≈14 MB for four layers), run as
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
        batch = [text if text.strip() else " " for text in texts]
        return self._session().encode(batch, is_query=True)

    def logits(self, texts: list[str]) -> np.ndarray:
        """Head scores, shape ``(len(texts), labels)``."""
        vectors = self.vectors(texts) * np.float32(self.settings.scale)
        return vectors @ self._head_weight.astype(np.float32).T + self._head_bias

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
