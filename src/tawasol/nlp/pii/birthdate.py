"""Dates of birth: a complete date bound to a birth cue ("né le", "DOB", "تاريخ الازدياد"...).

A cue binds to the first date that follows it within the same sentence; a date can also be
followed by its cue ("12/03/1985, c'est ma date de naissance"). Dates listed right after a
bound one ("... le 12/03/2015 et le 04/07/2018") are births too. Plain dates (deliveries,
invoices, appointments) are never flagged.

Darija cues are the verb "tzad" (to be born: tzadit, tzadt, mzyoud/mzyouda, and the Arabic
script تزاديت, مزيود) and the noun "zyada"/"izdiyad" (birth). Note that "mzyan" means "good"
and is deliberately not a cue.
"""

from __future__ import annotations

import re
from typing import Final

from tawasol.nlp.pii.cues import CueFinder, crosses_sentence
from tawasol.nlp.pii.dates import DateMention, find_dates
from tawasol.nlp.pii.resolve import RANK_DOB, Candidate
from tawasol.nlp.pii.spans import PiiKind

CUE_WINDOW: Final = 30
TRAILING_CUE_WINDOW: Final = 20

_BIRTH_CUES = CueFinder(
    {
        "DOB": (
            r"(?<![A-Za-z])(?:"
            r"n[ée]e?s?\s*(?:\(e\)\s*)?le|date\s+de\s+naissance|date\s+naissance|ddn"
            r"|born(?:\s+on)?|date\s+of\s+birth|birth\s*date|d\.?o\.?b\.?|my\s+birthday"
            r"|mon\s+anniversaire|mi\s+cumplea[ñn]os|3id\s+milad(?:i|y)?"
            r"|fecha\s+de\s+nacimiento|f\.\s*nac\.?|nacid[oa]\s+el|nac[íi]\s+el|naci[óo]\s+el"
            r"|tzad(?:it|t|et)?|mzyo?u?d(?:a)?|mazyou?d(?:a)?"
            r"|(?:nhar|tarikh|tari5|tarix)\s+(?:l|el|al)?[\-' ]?"
            r"(?:zyada|zyad|izdiyad|ezdiyad|milad)"
            r")(?![A-Za-z])"
            r"|تاريخ\s+(?:الازدياد|الإزدياد|ازدياد|إزدياد|الميلاد|ميلاد|الولادة|الولاده)"
            r"|من\s+مواليد|مواليد|وُلدت|ولدت|وُ?لد\s+(?:في|بتاريخ)|المزداد(?:ة)?|مزداد(?:ة)?|ازددت|تزاديت|تزاد"
            r"|مزيود(?:ة)?|نهار\s+الزيادة|الزيادة\s+ديالي|عيد\s+ميلادي"
        ),
    },
    longest=24,
)
# Between a date and a cue that follows it, only filler such as "c'est ma", "is my", "هو".
_TRAILING_FILLER = re.compile(
    r"\s*[,:(\-]?\s*(?:(?:c'est|c est|is|es|est|was|هو|هي|howa|hiya|hia)\s+)?"
    r"(?:(?:ma|my|mi|la|the|le|sa|his|her|su)\s+)?",
    re.IGNORECASE,
)
_LIST_JOINER = re.compile(r"\s*(?:,|;|/|&|et|and|y|e|ou|or|o|و)?\s*(?:le|el|the)?\s*", re.I)


def find_birth_dates(folded: str) -> list[Candidate]:
    """Date-of-birth candidates; the normalized form is ISO 8601 (YYYY-MM-DD)."""
    dates = find_dates(folded)
    births: list[DateMention] = []
    for index, mention in enumerate(dates):
        previous = dates[index - 1] if index > 0 else None
        following = dates[index + 1] if index + 1 < len(dates) else None
        if (
            _cue_before(folded, mention, previous)
            or _cue_after(folded, mention, following)
            or _listed_after(folded, mention, previous, births)
        ):
            births.append(mention)
    return [Candidate(PiiKind.DOB, m.start, m.end, m.iso, RANK_DOB) for m in births]


def _listed_after(
    folded: str, mention: DateMention, previous: DateMention | None, births: list[DateMention]
) -> bool:
    """The date follows a birth date with only "et", "and", "," ... between them."""
    if previous is None or not births or births[-1] is not previous:
        return False
    return _LIST_JOINER.fullmatch(folded, previous.end, mention.start) is not None


def _cue_before(folded: str, mention: DateMention, previous: DateMention | None) -> bool:
    """A cue close before the date, with no other date between them."""
    cue = _BIRTH_CUES.last_before(folded, mention.start, max_gap=CUE_WINDOW)
    return cue is not None and (previous is None or previous.end <= cue.start)


def _cue_after(folded: str, mention: DateMention, following: DateMention | None) -> bool:
    """A cue right after the date ("12/03/1985, c'est ma date de naissance").

    The cue must not announce a date of its own ("livraison le 15/06/2023, date de naissance
    12/03/1985": the cue belongs to the second date).
    """
    cue = _BIRTH_CUES.first_after(folded, mention.end, max_gap=TRAILING_CUE_WINDOW)
    if cue is None or _TRAILING_FILLER.fullmatch(folded, mention.end, cue.start) is None:
        return False
    if following is None or following.start < cue.end:
        return True
    return following.start - cue.end > CUE_WINDOW or crosses_sentence(
        folded, cue.end, following.start
    )
