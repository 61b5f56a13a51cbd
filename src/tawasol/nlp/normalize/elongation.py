"""Squash expressive letter repetition: "bzzzaf" → "bzaf", "merciiii" → "merci", "بزااااف" → "بزاف".

Three or more identical letters in a row become one. Two are kept: doubled letters are
ordinary spelling in French and English and mark gemination in Arabizi ("bzzaf"). Digits are
never squashed (phone and order numbers).
"""

from __future__ import annotations

import re

_RUN = re.compile(r"([^\W\d_])\1{2,}")
_PAIR = re.compile(r"([^\W\d_])\1+")


def squash_elongation(text: str) -> str:
    """Collapse runs of 3+ identical letters to one letter."""
    return _RUN.sub(r"\1", text)


def collapse_doubles(word: str) -> str:
    """Collapse every run of identical letters to one (used for lookup keys only)."""
    return _PAIR.sub(r"\1", word)
