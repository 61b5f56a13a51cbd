"""Entry point of detection: run every detector on the digit-folded text, settle overlaps."""

from __future__ import annotations

import re

from tawasol.nlp.pii.birthdate import find_birth_dates
from tawasol.nlp.pii.cards import MIN_CARD_DIGITS, find_cards
from tawasol.nlp.pii.digit_groups import digit_runs
from tawasol.nlp.pii.digits import fold_digits
from tawasol.nlp.pii.emails import find_emails
from tawasol.nlp.pii.iban import find_ibans
from tawasol.nlp.pii.identity import find_identity_documents
from tawasol.nlp.pii.phones import find_phones
from tawasol.nlp.pii.resolve import Candidate, resolve_overlaps
from tawasol.nlp.pii.rib import find_ribs
from tawasol.nlp.pii.spans import PiiSpan

_ANY_DIGIT = re.compile(r"[0-9]")


def detect_pii(text: str, *, default_region: str = "MA") -> list[PiiSpan]:
    """Personal data in ``text``, as non-overlapping spans sorted by offset.

    ``default_region`` (ISO 3166 alpha-2) is used to read phone numbers written without a
    country code. Eastern Arabic and Persian digits are recognised; offsets always refer to
    ``text`` itself.
    """
    folded = fold_digits(text)
    candidates = _candidates(folded, default_region)
    return [
        PiiSpan(c.kind, c.start, c.end, text[c.start : c.end], c.normalized)
        for c in resolve_overlaps(candidates)
    ]


def _candidates(folded: str, default_region: str) -> list[Candidate]:
    candidates = find_emails(folded)
    if _ANY_DIGIT.search(folded) is None:
        return candidates  # every other kind needs at least one digit
    candidates += find_ibans(folded)
    runs = digit_runs(folded, min_digits=MIN_CARD_DIGITS)  # shared by RIBs and cards
    candidates += find_ribs(runs)
    candidates += find_cards(runs)
    candidates += find_phones(folded, default_region)
    candidates += find_identity_documents(folded)
    candidates += find_birth_dates(folded)
    return candidates
