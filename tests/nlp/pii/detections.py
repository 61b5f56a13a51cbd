"""Detection shortcuts shared by the PII tests."""

from __future__ import annotations

from tawasol.nlp.pii import PiiSpan, detect_pii


def found(text: str, *, default_region: str = "MA") -> list[tuple[str, str]]:
    """(kind, text) of every detection, in order."""
    return [
        (span.kind.value, span.text) for span in detect_pii(text, default_region=default_region)
    ]


def only_span(text: str) -> PiiSpan:
    """The single detection in ``text`` (fails otherwise)."""
    spans = detect_pii(text)
    assert len(spans) == 1, spans
    return spans[0]
