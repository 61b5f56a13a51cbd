"""Per-client routing rules: mode, selection, stickiness, overflow, priority and guardrails."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

# Busy history older than this is forgotten, so no occupancy window may be longer.
MAX_OCCUPANCY_WINDOW_SECONDS = 4 * 3600.0


class Mode(StrEnum):
    PUSH = "push"  # the engine assigns as soon as an advisor fits
    PULL = "pull"  # conversations wait until an advisor takes the next one


class Selection(StrEnum):
    LONGEST_IDLE = "longest_idle"
    LEAST_OCCUPIED = "least_occupied"


def _target_waits() -> dict[str, float]:
    return {"urgent": 60.0, "high": 300.0, "normal": 900.0, "low": 3600.0}


def _channel_advances() -> dict[str, float]:
    # A caller on the line or a chat visitor watching the widget cannot wait like an email.
    return {"voice": 900.0, "webchat": 240.0, "whatsapp": 120.0, "sms": 60.0}


@dataclass(frozen=True, slots=True)
class PriorityRules:
    """How urgent a waiting conversation is, expressed as a virtual deadline.

    Each item is served by earliest deadline: ``enqueued_at + target wait`` for its priority,
    brought forward for VIP contacts, negative sentiment and the channel, and never later
    than ``sla_margin_seconds`` before its SLA due time. Older items therefore age into the
    lead without a periodic re-scoring pass.
    """

    target_wait_seconds: Mapping[str, float] = field(default_factory=_target_waits)
    vip_advance_seconds: float = 600.0
    negative_advance_seconds: float = 300.0
    channel_advance_seconds: Mapping[str, float] = field(default_factory=_channel_advances)
    sla_margin_seconds: float = 300.0

    def target_wait(self, priority: str) -> float:
        waits = self.target_wait_seconds
        return waits.get(priority, waits.get("normal", 900.0))


@dataclass(frozen=True, slots=True)
class ClientPolicy:
    """Routing rules and well-being guardrails for one client brand.

    ``None`` switches a guardrail off. The occupancy cap blocks pushed work while the
    advisor's busy share of the last ``occupancy_window_seconds`` is above it; a break is
    enforced (no new work) after ``break_enforced_after_seconds`` of continuous handling.
    ``voice_exclusive``: an advisor on a call is pushed nothing else, on any channel.
    ``channel_capacity`` lowers advisors' own capacity for this client's (or inbox's) work;
    ``idle_timeout_seconds`` is how long an advisor may show no sign of life before being
    set offline (the presence sweep reads it; the engine does not).
    """

    mode: Mode = Mode.PUSH
    selection: Selection = Selection.LONGEST_IDLE
    sticky_seconds: float = 4 * 3600.0
    overflow_after_seconds: float | None = 300.0
    occupancy_cap: float | None = 0.85
    occupancy_window_seconds: float = 3600.0
    max_hard_in_a_row: int | None = 2
    hard_cool_down_seconds: float = 0.0
    break_reminder_after_seconds: float | None = 2 * 3600.0
    break_enforced_after_seconds: float | None = 2.5 * 3600.0
    priority: PriorityRules = field(default_factory=PriorityRules)
    voice_exclusive: bool = True
    channel_capacity: Mapping[str, int] = field(default_factory=dict)
    idle_timeout_seconds: float | None = 900.0

    def __post_init__(self) -> None:
        if self.occupancy_cap is not None and not 0.0 < self.occupancy_cap <= 1.0:
            raise ValueError("occupancy_cap must be in (0, 1]")
        if not 0.0 < self.occupancy_window_seconds <= MAX_OCCUPANCY_WINDOW_SECONDS:
            raise ValueError("occupancy_window_seconds must be in (0, 4 h]")
        if self.max_hard_in_a_row is not None and self.max_hard_in_a_row < 1:
            raise ValueError("max_hard_in_a_row must be >= 1")
        if self.sticky_seconds < 0 or self.hard_cool_down_seconds < 0:
            raise ValueError("sticky_seconds and hard_cool_down_seconds must be >= 0")
        if self.overflow_after_seconds is not None and self.overflow_after_seconds < 0:
            raise ValueError("overflow_after_seconds must be >= 0")
        if any(capacity < 1 for capacity in self.channel_capacity.values()):
            raise ValueError("channel_capacity values must be >= 1")
        if self.idle_timeout_seconds is not None and self.idle_timeout_seconds < 60:
            raise ValueError("idle_timeout_seconds must be >= 60")

    def capacity(self, channel: str, own: int) -> int:
        """The advisor's capacity on ``channel`` for this work, after the policy's cap."""
        cap = self.channel_capacity.get(channel)
        return own if cap is None or cap >= own else cap
