"""Training e5's top layers and a linear head with PyTorch (imported only here).

The layers are float copies of the shipped 4-bit ones (dequantised), the same post-LayerNorm
BERT blocks as `e5_graph` runs: fused q/k/v, scaled dot-product attention with an additive
padding bias, GELU (erf) feed-forward. The sentence vector is the mean of the token states
(sentence markers included, as `E5Encoder` pools), L2-normalised and scaled; cross-entropy with
label smoothing; AdamW, separate rates for the layers and the head, linear warm-up and decay.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import torch
from torch import nn
from torch.nn import functional

from tawasol.nlp.embeddings.e5_weights import E5Weights, dequantise
from tawasol.nlp.tuning.settings import TuningSettings

_MATRICES = ("q", "k", "v", "ao", "fi", "fo")
_PADDING = -1e9


def shipped_tensors(weights: E5Weights, layer: int) -> dict[str, np.ndarray]:
    """Float32 copies of one shipped layer, named as in the model file (``l11.q.w``…)."""
    h, ff = weights.hidden, weights.feed_forward
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
    out: dict[str, np.ndarray] = {}
    for name, (rows, cols) in shapes.items():
        key = f"l{layer}.{name}"
        out[f"{key}.w"] = dequantise(weights.blocks(f"{key}.w", rows, cols)).reshape(rows, cols)
        out[f"{key}.b"] = weights.f32(f"{key}.b")
    for norm in ("aln", "oln"):
        out[f"l{layer}.{norm}.w"] = weights.f32(f"l{layer}.{norm}.w")
        out[f"l{layer}.{norm}.b"] = weights.f32(f"l{layer}.{norm}.b")
    return out


class _Block(nn.Module):
    def __init__(self, weights: E5Weights, layer: int, dropout: float) -> None:
        super().__init__()
        self.index, self.heads = layer, weights.heads
        h, ff, eps = weights.hidden, weights.feed_forward, weights.eps
        self.qkv, self.ao = nn.Linear(h, 3 * h), nn.Linear(h, h)
        self.fi, self.fo = nn.Linear(h, ff), nn.Linear(ff, h)
        self.aln, self.oln = nn.LayerNorm(h, eps=eps), nn.LayerNorm(h, eps=eps)
        self.dropout = dropout
        shipped = shipped_tensors(weights, layer)
        t = {key: torch.from_numpy(np.ascontiguousarray(value)) for key, value in shipped.items()}
        p = f"l{layer}."
        with torch.no_grad():
            self.qkv.weight.copy_(torch.cat([t[p + "q.w"], t[p + "k.w"], t[p + "v.w"]]))
            self.qkv.bias.copy_(torch.cat([t[p + "q.b"], t[p + "k.b"], t[p + "v.b"]]))
            for name in ("ao", "fi", "fo", "aln", "oln"):
                getattr(self, name).weight.copy_(t[f"{p}{name}.w"])
                getattr(self, name).bias.copy_(t[f"{p}{name}.b"])

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape
        qkv = self.qkv(x).view(batch, length, 3, self.heads, hidden // self.heads)
        q, k, v = qkv.permute(2, 0, 3, 1, 4)
        drop = self.dropout if self.training else 0.0
        context = functional.scaled_dot_product_attention(q, k, v, attn_mask=bias, dropout_p=drop)
        context = context.transpose(1, 2).reshape(batch, length, hidden)
        x = self.aln(x + functional.dropout(self.ao(context), drop, self.training))
        inner = functional.gelu(self.fi(x))
        return self.oln(x + functional.dropout(self.fo(inner), drop, self.training))

    def tensors(self) -> dict[str, np.ndarray]:
        p, h = f"l{self.index}.", self.qkv.out_features // 3
        w = self.qkv.weight.detach().numpy()
        b = self.qkv.bias.detach().numpy()
        out = {p + "q.w": w[:h], p + "k.w": w[h : 2 * h], p + "v.w": w[2 * h :]}
        out |= {p + "q.b": b[:h], p + "k.b": b[h : 2 * h], p + "v.b": b[2 * h :]}
        for name in ("ao", "fi", "fo", "aln", "oln"):
            out[f"{p}{name}.w"] = getattr(self, name).weight.detach().numpy()
            out[f"{p}{name}.b"] = getattr(self, name).bias.detach().numpy()
        return {key: np.array(value, dtype=np.float32) for key, value in out.items()}


class TunedNetwork(nn.Module):
    """The top ``settings.layers`` blocks of e5 and a linear head over ``labels`` classes."""

    def __init__(self, weights: E5Weights, labels: int, settings: TuningSettings) -> None:
        super().__init__()
        self.first = weights.layers - settings.layers
        self.scale = settings.scale
        self.blocks = nn.ModuleList(
            _Block(weights, layer, settings.dropout) for layer in range(self.first, weights.layers)
        )
        self.head = nn.Linear(weights.hidden, labels)

    def forward(self, states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        bias = torch.where(mask, 0.0, _PADDING)[:, None, None, :].to(states.dtype)
        x = states
        for block in self.blocks:
            x = block(x, bias)
        weights = mask.to(x.dtype)[..., None]
        pooled = (x * weights).sum(dim=1) / weights.sum(dim=1)
        return self.head(functional.normalize(pooled, dim=-1) * self.scale)


def _padded(states: list[np.ndarray], rows: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    longest = max(len(states[row]) for row in rows)
    hidden = states[rows[0]].shape[1]
    x = np.zeros((len(rows), longest, hidden), dtype=np.float32)
    mask = np.zeros((len(rows), longest), dtype=bool)
    for at, row in enumerate(rows):
        x[at, : len(states[row])] = states[row]
        mask[at, : len(states[row])] = True
    return torch.from_numpy(x), torch.from_numpy(mask)


def _batches(lengths: np.ndarray, size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Random batches of similar length (shuffled, sorted within chunks of 50 batches)."""
    order = rng.permutation(len(lengths))
    chunk = size * 50
    batches: list[np.ndarray] = []
    for start in range(0, len(order), chunk):
        part = order[start : start + chunk]
        part = part[np.argsort(lengths[part], kind="stable")]
        batches += [part[i : i + size] for i in range(0, len(part), size)]
    rng.shuffle(batches)
    return batches


def train_network(
    weights: E5Weights,
    states: list[np.ndarray],
    truth: np.ndarray,
    labels: int,
    settings: TuningSettings,
    *,
    progress: Callable[[float], None] | None = None,
) -> TunedNetwork:
    """Fit the top layers and the head on ``states`` (from `lower_states`) and ``truth``."""
    torch.manual_seed(settings.seed)
    rng = np.random.default_rng(settings.seed)
    network = TunedNetwork(weights, labels, settings)
    layer_params = [p for p in network.blocks.parameters()]
    optimiser = torch.optim.AdamW(
        [
            {"params": layer_params, "lr": settings.layer_rate},
            {"params": list(network.head.parameters()), "lr": settings.head_rate},
        ],
        weight_decay=settings.weight_decay,
    )
    lengths = np.array([len(s) for s in states])
    steps = settings.epochs * math.ceil(len(states) / settings.batch_size)
    warmup = max(1, int(steps * settings.warmup))

    def rate(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        if not settings.decay:
            return 1.0
        return max(0.0, (steps - step) / max(1, steps - warmup))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, rate)
    target = torch.from_numpy(np.asarray(truth, dtype=np.int64))
    network.train()
    done = 0
    for _ in range(settings.epochs):
        for rows in _batches(lengths, settings.batch_size, rng):
            x, mask = _padded(states, rows)
            loss = functional.cross_entropy(
                network(x, mask), target[rows], label_smoothing=settings.label_smoothing
            )
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            schedule.step()
            done += 1
            if progress is not None:
                progress(done / steps)
    network.eval()
    return network


def network_logits(network: TunedNetwork, states: list[np.ndarray], batch: int = 64) -> np.ndarray:
    """Head scores of ``states`` (no dropout), shape ``(len(states), labels)``."""
    lengths = np.array([len(s) for s in states])
    order = np.argsort(lengths, kind="stable")
    out = np.zeros((len(states), network.head.out_features), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(order), batch):
            rows = order[start : start + batch]
            x, mask = _padded(states, rows)
            out[rows] = network(x, mask).numpy()
    return out


def exported(network: TunedNetwork) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """The tuned layers' tensors (file names), the head's weight and bias (float32)."""
    tensors: dict[str, np.ndarray] = {}
    for block in network.blocks:
        tensors |= block.tensors()
    head = network.head
    return (
        tensors,
        np.array(head.weight.detach().numpy(), dtype=np.float32),
        np.array(head.bias.detach().numpy(), dtype=np.float32),
    )
