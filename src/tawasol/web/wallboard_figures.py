"""The wallboard's arithmetic, apart from the database so that it can be checked by hand.

Service level X/T is the share of conversations answered within T seconds. It is computed from
the raw reporting events (`conversation_created`, `first_response`) so that the wallboard
reconciles with the reports built from the same facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

# Targets when the client has no SLA policy: live channels are answered in a minute, email in
# an hour (the operator's usual promise to its client brands).
DEFAULT_TARGETS = {"webchat": 60.0, "whatsapp": 60.0, "sms": 60.0, "email": 3600.0}
FALLBACK_TARGET = 3600.0


def target_seconds(channel: str, sla_policy: Mapping[str, Any] | None) -> float:
    """The client's first-response target for normal priority, else the channel's default."""
    targets = (sla_policy or {}).get("targets") or {}
    normal = targets.get("normal") or {}
    if isinstance(normal, Mapping) and normal.get("first_response"):
        return float(normal["first_response"])
    return DEFAULT_TARGETS.get(channel, FALLBACK_TARGET)


@dataclass(frozen=True)
class Created:
    """One `conversation_created` event, reduced to what the service level needs."""

    conversation_id: int
    at: datetime
    channel: str
    inbox_id: int | None


@dataclass(frozen=True)
class ServiceLevel:
    """`met` of `counted` conversations answered in time; `pending` are still inside target."""

    met: int = 0
    counted: int = 0
    pending: int = 0

    @property
    def share(self) -> float | None:
        return None if self.counted == 0 else self.met / self.counted

    def __add__(self, other: ServiceLevel) -> ServiceLevel:
        return ServiceLevel(
            self.met + other.met, self.counted + other.counted, self.pending + other.pending
        )


def service_level(
    created: Iterable[Created],
    responded_at: Mapping[int, datetime],
    *,
    target_for: Mapping[str, float],
    now: datetime,
) -> ServiceLevel:
    """Answered within target counts as met; unanswered past target counts as missed.

    A conversation still unanswered but inside its target is neither: it may yet be met, and
    counting it as missed would make the figure dip every time a customer writes.
    """
    met = counted = pending = 0
    for item in created:
        target = target_for.get(item.channel, FALLBACK_TARGET)
        answered = responded_at.get(item.conversation_id)
        if answered is not None:
            counted += 1
            met += (answered - item.at).total_seconds() <= target
        elif (now - item.at).total_seconds() > target:
            counted += 1
        else:
            pending += 1
    return ServiceLevel(met, counted, pending)


def local_midnight(day: date, zone: str) -> datetime:
    """The UTC instant a client's day starts (days follow the client's time zone)."""
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(zone)).astimezone(UTC)


def local_day(moment: datetime, zone: str) -> date:
    return moment.astimezone(ZoneInfo(zone)).date()


def per_hour(moments: Iterable[datetime], zone: str, day: date) -> list[int]:
    """Counts per local hour (0–23) of the moments that fall on `day`."""
    counts = [0] * 24
    tz = ZoneInfo(zone)
    for moment in moments:
        local = moment.astimezone(tz)
        if local.date() == day:
            counts[local.hour] += 1
    return counts


def days_back(today: date, count: int) -> list[date]:
    return [today - timedelta(days=offset) for offset in range(count - 1, -1, -1)]


def wait_seconds(since: datetime | None, now: datetime) -> int:
    return 0 if since is None else max(0, int((now - since).total_seconds()))


def clock(seconds: int) -> str:
    """A wait as h:mm:ss (or m:ss), digits only, so it reads the same in every language."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
