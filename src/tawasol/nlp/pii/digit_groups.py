"""Runs of digit groups, the raw material of card numbers and RIBs.

A run is a maximal sequence of ASCII digit groups separated by single spaces or dashes
(``4970 1012 3456 7899``, ``011-780-0000123456789012-34``). Runs glued to letters (``REF4970...``,
``1Z999AA...``) are skipped: those are references, not account numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# A group is followed by a separator or by something that is neither a letter nor a decimal
# part, so "4970 1012 3456 7899 3afak" (Arabizi right after the number) ends at "7899".
_GROUP_END = r"(?![0-9A-Za-z_]|[.,][0-9])"
# The first digit is matched before the lookbehinds that check what precedes the run: a
# pattern starting with a character class lets the regex engine skip ahead to digits.
_RUN = re.compile(
    r"[0-9](?<![0-9A-Za-z_].)(?<![0-9A-Za-z][\-./].)"
    rf"[0-9]*{_GROUP_END}(?:[ \u00a0\u2009\u202f\-][0-9]+{_GROUP_END})*+"
)
_GROUP = re.compile(r"[0-9]+")


class DigitGroup(NamedTuple):
    """One group of a run: its offsets and its digits (a tuple: created in hot loops)."""

    start: int
    end: int
    digits: str


def digit_runs(folded: str, *, min_digits: int) -> list[list[DigitGroup]]:
    """Runs holding at least ``min_digits`` digits, each as its list of groups."""
    runs: list[list[DigitGroup]] = []
    for run in _RUN.finditer(folded):
        if run.end() - run.start() < min_digits:
            continue
        groups = [
            DigitGroup(run.start() + g.start(), run.start() + g.end(), g.group())
            for g in _GROUP.finditer(run.group())
        ]
        if sum(len(group.digits) for group in groups) >= min_digits:
            runs.append(groups)
    return runs


def windows(
    groups: list[DigitGroup], first: int, *, min_digits: int, max_digits: int
) -> Iterator[tuple[int, str]]:
    """Windows ``groups[first..last]`` holding ``min_digits..max_digits`` digits, longest first.

    Yields ``(last, digits)`` where ``digits`` is the concatenation of the window's groups.
    """
    ends: list[tuple[int, int]] = []  # (last, digits up to it)
    total = 0
    for last in range(first, len(groups)):
        total += len(groups[last].digits)
        if total > max_digits:
            break
        if total >= min_digits:
            ends.append((last, total))
    if not ends:
        return
    joined = "".join(group.digits for group in groups[first : ends[-1][0] + 1])
    for last, length in reversed(ends):
        yield last, joined[:length]
