"""Rule-based Arabizi → Arabic-script transliteration of one Latin token.

Arabizi writes Darija with Latin letters and digits standing for Arabic sounds that Latin
lacks: 2=ء, 3=ع, 5=خ, 6=ط, 7=ح, 8=ه, 9=ق (and 3'=غ, 7'=خ, 9'=ض). Digraphs come first
(ch/sh→ش, kh→خ, gh→غ, ou→و), doubled letters mark gemination and are written once, a schwa
"e" inside a word is not written, and an initial "l" before a consonant is the article ال.
Frequent words are better served by the lexicon: these rules are the fallback.
"""

from __future__ import annotations

import re

_MULTI = (
    ("3'", "غ"),
    ("7'", "خ"),
    ("9'", "ض"),
    ("ch", "ش"),
    ("sh", "ش"),
    ("kh", "خ"),
    ("gh", "غ"),
    ("ou", "و"),
    ("oo", "و"),
    ("ee", "ي"),
    ("aa", "ا"),
    ("ii", "ي"),
    ("dj", "ج"),
    ("ph", "ف"),
    ("qu", "ك"),
)
_SINGLE = {
    "2": "ء",
    "3": "ع",
    "4": "ش",
    "5": "خ",
    "6": "ط",
    "7": "ح",
    "8": "ه",
    "9": "ق",
    "a": "ا",
    "b": "ب",
    "c": "ك",
    "d": "د",
    "f": "ف",
    "g": "ك",
    "h": "ه",
    "i": "ي",
    "j": "ج",
    "k": "ك",
    "l": "ل",
    "m": "م",
    "n": "ن",
    "o": "و",
    "p": "ب",
    "q": "ق",
    "r": "ر",
    "s": "س",
    "t": "ت",
    "u": "و",
    "v": "ف",
    "w": "و",
    "x": "ش",  # Moroccan Arabizi: "hadxi", "kifax", "xi"
    "y": "ي",
    "z": "ز",
    "é": "ي",
    "è": "ي",
    "ê": "ي",
}
_VOWELS = set("aeiouyéèê")
_ARABIZI_DIGITS = set("2356789")
_LATIN_WORD = re.compile(r"[a-zéèêàâîôûç'23456789]+")
_NUMBER_LIKE = re.compile(
    r"^\d+([.,:/h]\d*)?(h|dh|mad|dhs|eur|km|kg|go|gb|mo|mb|min|s|j|x|e|er|ere|eme|ème|st|nd|rd|th|%)?$"
)


def digit_letter_word(token: str) -> bool:
    """A word that uses digits as letters ("3afak", "m9wda", "s7a7"), not a number or unit."""
    if not any(c in _ARABIZI_DIGITS for c in token) or not any(c.isalpha() for c in token):
        return False
    if _NUMBER_LIKE.match(token) or re.search(r"\d{3,}", token):
        return False
    return sum(c.isdigit() for c in token) <= 3 and bool(_LATIN_WORD.fullmatch(token))


_CLOCK_TIME = re.compile(r"\d{1,2}(am|pm)")
_INNER_DIGIT = re.compile(r"[a-zéèê'][2356789]+[a-zéèê]|^[2356789][a-zéèê]{2}")


def inner_digit_letter_word(token: str) -> bool:
    """A digit-letter word whose digits sit inside the word or start it ("3afak", "m9wda",
    "s7a7"): the sure sign of Arabizi. Digits only at the end ("co2", "valls2"), beside other
    digits ("49ers") or with a single letter ("u2", "3d") are names, units and codes, and
    "7pm" is a time (in a Darija message "9am" is قام: the plain rule still converts it there)."""
    return (
        digit_letter_word(token)
        and not _CLOCK_TIME.fullmatch(token)
        and bool(_INNER_DIGIT.search(token))
        and not re.search(r"\d\d", token)
        and sum(c.isalpha() for c in token) >= 2
    )


def transliterate_token(token: str) -> str:
    """Transliterate one lowercase Latin token by rule (no lexicon)."""
    word = token.lower()
    out: list[str] = []
    if len(word) >= 4 and word[0] == "l" and word[1] not in _VOWELS and word[1] != "l":
        out.append("ال")
        word = word[1:]
    i = 0
    while i < len(word):
        ch = word[i]
        if ch == "e" or ch == "'":  # schwa: not written; apostrophes already consumed
            if ch == "e" and i == 0:
                out.append("ا")
            i += 1
            continue
        for pair, letter in _MULTI:
            if word.startswith(pair, i):
                if pair in ("ou", "oo") and i == 0:
                    letter = "و"
                out.append(letter)
                i += len(pair)
                break
        else:
            if i > 0 and ch == word[i - 1] and ch.isalpha():  # gemination is written once
                i += 1
                continue
            if i == 0 and ch in "aio":
                out.append("ا")
                if ch == "i":
                    out.append("ي")
            else:
                out.append(_SINGLE.get(ch, ch))
            i += 1
    return _squash_repeats("".join(out))


def _squash_repeats(word: str) -> str:
    """Arabic script writes a geminate once: "bzzaf" → بزاف, "kolla" → كلا."""
    return re.sub(r"([\u0621-\u064a])\1+", r"\1", word)
