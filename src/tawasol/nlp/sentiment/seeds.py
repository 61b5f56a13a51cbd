"""The hand-written seed sentences and their embeddings (the prototypes).

Embedding ~300 seeds takes a while on two cores, so their vectors for the default embedder
ship precomputed in `data/seed_vectors.json` (float16, base64). They are used only when the
embedder version, the seeds' digest and the normaliser version all match; otherwise the
seeds are embedded again at first use. Rebuild after editing the seeds or the normaliser's
lexicon: ``python -m tawasol.nlp.sentiment.seeds``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from tawasol.nlp.embeddings import Embedder, default_embedder
from tawasol.nlp.embeddings.views import embed_two_views
from tawasol.nlp.normalize import DarijaNormalizer, normalize

_PACKAGE = "tawasol.nlp.sentiment"


@lru_cache(maxsize=1)
def _seed_file() -> tuple[dict, str]:
    raw = resources.files(_PACKAGE).joinpath("data/seed_sentences.json").read_bytes()
    return json.loads(raw), hashlib.sha256(raw).hexdigest()[:12]


def seed_examples(task: str) -> list[tuple[str, str]]:
    """``(text, label)`` seeds of ``task`` ("sentiment" or "offensive")."""
    data, _ = _seed_file()
    return [(text, label) for label, texts in data[task].items() for text in texts]


def seeds_digest() -> str:
    return _seed_file()[1]


def embed_messages(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Two-view embedding of messages, as every sentiment/offensive model reads them."""
    return embed_two_views(embedder, texts, [normalize(t).embedding_text for t in texts])


def seed_vectors(task: str, embedder: Embedder) -> np.ndarray:
    """Vectors of `seed_examples(task)`, from the shipped file when it matches."""
    shipped = _shipped_vectors()
    entry = shipped.get(task)
    if (
        entry
        and shipped.get("embedder_version") == embedder.version
        and shipped.get("seeds_digest") == seeds_digest()
        and shipped.get("normalizer_version") == DarijaNormalizer().version
    ):
        raw = base64.b64decode(entry)
        return (
            np.frombuffer(raw, dtype=np.float16).astype(np.float32).reshape(-1, embedder.dimension)
        )
    return embed_messages(embedder, [text for text, _ in seed_examples(task)])


@lru_cache(maxsize=1)
def _shipped_vectors() -> dict:
    path = resources.files(_PACKAGE).joinpath("data/seed_vectors.json")
    if not path.is_file():
        return {}
    return json.loads(path.read_bytes())


def rebuild_seed_vectors(embedder: Embedder | None = None) -> Path:
    """Embed all seeds with ``embedder`` (default embedder) and write the shipped file."""
    embedder = embedder or default_embedder()
    out: dict[str, str] = {
        "embedder_version": embedder.version,
        "seeds_digest": seeds_digest(),
        "normalizer_version": DarijaNormalizer().version,
    }
    for task in ("sentiment", "offensive"):
        vectors = embed_messages(embedder, [text for text, _ in seed_examples(task)])
        out[task] = base64.b64encode(vectors.astype(np.float16).tobytes()).decode("ascii")
    target = Path(str(resources.files(_PACKAGE).joinpath("data/seed_vectors.json")))
    target.write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")
    _shipped_vectors.cache_clear()
    return target


if __name__ == "__main__":
    print(rebuild_seed_vectors())
