"""Text normalisation for Darija (Arabizi and Arabic script), Arabic, French, Spanish, English."""

from tawasol.nlp.normalize.arabic import fold_arabic, has_arabic, light_arabic
from tawasol.nlp.normalize.arabizi import digit_letter_word, transliterate_token
from tawasol.nlp.normalize.elongation import squash_elongation
from tawasol.nlp.normalize.lexicon import DarijaLexicon, darija_lexicon
from tawasol.nlp.normalize.normalizer import (
    DarijaNormalizer,
    NormalizedText,
    default_normalizer,
    matching_form,
    normalize,
)

__all__ = [
    "DarijaLexicon",
    "DarijaNormalizer",
    "NormalizedText",
    "darija_lexicon",
    "default_normalizer",
    "digit_letter_word",
    "fold_arabic",
    "has_arabic",
    "light_arabic",
    "matching_form",
    "normalize",
    "squash_elongation",
    "transliterate_token",
]
