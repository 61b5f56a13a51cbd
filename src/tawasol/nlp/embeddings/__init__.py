"""Sentence embeddings: the `Embedder` interface, the bundled e5 model and a hashing fallback."""

from tawasol.nlp.embeddings.cache import CachedEmbedder
from tawasol.nlp.embeddings.default import default_embedder, e5_available
from tawasol.nlp.embeddings.hashing import HashingEmbedder
from tawasol.nlp.embeddings.interface import Embedder, EmbeddingKind
from tawasol.nlp.embeddings.store import StoredEmbedder

__all__ = [
    "CachedEmbedder",
    "Embedder",
    "EmbeddingKind",
    "HashingEmbedder",
    "StoredEmbedder",
    "default_embedder",
    "e5_available",
]
