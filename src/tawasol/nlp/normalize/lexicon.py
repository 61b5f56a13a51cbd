"""The shipped Darija lexicon (`data/darija_lexicon.json`): Arabizi spellings → Arabic script.

Lookups go through a *skeleton* key that forgets the spelling choices Arabizi writers vary on
(sh/ch, ou/o/u, y/i, schwa e, doubled letters), so "mezyan", "mzyan" and "mzian" share one entry.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tawasol.nlp.normalize.elongation import collapse_doubles


def skeleton(word: str) -> str:
    """Spelling-insensitive key of a lowercase Latin word."""
    key = word.replace("sh", "ch").replace("ou", "u").replace("o", "u").replace("y", "i")
    key = key.replace("e", "") if len(key) > 2 else key
    return collapse_doubles(key)


@dataclass(frozen=True)
class DarijaLexicon:
    """Exact and skeleton indexes over the Arabizi lexicon, plus foreign function words."""

    exact: dict[str, str]
    by_skeleton: dict[str, str]
    ambiguous: frozenset[str]
    foreign: frozenset[str]
    digest: str

    def lookup(self, word: str) -> str | None:
        """Arabic spelling of a lowercase Latin word, or None."""
        found = self.exact.get(word)
        if found is None:
            found = self.by_skeleton.get(skeleton(word))
        return found

    def is_darija_marker(self, word: str) -> bool:
        """A lexicon word that is not also a common French/English/Spanish word."""
        return (
            word not in self.ambiguous
            and word not in self.foreign
            and self.lookup(word) is not None
        )


@lru_cache(maxsize=1)
def darija_lexicon() -> DarijaLexicon:
    """Load the shipped lexicon once per process."""
    raw = resources.files("tawasol.nlp.normalize").joinpath("data/darija_lexicon.json").read_bytes()
    data = json.loads(raw)
    exact = {key.lower(): value for key, value in data["arabizi"].items()}
    by_skeleton: dict[str, str] = {}
    for key, value in exact.items():
        by_skeleton.setdefault(skeleton(key), value)
    foreign = frozenset(w.lower() for words in data["foreign_words"].values() for w in words)
    return DarijaLexicon(
        exact=exact,
        by_skeleton=by_skeleton,
        ambiguous=frozenset(w.lower() for w in data["ambiguous"]),
        foreign=foreign,
        digest=hashlib.sha256(raw).hexdigest()[:8],
    )
