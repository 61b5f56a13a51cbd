"""Token features for the Darija model: what a normalised word looks like to the classifiers.

Latin script uses character 1- to 4-grams (Arabizi spelling is too free for whole words alone).
Arabic script uses the whole word plus its first and last letters only: Darija and MSA share
most stems, and differ in grammar words and affixes (كي-/كا- verbs, -و plurals, ما...ش), so
inner n-grams would mostly learn topics.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

WORD_PREFIX = "\x00"
"""Marks the whole-word feature, so that it never collides with a character n-gram."""

FeatureFunction = Callable[[str], tuple[str, ...]]


@lru_cache(maxsize=65536)
def char_ngram_features(norm: str) -> tuple[str, ...]:
    """Character 1- to 4-grams of the word padded with spaces, plus the whole word itself."""
    padded = f" {norm} "
    grams = [
        padded[start : start + order]
        for order in range(1, 5)
        for start in range(len(padded) - order + 1)
        if padded[start : start + order].strip()
    ]
    grams.append(WORD_PREFIX + norm)
    return tuple(grams)


@lru_cache(maxsize=65536)
def affix_features(norm: str) -> tuple[str, ...]:
    """The whole word, its 1- to 3-letter prefixes and its 1- to 2-letter suffixes."""
    padded = f" {norm} "
    prefixes = [padded[:length] for length in range(2, 5) if length < len(padded)]
    suffixes = [padded[-length:] for length in range(2, 4) if length < len(padded)]
    return (WORD_PREFIX + norm, *prefixes, *suffixes)
