"""Telephone numbers, parsed and validated with ``phonenumbers``, normalized to E.164.

A *run* is a sequence of digit atoms separated by at most one space, dot or dash, where an
atom may carry a leading ``+`` or sit in parentheses (``(+212)``, ``(0)``). A run may hold
several numbers (``0612345678 0698765432``), so it is segmented: from each atom that can
start a number (``+``, ``00``, the trunk prefix ``0`` or the region's country code) the
longest window of atoms that parses as a valid number wins.

Numbers without a country code are read in the default region: trunk-prefixed
(``06 12 34 56 78`` for Morocco), prefixed with the region's country code (``212 6...``), or
bare but written in at least three groups (``6 61 23 45 67``); an unbroken bare number
(``661234567``) is more often an order or account number and is left alone. Toll-free,
premium-rate, shared-cost and similar service numbers are not personal data and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberFormat, PhoneNumberType

from tawasol.nlp.pii.resolve import RANK_PHONE, Candidate
from tawasol.nlp.pii.spans import PiiKind

_ATOM = r"(?:\(\+?[0-9]{1,4}\)|\+?[0-9]+)"
# A bare atom must end the run or be followed by a separator: "06 12 34 56 78 3ayto" (Arabizi
# digit-letters right after the number) ends the run at "78" instead of dropping it.
_BOUNDED_ATOM = r"(?:\(\+?[0-9]{1,4}\)|\+?[0-9]+(?![0-9A-Za-z_@]))"
# The first character of the run is matched before the lookbehinds that check what precedes
# it (a pattern starting with a character class lets the regex engine skip ahead); the rest
# of the first atom depends on that character.
_FIRST_ATOM = (
    r"[0-9+(](?<![0-9A-Za-z_@+].)(?<![0-9A-Za-z][\-.].)(?<![A-Za-z]/.)"
    r"(?:(?<=\()\+?[0-9]{1,4}\)|(?<=\+)[0-9]+(?![0-9A-Za-z_@])|(?<=[0-9])[0-9]*(?![0-9A-Za-z_@]))"
)
_RUN = re.compile(rf"{_FIRST_ATOM}(?:[ \u00a0\u2009\u202f.\-]?{_BOUNDED_ATOM})*+")
_ATOM_RE = re.compile(_ATOM)

_MIN_DIGITS = 8  # shortest plausible subscriber number with its prefix
_MAX_DIGITS = 17  # E.164 allows 15 digits; "00" and a trunk "0" may add two
_GROUPS = 3  # a bare national number (no trunk prefix) counts only when written in groups
_SERVICE_TYPES = frozenset(
    {
        PhoneNumberType.TOLL_FREE,
        PhoneNumberType.PREMIUM_RATE,
        PhoneNumberType.SHARED_COST,
        PhoneNumberType.UAN,
        PhoneNumberType.VOICEMAIL,
    }
)


class _Atom(NamedTuple):
    """One atom of a run: offsets, text and its digits (a tuple: created in hot loops)."""

    start: int
    end: int
    text: str
    digits: str


@dataclass(frozen=True, slots=True)
class _Region:
    """What the default region tells about numbers written without ``+``."""

    code: str
    country_code: str
    trunk_prefix: str
    national_lengths: frozenset[int]
    complex_trunk: bool  # national prefix rules too rich for the fast path: use parse()


def find_phones(folded: str, default_region: str) -> list[Candidate]:
    """Phone-number candidates in ``folded`` (digits already ASCII)."""
    region = _region(default_region)
    found: list[Candidate] = []
    for run in _RUN.finditer(folded):
        text = run.group()
        if len(text) < _MIN_DIGITS or sum(map(str.isdigit, text)) < _MIN_DIGITS:
            continue
        atoms = [
            _Atom(run.start() + m.start(), run.start() + m.end(), m.group(), _digits_of(m.group()))
            for m in _ATOM_RE.finditer(text)
        ]
        found.extend(_segment(atoms, region))
    return found


def _digits_of(atom: str) -> str:
    return atom if atom.isdigit() else "".join(filter(str.isdigit, atom))


def _segment(atoms: list[_Atom], region: _Region) -> list[Candidate]:
    found: list[Candidate] = []
    index = 0
    while index < len(atoms):
        hit = _longest_number_from(atoms, index, region)
        if hit is None:
            index += 1
            continue
        found.append(hit[0])
        index = hit[1] + 1
    return found


def _longest_number_from(
    atoms: list[_Atom], first: int, region: _Region
) -> tuple[Candidate, int] | None:
    head = atoms[first].text.lstrip("(")
    if not _can_start_number(head, region):
        return None
    digits = ""
    reach: list[tuple[int, str]] = []  # (last atom index, digits of the window)
    for position in range(first, len(atoms)):
        if position > first and atoms[position].text.lstrip("(").startswith("+"):
            break
        digits += atoms[position].digits
        if len(digits) > _MAX_DIGITS:
            break
        reach.append((position, digits))
    for last, window_digits in reversed(reach):
        if len(window_digits) < _MIN_DIGITS:
            return None
        e164 = _validated_e164(atoms[first : last + 1], head, window_digits, region)
        if e164 is not None:
            start, end = atoms[first].start, atoms[last].end
            return Candidate(PiiKind.PHONE, start, end, e164, RANK_PHONE), last
    return None


def _can_start_number(head: str, region: _Region) -> bool:
    if head.startswith("+"):
        return head[1:2] not in ("0", "")  # country codes never start with 0
    return head[:1].isdigit() and bool(region.country_code)


def _validated_e164(atoms: list[_Atom], head: str, digits: str, region: _Region) -> str | None:
    """E.164 form of a personal number written by these atoms, or None."""
    grouped = len(atoms) >= _GROUPS and not _is_thousands_grouping(atoms)
    national = _national_number_in_region(head, digits, region, grouped=grouped)
    if national is not None:
        number = PhoneNumber(country_code=int(region.country_code), national_number=int(national))
        return _e164_if_personal(number)
    international = head.startswith(("+", "00")) and not head.startswith("000")
    if not (international or region.complex_trunk):
        return None  # national forms of the default region were handled above
    if len(digits) - (2 if head.startswith("00") else 0) > 15:
        return None
    text = " ".join(atom.text for atom in atoms)
    text = text.replace("00", "+", 1) if head.startswith("00") else text
    try:
        number = phonenumbers.parse(text, region.code)
    except phonenumbers.NumberParseException:
        return None
    return _e164_if_personal(number)


def _is_thousands_grouping(atoms: list[_Atom]) -> bool:
    """``600 000 000``: an amount written with thousands separators, not a phone number."""
    return len(atoms[0].digits) <= 3 and all(len(atom.digits) == 3 for atom in atoms[1:])


def _national_number_in_region(
    head: str, digits: str, region: _Region, *, grouped: bool
) -> str | None:
    """National significant number when the digits are a number of the default region.

    Covers the trunk form (``06...``), the country code with or without ``+``/``00``, the
    country code followed by the trunk prefix (``+212 (0)6...``, ``+212 06...``) and, only
    when written in groups (``6 61 23 45 67``), the bare national number. ``None`` means
    "not a number of this region": the caller falls back to ``phonenumbers.parse`` for
    numbers with an international prefix.
    """
    code, trunk = region.country_code, region.trunk_prefix
    if not code:
        return None
    if head.startswith("+"):
        rest = digits[len(code) :] if digits.startswith(code) else None
    elif head.startswith("00"):
        rest = digits[2 + len(code) :] if digits[2:].startswith(code) else None
    elif trunk and head.startswith(trunk):
        rest = digits
        if len(rest) - len(trunk) not in region.national_lengths and digits.startswith(code):
            rest = digits[len(code) :]
    elif digits.startswith(code) and len(digits) - len(code) in region.national_lengths:
        rest = digits[len(code) :]
    else:
        rest = digits if grouped else None
    if rest is None:
        return None
    if trunk and rest.startswith(trunk) and len(rest) - len(trunk) in region.national_lengths:
        rest = rest[len(trunk) :]
    if len(rest) not in region.national_lengths or rest.startswith("0"):
        return None
    return rest


def _e164_if_personal(number: PhoneNumber) -> str | None:
    # number_type() is UNKNOWN exactly when is_valid_number() is False (both test the national
    # number against the patterns of the region the number belongs to), so one call does both.
    kind = phonenumbers.number_type(number)
    if kind == PhoneNumberType.UNKNOWN or kind in _SERVICE_TYPES:
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


@lru_cache(maxsize=64)
def _region(code: str) -> _Region:
    code = code.upper()
    metadata = PhoneMetadata.metadata_for_region(code)
    if metadata is None:
        return _Region(code, "", "", frozenset(), complex_trunk=False)
    trunk = metadata.national_prefix or ""
    complex_trunk = (
        metadata.national_prefix_for_parsing not in (None, trunk)
        or metadata.national_prefix_transform_rule is not None
    )
    lengths = metadata.general_desc.possible_length if metadata.general_desc else ()
    return _Region(
        code=code,
        country_code=str(metadata.country_code),
        trunk_prefix="" if complex_trunk else trunk,
        national_lengths=frozenset(lengths or ()),
        complex_trunk=complex_trunk,
    )
