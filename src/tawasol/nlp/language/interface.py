"""The `LanguageIdentifier` interface that every language-identification backend implements."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from tawasol.nlp.language.result import LanguageResult


@runtime_checkable
class LanguageIdentifier(Protocol):
    """Identifies the language(s) of short customer messages, offline.

    Implementations never raise on odd input (empty, emoji-only, digits): they return an
    undetermined result with low confidence instead.
    """

    @property
    def version(self) -> str:
        """Names the models (and their versions) behind every prediction."""
        ...

    def identify(self, text: str) -> LanguageResult:
        """Identify one message."""
        ...

    def identify_batch(self, texts: Iterable[str]) -> list[LanguageResult]:
        """Identify many messages, in order."""
        ...
