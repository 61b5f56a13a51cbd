"""Turning a raw customer message into normalised word tokens, each tagged with its script.

Chat and social-media noise (links, @mentions, hashtag signs, emoji) is removed; Arabic
diacritics and tatweel are dropped and letter variants unified; Latin text is case-folded.
Digits inside Latin words are kept, because Arabizi writes Arabic sounds with them
(3 = ع, 7 = ح, 9 = ق, 2 = ء, 5 = خ); tokens made only of digits are not words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tawasol.nlp.language.scripts import ARABIC, letter_script

_NOISE = re.compile(
    r"https?://\S+|www\.\S+|\bhttps?\b|[\w.+-]+@[\w-]+\.[\w.-]+|@\w+|\bRT\b",
    re.IGNORECASE,
)
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_REPEATS = re.compile(r"(.)\1{2,}")
_ARABIC_LETTER_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the message: its surface form, normalised form, script and weight in letters."""

    surface: str
    norm: str
    script: str

    @property
    def weight(self) -> int:
        return len(self.norm)


def strip_noise(text: str) -> str:
    """Remove links, e-mail addresses, @mentions and retweet marks; split hashtags into words."""
    text = _NOISE.sub(" ", text)
    return text.replace("#", " ").replace("_", " ")


def normalise_word(word: str, script: str) -> str:
    """The form used by the models: case-folded, repeated letters capped at two."""
    word = word.replace("’", "'").casefold()
    if script == ARABIC:
        word = word.translate(_ARABIC_LETTER_VARIANTS)
    return _REPEATS.sub(r"\1\1", word)


def _script_runs(word: str) -> list[tuple[str, str]]:
    """Split a word where its letters change script; digits stay with the run they touch."""
    runs: list[tuple[str, str]] = []
    current, current_script = "", None
    for char in word:
        script = letter_script(char)
        if script is not None and current_script is not None and script != current_script:
            runs.append((current, current_script))
            current = ""
        if script is not None:
            current_script = script
        current += char
    if current_script is not None:
        runs.append((current, current_script))
    return runs


def tokenize(text: str) -> list[Token]:
    """Word tokens of a message, without noise; tokens with no letter are left out."""
    cleaned = _ARABIC_MARKS.sub("", strip_noise(text))
    tokens: list[Token] = []
    for match in _WORD.finditer(cleaned):
        for surface, script in _script_runs(match.group()):
            norm = normalise_word(surface.strip("'"), script)
            if norm:
                tokens.append(Token(surface=surface, norm=norm, script=script))
    return tokens
