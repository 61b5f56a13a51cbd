"""Hybrid ranking over passages: BM25 (bm25s) on normalised words, e5 cosine, fused by RRF.

Both sides read the Darija-normalised text (`nlp.normalize`), so "bghit nlghi lcommande" and
"بغيت نلغي الكوموند" are the same query to either ranker. Reciprocal-rank fusion needs no
score calibration between BM25 and cosine, which live on unrelated scales.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import bm25s
import numpy as np

from tawasol.copilot.stopwords import STOPWORDS
from tawasol.nlp.embeddings import Embedder
from tawasol.nlp.normalize import normalize

Mode = Literal["hybrid", "lexical", "dense"]
RRF_K = 60
CANDIDATES = 50
_ARABIC_WORD = re.compile(r"^[\u0600-\u06ff]+$")
_ARTICLE_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")


@dataclass(frozen=True)
class Doc:
    """One passage as the ranker sees it."""

    passage_id: int
    article_id: int
    position: int
    title: str
    language: str
    start: int
    end: int
    text: str
    tags: tuple[str, ...] = ()  # the article's


@dataclass(frozen=True)
class Hit:
    doc: Doc
    score: float
    lexical_rank: int | None
    dense_rank: int | None
    cosine: float


def lexical_tokens(text: str) -> list[str]:
    """Normalised content words plus light stems: Arabic article prefixes, Latin plurals."""
    tokens: list[str] = []
    for word in normalize(text).text.split():
        if word in STOPWORDS:
            continue
        tokens.append(word)
        if _ARABIC_WORD.match(word):
            for prefix in _ARTICLE_PREFIXES:
                if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                    tokens.append(word[len(prefix) :])
                    break
        elif len(word) > 4 and word.endswith("s") and word.isalpha():
            tokens.append(word[:-1])
    return tokens


def query_vector(embedder: Embedder, text: str) -> np.ndarray:
    return embedder.embed([normalize(text).embedding_text], kind="query")[0]


class HybridIndex:
    """An immutable index over one client's published passages."""

    def __init__(self, docs: list[Doc], vectors: np.ndarray, embedder: Embedder) -> None:
        self.docs = docs
        self._vectors = vectors
        self._embedder = embedder
        self._bm25: bm25s.BM25 | None = None
        if docs:
            self._bm25 = bm25s.BM25()
            corpus = [lexical_tokens(f"{doc.title} {doc.text}") or ["∅"] for doc in docs]
            self._bm25.index(corpus, show_progress=False)

    def lexical_ranking(self, query: str) -> list[int]:
        if self._bm25 is None:
            return []
        known = [t for t in lexical_tokens(query) if t in self._bm25.vocab_dict]
        if not known:
            return []
        scores = np.asarray(self._bm25.get_scores(known))
        order = np.argsort(-scores, kind="stable")[:CANDIDATES]
        return [int(i) for i in order if scores[i] > 0]

    def cosines(self, vector: np.ndarray) -> np.ndarray:
        if not self.docs:
            return np.zeros(0, dtype=np.float32)
        return self._vectors @ vector

    def search(self, query: str, *, limit: int = 5, mode: Mode = "hybrid") -> list[Hit]:
        if not self.docs or not query.strip():
            return []
        cosines = self.cosines(query_vector(self._embedder, query))
        dense = [int(i) for i in np.argsort(-cosines, kind="stable")[:CANDIDATES]]
        lexical = self.lexical_ranking(query)
        rankings = {"lexical": lexical, "dense": dense}
        used = [rankings[mode]] if mode != "hybrid" else [lexical, dense]
        fused: dict[int, float] = {}
        for ranking in used:
            for rank, index in enumerate(ranking, start=1):
                fused[index] = fused.get(index, 0.0) + 1.0 / (RRF_K + rank)
        lexical_rank = {index: rank for rank, index in enumerate(lexical, start=1)}
        dense_rank = {index: rank for rank, index in enumerate(dense, start=1)}
        best = sorted(fused, key=lambda i: (-fused[i], i))[:limit]
        return [
            Hit(self.docs[i], fused[i], lexical_rank.get(i), dense_rank.get(i), float(cosines[i]))
            for i in best
        ]
