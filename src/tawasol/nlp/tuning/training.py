"""Fine-tuning e5's top layers on labelled messages (PyTorch, CPU).

The lower layers' states are computed once (`lower_states`). With ``held_out`` rows, a first
network is trained without them and scores them as the product will run it (float16, in
ONNX Runtime): what calibration and the abstain threshold are fitted on. The network kept is
then trained on every row.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from tawasol.nlp.tuning.availability import bundled_weights
from tawasol.nlp.tuning.layers import TunedLayers
from tawasol.nlp.tuning.lower_states import lower_states
from tawasol.nlp.tuning.settings import TuningSettings


@dataclass(frozen=True)
class TuningResult:
    layers: TunedLayers
    held_out_logits: np.ndarray | None  # rows of ``held_out``, from a network that never saw them
    seconds: float


def tune(
    texts: list[str],
    truth: np.ndarray,
    labels: int,
    settings: TuningSettings,
    *,
    held_out: np.ndarray | None = None,
    in_process: bool = False,
) -> TuningResult:
    """Train the top ``settings.layers`` layers and a head over ``labels`` classes.

    Runs in a child process (spawned) unless ``in_process``: PyTorch's memory (a few hundred MB)
    and threads then never stay in the web server or the enrichment worker that asked."""
    if in_process:
        return _tune(texts, truth, labels, settings, held_out)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        meta, arrays, held_logits, seconds = pool.submit(
            _tune_for_parent, texts, np.asarray(truth), labels, settings, held_out
        ).result()
    return TuningResult(TunedLayers.from_arrays(meta, arrays), held_logits, seconds)


def _tune_for_parent(
    texts: list[str],
    truth: np.ndarray,
    labels: int,
    settings: TuningSettings,
    held_out: np.ndarray | None,
) -> tuple[dict, dict[str, np.ndarray], np.ndarray | None, float]:
    result = _tune(texts, truth, labels, settings, held_out)
    return result.layers.meta(), result.layers.arrays(), result.held_out_logits, result.seconds


def _tune(
    texts: list[str],
    truth: np.ndarray,
    labels: int,
    settings: TuningSettings,
    held_out: np.ndarray | None,
) -> TuningResult:
    from tawasol.nlp.tuning.torch_layers import train_network

    started = time.perf_counter()
    weights = bundled_weights()
    first = weights.layers - settings.layers
    states = lower_states(texts, first=first, max_pieces=settings.max_pieces)
    truth = np.asarray(truth)
    held_logits = None
    if held_out is not None and held_out.any() and (~held_out).any():
        fitted = np.nonzero(~held_out)[0]
        network = train_network(
            weights, [states[i] for i in fitted], truth[fitted], labels, settings
        )
        # scored as the product runs it (float16 weights, ONNX Runtime), on every core
        held = _layers(first, network, settings, threads=os.cpu_count() or 1)
        held_logits = held.logits([texts[i] for i in np.nonzero(held_out)[0]])
    network = train_network(weights, states, truth, labels, settings)
    layers = _layers(first, network, settings)
    return TuningResult(layers, held_logits, round(time.perf_counter() - started, 3))


def _layers(first: int, network: object, settings: TuningSettings, threads: int = 1) -> TunedLayers:
    from tawasol.nlp.tuning.torch_layers import exported

    tensors, head_weight, head_bias = exported(network)  # type: ignore[arg-type]
    return TunedLayers(
        first=first,
        tensors=tensors,
        head_weight=head_weight,
        head_bias=head_bias,
        settings=settings,
        threads=threads,
    )
