"""Evaluating embedders: throughput on this machine and cross-lingual alignment.

`measure_throughput` reports wall-clock texts per second and CPU seconds per text (the latter
is what a dedicated core would sustain, whatever else the machine is running).
`translation_retrieval` embeds parallel sentences (e.g. Darija and its English translation)
and reports how often each source's nearest target is its own translation.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from tawasol.nlp.embeddings.interface import Embedder, EmbeddingKind


@dataclass(frozen=True)
class EmbeddingSpeed:
    texts: int
    texts_per_second: float
    cpu_seconds_per_text: float
    version: str

    def as_dict(self) -> dict[str, float | int | str]:
        return {
            "texts": self.texts,
            "texts_per_second": round(self.texts_per_second, 1),
            "cpu_ms_per_text": round(self.cpu_seconds_per_text * 1000, 1),
            "texts_per_cpu_second": round(1.0 / max(self.cpu_seconds_per_text, 1e-9), 1),
        }


def measure_throughput(
    embedder: Embedder, texts: list[str], *, kind: EmbeddingKind = "query", batch_size: int = 32
) -> EmbeddingSpeed:
    """Embed ``texts`` in batches of ``batch_size`` (use an uncached embedder)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(texts), batch_size):
        embedder.embed(texts[start : start + batch_size], kind=kind)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    n = max(len(texts), 1)
    return EmbeddingSpeed(len(texts), n / max(wall, 1e-9), cpu / n, embedder.version)


def translation_retrieval(embedder: Embedder, sources: list[str], targets: list[str]) -> float:
    """Top-1 accuracy of finding ``targets[i]`` as the nearest target of ``sources[i]``."""
    if len(sources) != len(targets) or not sources:
        raise ValueError("need equally many sources and targets")
    a = embedder.embed(sources, kind="query")
    b = embedder.embed(targets, kind="query")
    return float(np.mean((a @ b.T).argmax(axis=1) == np.arange(len(sources))))
