"""Check-digit algorithms: Luhn (payment cards), ISO 7064 mod 97-10 (IBAN), Moroccan RIB key.

Functions take ASCII strings already stripped of separators. The ``*_check_digits`` helpers
compute the digits that make a number valid; they are used to build test data.
"""

from __future__ import annotations


def luhn_is_valid(digits: str) -> bool:
    """True if the digit string passes the Luhn (mod 10) check."""
    if not digits.isdigit() or not digits.isascii():
        return False
    return _luhn_sum(digits) % 10 == 0


def luhn_check_digit(partial: str) -> str:
    """The digit to append to ``partial`` so that the result passes the Luhn check."""
    return str((10 - _luhn_sum(partial + "0") % 10) % 10)


def _luhn_sum(digits: str) -> int:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total


def iban_is_valid(compact: str) -> bool:
    """True if an upper-case IBAN without spaces passes the ISO 7064 mod 97-10 check."""
    if len(compact) < 5 or not compact.isascii() or not compact.isalnum():
        return False
    if not (compact[:2].isalpha() and compact[2:4].isdigit()):
        return False
    return _iban_remainder(compact[4:] + compact[:4]) == 1


def iban_check_digits(country: str, bban: str) -> str:
    """The two check digits for an IBAN made of ``country`` and ``bban``."""
    return f"{98 - _iban_remainder(bban + country + '00'):02d}"


def _iban_remainder(rearranged: str) -> int:
    """Remainder mod 97 of the number obtained by writing letters as 10..35."""
    remainder = 0
    for char in rearranged.upper():
        if char.isdigit():
            remainder = (remainder * 10 + ord(char) - 48) % 97
        else:
            remainder = (remainder * 100 + ord(char) - 55) % 97
    return remainder


def rib_key(first_22_digits: str) -> str:
    """Moroccan RIB key: 97 - ((first 22 digits x 100) mod 97), written on two digits."""
    return f"{97 - (int(first_22_digits) * 100) % 97:02d}"


def rib_is_valid(digits: str) -> bool:
    """True if a 24-digit Moroccan RIB (bank 3, city 3, account 16, key 2) has a correct key."""
    if len(digits) != 24 or not digits.isascii() or not digits.isdigit():
        return False
    return rib_key(digits[:22]) == digits[22:]
