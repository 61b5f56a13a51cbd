"""Features of a message for intent classification.

Three blocks, each of unit norm per message, side by side in one sparse row:

1. character n-gram TF-IDF (word-bounded) over the normalised matching form: robust to typos,
   Arabizi spelling variants and inflection;
2. word n-gram TF-IDF over the same form;
3. the sentence embedding (mean of the raw message's and the normalised message's vectors,
   re-normalised), scaled by ``embedding_weight``: meaning across languages and scripts.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
from scipy import sparse
from sklearn import config_context
from sklearn.feature_extraction.text import TfidfVectorizer

from tawasol.nlp.embeddings.interface import Embedder
from tawasol.nlp.embeddings.views import embed_two_views
from tawasol.nlp.intent.config import IntentConfig
from tawasol.nlp.normalize import DarijaNormalizer, NormalizedText

_WORD_PATTERN = r"(?u)\b\w+\b"


class IntentFeatures:
    """Fits the TF-IDF vocabularies on a client's examples and turns messages into rows."""

    def __init__(
        self,
        config: IntentConfig,
        normalizer: DarijaNormalizer,
        embedder: Embedder | None,
    ) -> None:
        self._config = config
        self.embedding_weight = config.embedding_weight
        self._normalizer = normalizer
        self._embedder = embedder if config.embedding_weight > 0 else None
        self._char = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=config.char_ngrams,
            min_df=config.min_df,
            sublinear_tf=True,
            dtype=np.float32,
        )
        self._word = TfidfVectorizer(
            analyzer="word",
            ngram_range=config.word_ngrams,
            token_pattern=_WORD_PATTERN,
            sublinear_tf=True,
            dtype=np.float32,
        )

    @property
    def embedder(self) -> Embedder | None:
        return self._embedder

    def fit_transform(self, texts: list[str]) -> sparse.csr_matrix:
        normalised = self._normalizer.normalize_many(texts)
        matching = [n.text for n in normalised]
        char_block = self._char.fit_transform(matching)
        word_block = self._word.fit_transform(matching)
        return self._stack(char_block, word_block, texts, normalised)

    def transform(
        self, texts: list[str], *, raw_vectors: np.ndarray | None = None
    ) -> sparse.csr_matrix:
        """Rows of ``texts``; ``raw_vectors``: their raw view's e5 vectors, when known."""
        normalised = self._normalizer.normalize_many(texts)
        matching = [n.text for n in normalised]
        # The vectorisers are ours and fitted, their input a list of strings: scikit-learn's
        # per-call parameter and input checks cost more than the transform of a short message.
        with config_context(assume_finite=True, skip_parameter_validation=True):
            char_block = self._char.transform(matching)
            word_block = self._word.transform(matching)
        return self._stack(char_block, word_block, texts, normalised, raw_vectors)

    def embed(
        self,
        texts: list[str],
        normalised: list[NormalizedText],
        raw_vectors: np.ndarray | None = None,
    ) -> np.ndarray:
        """Mean of raw and normalised views (identical views cost one embedding)."""
        assert self._embedder is not None
        views = [n.embedding_text for n in normalised]
        return embed_two_views(self._embedder, texts, views, raw_vectors=raw_vectors)

    def _stack(
        self,
        char_block: sparse.spmatrix,
        word_block: sparse.spmatrix,
        texts: list[str],
        normalised: list[NormalizedText],
        raw_vectors: np.ndarray | None = None,
    ) -> sparse.csr_matrix:
        blocks = [char_block, word_block]
        if self._embedder is not None:
            dense = self.embed(texts, normalised, raw_vectors) * self.embedding_weight
            blocks.append(sparse.csr_matrix(dense.astype(np.float32)))
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    def reweight(self, matrix: sparse.csr_matrix, weight: float) -> sparse.csr_matrix:
        """``matrix`` (built with the current weight) with the embedding block scaled to
        ``weight``; the features use ``weight`` from now on."""
        if self._embedder is None or weight == self.embedding_weight:
            return matrix
        scale = np.ones(matrix.shape[1], dtype=np.float32)
        scale[-self._embedder.dimension :] = weight / self.embedding_weight
        self.embedding_weight = weight
        return (matrix @ sparse.diags(scale)).tocsr()

    def state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """JSON-able metadata and arrays that rebuild the fitted vectorisers."""
        meta = {
            "char_vocabulary": _ordered_vocabulary(self._char.vocabulary_),
            "word_vocabulary": _ordered_vocabulary(self._word.vocabulary_),
        }
        arrays = {
            "char_idf": self._char.idf_.astype(np.float32),
            "word_idf": self._word.idf_.astype(np.float32),
        }
        return meta, arrays

    def restore(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        """Inverse of `state`."""
        for vectoriser, name in ((self._char, "char"), (self._word, "word")):
            terms = meta[f"{name}_vocabulary"]
            vectoriser.vocabulary_ = {term: index for index, term in enumerate(terms)}
            vectoriser.idf_ = arrays[f"{name}_idf"].astype(np.float64)


def _ordered_vocabulary(vocabulary: dict[str, int]) -> list[str]:
    terms = [""] * len(vocabulary)
    for term, index in vocabulary.items():
        terms[index] = term
    return terms


def vocabulary_bytes(meta: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON of the vocabularies (stored next to the arrays)."""
    return json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
