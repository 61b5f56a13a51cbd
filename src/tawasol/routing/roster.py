"""The routing state: clock, client policies, advisors, assignments and waiting items.

`Roster` keeps this state consistent and tells its subclass about every change through
small hooks (`_advisor_changed`, `_enqueue`...), which is where the engine maintains its
indexes. The decisions themselves live in `router.Router`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from tawasol.routing import rules
from tawasol.routing.advisor import Advisor, AdvisorProfile, Tier
from tawasol.routing.override import RoutingRefused
from tawasol.routing.policy import ClientPolicy
from tawasol.routing.presence import Presence
from tawasol.routing.work import WorkItem

Clock = Callable[[], float]
SkillKey = tuple[int, str, str]  # (client, channel, language)


@dataclass(frozen=True, slots=True)
class Assignment:
    advisor_id: int
    client_id: int
    channel: str
    hard: bool
    assigned_at: float


@dataclass(slots=True)
class Waiting:
    """A queued item with its virtual deadline; ``seq`` orders ties and marks stale entries."""

    item: WorkItem
    deadline: float
    seq: int
    reasons: tuple[str, ...]
    overflowed: bool = False

    @property
    def order(self) -> tuple[float, int]:
        return (self.deadline, self.seq)


class Roster:
    """Advisors, assignments and waiting items of every client, kept consistent."""

    def __init__(
        self,
        *,
        clock: Clock,
        policies: Mapping[int, ClientPolicy] | None = None,
        default_policy: ClientPolicy | None = None,
        rest_seconds: float = 900.0,
    ) -> None:
        self._clock = clock
        self._policies: dict[int, ClientPolicy] = dict(policies or {})
        self._default_policy = default_policy or ClientPolicy()
        # An idle gap this long counts as rest: it ends a stretch of continuous handling.
        self.rest_seconds = rest_seconds
        self.advisors: dict[int, Advisor] = {}
        self.assignments: dict[int, Assignment] = {}
        self.waiting: dict[int, Waiting] = {}
        self._members: dict[SkillKey, dict[int, Tier]] = {}
        self._next_seq = 0
        self._last_now = -math.inf

    # -- hooks answered by the subclasses ------------------------------------------------
    def _advance(self, now: float) -> None:
        """Apply what time alone changed (expired guardrails, overflowed items)."""
        return None  # optional hook: the scan router keeps no index

    def _advisor_changed(self, advisor: Advisor, now: float, *, may_unblock: bool = True) -> None:
        """The advisor's state changed; ``may_unblock`` is False when an offer follows.

        An offer leaves the advisor unable to take any waiting item, so only changes not
        followed by one can make waiting items routable (and need a retry on `tick`).
        """
        advisor.version += 1

    def _policy_changed(self, client_id: int, now: float) -> None:
        """A client's rules changed."""
        return None  # optional hook: the scan router keeps no index

    def _profile_changed(self, advisor: Advisor) -> None:
        """An advisor was added or their skills changed."""
        return None  # optional hook: the scan router keeps no index

    def _advisor_removed(self, advisor: Advisor) -> None:
        """An advisor left the engine."""
        return None  # optional hook: the scan router keeps no index

    def _requeued(self, item: WorkItem) -> None:
        """An item was queued without a routing attempt: `tick` must try it."""
        return None  # optional hook: the scan router keeps no index

    def _dequeued(self, waiting: Waiting) -> None:
        """A waiting item left the queue (assigned, withdrawn or queued again)."""
        return None  # optional hook: the scan router keeps no index

    def _enqueue(self, waiting: Waiting, now: float) -> None:
        """Index a new waiting item."""
        return None  # optional hook: the scan router keeps no index

    # -- configuration --------------------------------------------------------------------
    def _now(self) -> float:
        # Never let time run backwards inside the engine (wall clocks may step back).
        self._last_now = max(self._last_now, self._clock())
        return self._last_now

    def policy_for(self, client_id: int) -> ClientPolicy:
        return self._policies.get(client_id, self._default_policy)

    def set_policy(self, client_id: int, policy: ClientPolicy) -> None:
        now = self._now()
        self._policies[client_id] = policy
        for waiting in self.waiting.values():
            if waiting.item.client_id == client_id:
                waiting.deadline, waiting.reasons = rules.urgency(waiting.item, policy.priority)
        self._policy_changed(client_id, now)

    def add_advisor(
        self,
        profile: AdvisorProfile,
        *,
        presence: Presence = Presence.OFFLINE,
        last_assigned_at: float | None = None,
        hard_streak: int = 0,
    ) -> Advisor:
        if profile.advisor_id in self.advisors:
            raise RoutingRefused("duplicate_advisor", f"advisor {profile.advisor_id} exists")
        now = self._now()
        advisor = Advisor(
            profile,
            presence=presence,
            since=now,
            last_assigned_at=last_assigned_at,
            hard_streak=hard_streak,
        )
        self.advisors[profile.advisor_id] = advisor
        self._add_members(profile)
        self._profile_changed(advisor)
        self._advisor_changed(advisor, now)
        return advisor

    def update_profile(self, profile: AdvisorProfile) -> None:
        advisor = self._advisor(profile.advisor_id)
        self._remove_members(advisor.profile)
        advisor.replace_profile(profile)
        self._add_members(profile)
        self._profile_changed(advisor)
        self._advisor_changed(advisor, self._now())

    def remove_advisor(self, advisor_id: int) -> None:
        advisor = self._advisor(advisor_id)
        if advisor.total_load:
            raise RoutingRefused("advisor_has_work", "release or transfer the conversations first")
        self._remove_members(advisor.profile)
        advisor.version += 1
        del self.advisors[advisor_id]
        self._advisor_removed(advisor)

    def _add_members(self, profile: AdvisorProfile) -> None:
        for client_id in profile.certified_clients:
            for channel in profile.channel_capacity:
                for language in profile.languages:
                    tier = profile.tier_for(channel, language)
                    assert tier is not None
                    key = (client_id, channel, language)
                    self._members.setdefault(key, {})[profile.advisor_id] = tier

    def _remove_members(self, profile: AdvisorProfile) -> None:
        for members in self._members.values():
            members.pop(profile.advisor_id, None)

    def _advisor(self, advisor_id: int) -> Advisor:
        advisor = self.advisors.get(advisor_id)
        if advisor is None:
            raise RoutingRefused("unknown_advisor", f"no advisor {advisor_id} in the engine")
        return advisor

    def restore_assignment(self, advisor_id: int, item: WorkItem) -> None:
        """Rebuild an active assignment after a restart: no rule is checked, no decision made."""
        now = self._now()
        advisor = self._advisor(advisor_id)
        self._drop_waiting(item.conversation_id)
        advisor.assign(item.channel, hard=item.hard, now=now, rest_seconds=self.rest_seconds)
        self.assignments[item.conversation_id] = Assignment(
            advisor_id, item.client_id, item.channel, item.hard, now
        )
        self._advisor_changed(advisor, now)

    def restore_history(
        self,
        advisor_id: int,
        *,
        busy_intervals: Sequence[tuple[float, float]] = (),
        handling_since: float | None = None,
        hard_streak: int | None = None,
        cool_down_until: float | None = None,
    ) -> None:
        """Rebuild well-being state (busy time, stretch, streak) after a restart.

        Only what is given changes; busy intervals are (start, end) POSIX seconds.
        """
        now = self._now()
        advisor = self._advisor(advisor_id)
        advisor.busy.extend(sorted(busy_intervals))
        if busy_intervals and advisor.total_load == 0:
            advisor.idle_since = max(end for _, end in busy_intervals)
        if handling_since is not None:
            advisor.handling_since = handling_since
        if hard_streak is not None:
            advisor.hard_streak = hard_streak
        if cool_down_until is not None:
            advisor.cool_down_until = cool_down_until
        self._advisor_changed(advisor, now)

    def _queue(self, item: WorkItem, now: float) -> None:
        self._drop_waiting(item.conversation_id)
        deadline, reasons = rules.urgency(item, self.policy_for(item.client_id).priority)
        self._next_seq += 1
        waiting = Waiting(item, deadline, self._next_seq, reasons)
        self.waiting[item.conversation_id] = waiting
        self._enqueue(waiting, now)

    def _drop_waiting(self, conversation_id: int) -> Waiting | None:
        # Index entries of a dropped item go stale and are discarded when met.
        waiting = self.waiting.pop(conversation_id, None)
        if waiting is not None:
            self._dequeued(waiting)
        return waiting
