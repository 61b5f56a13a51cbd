"""E-mail addresses (ASCII local part and domain, dotted domain with an alphabetic TLD)."""

from __future__ import annotations

import re

from tawasol.nlp.pii.resolve import RANK_EMAIL, Candidate
from tawasol.nlp.pii.spans import PiiKind

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])"
    r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,63})"
    rf"@(?:{_LABEL}\.)+[A-Za-z]{{2,24}}"
    r"(?![A-Za-z0-9\-]|\.[A-Za-z0-9])"
)


_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_LOCAL_MAX = 64


def find_emails(folded: str) -> list[Candidate]:
    """E-mail candidates; the normalized form is lower-case.

    The pattern is tried only where the local part of an address before an ``@`` can start,
    instead of at every position of the text.
    """
    found: list[Candidate] = []
    at = folded.find("@")
    while at != -1:
        match = _EMAIL.match(folded, _local_part_start(folded, at))
        if match is not None and match.start() < at < match.end():
            found.append(
                Candidate(
                    PiiKind.EMAIL, match.start(), match.end(), match.group().lower(), RANK_EMAIL
                )
            )
            at = folded.find("@", match.end())
        else:
            at = folded.find("@", at + 1)
    return found


def _local_part_start(folded: str, at: int) -> int:
    start = at
    while start > 0 and at - start < _LOCAL_MAX and folded[start - 1] in _LOCAL_CHARS:
        start -= 1
    while start < at and not folded[start].isalnum():
        start += 1  # the local part starts with a letter or digit
    return start
