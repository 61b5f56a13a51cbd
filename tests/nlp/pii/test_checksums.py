"""Check-digit algorithms against published examples and hand-made failures."""

from __future__ import annotations

import pytest

from tawasol.nlp.pii.cards import has_plausible_issuer, is_card_number
from tawasol.nlp.pii.checksums import (
    iban_check_digits,
    iban_is_valid,
    luhn_check_digit,
    luhn_is_valid,
    rib_is_valid,
    rib_key,
)

# Example IBANs printed in the SWIFT IBAN Registry (the ISO 13616 registration authority's
# per-country "IBAN electronic format example"), used by ECBS member banks' documentation.
REGISTRY_EXAMPLES = [
    "GB82WEST12345698765432",
    "DE89370400440532013000",
    "FR1420041010050500013M02606",
    "BE68539007547034",
    "NL91ABNA0417164300",
    "ES9121000418450200051332",
    "CH9300762011623852957",
    "IT60X0542811101000000123456",
    "SA0380000000608010167519",
    "TN5910006035183598478831",
    "AE070331234567890123456",
]
# A Moroccan IBAN: "MA" + "64" + a 24-digit RIB whose key is correct (see test below).
MOROCCAN_IBAN = "MA64011519000001205000534921"


@pytest.mark.parametrize("iban", [*REGISTRY_EXAMPLES, MOROCCAN_IBAN])
def test_published_ibans_are_valid(iban: str) -> None:
    assert iban_is_valid(iban)


@pytest.mark.parametrize(
    "iban",
    [
        "GB82WEST12345698765433",  # last digit changed
        "DE89370400440532013001",
        "FR1420041010050500013M02607",
        "GB28WEST12345698765432",  # check digits swapped
        "MA64011519000001205000534912",  # two digits transposed
        "MA640115190000012050005349",  # too short to pass mod 97
        "GB82 WEST 1234 5698 7654 32",  # spaces are stripped by the detector, not here
        "",
        "1234",
    ],
)
def test_broken_ibans_are_invalid(iban: str) -> None:
    assert not iban_is_valid(iban)


def test_iban_check_digits_rebuild_registry_examples() -> None:
    for iban in REGISTRY_EXAMPLES:
        assert iban_check_digits(iban[:2], iban[4:]) == iban[2:4]


def test_rib_key_formula() -> None:
    # key = 97 - ((first 22 digits x 100) mod 97)
    first_22 = "0115190000012050005349"
    assert rib_key(first_22) == f"{97 - (int(first_22) * 100) % 97:02d}" == "21"
    assert rib_is_valid(first_22 + "21")


def test_every_valid_rib_gives_moroccan_check_digits_64() -> None:
    # A valid RIB is a multiple of 97, so its IBAN check digits are always 64.
    assert iban_check_digits("MA", "011519000001205000534921") == "64"
    assert (
        iban_check_digits("MA", "007780000123456789012374"[:22] + rib_key("0077800001234567890123"))
        == "64"
    )


@pytest.mark.parametrize(
    "rib",
    [
        "011519000001205000534922",  # wrong key
        "011519000001205000534912",
        "01151900000120500053492",  # 23 digits
        "0115190000012050005349211",  # 25 digits
        "01151900000120500053492A",
        "٠١١٥١٩٠٠٠٠٠١٢٠٥٠٠٠٥٣٤٩٢١",  # Eastern digits are folded by the detector, not here
    ],
)
def test_broken_ribs_are_invalid(rib: str) -> None:
    assert not rib_is_valid(rib)


# Test card numbers published by payment processors for sandbox payments.
PUBLISHED_TEST_CARDS = [
    "4111111111111111",  # Visa
    "4012888888881881",  # Visa
    "4222222222222",  # Visa, 13 digits
    "5555555555554444",  # Mastercard
    "5105105105105100",  # Mastercard
    "2223003122003222",  # Mastercard 2-series
    "378282246310005",  # American Express
    "371449635398431",  # American Express
    "6011111111111117",  # Discover
    "3530111333300000",  # JCB
    "30569309025904",  # Diners Club
]


@pytest.mark.parametrize("number", PUBLISHED_TEST_CARDS)
def test_published_test_cards_are_card_numbers(number: str) -> None:
    assert luhn_is_valid(number)
    assert is_card_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "4111111111111112",  # Luhn fails
        "5555555555554440",
        "1234567812345670",  # Luhn passes, no scheme starts with 1
        "9400100000000000",  # postal tracking style, no scheme starts with 9
        "356938035643809",  # an IMEI: Luhn passes, 15 digits is not a JCB length
        "411111111111",  # too short
    ],
)
def test_non_cards(number: str) -> None:
    assert not is_card_number(number)


def test_luhn_check_digit_completes_numbers() -> None:
    assert luhn_check_digit("411111111111111") == "1"
    assert luhn_check_digit("7992739871") == "3"  # the classic textbook example
    assert luhn_is_valid("79927398713")
    assert not luhn_is_valid("79927398710")


def test_issuer_prefixes() -> None:
    assert has_plausible_issuer("4" + "0" * 15)
    assert has_plausible_issuer("2720" + "0" * 12)
    assert not has_plausible_issuer("2721" + "0" * 12)
    assert not has_plausible_issuer("34" + "0" * 14)  # Amex is 15 digits
