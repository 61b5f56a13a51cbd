"""Offline detection and redaction of personal data in customer messages.

Covers French, Modern Standard Arabic, Moroccan Darija (Arabic script and Latin "Arabizi"),
Spanish and English: e-mails, phone numbers (E.164), IBANs, Moroccan RIBs, payment cards,
Moroccan CIN and passport numbers, and dates of birth. Numbers are validated (checksums,
numbering plans) and ID-like tokens need context or a strict shape, so order numbers,
amounts, tracking and flight numbers are left alone.

>>> redact("Appelez-moi au 06 12 34 56 78").text
'Appelez-moi au [PHONE]'
"""

from __future__ import annotations

from typing import Final

from tawasol.nlp.pii.detect import detect_pii
from tawasol.nlp.pii.redact import redact
from tawasol.nlp.pii.spans import PiiKind, PiiSpan, Redaction

PII_VERSION: Final = "1.0.0"
"""Version of the detection rules; store it with every redaction so results can be traced."""

__all__ = ["PII_VERSION", "PiiKind", "PiiSpan", "Redaction", "detect_pii", "redact"]
