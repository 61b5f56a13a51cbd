"""Arabic-script orthographic normalisation.

Two strengths: `light_arabic` only removes what never carries meaning in chat (diacritics,
tatweel) and keeps spelling, for the embedding model; `fold_arabic` also folds the letter
variants people type interchangeably (alef forms, ta marbuta, alef maqsura, hamza seats,
Persian/Maghrebi letter shapes), for matching.
"""

from __future__ import annotations

import re

TATWEEL = "\u0640"
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_LETTER_FOLDS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ک": "ك",
        "ڭ": "ك",
        "گ": "ك",
        "ݣ": "ك",
        "ڤ": "ف",
        "ڨ": "ق",
        "پ": "ب",
        "چ": "ج",
        "ژ": "ز",
        "ھ": "ه",
        "ە": "ه",
    }
)
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")


def has_arabic(text: str) -> bool:
    """True when the text contains at least one Arabic letter."""
    return _ARABIC_LETTER.search(text) is not None


def light_arabic(text: str) -> str:
    """Drop diacritics and tatweel, map Arabic-Indic digits to ASCII; spelling is untouched."""
    return _DIACRITICS.sub("", text.replace(TATWEEL, "")).translate(_ARABIC_INDIC_DIGITS)


def fold_arabic(text: str) -> str:
    """`light_arabic` plus letter-variant folding (أإآ→ا, ة→ه, ى→ي, ؤ→و, ئ→ي, ڭ/گ→ك...)."""
    return light_arabic(text).translate(_LETTER_FOLDS)
