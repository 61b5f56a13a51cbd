"""Darija-aware text normalisation: one canonical form for the many ways a message is typed.

"bghit nlghi lcommande" and "بغيت نلغي الكوموند" both become ``بغيت نلغي الكوموند``.

Each message yields two forms:

* ``embedding_text``: Arabizi words transliterated to Arabic script, elongation squashed,
  diacritics and tatweel dropped; case, punctuation and spelling otherwise kept. This is what
  the multilingual embedding model reads (it knows Arabic script far better than Arabizi).
* ``text``: the matching form. ``embedding_text`` plus lower-casing, French accents removed,
  Arabic letter variants folded and punctuation turned into spaces; for lexicons and
  character n-grams.

Whether a Latin message is Darija is decided per message: words that are only Darija (lexicon
markers, digits used as letters) against French/English/Spanish function words. In a Darija
message every word that is not clearly foreign is transliterated; in a French or English
message only the clearly Darija words are ("merci 3afak" → "merci عافاك").

A lexicon word found only through its consonant skeleton ("bghite" → بغيت) is a marker only
when language ID's Latin model also reads the word as Darija: the skeleton of "like", "ready",
"head" or "nadie" is a Darija word too, and English or Spanish text must stay as written.
Outside Darija messages, digits count as letters only inside a word ("3afak", "m9wda"), not in
"5pm", "co2", "49ers" or "u2".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from tawasol.nlp.normalize.arabic import fold_arabic, light_arabic
from tawasol.nlp.normalize.arabizi import (
    digit_letter_word,
    inner_digit_letter_word,
    transliterate_token,
)
from tawasol.nlp.normalize.elongation import squash_elongation
from tawasol.nlp.normalize.lexicon import DarijaLexicon, darija_lexicon

_TOKEN = re.compile(r"[A-Za-zÀ-ÿ0-9']+(?:-[A-Za-zÀ-ÿ]+)*|\s+|.", re.DOTALL)
_LATIN_ALPHA = re.compile(r"[a-zà-ÿ]")
_PUNCT_OR_SPACE = re.compile(r"[\s\W_]+", re.UNICODE)
RECENT_TEXTS = 4096


@dataclass(frozen=True)
class NormalizedText:
    """The forms of one message; ``darija_latin`` tells whether it read as Arabizi Darija."""

    original: str
    embedding_text: str
    text: str
    darija_latin: bool
    transliterated_words: int


class DarijaNormalizer:
    """Normalises French, Arabic, Darija (both scripts), Spanish and English messages."""

    def __init__(
        self,
        lexicon: DarijaLexicon | None = None,
        latin_darija: Callable[[str], bool] | None = None,
    ) -> None:
        self._lexicon = lexicon or darija_lexicon()
        self._latin_darija = latin_darija or _latin_model_reads_darija
        self._recent: dict[str, NormalizedText] = {}

    @property
    def version(self) -> str:
        return f"darija-normalizer-2+lex.{self._lexicon.digest}"

    def normalize(self, text: str) -> NormalizedText:
        """Normalise one message (never raises; empty in, empty out).

        The enrichment of one message normalises it several times (intent stages, sentiment,
        offensive language): recent results are kept, keyed by the text.
        """
        found = self._recent.get(text)
        if found is None:
            if len(self._recent) >= RECENT_TEXTS:
                self._recent.clear()
            found = self._recent[text] = self._normalize(text)
        return found

    def _normalize(self, text: str) -> NormalizedText:
        light = squash_elongation(light_arabic(unicodedata.normalize("NFC", text)))
        pieces = _TOKEN.findall(light)
        words = [p.lower() for p in pieces if _LATIN_ALPHA.search(p.lower())]
        darija = self._is_darija(words)
        converted = 0
        out: list[str] = []
        for piece in pieces:
            lowered = piece.lower()
            arabic = None
            if _LATIN_ALPHA.search(lowered) or digit_letter_word(lowered):
                arabic = self._convert(lowered, darija)
            if arabic is None:
                out.append(piece)
            else:
                out.append(arabic)
                converted += 1
        embedding_text = "".join(out).strip()
        return NormalizedText(
            original=text,
            embedding_text=embedding_text,
            text=matching_form(embedding_text),
            darija_latin=darija,
            transliterated_words=converted,
        )

    def normalize_many(self, texts: list[str]) -> list[NormalizedText]:
        return [self.normalize(text) for text in texts]

    def _is_darija(self, words: list[str]) -> bool:
        lex = self._lexicon
        markers = foreign = 0
        for index, word in enumerate(words):
            previous = words[index - 1] if index else ""
            darija_word = inner_digit_letter_word(word) or self._marker(word)
            if darija_word or _negated_verb(word, previous) or _verb_prefix(word):
                markers += 1
            elif _plain(word) in lex.foreign and word not in lex.exact:
                foreign += 1
        return markers > 0 and markers >= foreign

    def _convert(self, word: str, darija: bool) -> str | None:
        """Arabic spelling of a Latin word, or None to keep it as written."""
        lex = self._lexicon
        strong = inner_digit_letter_word(word) or self._marker(word)
        if not darija and not strong:
            return None
        if darija and _plain(word) in lex.foreign and not strong and word not in lex.ambiguous:
            return None
        found = lex.lookup(word)
        if found is None and len(word) >= 4 and word[0] == "l":
            stem = lex.lookup(word[1:])
            if stem is not None and not stem.startswith("ال"):
                found = "ال" + stem
        if found is not None:
            return found
        if any(c.isdigit() for c in word) and not digit_letter_word(word):
            return None
        return transliterate_token(word)

    def _marker(self, word: str) -> bool:
        """A Darija-only lexicon word; a skeleton match must also read as Darija."""
        if not self._lexicon.is_darija_marker(word):
            return False
        return word in self._lexicon.exact or self._latin_darija(word)


def _latin_model_reads_darija(word: str) -> bool:
    """Whether language ID's Latin model scores the word higher as Darija than as any other
    language (imported late: the model trains on first use)."""
    from tawasol.nlp.language.darija_model import load_darija_model

    darija, best_other = load_darija_model().latin_darija_contest(word)
    return darija > best_other


def _plain(word: str) -> str:
    """Lower-case Latin word without accents ("está" → "esta")."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


_VERB_PREFIXES = ("kan", "kat", "kay", "tan", "tat", "tay", "ghan", "ghat", "ghay")


def _verb_prefix(word: str) -> bool:
    """Darija present/future verb prefixes: "kanbghi", "katkhdem", "ghadi" forms."""
    return len(word) >= 6 and word.startswith(_VERB_PREFIXES) and word.isalpha()


def _negated_verb(word: str, previous: str) -> bool:
    """Darija negation circumfix ma-...-ch: "makhdamch", "ma khdamch", "mabghitch"."""
    if len(word) < 5 or not word.endswith(("ch", "sh")) or word.endswith(("ach", "ich")):
        return previous == "ma" and len(word) >= 4 and word.endswith(("ch", "sh"))
    return word.startswith("ma") or previous == "ma"


def matching_form(text: str) -> str:
    """Lower-case, strip Latin accents, fold Arabic letter variants, punctuation to spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    folded = fold_arabic(unicodedata.normalize("NFC", stripped)).replace("œ", "oe")
    return _PUNCT_OR_SPACE.sub(" ", folded).strip()


_default: DarijaNormalizer | None = None


def default_normalizer() -> DarijaNormalizer:
    """The process-wide normaliser with the shipped lexicon (shared, so is its recent cache)."""
    global _default
    if _default is None:
        _default = DarijaNormalizer()
    return _default


def normalize(text: str) -> NormalizedText:
    """Normalise with the shared default normaliser."""
    return default_normalizer().normalize(text)
