"""Advisor presence as routing sees it: who may be pushed work, who may pull it."""

from __future__ import annotations

from enum import StrEnum


class Presence(StrEnum):
    AVAILABLE = "available"
    # Chosen by the advisor ("do not push to me"); they may still take the next item themselves.
    BUSY = "busy"
    ON_BREAK = "on_break"
    AFTER_CONTACT_WORK = "after_contact_work"
    OFFLINE = "offline"


class BreakKind(StrEnum):
    LUNCH = "lunch"
    PRAYER = "prayer"
    TRAINING = "training"
    COACHING = "coaching"
    PERSONAL = "personal"


# Only an available advisor receives pushed work; pulling is an explicit choice, so a busy
# advisor or one finishing after-contact work may still take the next item.
PUSHABLE = frozenset({Presence.AVAILABLE})
PULLABLE = frozenset({Presence.AVAILABLE, Presence.BUSY, Presence.AFTER_CONTACT_WORK})
# States that end a stretch of continuous handling (the break guardrail starts again).
RESTING = frozenset({Presence.ON_BREAK, Presence.OFFLINE})
