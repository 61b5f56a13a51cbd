"""Spelling variants of Arabizi (Latin-script Darija), used to widen the training corpus.

Arabizi has no standard orthography: the same word is written `chno`, `xno`, `shno` or `chnou`,
`9al` or `qal`, `7ta` or `hta`. Rewriting each training line with such alternations teaches
the model the family of spellings instead of one writer's habits.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

_Rewrite = Callable[[str, random.Random], str]


def _swap(pattern: str, choices: tuple[str, ...]) -> _Rewrite:
    compiled = re.compile(pattern)

    def rewrite(text: str, rng: random.Random) -> str:
        return compiled.sub(lambda _match: rng.choice(choices), text)

    return rewrite


_PREPOSITION_BEFORE_ARTICLE = re.compile(r"\b([flb]) (?=l)")


def _join_preposition(text: str, rng: random.Random) -> str:
    """`f lmdrasa` is also written `flmdrasa`."""
    return _PREPOSITION_BEFORE_ARTICLE.sub(
        lambda match: match.group(1) + rng.choice(("", " ")), text
    )


_REWRITES: tuple[_Rewrite, ...] = (
    _swap(r"ch", ("x", "sh", "ch")),
    _swap(r"ou", ("o", "u", "ou")),
    _swap(r"9", ("q", "9")),
    _swap(r"7", ("h", "7")),
    _swap(r"3", ("a", "3", "e")),
    _swap(r"(?<=\w)i\b", ("i", "ii", "y")),
    _swap(r"\bdy", ("di", "dy")),
    _join_preposition,
    _swap(r"e", ("e", "", "a")),
    _swap(r"kh", ("kh", "5")),
)


def spelling_variants(text: str, count: int, seed: int) -> list[str]:
    """`count` rewrites of an Arabizi line, each applying a random subset of alternations."""
    rng = random.Random(seed)
    variants: list[str] = []
    for _ in range(count):
        variant = text
        for rewrite in _REWRITES:
            if rng.random() < 0.5:
                variant = rewrite(variant, rng)
        variants.append(variant)
    return variants
