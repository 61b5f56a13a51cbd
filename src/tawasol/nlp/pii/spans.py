"""Value types of the PII package: the kinds we detect, a detected span, a redaction result."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PiiKind(StrEnum):
    """Families of personal data found in customer messages.

    Members are plain strings, so ``PiiKind.PHONE == "PHONE"`` and they can be mixed with
    strings in sets.
    """

    EMAIL = "EMAIL"
    PHONE = "PHONE"
    IBAN = "IBAN"
    RIB = "RIB"
    CARD = "CARD"
    CIN = "CIN"
    PASSPORT = "PASSPORT"
    DOB = "DOB"

    @property
    def placeholder(self) -> str:
        """Typed placeholder written in place of the value, e.g. ``[PHONE]``."""
        return f"[{self.value}]"


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """One piece of personal data.

    ``start``/``end`` are offsets in the original text (``text == original[start:end]``);
    ``normalized`` is a canonical form: E.164 for phones, compact upper-case for IBAN/RIB/card
    numbers and IDs, lower-case for e-mails, ISO 8601 for dates of birth.
    """

    kind: PiiKind
    start: int
    end: int
    text: str
    normalized: str


@dataclass(frozen=True, slots=True)
class Redaction:
    """A redacted message and the spans (offsets in the original text) that were replaced."""

    text: str
    spans: tuple[PiiSpan, ...]
