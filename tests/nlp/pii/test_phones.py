"""Phone numbers: every Moroccan written form, international numbers, and non-phones."""

from __future__ import annotations

import pytest

from tawasol.nlp.pii import PiiKind, detect_pii

from .detections import found, only_span

MOROCCAN_FORMS = [
    "+212 6 12 34 56 78",
    "+212612345678",
    "+212 612-345678",
    "+212 (0)6 12 34 56 78",
    "+212(0)612345678",
    "+212 06 12 34 56 78",
    "(+212) 6 12 34 56 78",
    "00212 6 12 34 56 78",
    "00212612345678",
    "00 212 6 12 34 56 78",
    "212 612 345 678",
    "0612345678",
    "06 12 34 56 78",
    "06-12-34-56-78",
    "06.12.34.56.78",
    "0612 345 678",
    "06\u00a012\u00a034\u00a056\u00a078",  # no-break spaces
    "06\u202f12\u202f34\u202f56\u202f78",  # narrow no-break spaces (French typography)
]


@pytest.mark.parametrize("written", MOROCCAN_FORMS)
def test_every_moroccan_mobile_form(written: str) -> None:
    span = only_span(f"Mon numéro : {written}, merci.")
    assert span.kind is PiiKind.PHONE
    assert span.text == written
    assert span.normalized == "+212612345678"


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("0712345678", "+212712345678"),  # mobile, 07 range
        ("07 00 98 76 54", "+212700987654"),
        ("05 22 48 61 30", "+212522486130"),  # Casablanca landline
        ("0537-77-21-48", "+212537772148"),  # Rabat landline
        ("+212 5 24 43 12 87", "+212524431287"),  # Marrakech landline
    ],
)
def test_moroccan_mobiles_and_landlines(written: str, e164: str) -> None:
    span = only_span(f"Appelez le {written} svp")
    assert (span.text, span.normalized) == (written, e164)


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("+33 6 12 48 77 30", "+33612487730"),
        ("+33 (0)6 12 48 77 30", "+33612487730"),
        ("0033 6 12 48 77 30", "+33612487730"),
        ("+34 612 345 678", "+34612345678"),
        ("+1 415 555 2671", "+14155552671"),
        ("+44 7911 123456", "+447911123456"),
        ("+49 151 23456789", "+4915123456789"),
    ],
)
def test_international_numbers(written: str, e164: str) -> None:
    span = only_span(f"call me on {written} please")
    assert (span.text, span.normalized) == (written, e164)


def test_several_numbers_in_one_run_are_split() -> None:
    assert found("06 61 23 45 67 06 98 76 54 32") == [
        ("PHONE", "06 61 23 45 67"),
        ("PHONE", "06 98 76 54 32"),
    ]
    assert found("tel 0612345678/0698765432") == [
        ("PHONE", "0612345678"),
        ("PHONE", "0698765432"),
    ]


def test_arabizi_digit_letters_after_the_number() -> None:
    assert found("ra9mi 0661 23 45 67 3ayto 3liya") == [("PHONE", "0661 23 45 67")]


def test_bare_national_number_only_when_grouped() -> None:
    assert found("tel 6 61 23 45 67 svp") == [("PHONE", "6 61 23 45 67")]
    assert found("commande 661234567") == []  # unbroken: more likely a reference
    assert found("Total 600 000 000 DH") == []  # thousands separators: an amount


def test_default_region_reads_national_numbers() -> None:
    assert found("appelez le 06 12 34 56 78", default_region="FR") == [("PHONE", "06 12 34 56 78")]
    span = detect_pii("appelez le 06 12 34 56 78", default_region="FR")[0]
    assert span.normalized == "+33612345678"


@pytest.mark.parametrize(
    "text",
    [
        "Votre service client au 0801 00 20 20 ne répond jamais.",  # toll-free: not personal
        "0812345678 n'existe pas",  # unallocated range
        "0512345678 n'existe pas",  # 051 is not a landline range
        "commande 061234 du 12/03/2024",  # too short
        "Référence CMD-2024-0612345678",  # glued to a reference
        "REF0612345678",
        "code 612345678",  # no trunk prefix, no country code
        "montant 1 250 000 MAD",
        "le 06.12.1985",  # a date
        "+0612345678",  # a country code never starts with 0
        "colis 1Z999AA10123456784",
    ],
)
def test_not_phone_numbers(text: str) -> None:
    assert [span for span in detect_pii(text) if span.kind is PiiKind.PHONE] == []
