"""Payment card numbers (PAN): 13-19 digits, Luhn-valid, with a plausible issuer prefix.

Card numbers are written either unbroken or in the printed layout: groups of four (the last
group may be shorter) or the 4-6-5 / 4-6-4 layout of American Express and Diners cards.
Windows of a digit run with any other grouping are not card numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from tawasol.nlp.pii.checksums import luhn_is_valid
from tawasol.nlp.pii.digit_groups import DigitGroup, windows
from tawasol.nlp.pii.resolve import RANK_CARD, Candidate
from tawasol.nlp.pii.spans import PiiKind

MIN_CARD_DIGITS: Final = 13
MAX_CARD_DIGITS: Final = 19
_SIXTEEN_TO_NINETEEN = frozenset(range(16, 20))

# (lowest prefix, highest prefix, allowed lengths), per the card schemes' published IIN ranges.
_ISSUER_RANGES: Final[tuple[tuple[str, str, frozenset[int]], ...]] = (
    ("4", "4", frozenset({13, 16, 19})),  # Visa
    ("51", "55", frozenset({16})),  # Mastercard
    ("2221", "2720", frozenset({16})),  # Mastercard 2-series
    ("34", "34", frozenset({15})),  # American Express
    ("37", "37", frozenset({15})),  # American Express
    ("300", "305", frozenset(range(14, 20))),  # Diners Club
    ("36", "36", frozenset(range(14, 20))),  # Diners Club
    ("38", "39", frozenset(range(14, 20))),  # Diners Club
    ("3528", "3589", _SIXTEEN_TO_NINETEEN),  # JCB
    ("6011", "6011", _SIXTEEN_TO_NINETEEN),  # Discover
    ("644", "649", _SIXTEEN_TO_NINETEEN),  # Discover
    ("65", "65", _SIXTEEN_TO_NINETEEN),  # Discover
    ("62", "62", _SIXTEEN_TO_NINETEEN),  # UnionPay
    ("2200", "2204", _SIXTEEN_TO_NINETEEN),  # Mir
    ("50", "50", frozenset(range(13, 20))),  # Maestro
    ("56", "58", frozenset(range(13, 20))),  # Maestro
    ("63", "63", frozenset(range(13, 20))),  # Maestro
    ("67", "67", frozenset(range(13, 20))),  # Maestro
)

_ISSUER_FIRST_DIGITS = frozenset(low[0] for low, _, _ in _ISSUER_RANGES)


def has_plausible_issuer(digits: str) -> bool:
    """True if the number's prefix and length match a known card scheme."""
    for low, high, lengths in _ISSUER_RANGES:
        if len(digits) in lengths and low <= digits[: len(low)] <= high:
            return True
    return False


def is_card_number(digits: str) -> bool:
    """True for a 13-19 digit number with a plausible issuer and a valid Luhn check digit."""
    return (
        MIN_CARD_DIGITS <= len(digits) <= MAX_CARD_DIGITS
        and has_plausible_issuer(digits)
        and luhn_is_valid(digits)
    )


def find_cards(runs: Iterable[list[DigitGroup]]) -> list[Candidate]:
    """Card-number candidates among digit runs; the normalized form is the bare digits."""
    found: list[Candidate] = []
    for groups in runs:
        index = 0
        while index < len(groups):
            last = _longest_card_from(groups, index)
            if last is None:
                index += 1
                continue
            digits = "".join(group.digits for group in groups[index : last + 1])
            start, end = groups[index].start, groups[last].end
            found.append(Candidate(PiiKind.CARD, start, end, digits, RANK_CARD))
            index = last + 1
    return found


def _longest_card_from(groups: list[DigitGroup], first: int) -> int | None:
    if groups[first].digits[0] not in _ISSUER_FIRST_DIGITS:
        return None
    for last, digits in windows(
        groups, first, min_digits=MIN_CARD_DIGITS, max_digits=MAX_CARD_DIGITS
    ):
        lengths = [len(group.digits) for group in groups[first : last + 1]]
        if _is_card_layout(lengths) and is_card_number(digits):
            return last
    return None


def _is_card_layout(lengths: list[int]) -> bool:
    if len(lengths) == 1:
        return True
    if lengths in ([4, 6, 5], [4, 6, 4]):
        return True
    return all(length == 4 for length in lengths[:-1]) and 1 <= lengths[-1] <= 4
