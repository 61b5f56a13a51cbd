"""A trained per-client intent model: predict, save to bytes, load from bytes."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from tawasol.nlp.embeddings import Embedder, default_embedder
from tawasol.nlp.embeddings.interface import same_weights
from tawasol.nlp.intent.calibration import combine_scores, softmax
from tawasol.nlp.intent.config import IntentConfig
from tawasol.nlp.intent.features import IntentFeatures, vocabulary_bytes
from tawasol.nlp.intent.prediction import OUT_OF_SCOPE, IntentPrediction
from tawasol.nlp.normalize import default_normalizer
from tawasol.nlp.tuning.layers import PREFIX as TUNED_PREFIX
from tawasol.nlp.tuning.layers import TunedLayers

FORMAT = "tawasol-intent/1"


class IncompatibleModelError(ValueError):
    """The stored model needs a different embedder or format than the one at hand."""


@dataclass(frozen=True)
class LinearWeights:
    """One row of weights per label (float32), plus intercepts."""

    coef: np.ndarray
    intercept: np.ndarray


class IntentModel:
    """Scores messages against a client's intents; abstains below ``threshold``.

    With ``tuned`` layers (`nlp/tuning`), a message's score is the weighted mean of the SVM's
    and the tuned network's log-probabilities (`calibration.combine_scores`)."""

    def __init__(
        self,
        *,
        labels: list[str],
        features: IntentFeatures,
        weights: LinearWeights,
        temperature: float,
        threshold: float,
        config: IntentConfig,
        embedder_version: str | None,
        normalizer_version: str,
        metrics: dict[str, Any],
        tuned: TunedLayers | None = None,
    ) -> None:
        self.labels = labels
        self.tuned = tuned
        self._features = features
        self._weights = weights
        self.temperature = temperature
        self.threshold = threshold
        self.config = config
        self.embedder_version = embedder_version
        self.normalizer_version = normalizer_version
        self.metrics = metrics
        self._version = self._make_version()

    @property
    def version(self) -> str:
        """``intent-<digest>`` plus the embedder and normaliser it depends on."""
        return self._version

    def _make_version(self) -> str:
        digest = hashlib.sha256()
        digest.update(self._weights.coef.tobytes())
        digest.update(json.dumps(self.labels).encode())
        digest.update(f"{self.temperature:.6f}/{self.threshold:.6f}".encode())
        if self.tuned is not None:
            digest.update(self.tuned.digest.encode())
        return (
            f"{FORMAT}+{digest.hexdigest()[:12]}"
            f";emb={self.embedder_version or 'none'};norm={self.normalizer_version}"
        )

    def scores(self, texts: list[str]) -> np.ndarray:
        """Scores before calibration, shape (len(texts), len(labels)): the SVM's decision
        values, or with tuned layers the combined log-probabilities."""
        if self.tuned is None:
            rows = self._features.transform(texts)
            return np.asarray(rows @ self._weights.coef.T) + self._weights.intercept
        # one pass gives the tuned vectors and the shipped ones the SVM's e5 block reads
        tuned, shipped = self.tuned.read(texts)
        rows = self._features.transform(texts, raw_vectors=shipped)
        linear = np.asarray(rows @ self._weights.coef.T) + self._weights.intercept
        return combine_scores(
            linear,
            self.tuned.scores(tuned),
            svm_temperature=self.config.svm_temperature,
            tuned_weight=self.config.tuned_weight,
        )

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """Calibrated probabilities over ``labels``."""
        return softmax(self.scores(texts), self.temperature)

    def predict(self, texts: list[str]) -> list[IntentPrediction]:
        """One prediction per message, in order."""
        if not texts:
            return []
        probabilities = self.probabilities(texts)
        top = min(self.config.max_alternatives + 1, len(self.labels))
        out: list[IntentPrediction] = []
        for row in probabilities:
            order = np.argsort(-row)[:top]
            best = self.labels[int(order[0])]
            confidence = float(row[order[0]])
            abstain = confidence < self.threshold or best == OUT_OF_SCOPE
            out.append(
                IntentPrediction(
                    label=OUT_OF_SCOPE if abstain else best,
                    confidence=confidence,
                    best_guess=best,
                    alternatives=tuple((self.labels[int(i)], float(row[i])) for i in order[1:]),
                    version=self.version,
                )
            )
        return out

    def save(self) -> bytes:
        """Serialise to bytes (numpy ``.npz``, no pickle) for storage in the client's row."""
        meta, arrays = self._features.state()
        header = {
            "format": FORMAT,
            "labels": self.labels,
            "temperature": self.temperature,
            "threshold": self.threshold,
            "config": self.config.to_dict(),
            "embedder_version": self.embedder_version,
            "normalizer_version": self.normalizer_version,
            "metrics": self.metrics,
            "tuned": self.tuned.meta() if self.tuned is not None else None,
        }
        if self.tuned is not None:
            arrays |= self.tuned.arrays()
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            header=np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8),
            vocabularies=np.frombuffer(vocabulary_bytes(meta), dtype=np.uint8),
            coef=self._weights.coef.astype(np.float16),
            intercept=self._weights.intercept.astype(np.float32),
            **arrays,
        )
        return buffer.getvalue()

    @classmethod
    def load(cls, blob: bytes, *, embedder: Embedder | None = None) -> IntentModel:
        """Rebuild a saved model. ``embedder`` defaults to the process default and must have
        the version the model was trained with, or the same weights run by another engine
        (the model then still reports the version it was trained with: it is stale)."""
        with np.load(io.BytesIO(blob), allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        header = json.loads(arrays.pop("header").tobytes().decode("utf-8"))
        if header.get("format") != FORMAT:
            raise IncompatibleModelError(f"unknown intent model format {header.get('format')!r}")
        config = IntentConfig.from_dict(header["config"])
        wanted = header["embedder_version"]
        if wanted is not None:
            embedder = embedder or default_embedder()
            if embedder.version != wanted and not same_weights(embedder.version, wanted):
                raise IncompatibleModelError(
                    f"model was trained with embedder {wanted!r}, got {embedder.version!r}:"
                    " retrain the client's model"
                )
        tuned = None
        if header.get("tuned"):
            tuned = TunedLayers.from_arrays(header["tuned"], arrays)
        arrays = {k: v for k, v in arrays.items() if not k.startswith(TUNED_PREFIX)}
        features = IntentFeatures(config, default_normalizer(), embedder if wanted else None)
        meta = json.loads(arrays.pop("vocabularies").tobytes().decode("utf-8"))
        features.restore(meta, arrays)
        weights = LinearWeights(
            coef=arrays["coef"].astype(np.float32), intercept=arrays["intercept"].astype(np.float32)
        )
        return cls(
            labels=header["labels"],
            features=features,
            weights=weights,
            temperature=float(header["temperature"]),
            threshold=float(header["threshold"]),
            config=config,
            embedder_version=wanted,
            normalizer_version=header["normalizer_version"],
            metrics=header["metrics"],
            tuned=tuned,
        )
