"""Moroccan RIB (relevé d'identité bancaire): 24 digits with a two-digit mod-97 key.

Layout: bank code (3), city code (3), account number (16), key (2). Customers write it
unbroken, in the bank's 3-3-16-2 layout or in groups of four; any grouping is accepted as
long as the window holds exactly 24 digits and the key is right.
"""

from __future__ import annotations

from collections.abc import Iterable

from tawasol.nlp.pii.checksums import rib_is_valid
from tawasol.nlp.pii.digit_groups import DigitGroup, windows
from tawasol.nlp.pii.resolve import RANK_RIB, Candidate
from tawasol.nlp.pii.spans import PiiKind

RIB_LENGTH = 24


def find_ribs(runs: Iterable[list[DigitGroup]]) -> list[Candidate]:
    """RIB candidates among digit runs; the normalized form is the 24 bare digits."""
    found: list[Candidate] = []
    for groups in runs:
        index = 0
        while index < len(groups):
            last = _rib_window_from(groups, index)
            if last is None:
                index += 1
                continue
            digits = "".join(group.digits for group in groups[index : last + 1])
            start, end = groups[index].start, groups[last].end
            found.append(Candidate(PiiKind.RIB, start, end, digits, RANK_RIB))
            index = last + 1
    return found


def _rib_window_from(groups: list[DigitGroup], first: int) -> int | None:
    for last, digits in windows(groups, first, min_digits=RIB_LENGTH, max_digits=RIB_LENGTH):
        if rib_is_valid(digits):
            return last
    return None
