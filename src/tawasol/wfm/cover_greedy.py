"""Greedy cover: add shifts one at a time where they close the most shortfall.

Each round scores every template at once with numpy: a quarter where heads are missing scores
its understaffing weight, any other quarter a negative ``penalty`` (the surplus the shift would
add); a template's gain is the sum over its span minus, for each of its breaks, the lowest sum
over the break's allowed positions (the break goes where it hurts least). The best template is
added with its breaks and the shortfall updated. Each penalty of the list is used until no
template gains, then the next one: a choosy pass, then a lenient one that closes the last gaps.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tawasol.wfm.coverage import (
    BREAK_KINDS,
    CoverSolution,
    TeamCapacity,
    break_length,
    break_starts,
)
from tawasol.wfm.shifts import ShiftTemplate

DEFAULT_PENALTIES = (0.4, 0.1)


class _Padded:
    """Break positions of every template as a padded matrix, for vectorised scoring."""

    def __init__(self, templates: Sequence[ShiftTemplate], kind: str) -> None:
        width = max((len(break_starts(t, kind)) for t in templates), default=0)
        self.starts = np.zeros((len(templates), max(width, 1)), dtype=np.int64)
        self.valid = np.zeros_like(self.starts, dtype=bool)
        self.length = np.array([break_length(t, kind) for t in templates], dtype=np.int64)
        for row, template in enumerate(templates):
            starts = break_starts(template, kind)
            self.starts[row, : len(starts)] = starts
            self.valid[row, : len(starts)] = True
        self.present = self.valid.any(axis=1)

    def best(self, prefix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per template: the lowest score a break can take away, and where (column)."""
        score = prefix[self.starts + self.length[:, None]] - prefix[self.starts]
        score = np.where(self.valid, score, np.inf)
        column = score.argmin(axis=1)
        lowest = score[np.arange(len(score)), column]
        return np.where(self.present, lowest, 0.0), column


def greedy_cover(
    templates: Sequence[ShiftTemplate],
    shortfall: np.ndarray,
    weights: np.ndarray,
    capacity: TeamCapacity,
    penalties: Sequence[float] = DEFAULT_PENALTIES,
) -> CoverSolution:
    """Shifts (with breaks) added to close ``shortfall`` (heads missing per quarter).

    ``capacity`` is consumed by the shifts added.
    """
    need = np.asarray(shortfall, dtype=float).copy()
    added = CoverSolution(status="feasible")
    if not len(templates):
        return added
    starts = np.array([t.start for t in templates], dtype=np.int64)
    ends = np.array([t.end for t in templates], dtype=np.int64)
    days = np.array([t.day for t in templates], dtype=np.int64)
    padded = {kind: _Padded(templates, kind) for kind in BREAK_KINDS}
    remaining = iter(penalties)
    penalty = next(remaining, None)
    while penalty is not None and capacity.shifts > 0 and (need > 0).any():
        score = np.where(need > 0, weights, -penalty)
        prefix = np.concatenate(([0.0], np.cumsum(score)))
        gain = prefix[ends] - prefix[starts]
        columns = {}
        for kind, pad in padded.items():
            lowest, columns[kind] = pad.best(prefix)
            gain = gain - lowest
        per_day = np.array(capacity.per_day, dtype=np.int64)
        fits = (per_day[days] > 0) & (ends - starts <= min(capacity.quarters, capacity.longest))
        gain = np.where(fits, gain, -np.inf)
        row = int(gain.argmax())
        if not gain[row] > 0:
            penalty = next(remaining, None)
            continue
        template = templates[row]
        need[template.start : template.end] -= 1
        added.takers[template.index] = added.takers.get(template.index, 0) + 1
        for kind, pad in padded.items():
            if not pad.present[row]:
                continue
            column = int(columns[kind][row])
            start = int(pad.starts[row, column])
            need[start : start + int(pad.length[row])] += 1
            counts = added.breaks.setdefault(
                (kind, template.index), [0] * len(break_starts(template, kind))
            )
            counts[column] += 1
        capacity.take(template, 1)
    return added
