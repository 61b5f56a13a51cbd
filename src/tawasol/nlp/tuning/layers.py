"""A client's tuned top layers of e5 and their linear head, run by ONNX Runtime.

What training (`tuning.training`) produced, run without PyTorch: the shipped 4-bit lower
layers once, then the shipped top layers and the tuned ones from the same states, pooled as
`E5Encoder` pools; the head reads ``scale · v · Wᵀ + b`` off the tuned vector, and the shipped
vector (the SVM's e5 block, `IntentModel.scores`) costs no second pass. The lower and shipped
top sessions are shared by every tuned model of the process (`lower_encoder`,
`shipped_top`; training's `lower_states` uses the same one); each model holds only the session
of its own four float32 layers. Stored as float16 (≈14 MB for four layers): quantised to 4-bit
blocks like the shipped layers, the tuned network lost 16 points of banking77 validation
accuracy (docs/ai-evaluation.md). Sessions are built on first use.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from typing import Any

import numpy as np

from tawasol.nlp.embeddings.e5_encoder import E5Encoder, session
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
        self._session: Any = None
        self._lock = threading.Lock()
        digest = hashlib.sha256()
        for name in sorted(self._tensors):
            digest.update(name.encode())
            digest.update(self._tensors[name].tobytes())
        digest.update(self._head_weight.tobytes())
        digest.update(self._head_bias.tobytes())
        self.digest = digest.hexdigest()[:12]

    def _upper(self) -> Any:
        with self._lock:
            if self._session is None:
                tuned = {k: v.astype(np.float32) for k, v in self._tensors.items()}
                model = build_model(bundled_weights(), first=self.first, tuned=tuned)
                self._session = session(model, threads=self._threads)
            return self._session

    def vectors(self, texts: list[str]) -> np.ndarray:
        """Unit-norm sentence vectors of the tuned network (``query:`` prefix)."""
        return self._encode(texts, (self._upper(),))[0]

    def read(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The tuned network's vectors and the shipped model's, from one pass of the lower
        layers."""
        top = shipped_top(self.first, self._threads)
        tuned, shipped = self._encode(texts, (self._upper(), top))
        return tuned, shipped

    def _encode(self, texts: list[str], uppers: tuple[Any, ...]) -> list[np.ndarray]:
        batch = [text if text.strip() else " " for text in texts]
        lower = lower_encoder(self.first, self._threads)
        return lower.encode_outputs(batch, is_query=True, uppers=uppers)

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


@functools.cache
def lower_encoder(first: int, threads: int = 1) -> E5Encoder:
    """The process-wide shipped layers below ``first`` (shared by every tuned model and by
    training, `lower_states`)."""
    weights = bundled_weights()
    return E5Encoder(weights, threads=threads, model=build_model(weights, last=first))


@functools.cache
def shipped_top(first: int, threads: int = 1) -> Any:
    """The process-wide session of the shipped layers from ``first`` on (reads the states of
    `lower_encoder`)."""
    return session(build_model(bundled_weights(), first=first), threads=threads)
