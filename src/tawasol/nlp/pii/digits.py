"""Digit folding: Eastern Arabic and Persian digits become ASCII, one character for one.

Detectors run on the folded text; since every character maps to exactly one character,
offsets found there are valid in the original text.
"""

from __future__ import annotations

import re

_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"  # U+0660..U+0669
_PERSIAN = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0..U+06F9
_ASCII = "0123456789"

_FOLD_TABLE = str.maketrans(_ARABIC_INDIC + _PERSIAN, _ASCII + _ASCII)
_NON_ASCII_DIGIT = re.compile(f"[{_ARABIC_INDIC}{_PERSIAN}]")


def fold_digits(text: str) -> str:
    """Return ``text`` with Eastern Arabic and Persian digits replaced by ASCII digits.

    The result always has the same length as ``text``.
    """
    if _NON_ASCII_DIGIT.search(text) is None:
        return text
    return text.translate(_FOLD_TABLE)
