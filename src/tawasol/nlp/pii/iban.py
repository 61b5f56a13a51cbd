"""International Bank Account Numbers: known country length and ISO 7064 mod 97-10 check.

IBANs are accepted unbroken or with single spaces or dashes anywhere (customers mostly use
groups of four, but also copy the national layout, e.g. ``MA64 011 780 ...``). The span ends
exactly after the country's number of characters, so a word following the IBAN is never
swallowed.
"""

from __future__ import annotations

import re

from tawasol.nlp.pii.checksums import iban_is_valid
from tawasol.nlp.pii.iban_registry import IBAN_LENGTHS
from tawasol.nlp.pii.resolve import RANK_IBAN, Candidate
from tawasol.nlp.pii.spans import PiiKind

# The match starts at the first check digit (a digit class lets the regex engine skip ahead);
# the lookbehinds require the two country letters before it, with no letter or digit before
# them. The candidate therefore begins two characters before the match.
_CANDIDATE = re.compile(
    r"[0-9](?<=[A-Za-z]{2}[0-9])(?<![A-Za-z0-9][A-Za-z]{2}[0-9])[0-9]"
    r"(?:[ \u00a0\u2009\u202f\-]?[A-Za-z0-9]){11,30}",
)
_SEPARATORS = re.compile(r"[ \u00a0\u2009\u202f\-]")


def find_ibans(folded: str) -> list[Candidate]:
    """IBAN candidates; the normalized form is upper-case without separators."""
    found: list[Candidate] = []
    position = 0
    while (match := _CANDIDATE.search(folded, position)) is not None:
        candidate = _validated(folded, match)
        if candidate is None:
            position = match.start() + 1
            continue
        found.append(candidate)
        position = candidate.end
    return found


def _validated(folded: str, match: re.Match[str]) -> Candidate | None:
    start = match.start() - 2  # the country letters
    length = IBAN_LENGTHS.get(folded[start : start + 2].upper())
    if length is None:
        return None
    end = _end_after(folded, start, match.end(), length)
    if end is None or (end < len(folded) and _is_ascii_alnum(folded[end])):
        return None
    compact = _SEPARATORS.sub("", folded[start:end]).upper()
    if not iban_is_valid(compact):
        return None
    return Candidate(PiiKind.IBAN, start, end, compact, RANK_IBAN)


def _end_after(folded: str, start: int, limit: int, length: int) -> int | None:
    """Offset just after the ``length``-th alphanumeric character from ``start``."""
    seen = 0
    for offset in range(start, limit):
        if _is_ascii_alnum(folded[offset]):
            seen += 1
            if seen == length:
                return offset + 1
    return None


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()
