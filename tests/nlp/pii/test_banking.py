"""IBAN, RIB and card numbers found in sentences, in the layouts customers type."""

from __future__ import annotations

import pytest

from tawasol.nlp.pii import PiiKind, detect_pii
from tawasol.nlp.pii.checksums import rib_key

from .detections import found, only_span

RIB = "011519000001205000534921"


@pytest.mark.parametrize(
    "written",
    [
        RIB,
        "011 519 0000012050005349 21",  # bank layout 3-3-16-2
        "0115 1900 0001 2050 0053 4921",  # groups of four
        "011-519-0000012050005349-21",
    ],
)
def test_rib_layouts(written: str) -> None:
    span = only_span(f"Mon RIB : {written}, merci")
    assert (span.kind, span.text, span.normalized) == (PiiKind.RIB, written, RIB)


def test_rib_with_wrong_key_is_ignored() -> None:
    bad = RIB[:22] + "22"
    assert detect_pii(f"RIB {bad}") == []
    assert detect_pii("RIB 011 519 0000012050005349 12") == []


def test_rib_key_computed_for_another_account() -> None:
    body = "0077800001234567890123"
    assert found(f"virement sur {body}{rib_key(body)} svp") == [("RIB", body + rib_key(body))]


@pytest.mark.parametrize(
    "written",
    [
        "FR14 2004 1010 0505 0001 3M02 606",
        "FR1420041010050500013M02606",
        "fr14 2004 1010 0505 0001 3m02 606",
        "GB82 WEST 1234 5698 7654 32",
        "MA64 0115 1900 0001 2050 0053 4921",
        "MA64011519000001205000534921",
        "MA64 011 519 0000012050005349 21",
    ],
)
def test_iban_layouts(written: str) -> None:
    span = only_span(f"IBAN: {written} merci")
    assert span.kind is PiiKind.IBAN
    assert span.text == written
    assert span.normalized == written.replace(" ", "").upper()


def test_iban_does_not_swallow_the_next_word() -> None:
    assert found("FR14 2004 1010 0505 0001 3M02 606 MERCI") == [
        ("IBAN", "FR14 2004 1010 0505 0001 3M02 606")
    ]


def test_iban_wins_over_the_rib_inside_it() -> None:
    [span] = detect_pii("MA64 0115 1900 0001 2050 0053 4921")
    assert span.kind is PiiKind.IBAN


@pytest.mark.parametrize(
    "text",
    [
        "IBAN FR15 2004 1010 0505 0001 3M02 606",  # wrong check digits
        "IBAN GB82 WEST 1234 5698 7654 33",
        "IBAN MA64 0115 1900 0001 2050 0053 4912",  # body typo: IBAN and RIB both fail
        "IBAN XX82 WEST 1234 5698 7654 32",  # unknown country
        "IBAN FR14 2004 1010 0505 0001 3M02 60",  # one character short
    ],
)
def test_invalid_ibans_are_ignored(text: str) -> None:
    assert detect_pii(text) == []


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("4111 1111 1111 1111", "4111111111111111"),
        ("4111-1111-1111-1111", "4111111111111111"),
        ("4111111111111111", "4111111111111111"),
        ("3782 822463 10005", "378282246310005"),  # Amex layout 4-6-5
        ("5555 5555 5555 4444", "5555555555554444"),
    ],
)
def test_card_layouts(written: str, digits: str) -> None:
    span = only_span(f"ma carte {written} exp 12/27")
    assert (span.kind, span.text, span.normalized) == (PiiKind.CARD, written, digits)


@pytest.mark.parametrize(
    "text",
    [
        "carte 4111 1111 1111 1112",  # Luhn fails
        "carte 4111 111 1111 11111",  # not a card layout
        "commande 1234 5678 1234 5670",  # Luhn passes, no scheme starts with 1
        "IMEI 356938035643809",
        "REF4111111111111111",  # glued to letters: a reference
        "montant 4 111 111 111 111 111",
    ],
)
def test_not_cards(text: str) -> None:
    assert [s for s in detect_pii(text) if s.kind is PiiKind.CARD] == []
