"""Context cues: words near a number that tell what the number is.

A cue binds to a candidate that follows it closely, inside the same sentence, with no
"reference" word (order, invoice, tracking...) in between. Cue patterns are matched
case-insensitively on the digit-folded text.

Cues are looked up only in a short window around each candidate, never over the whole
message: candidates are rare, so redacting a long message stays cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

# A full stop, question or exclamation mark followed by the end of the text or by a space and
# anything but a lower-case Latin letter or a digit (so "passport no. is ..." stays one
# sentence), or a newline.
_SENTENCE_BREAK = re.compile(r"[.!?؟](?:\s+(?![a-z0-9])|$)|[\n\r]")


@dataclass(frozen=True, slots=True)
class Cue:
    """A context word found in the text, with the label of the pattern that matched it."""

    label: str
    start: int
    end: int


class CueFinder:
    """Finds labelled cues, written as lower-case patterns, in short windows of text.

    A window is lower-cased before matching (a case-sensitive pattern runs about twice as
    fast as a case-insensitive one); one extra character is kept on each side so that the
    patterns' word-boundary lookarounds see the real neighbours. ``longest`` bounds the length
    of a cue, so that a window starts early enough to hold a whole cue ending inside it.
    """

    def __init__(self, patterns: Mapping[str, str], *, longest: int) -> None:
        alternation = "|".join(f"(?P<{label}>{pattern})" for label, pattern in patterns.items())
        self._regex = re.compile(alternation)
        self._fallback = re.compile(alternation, re.IGNORECASE)
        self._longest = longest

    def occurs_in(self, text: str, start: int, end: int) -> bool:
        """True if a cue lies entirely inside ``text[start:end]``."""
        return start < end and next(self._matches(text, start, end), None) is not None

    def last_before(
        self, text: str, position: int, *, max_gap: int, barriers: CueFinder | None = None
    ) -> Cue | None:
        """The closest cue ending at most ``max_gap`` characters before ``position``.

        The text between the cue and ``position`` must stay in one sentence and contain no
        barrier cue (a word announcing another kind of number).
        """
        cues = list(self._matches(text, max(0, position - max_gap - self._longest), position))
        last = cues[-1] if cues else None
        if last is None or position - last.end > max_gap:
            return None
        if crosses_sentence(text, last.end, position):
            return None
        if barriers is not None and barriers.occurs_in(text, last.end, position):
            return None
        return last

    def first_after(self, text: str, position: int, *, max_gap: int) -> Cue | None:
        """The first cue starting at most ``max_gap`` characters after ``position``."""
        cue = next(self._matches(text, position, position + max_gap + self._longest), None)
        if cue is None or cue.start - position > max_gap:
            return None
        return cue

    def _matches(self, text: str, start: int, end: int) -> Iterator[Cue]:
        """Cues lying inside ``text[start:end]``, in order."""
        end = min(end, len(text))
        margin_start, margin_end = max(0, start - 1), min(len(text), end + 1)
        window = text[margin_start:margin_end]
        lowered = window.lower()
        regex = self._regex
        if len(lowered) != len(window):  # rare characters whose lower case is longer
            lowered, regex = window, self._fallback
        for match in regex.finditer(lowered, start - margin_start):
            if match.end() > end - margin_start:
                return
            label = match.lastgroup or ""
            yield Cue(label, match.start() + margin_start, match.end() + margin_start)


def crosses_sentence(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` contains a sentence boundary."""
    return _SENTENCE_BREAK.search(text, start, end) is not None
