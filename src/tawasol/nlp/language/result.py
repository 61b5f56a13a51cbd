"""The value returned for every identified message: language, script, confidence and shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

UNDETERMINED = "und"
"""ISO 639-2 code for 'undetermined', used for empty, emoji-only or too-short input."""

COMMON_SCRIPT = "Zyyy"
"""ISO 15924 code for 'common' characters (digits, punctuation, emoji): no letters to judge."""


@dataclass(frozen=True, slots=True)
class LanguageResult:
    """One language-identification prediction.

    `primary` is an ISO 639 code (`ary` for Moroccan Darija in either script, `ar` for Modern
    Standard or other Arabic, `fr`, `en`, ...; `und` when undetermined). `shares` maps each
    language found in the text to its share of the text's letters, for code-switched messages.
    `version` names the models that produced the prediction, so that it can be stored with it.
    """

    primary: str
    script: str
    confidence: float
    version: str
    secondary: str | None = None
    shares: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "confidence", min(1.0, max(0.0, float(self.confidence))))
        object.__setattr__(self, "shares", MappingProxyType(dict(self.shares)))

    @property
    def is_undetermined(self) -> bool:
        return self.primary == UNDETERMINED

    @property
    def is_code_switched(self) -> bool:
        return self.secondary is not None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready record of the prediction, suitable for storing next to the message."""
        return {
            "primary": self.primary,
            "script": self.script,
            "confidence": round(self.confidence, 4),
            "secondary": self.secondary,
            "shares": {code: round(share, 4) for code, share in self.shares.items()},
            "version": self.version,
        }


def undetermined(
    version: str, script: str = COMMON_SCRIPT, confidence: float = 0.0
) -> LanguageResult:
    """The result for input that carries too little text to identify."""
    return LanguageResult(
        primary=UNDETERMINED, script=script, confidence=confidence, version=version, shares={}
    )
