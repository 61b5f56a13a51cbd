"""Language identification for customer messages, offline and on CPU.

`default_identifier().identify(text)` returns a `LanguageResult`: the primary language (`ary`
for Moroccan Darija in Arabic or Latin letters, `ar` for MSA and other Arabic, `fr`, `en`,
`es`, ...), the script, a confidence, and for code-switched messages the secondary language and
each language's share. Darija is recognised by Tawasol's own model (naive Bayes trained on first
use from the corpus in `data/`, fused with shipped linear weights); every other language by
lingua, whose models ship in its wheel.
"""

from __future__ import annotations

from functools import lru_cache

from tawasol.nlp.language.general_detector import DEFAULT_LANGUAGES, GeneralDetector
from tawasol.nlp.language.hybrid import HybridLanguageIdentifier
from tawasol.nlp.language.interface import LanguageIdentifier
from tawasol.nlp.language.result import UNDETERMINED, LanguageResult

__all__ = [
    "DEFAULT_LANGUAGES",
    "UNDETERMINED",
    "GeneralDetector",
    "HybridLanguageIdentifier",
    "LanguageIdentifier",
    "LanguageResult",
    "default_identifier",
]


@lru_cache(maxsize=1)
def default_identifier() -> HybridLanguageIdentifier:
    """The process-wide identifier (Darija model + lingua on the default languages)."""
    return HybridLanguageIdentifier()
