"""Token-level language segmentation of code-switched text (Darija mixed with French, ...).

A Viterbi pass over the tokens picks one language per token, maximising the tokens' own
evidence minus a fixed cost for every switch. The cost keeps a French sentence with one
borrowed word from being cut into pieces, while real switches ("bonjour, bghit nchanger mon
forfait 3afak") survive because both sides carry several words of evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_SWITCH_COST = 8.0


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of consecutive tokens (by index, end exclusive) assigned one label."""

    label: str
    start: int
    end: int


def viterbi_labels(
    token_scores: Sequence[Sequence[float]],
    labels: Sequence[str],
    switch_cost: float = DEFAULT_SWITCH_COST,
    bias: Sequence[float] | None = None,
) -> list[str]:
    """Best label per token: evidence per label (plus `bias`) minus `switch_cost` per switch."""
    if not token_scores:
        return []
    offsets = bias if bias is not None else [0.0] * len(labels)
    best = [score + offset for score, offset in zip(token_scores[0], offsets, strict=True)]
    back: list[list[int]] = []
    for scores in token_scores[1:]:
        leader = max(range(len(labels)), key=best.__getitem__)
        pointers: list[int] = []
        updated: list[float] = []
        for state, (score, offset) in enumerate(zip(scores, offsets, strict=True)):
            switch = best[leader] - switch_cost
            previous = state if best[state] >= switch else leader
            pointers.append(previous)
            updated.append(max(best[state], switch) + score + offset)
        back.append(pointers)
        best = updated
    state = max(range(len(labels)), key=best.__getitem__)
    path = [state]
    for pointers in reversed(back):
        state = pointers[state]
        path.append(state)
    return [labels[index] for index in reversed(path)]


def segments_of(labels: Sequence[str]) -> list[Segment]:
    """Group consecutive equal labels into segments."""
    segments: list[Segment] = []
    start = 0
    for index in range(1, len(labels) + 1):
        if index == len(labels) or labels[index] != labels[start]:
            segments.append(Segment(label=labels[start], start=start, end=index))
            start = index
    return segments
