"""Writing-system (ISO 15924) classification of letters and words."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from tawasol.nlp.language.result import COMMON_SCRIPT

ARABIC = "Arab"
LATIN = "Latn"
TIFINAGH = "Tfng"

_ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)

# First word of the Unicode character name -> ISO 15924 code, for scripts other than the two
# that the Darija model covers. Anything not listed is reported as 'Zzzz' (uncoded).
_NAME_PREFIX_TO_SCRIPT = {
    "LATIN": LATIN,
    "ARABIC": ARABIC,
    "TIFINAGH": TIFINAGH,
    "CYRILLIC": "Cyrl",
    "GREEK": "Grek",
    "HEBREW": "Hebr",
    "ARMENIAN": "Armn",
    "GEORGIAN": "Geor",
    "DEVANAGARI": "Deva",
    "BENGALI": "Beng",
    "GURMUKHI": "Guru",
    "GUJARATI": "Gujr",
    "TAMIL": "Taml",
    "TELUGU": "Telu",
    "THAI": "Thai",
    "ETHIOPIC": "Ethi",
    "CJK": "Hani",
    "HIRAGANA": "Hira",
    "KATAKANA": "Kana",
    "HANGUL": "Hang",
}


@lru_cache(maxsize=4096)
def letter_script(char: str) -> str | None:
    """ISO 15924 script of a letter (or combining mark); None for digits, punctuation, emoji."""
    code = ord(char)
    if code < 0x80:
        return LATIN if char.isalpha() else None
    if any(low <= code <= high for low, high in _ARABIC_RANGES):
        return ARABIC if unicodedata.category(char)[0] in "LM" else None
    if unicodedata.category(char)[0] not in "LM":
        return None
    prefix = unicodedata.name(char, "").split(" ", 1)[0]
    return _NAME_PREFIX_TO_SCRIPT.get(prefix, "Zzzz")


def dominant_script(counts: Mapping[str, int] | Iterable[tuple[str, int]]) -> str:
    """The script with most letters; 'Zyyy' (common) when there are none."""
    totals = Counter(dict(counts))
    if not totals:
        return COMMON_SCRIPT
    return max(sorted(totals), key=lambda script: totals[script])
