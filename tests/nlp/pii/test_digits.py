"""Eastern Arabic and Persian digits: detected, normalized, with offsets in the original text."""

from __future__ import annotations

from tawasol.nlp.pii import PiiKind, detect_pii, redact
from tawasol.nlp.pii.checksums import rib_key
from tawasol.nlp.pii.digits import fold_digits

EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def test_folding_keeps_length_and_positions() -> None:
    text = "رقمي ٠٦١٢٣٤٥٦٧٨ و ۰۷۱۲"
    folded = fold_digits(text)
    assert len(folded) == len(text)
    assert folded == "رقمي 0612345678 و 0712"


def test_ascii_text_is_returned_unchanged() -> None:
    text = "no eastern digits 0612345678"
    assert fold_digits(text) is text


def test_eastern_arabic_phone() -> None:
    text = "هاتفي: ٠٦٦١٢٣٤٥٧٨ شكرا"
    [span] = detect_pii(text)
    assert span.kind is PiiKind.PHONE
    assert span.text == "٠٦٦١٢٣٤٥٧٨" == text[span.start : span.end]
    assert span.normalized == "+212661234578"


def test_persian_digits_phone() -> None:
    [span] = detect_pii("شماره ۰۶۱۲۳۴۵۶۷۸")
    assert span.normalized == "+212612345678"


def test_eastern_arabic_rib_and_date_of_birth() -> None:
    body = "0117800000123456789012"
    rib = (body + rib_key(body)).translate(EASTERN)
    text = f"رقم الحساب {rib} ، تاريخ الازدياد ١٢/٠٥/١٩٨٨"
    spans = detect_pii(text)
    assert [(s.kind.value, s.normalized) for s in spans] == [
        ("RIB", body + rib_key(body)),
        ("DOB", "1988-05-12"),
    ]
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_mixed_digits_redaction_keeps_surrounding_text() -> None:
    text = "اتصل ب ٠٦٦١٢٣٤٥٧٨ أو " + "0698765432".translate(PERSIAN)
    assert redact(text).text == "اتصل ب [PHONE] أو [PHONE]"
