"""A linear Darija-vs-Arabic classifier over words, word pairs and affixes.

The naive Bayes model and the hand-written markers of `darija_model` recognise chat Darija
well, but written Darija in a formal register (NLLB-Seed, news, encyclopedic text) borrows most
of its vocabulary from MSA and carries only a few Moroccan words per sentence. A logistic
regression over many weak features (whole words, word pairs and the affixes of each word)
learns those spread-out cues. Its weights are trained offline by `train_arabic_linear` on
openly licensed text (see `data/ATTRIBUTION.md`) and shipped as `data/arabic_linear.json.gz`;
nothing is downloaded at run time.

`score(norms)` is the raw logit (positive: Darija); `darija_model` fuses it with the marker
evidence through a calibration fitted on validation data.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

WEIGHTS_FILE = "arabic_linear.json.gz"
FORMAT = "tawasol-arabic-linear/1"


def text_features(norms: Sequence[str]) -> set[str]:
    """Distinct features of normalised Arabic-script tokens: words, word pairs and affixes.

    Only the first and last one to three letters of each word are used, not its inner
    n-grams: Darija and MSA differ in clitics and affixes (ك-/غ- verb prefixes, -و plurals
    and possessives, -ش negation), while inner n-grams mostly learn the topics of the sources.
    """
    features: set[str] = set()
    previous = "<s>"
    for norm in norms:
        features.add("w:" + norm)
        features.add(f"b:{previous} {norm}")
        padded = f" {norm} "
        for length in (2, 3, 4):
            features.add(padded[:length])
            features.add(padded[-length:])
        previous = norm
    return features


@dataclass(frozen=True, slots=True)
class FusionWeights:
    """Calibration of the Darija decision: logit = linear·x + markers·y + bias."""

    linear: float
    markers: float
    bias: float

    def probability(self, linear_score: float, marker_score: float) -> float:
        logit = self.linear * linear_score + self.markers * marker_score + self.bias
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit))))


@dataclass(frozen=True, slots=True)
class ArabicLinearModel:
    """Feature weights (binary features, L2-normalised per text) and the fusion calibration."""

    weights: dict[str, float]
    intercept: float
    fusion: FusionWeights
    fingerprint: str
    trained_on: frozenset[str] = frozenset()
    """Digests (`text_digest`) of the third-party texts used to train or calibrate the model."""

    def was_trained_on(self, text: str) -> bool:
        """Whether training or calibration used the text (so evaluations must leave it out)."""
        return text_digest(text) in self.trained_on

    def score(self, norms: Sequence[str]) -> float:
        """Logit of Darija against other Arabic for the tokens (0 without any token)."""
        if not norms:
            return 0.0
        features = text_features(norms)
        total = sum(self.weights.get(feature, 0.0) for feature in features)
        return total / math.sqrt(len(features)) + self.intercept

    def as_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "intercept": self.intercept,
            "fusion": {
                "linear": self.fusion.linear,
                "markers": self.fusion.markers,
                "bias": self.fusion.bias,
            },
            "weights": self.weights,
        }


def text_digest(text: str) -> str:
    """Short, stable digest of a text, used to list training texts without shipping them."""
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:12]


def model_from_json(payload: dict, fingerprint: str) -> ArabicLinearModel:
    if payload.get("format") != FORMAT:
        raise ValueError(f"unknown Arabic linear model format {payload.get('format')!r}")
    fusion = payload["fusion"]
    return ArabicLinearModel(
        weights={str(k): float(v) for k, v in payload["weights"].items()},
        intercept=float(payload["intercept"]),
        fusion=FusionWeights(
            float(fusion["linear"]), float(fusion["markers"]), float(fusion["bias"])
        ),
        fingerprint=fingerprint,
        trained_on=frozenset(payload.get("trained_on", ())),
    )


@lru_cache(maxsize=1)
def load_arabic_linear() -> ArabicLinearModel:
    """The shipped model, read once per process."""
    raw = resources.files("tawasol.nlp.language").joinpath("data", WEIGHTS_FILE).read_bytes()
    fingerprint = hashlib.sha256(raw).hexdigest()[:12]
    return model_from_json(json.loads(gzip.decompress(raw).decode("utf-8")), fingerprint)
