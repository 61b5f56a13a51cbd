"""The SLA clocks of one conversation: start, pause, resume, stop, warn and breach.

Pure functions over frozen dataclasses: each takes the current state and an event and
returns the new state with the `SlaEvent`s it produced. Clocks count business seconds of
the policy's calendar, so they stand still outside opening hours by construction, and are
paused explicitly while the conversation waits on the customer (pending, snoozed).
Thresholds are checked before every transition, so a crossing is reported with the exact
instant it happened even when nobody looked at the clock then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from tawasol.sla.calendar import BusinessCalendar
from tawasol.sla.policy import SlaPolicy, SlaTarget

WAITING_ON_CUSTOMER = frozenset({"pending", "snoozed"})
FINISHED = frozenset({"resolved", "closed"})


class SlaEventType(StrEnum):
    WARNING = "sla.warning"
    BREACHED = "sla.breached"


@dataclass(frozen=True, slots=True)
class SlaEvent:
    type: SlaEventType
    target: SlaTarget
    cycle: int
    at: datetime  # when the threshold was crossed
    due_at: datetime  # when the target fell (or falls) due


@dataclass(frozen=True, slots=True)
class SlaClock:
    """One target's clock; ``consumed`` counts business seconds up to ``running_since``."""

    target: SlaTarget
    seconds: float
    cycle: int = 1
    consumed: float = 0.0
    running_since: datetime | None = None
    stopped_at: datetime | None = None
    warned: bool = False
    breached: bool = False

    @property
    def running(self) -> bool:
        return self.running_since is not None

    @property
    def stopped(self) -> bool:
        return self.stopped_at is not None

    def elapsed(self, calendar: BusinessCalendar, at: datetime) -> float:
        if self.running_since is None:
            return self.consumed
        return self.consumed + calendar.business_seconds_between(self.running_since, at)

    def moment_of(self, calendar: BusinessCalendar, share: float) -> datetime | None:
        """When ``share`` of the target is reached if the clock keeps running."""
        if self.running_since is None:
            return None
        left = max(0.0, share * self.seconds - self.consumed)
        return calendar.add_business_seconds(self.running_since, left)

    def paused(self, calendar: BusinessCalendar, at: datetime) -> SlaClock:
        if self.running_since is None:
            return self
        return replace(self, consumed=self.elapsed(calendar, at), running_since=None)

    def resumed(self, at: datetime) -> SlaClock:
        if self.running or self.stopped:
            return self
        return replace(self, running_since=at)

    def finished(self, calendar: BusinessCalendar, at: datetime) -> SlaClock:
        if self.stopped:
            return self
        return replace(self.paused(calendar, at), stopped_at=at)

    @property
    def met(self) -> bool | None:
        """Whether the target was met; None while the clock is not stopped."""
        return None if not self.stopped else self.consumed <= self.seconds


@dataclass(frozen=True, slots=True)
class ConversationSla:
    policy: SlaPolicy
    calendar: BusinessCalendar  # already the policy's calendar (see `start_sla`)
    priority: str
    clocks: tuple[SlaClock, ...]
    waiting_on_customer: bool = False
    first_response_given: bool = False

    def clock(self, target: SlaTarget) -> SlaClock | None:
        """The latest clock for a target (the current next-response cycle)."""
        found = [c for c in self.clocks if c.target is target]
        return found[-1] if found else None

    def due_times(self) -> dict[SlaTarget, datetime | None]:
        """Projected due instants of running clocks (what the conversation row shows)."""
        due: dict[SlaTarget, datetime | None] = {}
        for target in SlaTarget:
            clock = self.clock(target)
            running = clock is not None and clock.running
            due[target] = clock.moment_of(self.calendar, 1.0) if running and clock else None
        return due


SlaUpdate = tuple[ConversationSla, list[SlaEvent]]


def _clock(
    policy: SlaPolicy, priority: str, target: SlaTarget, at: datetime, cycle: int = 1
) -> SlaClock | None:
    seconds = policy.seconds_for(priority, target)
    if seconds is None:
        return None
    return SlaClock(target=target, seconds=seconds, cycle=cycle, running_since=at)


def start_sla(
    policy: SlaPolicy, calendar: BusinessCalendar, *, priority: str, opened_at: datetime
) -> ConversationSla:
    """A new conversation: first-response and resolution clocks start running."""
    clocks = [
        _clock(policy, priority, target, opened_at)
        for target in (SlaTarget.FIRST_RESPONSE, SlaTarget.RESOLUTION)
    ]
    return ConversationSla(
        policy=policy,
        calendar=policy.calendar_for(calendar),
        priority=priority,
        clocks=tuple(c for c in clocks if c is not None),
    )


def check(sla: ConversationSla, at: datetime) -> SlaUpdate:
    """Warnings and breaches crossed up to ``at`` and not yet reported."""
    events: list[SlaEvent] = []
    clocks = []
    for clock in sla.clocks:
        elapsed = clock.elapsed(sla.calendar, at)
        due = clock.moment_of(sla.calendar, 1.0) or at
        if not clock.warned and elapsed >= sla.policy.warn_at * clock.seconds:
            crossed = clock.moment_of(sla.calendar, sla.policy.warn_at) or at
            events.append(SlaEvent(SlaEventType.WARNING, clock.target, clock.cycle, crossed, due))
            clock = replace(clock, warned=True)
        if not clock.breached and elapsed >= clock.seconds:
            events.append(SlaEvent(SlaEventType.BREACHED, clock.target, clock.cycle, due, due))
            clock = replace(clock, breached=True)
        clocks.append(clock)
    return replace(sla, clocks=tuple(clocks)), events


def _each(sla: ConversationSla, at: datetime, change: Callable[[SlaClock], SlaClock]) -> SlaUpdate:
    sla, events = check(sla, at)
    return replace(sla, clocks=tuple(change(c) for c in sla.clocks)), events


def on_status(sla: ConversationSla, *, status: str, at: datetime) -> SlaUpdate:
    """Pending/snoozed pauses the clocks, open resumes them, resolved/closed stops them."""
    if status in FINISHED:
        return _each(sla, at, lambda c: c.finished(sla.calendar, at))
    if status in WAITING_ON_CUSTOMER:
        sla, events = _each(sla, at, lambda c: c.paused(sla.calendar, at))
        return replace(sla, waiting_on_customer=True), events
    sla, events = _each(sla, at, lambda c: c.resumed(at))
    return replace(sla, waiting_on_customer=False), events


def on_agent_reply(sla: ConversationSla, *, at: datetime) -> SlaUpdate:
    """A reply to the customer stops the first-response and current next-response clocks."""
    responses = (SlaTarget.FIRST_RESPONSE, SlaTarget.NEXT_RESPONSE)

    def change(clock: SlaClock) -> SlaClock:
        return clock.finished(sla.calendar, at) if clock.target in responses else clock

    sla, events = _each(sla, at, change)
    return replace(sla, first_response_given=True), events


def on_customer_message(sla: ConversationSla, *, at: datetime) -> SlaUpdate:
    """After a first response, a customer message starts a new next-response cycle."""
    sla, events = check(sla, at)
    current = sla.clock(SlaTarget.NEXT_RESPONSE)
    if not sla.first_response_given or (current is not None and not current.stopped):
        return sla, events
    cycle = 1 if current is None else current.cycle + 1
    clock = _clock(sla.policy, sla.priority, SlaTarget.NEXT_RESPONSE, at, cycle)
    if clock is None:
        return sla, events
    if sla.waiting_on_customer:
        clock = replace(clock, running_since=None)
    return replace(sla, clocks=(*sla.clocks, clock)), events


def on_reopen(sla: ConversationSla, *, at: datetime) -> SlaUpdate:
    """A resolved conversation is open again: the resolution clock resumes where it stopped,
    and so does the first-response clock if nobody ever answered.

    Answered response clocks stay stopped (met or missed); the customer's next message
    starts a new next-response cycle.
    """
    resumed = {SlaTarget.RESOLUTION}
    if not sla.first_response_given:
        resumed.add(SlaTarget.FIRST_RESPONSE)

    def change(clock: SlaClock) -> SlaClock:
        if clock.target not in resumed or not clock.stopped:
            return clock
        return replace(clock, stopped_at=None, running_since=at)

    sla, events = check(sla, at)
    return replace(
        sla, clocks=tuple(change(c) for c in sla.clocks), waiting_on_customer=False
    ), events


def on_priority(sla: ConversationSla, *, priority: str, at: datetime) -> SlaUpdate:
    """A new priority re-targets the clocks still counting; reported events stay reported.

    A target the new priority does not track keeps its old length rather than vanishing.
    """
    sla, events = check(sla, at)

    def change(clock: SlaClock) -> SlaClock:
        if clock.stopped:
            return clock
        seconds = sla.policy.seconds_for(priority, clock.target)
        return clock if seconds is None else replace(clock, seconds=seconds)

    return replace(sla, priority=priority, clocks=tuple(change(c) for c in sla.clocks)), events
