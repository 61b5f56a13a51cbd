"""A persistent embedding store (SQLite) for evaluations and benchmarks.

Embedding tens of thousands of evaluation texts with e5 on two cores takes many minutes; the
store keeps each vector keyed by (embedder version, kind, text hash) so a rerun pays nothing.
It is a developer tool for datasets we may only *evaluate* on: nothing stored here is shipped.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import numpy as np

from tawasol.nlp.embeddings.interface import Embedder, EmbeddingKind


class StoredEmbedder:
    """Wraps an embedder with an on-disk cache at ``path`` (created if missing)."""

    def __init__(self, inner: Embedder, path: str | Path, *, chunk: int = 256) -> None:
        self._inner = inner
        self._chunk = max(1, chunk)
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=60)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors ("
            " version TEXT, kind TEXT, digest BLOB, vector BLOB,"
            " PRIMARY KEY (version, kind, digest))"
        )
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return self._inner.dimension

    @property
    def version(self) -> str:
        return self._inner.version

    def embed(self, texts: list[str], *, kind: EmbeddingKind) -> np.ndarray:
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        digests = [hashlib.sha1(text.encode("utf-8")).digest() for text in texts]
        found = self._lookup(kind, set(digests))
        missing: dict[bytes, list[int]] = {}
        for row, digest in enumerate(digests):
            if digest in found:
                out[row] = found[digest]
            else:
                missing.setdefault(digest, []).append(row)
        todo = list(missing)
        for start in range(0, len(todo), self._chunk):
            part = todo[start : start + self._chunk]
            vectors = self._inner.embed([texts[missing[d][0]] for d in part], kind=kind)
            for digest, vector in zip(part, vectors, strict=True):
                out[missing[digest]] = vector
            self._save(kind, part, vectors)
        return out

    def _lookup(self, kind: str, digests: set[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        wanted = list(digests)
        with self._lock:
            for start in range(0, len(wanted), 500):
                part = wanted[start : start + 500]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT digest, vector FROM vectors WHERE version = ? AND kind = ?"
                    f" AND digest IN ({marks})",
                    [self.version, kind, *part],
                )
                for digest, blob in rows:
                    found[digest] = np.frombuffer(blob, dtype=np.float32)
        return found

    def _save(self, kind: str, digests: list[bytes], vectors: np.ndarray) -> None:
        rows = [
            (self.version, kind, d, np.asarray(v, dtype=np.float32).tobytes())
            for d, v in zip(digests, vectors, strict=True)
        ]
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)
            self._db.commit()
