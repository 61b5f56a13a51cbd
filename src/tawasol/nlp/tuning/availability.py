"""Whether a client's model can be fine-tuned here: PyTorch installed, e5 the embedder."""

from __future__ import annotations

import functools
from importlib import util

from tawasol.nlp.embeddings.e5_weights import E5Weights, load_e5_weights
from tawasol.nlp.embeddings.interface import Embedder, same_weights


def torch_available() -> bool:
    """PyTorch trains the layers; it is an optional dependency (the ``tuning`` extra)."""
    return util.find_spec("torch") is not None


def embedder_is_e5(embedder: Embedder | None) -> bool:
    """True when ``embedder`` runs the bundled e5 weights (the layers tuned are its own)."""
    if embedder is None:
        return False
    from tawasol.nlp.embeddings.e5 import weights_version

    return same_weights(embedder.version, f"{weights_version()}+any")


@functools.cache
def bundled_weights() -> E5Weights:
    """The shipped 4-bit e5 weights (memory-mapped once per process)."""
    from tawasol.nlp.embeddings.e5 import bundled_model_path

    return load_e5_weights(bundled_model_path())
