"""Candidate detections and the deterministic rule that settles overlaps between them.

Each detector proposes :class:`Candidate` objects carrying a rank: the lower the rank, the
more specific and better validated the detection (an IBAN that passed mod-97 outranks a phone
number found inside it; an ID tied to a context word outranks one matched on shape alone).
Overlaps are settled by rank, then by length (longer wins), then by position (earlier wins).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from tawasol.nlp.pii.spans import PiiKind

RANK_EMAIL: Final = 10
RANK_IBAN: Final = 20
RANK_RIB: Final = 30
RANK_CARD: Final = 40
RANK_PHONE: Final = 50
RANK_ID_WITH_CUE: Final = 60
RANK_ID_BY_SHAPE: Final = 70
RANK_DOB: Final = 80


@dataclass(frozen=True, slots=True)
class Candidate:
    """A detection proposed by one detector, before overlaps are settled."""

    kind: PiiKind
    start: int
    end: int
    normalized: str
    rank: int


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep a non-overlapping subset of ``candidates``, sorted by start offset."""
    ordered = sorted(candidates, key=lambda c: (c.rank, c.start - c.end, c.start, c.kind))
    kept: list[Candidate] = []
    for candidate in ordered:
        if all(candidate.end <= other.start or other.end <= candidate.start for other in kept):
            kept.append(candidate)
    kept.sort(key=lambda c: c.start)
    return kept
