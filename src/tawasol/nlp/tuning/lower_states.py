"""The token states of e5's lower (untouched) layers, computed once before tuning.

The tuned layers start from the output of layer ``first - 1``; those states do not change
while training, so every message goes through the 4-bit lower layers once (ONNX Runtime,
batched by length) and its states are kept as float16 (≈0.75 KB per piece).
"""

from __future__ import annotations

import os

import numpy as np

from tawasol.nlp.tuning.layers import lower_encoder


def lower_states(
    texts: list[str], *, first: int, max_pieces: int, batch_tokens: int = 4096
) -> list[np.ndarray]:
    """``(pieces, hidden)`` float16 states of every text after layer ``first - 1`` (the
    ``query:`` prefix and sentence markers included, at most ``max_pieces`` pieces), by the
    process-wide lower layers on every core (scoring held-out rows then reuses them)."""
    encoder = lower_encoder(first, os.cpu_count() or 1)
    eos = encoder.tokenizer.eos
    sequences = [encoder.sequence(text, is_query=True) for text in texts]
    sequences = [s if len(s) <= max_pieces else [*s[: max_pieces - 1], eos] for s in sequences]
    order = sorted(range(len(texts)), key=lambda index: len(sequences[index]))
    out: list[np.ndarray] = [np.empty(0)] * len(texts)
    at = 0
    while at < len(order):
        size = len(sequences[order[at]])
        group = order[at : at + max(1, batch_tokens // size)]
        group = [index for index in group if len(sequences[index]) <= size * 1.25 + 4]
        states, mask = encoder.token_states([sequences[index] for index in group])
        for row, index in enumerate(group):
            out[index] = states[0, row, : int(mask[row].sum())].astype(np.float16)
        at += len(group)
    return out
