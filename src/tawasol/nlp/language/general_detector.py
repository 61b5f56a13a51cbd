"""The general-purpose detector: `lingua-language-detector`, whose models ship in its wheel.

Lingua knows 75 languages but neither Darija variety; it decides everything the Darija model
does not (French vs English vs Spanish vs German ...). Its detector is built lazily, once per
language set, and its language models load on first use, so importing Tawasol stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from typing import Any

DEFAULT_LANGUAGES: tuple[str, ...] = ("ar", "fr", "en", "es", "de", "it", "pt", "nl")
"""Languages a Moroccan contact centre meets most; pass others (ISO 639-1) when needed."""

LINGUA_DISTRIBUTION = "lingua-language-detector"


@lru_cache(maxsize=1)
def lingua_version() -> str:
    try:
        return metadata.version(LINGUA_DISTRIBUTION)
    except metadata.PackageNotFoundError:  # pragma: no cover - lingua is a runtime dependency
        return "unknown"


def _language_code(language: Any) -> str:
    """ISO 639-1 code of a lingua Language, or its 639-3 code when it has no 639-1 code."""
    iso1 = getattr(language, "iso_code_639_1", None)
    if iso1 is not None:
        return iso1.name.lower()
    return language.iso_code_639_3.name.lower()


@lru_cache(maxsize=8)
def _build_detector(codes: tuple[str, ...], preload: bool) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    isos = [getattr(IsoCode639_1, code.upper()) for code in codes]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*isos)
    if preload:
        builder = builder.with_preloaded_language_models()
    return builder.build()


@dataclass(slots=True)
class GeneralDetector:
    """Lingua restricted to `languages` (ISO 639-1 codes), with probabilities per language."""

    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    preload: bool = False
    _scripts: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.languages = tuple(sorted({code.lower() for code in self.languages}))
        if len(self.languages) < 2:
            raise ValueError("lingua needs at least two languages to choose between")

    @property
    def version(self) -> str:
        return f"lingua/{lingua_version()}"

    def _detector(self) -> Any:
        return _build_detector(self.languages, self.preload)

    def distribution(self, text: str) -> dict[str, float]:
        """Probability of each configured language for the text (empty when lingua abstains)."""
        values = self._detector().compute_language_confidence_values(text)
        return {_language_code(value.language): value.value for value in values if value.value}

    def distributions(self, texts: Iterable[str]) -> list[dict[str, float]]:
        """Probabilities for many texts, computed in parallel by lingua."""
        batch = self._detector().compute_language_confidence_values_in_parallel(list(texts))
        return [
            {_language_code(value.language): value.value for value in values if value.value}
            for values in batch
        ]

    def best(self, text: str) -> tuple[str, float] | None:
        """The most likely language and its probability, or None when lingua abstains."""
        ranked = self.distribution(text)
        if not ranked:
            return None
        code = max(ranked, key=ranked.__getitem__)
        return code, ranked[code]

    def languages_of_script(self, script: str) -> tuple[str, ...]:
        """Configured languages written in the given ISO 15924 script."""
        if script not in self._scripts:
            self._scripts[script] = tuple(
                code for code in self.languages if _SCRIPT_OF_LANGUAGE.get(code, "Latn") == script
            )
        return self._scripts[script]


_SCRIPT_OF_LANGUAGE = {
    "ar": "Arab",
    "fa": "Arab",
    "ur": "Arab",
    "ru": "Cyrl",
    "uk": "Cyrl",
    "be": "Cyrl",
    "bg": "Cyrl",
    "mk": "Cyrl",
    "sr": "Cyrl",
    "kk": "Cyrl",
    "mn": "Cyrl",
    "el": "Grek",
    "he": "Hebr",
    "hy": "Armn",
    "ka": "Geor",
    "hi": "Deva",
    "mr": "Deva",
    "bn": "Beng",
    "pa": "Guru",
    "gu": "Gujr",
    "ta": "Taml",
    "te": "Telu",
    "th": "Thai",
    "zh": "Hani",
    "ja": "Jpan",
    "ko": "Hang",
}
