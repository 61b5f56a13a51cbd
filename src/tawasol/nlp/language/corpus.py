"""The training corpus shipped with the package: hand-written messages per language and script.

Every line of `data/*.txt` was written for Tawasol by its contributors (no third-party data),
so the corpus and the model trained from it ship under the project's licence. Lines starting
with '#' are comments.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tawasol.nlp.language.scripts import ARABIC, LATIN

ARABIC_DIALECT = "ar-dialect"
"""Label of Egyptian, Levantine and Gulf lines: reported as `ar`, learnt apart from MSA."""

OTHER_LATIN = "other"
"""Label of the pooled German/Italian/Portuguese/Dutch lines (Latin, not Darija, not fr/en/es)."""


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """One shipped file: its name, the language label of its lines and their script."""

    name: str
    label: str
    script: str


CORPUS_FILES = (
    CorpusFile("ary_arab.txt", "ary", ARABIC),
    CorpusFile("ary_arab_articles.txt", "ary", ARABIC),
    CorpusFile("ary_arab_social.txt", "ary", ARABIC),
    CorpusFile("ary_arab_variants.txt", "ary", ARABIC),
    CorpusFile("ary_arab_news.txt", "ary", ARABIC),
    CorpusFile("ary_arab_encyclopedic.txt", "ary", ARABIC),
    CorpusFile("ary_arab_translated.txt", "ary", ARABIC),
    CorpusFile("ar.txt", "ar", ARABIC),
    CorpusFile("ar_articles.txt", "ar", ARABIC),
    CorpusFile("ar_social.txt", "ar", ARABIC),
    CorpusFile("ar_news.txt", "ar", ARABIC),
    CorpusFile("ar_encyclopedic.txt", "ar", ARABIC),
    CorpusFile("ar_tweets.txt", "ar", ARABIC),
    CorpusFile("ar_dialects.txt", ARABIC_DIALECT, ARABIC),
    CorpusFile("ar_dialects_social.txt", ARABIC_DIALECT, ARABIC),
    CorpusFile("ary_latn.txt", "ary", LATIN),
    CorpusFile("ary_latn_daily.txt", "ary", LATIN),
    CorpusFile("ary_latn_chat.txt", "ary", LATIN),
    CorpusFile("fr.txt", "fr", LATIN),
    CorpusFile("fr_daily.txt", "fr", LATIN),
    CorpusFile("en.txt", "en", LATIN),
    CorpusFile("en_daily.txt", "en", LATIN),
    CorpusFile("es.txt", "es", LATIN),
    CorpusFile("es_daily.txt", "es", LATIN),
    CorpusFile("other_latn.txt", OTHER_LATIN, LATIN),
)


@dataclass(frozen=True, slots=True)
class LabelledLine:
    """A corpus line with its language label and script."""

    text: str
    label: str
    script: str


def _read(name: str) -> str:
    return (
        resources.files("tawasol.nlp.language").joinpath("data").joinpath(name).read_text("utf-8")
    )


def _lines(content: str) -> list[str]:
    stripped = (line.strip() for line in content.splitlines())
    return [line for line in stripped if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def load_corpus() -> tuple[LabelledLine, ...]:
    """Every labelled line of the shipped corpus, in file order."""
    return tuple(
        LabelledLine(text=line, label=entry.label, script=entry.script)
        for entry in CORPUS_FILES
        for line in _lines(_read(entry.name))
    )


MARKER_FILES = ("ary_arab_markers.txt", "ar_dialect_markers.txt")
"""The hand-written marker lexicons (`darija_markers`): model data, so part of the fingerprint."""


@lru_cache(maxsize=1)
def corpus_fingerprint() -> str:
    """Short SHA-256 of the corpus and marker files: changes whenever the model's data does."""
    digest = hashlib.sha256()
    for name in (*(entry.name for entry in CORPUS_FILES), *MARKER_FILES):
        digest.update(name.encode())
        digest.update(_read(name).encode("utf-8"))
    return digest.hexdigest()[:12]
