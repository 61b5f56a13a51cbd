"""Redaction: replace detected personal data with typed placeholders such as ``[PHONE]``."""

from __future__ import annotations

from collections.abc import Iterable

from tawasol.nlp.pii.detect import detect_pii
from tawasol.nlp.pii.spans import PiiKind, PiiSpan, Redaction


def redact(
    text: str, *, kinds: Iterable[str] | None = None, default_region: str = "MA"
) -> Redaction:
    """Replace personal data in ``text`` with ``[KIND]`` placeholders.

    ``kinds`` restricts redaction to some kinds (e.g. ``{"PHONE", "EMAIL"}``); ``None`` means
    all. Overlaps are settled before filtering, so a phone-like run inside an IBAN is never
    redacted as a phone. Returned spans carry offsets in the original ``text``.
    """
    wanted = _wanted_kinds(kinds)
    spans = tuple(
        span for span in detect_pii(text, default_region=default_region) if span.kind in wanted
    )
    return Redaction(apply_placeholders(text, spans), spans)


def apply_placeholders(text: str, spans: Iterable[PiiSpan]) -> str:
    """``text`` with each (non-overlapping, sorted) span replaced by its kind's placeholder."""
    pieces: list[str] = []
    cursor = 0
    for span in spans:
        pieces.append(text[cursor : span.start])
        pieces.append(span.kind.placeholder)
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


_ALL_KINDS = frozenset(PiiKind)


def _wanted_kinds(kinds: Iterable[str] | None) -> frozenset[PiiKind]:
    if kinds is None:
        return _ALL_KINDS
    requested = tuple(kinds)
    unknown = sorted(set(requested) - _ALL_KINDS)
    if unknown:
        raise ValueError(f"unknown PII kind(s) {unknown}; known kinds: {', '.join(PiiKind)}")
    return frozenset(PiiKind(kind) for kind in requested)
