"""Keeping the routing engine's indexes true to the roster, change by change.

`IndexedRouter` answers the hooks through which `roster.Roster` reports every change (an
advisor's state or skills, a client's policy, a waiting item queued or gone, time passing)
by updating the indexes of `pools.py`: advisors pushed into or parked out of their pools,
waiting items pushed into their lines, wake-up and overflow timers, and the lines worth a
retry on `tick`. It leaves the search questions to `engine.RoutingEngine`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from heapq import heappop, heappush

from tawasol.routing import rules
from tawasol.routing.advisor import Advisor, Tier
from tawasol.routing.policy import ClientPolicy, Mode
from tawasol.routing.pools import (
    FRESH,
    OVERFLOWED,
    OVERFLOWED_HARD,
    AdvisorPool,
    WaitingLine,
)
from tawasol.routing.presence import Presence
from tawasol.routing.router import Clock, Router, SkillKey, Waiting
from tawasol.routing.work import WorkItem

PoolKey = tuple[int, str, str, Tier]
Slot = tuple[AdvisorPool, WaitingLine, SkillKey, Tier]
ChannelSlots = tuple[str, int, list[Slot]]

# Waiting classes an advisor may draw from, by tier and whether hard items are allowed.
KINDS: dict[tuple[Tier, bool], tuple[int, ...]] = {
    (Tier.PRIMARY, True): (0, 1, 2, 3),
    (Tier.PRIMARY, False): (FRESH, OVERFLOWED),
    (Tier.SECONDARY, True): (OVERFLOWED, OVERFLOWED_HARD),
    (Tier.SECONDARY, False): (OVERFLOWED,),
}
_MASKS = {key: sum(1 << kind for kind in kinds) for key, kinds in KINDS.items()}
# A wake-up computed at or before "now" (float rounding) is nudged this far forward.
_NUDGE_SECONDS = 0.001


class IndexedRouter(Router):
    """A router whose indexes follow every change; the search is `RoutingEngine`'s."""

    def __init__(
        self,
        *,
        clock: Clock,
        policies: Mapping[int, ClientPolicy] | None = None,
        default_policy: ClientPolicy | None = None,
        rest_seconds: float = 900.0,
    ) -> None:
        super().__init__(
            clock=clock, policies=policies, default_policy=default_policy, rest_seconds=rest_seconds
        )
        self._pools: dict[PoolKey, AdvisorPool] = {}
        self._lines: dict[SkillKey, WaitingLine] = {}
        self._slots: dict[int, dict[int, list[ChannelSlots]]] = {}
        self._parked: dict[tuple[int, int], int] = {}
        self._wakeups: list[tuple[float, int, int, int]] = []
        self._overflows: list[tuple[float, int, int]] = []
        # Lines worth a retry on `tick`, with a bit per waiting class (1 << kind).
        self._dirty: dict[SkillKey, int] = {}
        # Items with an avoid hint (rare: SLA escalations) stay out of the lines, whose items
        # must be equally routable, and are searched by scan with the shared rules.
        self._avoiding: dict[int, Waiting] = {}

    # -- advisor indexing -----------------------------------------------------------------
    def _drop_slots(self, advisor_id: int) -> None:
        for channels in self._slots.pop(advisor_id, {}).values():
            for _, _, slots in channels:
                for pool, _, _, _ in slots:
                    pool.members -= 1

    def _build_slots(self, advisor: Advisor) -> None:
        profile = advisor.profile
        by_client: dict[int, list[ChannelSlots]] = {}
        for client_id in sorted(profile.certified_clients):
            channels = []
            for channel, capacity in profile.channel_capacity.items():
                slots = []
                for language in profile.languages:
                    tier = profile.tier_for(channel, language)
                    assert tier is not None
                    pool = self._pools.get((client_id, channel, language, tier))
                    if pool is None:
                        pool = self._pools[(client_id, channel, language, tier)] = AdvisorPool(
                            client_id
                        )
                    pool.members += 1
                    line_key = (client_id, channel, language)
                    slots.append((pool, self._line(line_key), line_key, tier))
                channels.append((channel, capacity, slots))
            by_client[client_id] = channels
        self._slots[advisor.advisor_id] = by_client

    def _advisor_changed(self, advisor: Advisor, now: float, *, may_unblock: bool = True) -> None:
        advisor.version += 1
        if advisor.presence is not Presence.AVAILABLE:
            return
        for client_id in self._slots[advisor.advisor_id]:
            policy = self.policy_for(client_id)
            if policy.mode is Mode.PUSH:
                self._index_for_client(advisor, client_id, policy, now, mark=may_unblock)

    def _profile_changed(self, advisor: Advisor) -> None:
        self._drop_slots(advisor.advisor_id)
        self._build_slots(advisor)

    def _advisor_removed(self, advisor: Advisor) -> None:
        self._drop_slots(advisor.advisor_id)

    def _index_for_client(
        self, advisor: Advisor, client_id: int, policy: ClientPolicy, now: float, *, mark: bool
    ) -> None:
        """Push the advisor into the client's pools, or park them while a guardrail blocks.

        ``mark`` flags the lines they serve for a retry on the next `tick`.
        """
        wake = rules.blocked_until(advisor, policy, now, self.rest_seconds)
        if wake is not None:
            self._park(advisor, client_id, wake, now)
            return
        entry = (*rules.rank_key(advisor, policy), advisor.version)
        hard_ok = rules.hard_allowed(advisor, policy)
        load = advisor.load
        for channel, capacity, slots in self._slots[advisor.advisor_id][client_id]:
            if load[channel] >= policy.capacity(channel, capacity):
                continue
            for pool, line, line_key, tier in slots:
                heappush(pool.any, entry)
                if hard_ok:
                    heappush(pool.hard, entry)
                if len(pool.any) > pool.limit:
                    pool.compact(self.advisors, self._parked)
                if mark and any(line.heaps):
                    self._dirty[line_key] = self._dirty.get(line_key, 0) | _MASKS[(tier, hard_ok)]

    def _park(self, advisor: Advisor, client_id: int, wake: float, now: float) -> None:
        self._parked[(advisor.advisor_id, client_id)] = advisor.version
        entry = (*rules.rank_key(advisor, self.policy_for(client_id)), advisor.version)
        for _, _, slots in self._slots[advisor.advisor_id][client_id]:
            for pool, _, _, _ in slots:
                heappush(pool.parked, entry)
                if len(pool.parked) > pool.limit:
                    pool.compact(self.advisors, self._parked)
        if wake != math.inf:
            wake = max(wake, now + _NUDGE_SECONDS)
            heappush(self._wakeups, (wake, advisor.advisor_id, client_id, advisor.version))

    def _policy_changed(self, client_id: int, now: float) -> None:
        for key, pool in self._pools.items():
            if key[0] == client_id:
                pool.any.clear()
                pool.hard.clear()
                pool.parked.clear()
        for key in [k for k in self._parked if k[1] == client_id]:
            del self._parked[key]
        for key, line in self._lines.items():
            if key[0] == client_id:
                line.live = 0
                for heap in line.heaps:
                    heap.clear()
        for waiting in self.waiting.values():
            if waiting.item.client_id == client_id:
                self._enqueue(waiting, now)
        for advisor in self.advisors.values():
            if client_id in advisor.profile.certified_clients:
                self._advisor_changed(advisor, now)

    # -- time -----------------------------------------------------------------------------
    def _advance(self, now: float) -> None:
        wakeups = self._wakeups
        while wakeups and wakeups[0][0] <= now:
            _, advisor_id, client_id, version = heappop(wakeups)
            advisor = self.advisors.get(advisor_id)
            key = (advisor_id, client_id)
            if advisor is None or advisor.version != version or self._parked.get(key) != version:
                continue
            del self._parked[key]
            if advisor.presence is Presence.AVAILABLE:
                policy = self.policy_for(client_id)
                self._index_for_client(advisor, client_id, policy, now, mark=True)
        overflows = self._overflows
        while overflows and overflows[0][0] <= now:
            _, seq, conversation_id = heappop(overflows)
            waiting = self.waiting.get(conversation_id)
            if waiting is None or waiting.seq != seq or waiting.overflowed:
                continue
            item = waiting.item
            # A timer set under an older policy of the client may be early: check again.
            if not rules.overflowed(item, self.policy_for(item.client_id), now):
                continue
            waiting.overflowed = True
            line_key = (item.client_id, item.channel, item.language)
            heappush(
                self._lines[line_key].heaps[OVERFLOWED + item.hard],
                (waiting.deadline, waiting.seq, conversation_id),
            )
            self._dirty[line_key] = self._dirty.get(line_key, 0) | 1 << (OVERFLOWED + item.hard)

    # -- waiting items --------------------------------------------------------------------
    def _enqueue(self, waiting: Waiting, now: float) -> None:
        item = waiting.item
        line_key = (item.client_id, item.channel, item.language)
        line = self._line(line_key)
        line.live += 1
        line.compact_if_bloated(self.waiting)
        if item.avoid_advisor_id is not None:
            self._avoiding[item.conversation_id] = waiting
            return
        after = self.policy_for(item.client_id).overflow_after_seconds
        waiting.overflowed = rules.overflowed(item, self.policy_for(item.client_id), now)
        kind = OVERFLOWED * waiting.overflowed + item.hard
        heappush(line.heaps[kind], (waiting.deadline, waiting.seq, item.conversation_id))
        if after is not None and not waiting.overflowed:
            heappush(self._overflows, (item.enqueued_at + after, waiting.seq, item.conversation_id))

    def _dequeued(self, waiting: Waiting) -> None:
        item = waiting.item
        self._avoiding.pop(item.conversation_id, None)
        self._lines[(item.client_id, item.channel, item.language)].live -= 1

    def _requeued(self, item: WorkItem) -> None:
        line_key = (item.client_id, item.channel, item.language)
        self._dirty[line_key] = 0b1111

    def _line(self, key: SkillKey) -> WaitingLine:
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = WaitingLine()
        return line
