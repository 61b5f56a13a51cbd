"""Calendar dates written in numbers or with month names (fr, en, es, ar, Darija).

Only complete dates (day, month, year) are returned, each with its ISO 8601 form. Numeric
dates are read day first (``12/03/1985``); month first only when day first is impossible
(``03/25/1985``). Two-digit years are placed in the past century when needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Final

_MONTHS: Final[dict[str, int]] = {
    # French
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2,
    "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7,
    "juil": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "déc": 12,
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
    # Spanish
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5,
    "junio": 6, "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9,
    "octubre": 10, "noviembre": 11, "diciembre": 12, "dic": 12,
    # Arabic, Moroccan usage (from French) and Middle-East usage
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "ماي": 5,
    "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليوز": 7, "يوليو": 7, "يوليه": 7, "غشت": 8,
    "أغسطس": 8, "اغسطس": 8, "شتنبر": 9, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10,
    "نونبر": 11, "نوفمبر": 11, "دجنبر": 12, "ديسمبر": 12,
    # Arabic, Levantine month names
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6,
    "تموز": 7, "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11,
    "كانون الأول": 12,
}  # fmt: skip

# Any word can stand for the month; it is looked up in _MONTHS afterwards (much faster than an
# alternation of every month name). Two-word month names start with كانون or تشرين.
_MONTH_WORD = r"(?:(?:كانون|تشرين)\s+[^\W\d_]+|[^\W\d_]{3,12})"
_YEAR = r"(?:19|20)[0-9]{2}"
_DAY_SUFFIX = r"(?i:er|st|nd|rd|th|º)?"

# Patterns start with a digit class and check what precedes it with a lookbehind placed after
# that first digit: a pattern that starts with a character class lets the regex engine skip
# ahead to candidate positions, one that starts with a lookbehind is tried at every position.
_FIRST_DIGIT = r"[0-9](?<![0-9].)(?<![0-9][./\-].)"
_NUMERIC_DMY = re.compile(
    rf"(?P<a>{_FIRST_DIGIT}[0-9]?)\s?(?P<sep>[./\-])\s?(?P<b>[0-3]?[0-9])\s?(?P=sep)\s?"
    rf"(?P<year>{_YEAR}|[0-9]{{2}})"
    r"(?![0-9]|[./\-][0-9])"
)
_NUMERIC_YMD = re.compile(
    rf"(?P<year>{_FIRST_DIGIT}[0-9]{{3}})(?P<sep>[./\-])"
    r"(?P<b>[01]?[0-9])(?P=sep)(?P<a>[0-3]?[0-9])(?![0-9]|[./\-][0-9])"
)
_TEXT_DMY = re.compile(
    rf"(?P<a>{_FIRST_DIGIT}[0-9]?){_DAY_SUFFIX}\s*(?:de\s+|of\s+|من\s+|f\s+)?"
    rf"(?P<month>{_MONTH_WORD})(?![^\W\d_])\.?,?\s*(?:de\s+|del\s+|سنة\s+|عام\s+)?"
    rf"(?P<year>{_YEAR}|[0-9]{{2}})(?![0-9])"
)
# A four-digit year, or two digits closing a "day month" date ("12 mars 90").
_YEAR_ANCHOR = re.compile(
    r"(?:[12](?<![0-9].)[09][0-9]{2}|[0-9](?<![0-9].)[0-9](?<=[^\W\d_]\s[0-9]{2}))(?![0-9])"
)
_MONTH_DATE_REACH = 30  # longest "day month year" text before the year
_DAY_BEFORE_YEAR = re.compile(r"[0-9](?:st|nd|rd|th)?,?\s+$", re.IGNORECASE)
_WORD_BEFORE_YEAR = re.compile(r"[^\W\d_]\.?,?\s*$")
_TEXT_MDY = re.compile(
    rf"(?<![^\W\d_])(?P<month>{_MONTH_WORD})\.?\s+(?P<a>[0-3]?[0-9]){_DAY_SUFFIX},?\s+"
    rf"(?P<year>{_YEAR})(?![0-9])"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A complete date found in the text."""

    start: int
    end: int
    iso: str


def find_dates(folded: str, *, today: date | None = None) -> list[DateMention]:
    """Non-overlapping complete dates, sorted by position; future dates are dropped."""
    latest = today or date.today()
    mentions: list[DateMention] = []
    for match in _dates_with_month_names(folded):
        _keep(mentions, match, latest)
    for regex in (_NUMERIC_YMD, _NUMERIC_DMY):
        for match in regex.finditer(folded):
            _keep(mentions, match, latest)
    mentions.sort(key=lambda mention: mention.start)
    return mentions


def _dates_with_month_names(folded: str) -> Iterator[re.Match[str]]:
    """Dates such as "12 mars 1985" or "March 12, 1985", searched only just before years.

    Every such date ends with its year, so the month-name patterns are tried only in a
    short window ending at a year preceded by a word or a day number.
    """
    for year in _YEAR_ANCHOR.finditer(folded):
        before = max(0, year.start() - 8)
        if _DAY_BEFORE_YEAR.search(folded, before, year.start()):
            regex = _TEXT_MDY  # "March 12, 1985"
        elif _WORD_BEFORE_YEAR.search(folded, before, year.start()):
            regex = _TEXT_DMY  # "12 mars 1985", "3 de mayo de 1985"
        else:
            continue  # "12/03/1985" and other numeric dates are found elsewhere
        window_start = max(0, year.start() - _MONTH_DATE_REACH)
        for match in regex.finditer(folded, window_start, year.end()):
            if match.end() == year.end():
                yield match
                break


def _keep(mentions: list[DateMention], match: re.Match[str], latest: date) -> None:
    day = _to_date(match, latest)
    if day is not None and not _overlaps(mentions, match.start(), match.end()):
        mentions.append(DateMention(match.start(), match.end(), day.isoformat()))


def _overlaps(mentions: list[DateMention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def _to_date(match: re.Match[str], latest: date) -> date | None:
    groups = match.groupdict()
    year = _full_year(groups["year"], latest)
    first = int(groups["a"])
    if "month" in groups:
        month = _MONTHS.get(_month_key(groups["month"]))
        return None if month is None else _checked(year, month, first, latest)
    second = int(groups["b"])
    return _checked(year, second, first, latest) or _checked(year, first, second, latest)


def _month_key(name: str) -> str:
    return " ".join(name.lower().split())


def _full_year(text: str, latest: date) -> int:
    if len(text) == 4:
        return int(text)
    two_digits = int(text)
    century = 2000 if two_digits <= latest.year % 100 else 1900
    return century + two_digits


def _checked(year: int, month: int, day: int, latest: date) -> date | None:
    try:
        candidate = date(year, month, day)
    except ValueError:
        return None
    return candidate if date(1900, 1, 1) <= candidate <= latest else None
