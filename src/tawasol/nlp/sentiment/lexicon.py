"""Lexicon evidence: polarity, negation, intensity, emojis and insults in a message.

The shipped lexicon (`data/polarity_lexicon.json`) is hand-written. Every entry is passed
through the same normaliser as messages, so "mzyan", "mezyan" and "مزيان" are one entry, and
Latin Darija entries are also indexed in Arabic script.

Negation: a polar word is negated when a negator ("pas", "not", "no", "لا", "ماشي", ...)
stands within the three words before it, or when it carries the Darija circumfix ما...ش
("ماعجبنيش", typed "ma3jbnich"). A negated positive counts as negative; a negated negative
only weakly positive ("pas mal", "machi khayb").
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tawasol.nlp.normalize import NormalizedText, matching_form, normalize, transliterate_token
from tawasol.nlp.normalize.elongation import collapse_doubles

_NEGATION_WINDOW = 3
_MAX_PHRASE = 4
_LATIN_WORD = re.compile(r"^[a-z0-9'\- ]+$")


@dataclass(frozen=True)
class LexiconEvidence:
    """Weighted counts found in one message."""

    positive: float = 0.0
    negative: float = 0.0
    offensive: float = 0.0
    negations: int = 0
    intensifiers: int = 0

    @property
    def polarity(self) -> float:
        return self.positive - self.negative

    def as_vector(self) -> list[float]:
        return [
            self.positive,
            self.negative,
            self.offensive,
            float(self.negations),
            float(self.intensifiers),
        ]


class PolarityLexicon:
    """Indexes the lexicon's phrases by their normalised token tuples."""

    def __init__(self, data: dict, digest: str) -> None:
        self.digest = digest
        self._polar: dict[tuple[str, ...], float] = {}
        self._offensive: set[tuple[str, ...]] = set()
        self._negators: set[str] = set()
        self._intensifiers: set[str] = set()
        self._emoji_positive = set(data["emoji"]["positive"])
        self._emoji_negative = set(data["emoji"]["negative"])
        for sign, section in ((1.0, "positive"), (-1.0, "negative")):
            for words in data[section].values():
                for entry in words:
                    for key in _keys(entry):
                        self._polar[key] = sign
        for words in data["offensive"].values():
            for entry in words:
                self._offensive.update(_keys(entry))
        for words in data["negators"].values():
            for entry in words:
                self._negators.update(k[0] for k in _keys(entry) if len(k) == 1)
        for words in data["intensifiers"].values():
            for entry in words:
                self._intensifiers.update(k[0] for k in _keys(entry) if len(k) == 1)

    def evidence(self, message: NormalizedText) -> LexiconEvidence:
        """Score one normalised message."""
        tokens = message.text.split()
        positive = negative = offensive = 0.0
        negations = intensifiers = 0
        i = 0
        while i < len(tokens):
            matched = 0
            for size in range(min(_MAX_PHRASE, len(tokens) - i), 0, -1):
                key = tuple(tokens[i : i + size])
                if key in self._offensive:
                    offensive += 1.0
                if key in self._polar or (size == 1 and self._circumfix_stem(key[0])):
                    matched = size
                    break
            if matched:
                key = tuple(tokens[i : i + matched])
                sign, negated = self._signed(key, tokens, i)
                boost = 1.5 if i > 0 and tokens[i - 1] in self._intensifiers else 1.0
                boost *= (
                    1.5
                    if i + matched < len(tokens) and tokens[i + matched] in self._intensifiers
                    else 1.0
                )
                if negated:
                    negations += 1
                    sign = -1.0 if sign > 0 else 0.3
                if boost > 1.0:
                    intensifiers += 1
                if sign > 0:
                    positive += sign * boost
                else:
                    negative += -sign * boost
                i += matched
            else:
                i += 1
        for char in _emoji_candidates(message.original):
            if char in self._emoji_positive:
                positive += 1.0
            elif char in self._emoji_negative:
                negative += 1.0
        return LexiconEvidence(positive, negative, offensive, negations, intensifiers)

    def _signed(self, key: tuple[str, ...], tokens: list[str], start: int) -> tuple[float, bool]:
        """Polarity of a matched phrase and whether it is negated."""
        if key in self._polar:
            sign = self._polar[key]
            window = tokens[max(0, start - _NEGATION_WINDOW) : start]
            return sign, any(t in self._negators for t in window)
        stem = self._circumfix_stem(key[0])
        assert stem is not None
        return self._polar[stem], True

    def _circumfix_stem(self, token: str) -> tuple[str, ...] | None:
        """ "ماعجبنيش" → ("عجبني",) when the stem is a polar word."""
        if len(token) >= 5 and token.startswith("ما") and token.endswith("ش"):
            stem = (token[2:-1],)
            if stem in self._polar:
                return stem
        if len(token) >= 4 and token.endswith("ش"):
            stem = (token[:-1],)
            if stem in self._polar:
                return stem
        return None


def _keys(entry: str) -> set[tuple[str, ...]]:
    """Token tuples under which an entry is indexed (normalised, and Arabizi→Arabic forced)."""
    forms = {normalize(entry).text, matching_form(entry)}
    plain = matching_form(entry)
    if _LATIN_WORD.match(plain):
        forms.add(matching_form(" ".join(transliterate_token(w) for w in plain.split())))
        forms.add(" ".join(collapse_doubles(w) for w in plain.split()))
    return {tuple(form.split()) for form in forms if form.strip()}


def _emoji_candidates(text: str) -> list[str]:
    """Emoji characters plus ASCII smileys found in the raw message."""
    found = [c for c in text if ord(c) > 0x2500]
    lowered = text.lower()
    found += [s for s in (":)", ":-)", ":d", "<3", ":(", ":-(", ":'(") if s in lowered]
    return found


@lru_cache(maxsize=1)
def polarity_lexicon() -> PolarityLexicon:
    """Load the shipped lexicon once per process."""
    raw = (
        resources.files("tawasol.nlp.sentiment").joinpath("data/polarity_lexicon.json").read_bytes()
    )
    return PolarityLexicon(json.loads(raw), hashlib.sha256(raw).hexdigest()[:8])
