"""An advisor's skills (profile) and live state: load per channel, presence, well-being."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum

from tawasol.routing.policy import MAX_OCCUPANCY_WINDOW_SECONDS
from tawasol.routing.presence import RESTING, BreakKind, Presence


class Tier(IntEnum):
    """Primary skills take work at once; secondary ones only after the overflow threshold."""

    PRIMARY = 0
    SECONDARY = 1


@dataclass(frozen=True, slots=True)
class AdvisorProfile:
    """What an advisor may handle: clients certified for, languages, channels and capacity.

    ``languages`` maps a language (``ary`` for Darija included) to a proficiency 1-5;
    ``channel_capacity`` is the number of concurrent conversations per channel. A language
    or channel listed as secondary makes the advisor an overflow resource for it.
    """

    advisor_id: int
    certified_clients: frozenset[int]
    languages: Mapping[str, int]
    channel_capacity: Mapping[str, int]
    secondary_languages: frozenset[str] = frozenset()
    secondary_channels: frozenset[str] = frozenset()

    def tier_for(self, channel: str, language: str) -> Tier | None:
        if language not in self.languages or channel not in self.channel_capacity:
            return None
        if language in self.secondary_languages or channel in self.secondary_channels:
            return Tier.SECONDARY
        return Tier.PRIMARY


class Advisor:
    """Mutable routing state of one advisor; every change goes through a method here.

    ``version`` grows on every change so that index entries pushed for an older state are
    recognised as stale without searching for them.
    """

    __slots__ = (
        "advisor_id",
        "available_since",
        "break_kind",
        "break_told_at",
        "busy",
        "busy_start",
        "cool_down_until",
        "handling_since",
        "hard_streak",
        "idle_since",
        "last_assigned_at",
        "load",
        "presence",
        "presence_since",
        "profile",
        "reminded_at",
        "total_load",
        "utilization",
        "version",
    )

    def __init__(
        self,
        profile: AdvisorProfile,
        *,
        presence: Presence,
        since: float,
        last_assigned_at: float | None = None,
        hard_streak: int = 0,
    ) -> None:
        self.profile = profile
        self.advisor_id = profile.advisor_id
        self.presence = presence
        self.break_kind: BreakKind | None = None
        self.presence_since = since
        self.available_since = since
        self.load: dict[str, int] = dict.fromkeys(profile.channel_capacity, 0)
        self.total_load = 0
        self.utilization = 0.0
        self.last_assigned_at = last_assigned_at
        self.hard_streak = hard_streak
        self.cool_down_until = -math.inf
        self.handling_since: float | None = None
        self.idle_since: float | None = None
        # When the advisor was last reminded of / told about a due break (once per stretch).
        self.reminded_at: float | None = None
        self.break_told_at: float | None = None
        # Closed busy intervals (start, end), oldest first, and the open one's start.
        self.busy: deque[tuple[float, float]] = deque()
        self.busy_start: float | None = None
        self.version = 0

    @property
    def idle_ref(self) -> float:
        """Idle since: the later of the last assignment and becoming available."""
        last = self.last_assigned_at
        if last is None or last < self.available_since:
            return self.available_since
        return last

    def replace_profile(self, profile: AdvisorProfile) -> None:
        self.profile = profile
        for channel in profile.channel_capacity:
            self.load.setdefault(channel, 0)
        self._measure()

    def _measure(self) -> None:
        caps = self.profile.channel_capacity
        self.utilization = sum(n / caps[c] for c, n in self.load.items() if n and caps.get(c))

    def assign(self, channel: str, *, hard: bool, now: float, rest_seconds: float) -> None:
        if self.total_load == 0:
            rested = self.idle_since is not None and now - self.idle_since >= rest_seconds
            if rested:
                self.handling_since = now
            self.busy_start = now
        # After a break taken while still holding conversations, a new stretch starts too.
        if self.handling_since is None:
            self.handling_since = now
        self.load[channel] = self.load.get(channel, 0) + 1
        self.total_load += 1
        self._measure()
        self.last_assigned_at = now
        self.hard_streak = self.hard_streak + 1 if hard else 0

    def release(self, channel: str, *, hard: bool, now: float, cool_down_seconds: float) -> None:
        self.load[channel] -= 1
        self.total_load -= 1
        self._measure()
        if self.total_load == 0 and self.busy_start is not None:
            self.busy.append((self.busy_start, now))
            self.busy_start = None
            self.idle_since = now
            horizon = now - MAX_OCCUPANCY_WINDOW_SECONDS
            while self.busy and self.busy[0][1] <= horizon:
                self.busy.popleft()
        if hard and cool_down_seconds > 0:
            self.cool_down_until = max(self.cool_down_until, now + cool_down_seconds)

    def set_presence(self, presence: Presence, break_kind: BreakKind | None, now: float) -> bool:
        """Apply a presence change; False when nothing changed."""
        if presence == self.presence and break_kind == self.break_kind:
            return False
        if presence is Presence.AVAILABLE and self.presence is not Presence.AVAILABLE:
            self.available_since = now
        if presence in RESTING:
            self.handling_since = None
        self.presence = presence
        self.break_kind = break_kind if presence is Presence.ON_BREAK else None
        self.presence_since = now
        return True

    def busy_seconds(self, now: float, window: float) -> float:
        """Seconds with at least one conversation during the last ``window`` seconds."""
        low = now - window
        total = 0.0
        if self.busy_start is not None:
            total += now - max(self.busy_start, low)
        for start, end in reversed(self.busy):
            if end <= low:
                break
            total += end - max(start, low)
        return total

    def occupancy_clears_at(self, now: float, window: float, cap: float) -> float:
        """When the busy share falls back to ``cap`` if nothing changes; inf while busy.

        While busy, occupancy can only grow; while idle, it falls as old busy time leaves the
        window, so the answer is found by walking the intervals from the oldest.
        """
        excess = self.busy_seconds(now, window) - cap * window
        if excess <= 0:
            return now
        if self.busy_start is not None:
            return math.inf
        low = now - window
        for start, end in self.busy:
            if end <= low:
                continue
            start = max(start, low)
            if end - start >= excess:
                return start + excess + window
            excess -= end - start
        return now

    def handling_seconds(self, now: float, rest_seconds: float) -> float:
        """Length of the current stretch of continuous handling; a long idle gap ends it."""
        if self.handling_since is None:
            return 0.0
        idle_since = self.idle_since
        if self.total_load == 0 and idle_since is not None and now - idle_since >= rest_seconds:
            return 0.0
        return now - self.handling_since

    def take_reminder(self, now: float, after: float | None, rest_seconds: float) -> bool:
        """Whether to remind the advisor of a break now: due, and not yet in this stretch."""
        if after is None or self.handling_seconds(now, rest_seconds) < after:
            return False
        if _told_in_stretch(self.reminded_at, self.handling_since):
            return False
        self.reminded_at = now
        return True

    def take_enforcement_notice(self, now: float) -> bool:
        """Whether to tell the advisor that pushed work stopped: once per stretch."""
        if _told_in_stretch(self.break_told_at, self.handling_since):
            return False
        self.break_told_at = now
        return True


def _told_in_stretch(told_at: float | None, stretch_start: float | None) -> bool:
    return told_at is not None and stretch_start is not None and told_at >= stretch_start
