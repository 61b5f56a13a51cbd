"""Redaction: typed placeholders, offsets into the original text, kind filters, version."""

from __future__ import annotations

import pytest

from tawasol.nlp.pii import PII_VERSION, PiiKind, Redaction, detect_pii, redact

MESSAGE = (
    "Bonjour, je suis Karim (né le 14/02/1987, CIN BK123456). "
    "Rappelez-moi au 06 61 23 45 78 ou écrivez à karim.benali@gmail.com ; "
    "remboursement sur MA64 0115 1900 0001 2050 0053 4921 ou carte 4111 1111 1111 1111. "
    "Passeport AZ4517283. Commande 458712 du 12/03/2024."
)


def test_placeholders_replace_every_kind() -> None:
    result = redact(MESSAGE)
    assert result.text == (
        "Bonjour, je suis Karim (né le [DOB], CIN [CIN]). "
        "Rappelez-moi au [PHONE] ou écrivez à [EMAIL] ; "
        "remboursement sur [IBAN] ou carte [CARD]. "
        "Passeport [PASSPORT]. Commande 458712 du 12/03/2024."
    )


def test_span_offsets_refer_to_the_original_text() -> None:
    result = redact(MESSAGE)
    assert result.spans
    for span in result.spans:
        assert MESSAGE[span.start : span.end] == span.text
    starts = [span.start for span in result.spans]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(result.spans, result.spans[1:], strict=False))


def test_redaction_can_be_rebuilt_from_spans() -> None:
    result = redact(MESSAGE)
    rebuilt, cursor = [], 0
    for span in result.spans:
        rebuilt += [MESSAGE[cursor : span.start], f"[{span.kind}]"]
        cursor = span.end
    rebuilt.append(MESSAGE[cursor:])
    assert "".join(rebuilt) == result.text


def test_kind_filter() -> None:
    result = redact(MESSAGE, kinds={"PHONE", "EMAIL"})
    assert {span.kind for span in result.spans} == {PiiKind.PHONE, PiiKind.EMAIL}
    assert "[PHONE]" in result.text and "[EMAIL]" in result.text
    assert "BK123456" in result.text and "4111 1111 1111 1111" in result.text


def test_kind_filter_keeps_overlap_resolution() -> None:
    # Digits inside an IBAN are never redacted as something else, even when IBAN is filtered out.
    text = "IBAN MA64 0115 1900 0001 2050 0053 4921"
    assert redact(text, kinds={"RIB", "PHONE", "CARD"}).text == text


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown PII kind"):
        redact(MESSAGE, kinds={"PHONE", "SSN"})


def test_text_without_pii_is_unchanged() -> None:
    text = "Ma commande 458712 du 12/03/2024 (1 250,00 MAD) n'est pas arrivée, vol AT 512."
    assert redact(text) == Redaction(text=text, spans=())


def test_empty_text() -> None:
    assert redact("") == Redaction(text="", spans=())
    assert detect_pii("") == []


def test_detection_is_deterministic() -> None:
    assert detect_pii(MESSAGE) == detect_pii(MESSAGE)


def test_version_is_recorded() -> None:
    assert isinstance(PII_VERSION, str) and PII_VERSION.count(".") == 2
