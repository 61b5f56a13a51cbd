"""Moroccan national ID (CIN/CNIE) and passport numbers.

* CIN: one or two letters then five or six digits (``BK123456``, ``A123456``).
* Moroccan passport: two letters then seven digits (``AB1234567``).
* Other passports (``12AB34567``, ``PAA123456``, nine digits...): 6-9 characters with at
  least five digits, only right after a passport cue.

A token is classified by the closest preceding cue (CIN or passport word, in any of our
languages). Without a cue, only the strict shape counts: upper-case letters glued to the
digits, and no reference word (order, invoice, flight...) just before.
"""

from __future__ import annotations

import re
from typing import Final

from tawasol.nlp.pii.cues import Cue, CueFinder
from tawasol.nlp.pii.reference_words import REFERENCE_WORDS
from tawasol.nlp.pii.resolve import RANK_ID_BY_SHAPE, RANK_ID_WITH_CUE, Candidate
from tawasol.nlp.pii.spans import PiiKind

CUE_WINDOW: Final = 40
VETO_WINDOW: Final = 30

_CIN_CUES = CueFinder(
    {
        "CIN": (
            r"(?<![A-Za-z])(?:c\.?\s?i\.?\s?n\.?|c\.?n\.?i\.?e\.?|cni"
            r"|(?:l'?)?cartes?\s+(?:nationale|d'?\s?identit[ée])|pi[èe]ces?\s+d'?\s?identit[ée]"
            r"|identity\s+card|id\s+card|national\s+id|id\s+number"
            r"|documento\s+(?:nacional\s+)?de\s+identidad|(?:tarjeta|carn[ée]t?)\s+de\s+identidad"
            r"|(?:la\s?|l'?)?(?:karta|kart)|(?:l'?)?b[ie]?ta[9qk]a)(?![A-Za-z])"
            r"|البطاقة\s+الوطنية|بطاقة\s+التعريف|بطاقة\s+الهوية|البطاقة|بطاقة|لاكارط|لاكارت|الكارط|لكارط"
            r"|ب\.ت\.و"
        ),
    },
    longest=32,
)
_PASSPORT_CUES = CueFinder(
    {
        "PASSPORT": (
            r"(?<![A-Za-z])(?:l'?)?(?:pass?eports?|pass?ports?|pasaportes?|paspor|basbor|baspor)"
            r"(?![A-Za-z])|جواز|الباسبور|باسبور|لباسبور"
        ),
    },
    longest=12,
)

# Letters glued to the digits ("BK123456", "bk123456") or upper-case letters then one space or
# dash ("BK 123456"); a lower-case word before a space ("le 123456") is not part of the token.
_TOKEN = re.compile(
    r"(?<![A-Za-z0-9@._\-])"
    r"(?:(?P<spaced>[A-Z]{1,3})[ \-]|(?P<glued>[A-Za-z]{1,3}))?"
    r"(?P<body>[0-9][A-Za-z0-9]{3,9})(?![A-Za-z0-9@\-])"
)
_DIGIT_CORE = re.compile(r"[0-9]{5,}")
_LONGEST_PREFIX = 4  # "BK 1", "12AB" before the five-digit core
_CIN_SHAPE = re.compile(r"[A-Z]{1,2}[0-9]{5,6}")
_MA_PASSPORT_SHAPE = re.compile(r"[A-Z]{2}[0-9]{7}")


def find_identity_documents(folded: str) -> list[Candidate]:
    """CIN and passport candidates; the normalized form is upper-case without separators."""
    found: list[Candidate] = []
    for match in _tokens(folded):
        candidate = _classify(folded, match)
        if candidate is not None:
            found.append(candidate)
    return found


def _tokens(folded: str) -> list[re.Match[str]]:
    """ID-like tokens, found from their five-digit core.

    Every supported shape holds at least five consecutive digits, and digits are rare in
    text: trying the token pattern only just before such digits is much faster than scanning
    every position.
    """
    tokens: list[re.Match[str]] = []
    for core in _DIGIT_CORE.finditer(folded):
        if tokens and tokens[-1].end() >= core.end():
            continue
        for start in range(max(0, core.start() - _LONGEST_PREFIX), core.start() + 1):
            match = _TOKEN.match(folded, start)
            if match is not None and match.end() >= core.end():
                tokens.append(match)
                break
    return tokens


def _classify(folded: str, match: re.Match[str]) -> Candidate | None:
    spaced = match.group("spaced") is not None
    prefix = match.group("spaced") or match.group("glued") or ""
    compact = (prefix + match.group("body")).upper()
    cin_shape = _CIN_SHAPE.fullmatch(compact) is not None
    passport_like = _is_passport_like(compact)
    if not (cin_shape or passport_like):
        return None
    start, end = match.start(), match.end()
    cue = _closest_cue(folded, start, cin_shape=cin_shape, passport_like=passport_like)
    if cue is not None:
        kind = PiiKind.CIN if cue.label == "CIN" else PiiKind.PASSPORT
        return Candidate(kind, start, end, compact, RANK_ID_WITH_CUE)
    if spaced or not prefix.isupper():
        return None
    if REFERENCE_WORDS.last_before(folded, start, max_gap=VETO_WINDOW) is not None:
        return None
    if _MA_PASSPORT_SHAPE.fullmatch(compact):
        return Candidate(PiiKind.PASSPORT, start, end, compact, RANK_ID_BY_SHAPE)
    if cin_shape:
        return Candidate(PiiKind.CIN, start, end, compact, RANK_ID_BY_SHAPE)
    return None


def _closest_cue(folded: str, start: int, *, cin_shape: bool, passport_like: bool) -> Cue | None:
    """The closest CIN or passport cue that fits the token's shape."""
    cues = []
    if cin_shape:
        cues.append(
            _CIN_CUES.last_before(folded, start, max_gap=CUE_WINDOW, barriers=REFERENCE_WORDS)
        )
    if passport_like:
        cues.append(
            _PASSPORT_CUES.last_before(folded, start, max_gap=CUE_WINDOW, barriers=REFERENCE_WORDS)
        )
    found = [cue for cue in cues if cue is not None]
    return max(found, key=lambda cue: cue.end) if found else None


def _is_passport_like(compact: str) -> bool:
    digits = sum(char.isdigit() for char in compact)
    return 6 <= len(compact) <= 9 and digits >= 5 and len(compact) - digits <= 3
