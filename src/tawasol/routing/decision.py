"""A routing decision and its explanation: who was chosen, by which rule, who was passed over."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tawasol.routing.advisor import Tier


class SkipReason(StrEnum):
    NOT_CERTIFIED = "not_certified"
    LANGUAGE = "language"
    CHANNEL = "channel"
    # A secondary skill may only serve a conversation that waited past the overflow threshold.
    BEFORE_OVERFLOW = "before_overflow"
    PRESENCE = "presence"
    CAPACITY = "capacity"
    BREAK_DUE = "break_due"
    COOL_DOWN = "cool_down"
    OCCUPANCY_CAP = "occupancy_cap"
    HARD_STREAK = "hard_streak"
    # On a voice call: nothing else is pushed until it ends (per-client setting).
    VOICE_EXCLUSIVE = "voice_exclusive"
    # An SLA escalation took the conversation from this advisor: someone else, if possible.
    AVOIDED = "avoided"
    RANKED_LOWER = "ranked_lower"


# Well-being guardrails: a supervisor's override bypasses these, never the others.
GUARDRAILS = frozenset(
    {
        SkipReason.BREAK_DUE,
        SkipReason.COOL_DOWN,
        SkipReason.OCCUPANCY_CAP,
        SkipReason.HARD_STREAK,
        SkipReason.VOICE_EXCLUSIVE,
    }
)


AVOIDED_NOTE = "previous advisor after SLA escalation"


class Rule(StrEnum):
    STICKY = "sticky"
    LONGEST_IDLE = "longest_idle"
    LEAST_OCCUPIED = "least_occupied"
    # An advisor freed capacity and received the most urgent waiting item they can serve.
    NEXT_IN_LINE = "next_in_line"
    TAKE_NEXT = "take_next"
    OVERRIDE = "override"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One advisor looked at for a decision; ``skipped`` is None for the chosen one."""

    advisor_id: int
    skipped: SkipReason | None
    note: str = ""

    def as_record(self) -> dict[str, Any]:
        return {"advisor_id": self.advisor_id, "skipped": self.skipped, "note": self.note}


@dataclass(frozen=True, slots=True)
class Decision:
    """An assignment and why it was made; ``explanation()`` is what the audit trail stores.

    ``candidates`` lists the previous advisor when stickiness applied, the advisors ranked
    above the chosen one that the engine examined and skipped, up to five more held back by
    a guardrail since an earlier decision (each with the reason), and the chosen one.
    ``bypassed`` names the guardrails a supervisor's override set aside.
    """

    conversation_id: int
    client_id: int
    advisor_id: int
    channel: str
    rule: Rule
    tier: Tier
    decided_at: float
    waited_seconds: float
    priority_reasons: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    override_by: int | None = None
    bypassed: tuple[SkipReason, ...] = ()
    break_reminder: bool = False

    @property
    def overridden(self) -> bool:
        return self.override_by is not None

    def explanation(self) -> dict[str, Any]:
        return {
            "rule": self.rule.value,
            "tier": self.tier.name.lower(),
            "advisor_id": self.advisor_id,
            "waited_seconds": round(self.waited_seconds, 3),
            "priority": list(self.priority_reasons),
            "candidates": [c.as_record() for c in self.candidates],
            "override_by": self.override_by,
            "bypassed": [b.value for b in self.bypassed],
            "break_reminder": self.break_reminder,
        }
