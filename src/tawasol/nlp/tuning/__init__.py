"""Fine-tuning the top layers of the bundled e5 on a client's own labels.

Training needs PyTorch (the optional ``tuning`` extra, CPU build); the tuned layers then run in
ONNX Runtime like the shipped ones, so enrichment never imports PyTorch. Used by the intent
model when a client has enough labelled messages (`nlp/intent/tuned_training.py`).
"""

from tawasol.nlp.tuning.availability import bundled_weights, embedder_is_e5, torch_available
from tawasol.nlp.tuning.layers import TunedLayers
from tawasol.nlp.tuning.settings import TuningSettings
from tawasol.nlp.tuning.training import TuningResult, tune

__all__ = [
    "TunedLayers",
    "TuningResult",
    "TuningSettings",
    "bundled_weights",
    "embedder_is_e5",
    "torch_available",
    "tune",
]
