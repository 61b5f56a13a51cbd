"""The indexed routing engine: decisions without scanning advisors or waiting items.

Indexes (see `pools.py`):
- an `AdvisorPool` per (client, channel, language, tier): available advisors with free
  capacity on that channel, ordered by the client's selection key. A push pops from the top
  and never looks at advisors who lack the skill, the certification or the capacity;
- a `WaitingLine` per (client, channel, language): waiting items by virtual deadline, split
  into fresh/overflowed and normal/hard, so a freed advisor reads a few heads;
- parking: an advisor blocked by a guardrail (break, cool-down, occupancy) is taken out of a
  client's pools with a wake-up time computed from their state, so nobody is skipped twice;
- timers for wake-ups and overflow thresholds, applied at the start of each call;
- dirty lines: lines where an advisor became able to take work; `tick` retries only those;
- items with an avoid hint (SLA escalations, rare) outside the lines, scanned (`avoiding.py`).
Every change to an advisor re-pushes their entries (tens of heap pushes), which is what
keeps each decision to a handful of heap operations.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from heapq import heappop, heappush

from tawasol.routing import rules
from tawasol.routing.advisor import Advisor, Tier
from tawasol.routing.avoiding import best_avoiding_for
from tawasol.routing.decision import Candidate, Decision
from tawasol.routing.policy import ClientPolicy, Mode
from tawasol.routing.pools import (
    FRESH,
    OVERFLOWED,
    OVERFLOWED_HARD,
    AdvisorEntry,
    AdvisorPool,
    WaitingEntry,
    WaitingLine,
)
from tawasol.routing.presence import PULLABLE, Presence
from tawasol.routing.router import Clock, Router, SkillKey, Waiting
from tawasol.routing.work import WorkItem

PoolKey = tuple[int, str, str, Tier]
Slot = tuple[AdvisorPool, WaitingLine, SkillKey, Tier]
ChannelSlots = tuple[str, int, list[Slot]]

# Waiting classes an advisor may draw from, by tier and whether hard items are allowed.
_KINDS: dict[tuple[Tier, bool], tuple[int, ...]] = {
    (Tier.PRIMARY, True): (0, 1, 2, 3),
    (Tier.PRIMARY, False): (FRESH, OVERFLOWED),
    (Tier.SECONDARY, True): (OVERFLOWED, OVERFLOWED_HARD),
    (Tier.SECONDARY, False): (OVERFLOWED,),
}
_MASKS = {key: sum(1 << kind for kind in kinds) for key, kinds in _KINDS.items()}
# Advisors held back by a guardrail listed at most in one decision's explanation.
_PARKED_LISTED = 5
# A wake-up computed at or before "now" (float rounding) is nudged this far forward.
_NUDGE_SECONDS = 0.001


class RoutingEngine(Router):
    """The production router; not thread-safe: one thread of one process owns it."""

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

    # -- search ---------------------------------------------------------------------------
    def _select(
        self, item: WorkItem, policy: ClientPolicy, now: float, overflowed: bool
    ) -> tuple[Advisor | None, Tier | None, list[Candidate]]:
        skipped: list[Candidate] = []
        client_id = item.client_id
        advisors, parked, rest = self.advisors, self._parked, self.rest_seconds
        tiers = (Tier.PRIMARY, Tier.SECONDARY) if overflowed else (Tier.PRIMARY,)
        scanned: list[tuple[Tier, AdvisorPool]] = []
        avoid = item.avoid_advisor_id
        set_aside: list[tuple[list[AdvisorEntry], AdvisorEntry]] = []
        try:
            for tier in tiers:
                pool = self._pools.get((client_id, item.channel, item.language, tier))
                if pool is None:
                    continue
                scanned.append((tier, pool))
                heap = pool.hard if item.hard else pool.any
                while heap:
                    entry = heap[0]
                    advisor_id, version = int(entry[-2]), entry[-1]
                    advisor = advisors.get(advisor_id)
                    if (
                        advisor is None
                        or advisor.version != version
                        or parked.get((advisor_id, client_id)) == version
                    ):
                        heappop(heap)
                        continue
                    if advisor_id == avoid and rules.avoided(advisor_id, item, policy, now):
                        set_aside.append((heap, heappop(heap)))  # back once this search ends
                        continue
                    blocked = rules.advisor_guardrail(advisor, policy, now, rest)
                    if blocked is None:
                        chosen = (tier, *rules.rank_key(advisor, policy))
                        self._list_parked(scanned, chosen, policy, now, skipped)
                        return advisor, tier, skipped
                    skipped.append(Candidate(advisor_id, blocked[0], blocked[1]))
                    heappop(heap)
                    wake = rules.blocked_until(advisor, policy, now, rest)
                    self._park(advisor, client_id, math.inf if wake is None else wake, now)
            return None, None, skipped
        finally:
            for heap, entry in set_aside:
                heappush(heap, entry)

    def _list_parked(
        self,
        scanned: list[tuple[Tier, AdvisorPool]],
        chosen: tuple[object, ...],
        policy: ClientPolicy,
        now: float,
        skipped: list[Candidate],
    ) -> None:
        """Add to the explanation a few advisors held back by a guardrail who rank higher.

        They were parked by earlier decisions, so this one did not meet them in the heap;
        a supervisor still wants to see them ("why not her? occupancy 91 %").
        """
        wanted = _PARKED_LISTED
        for tier, pool in scanned:
            heap, taken = pool.parked, []
            while heap and wanted:
                entry = heappop(heap)
                if not pool.live(entry, self.advisors, self._parked, parked=True):
                    continue
                taken.append(entry)
                if (tier, *entry[:-1]) > chosen:
                    break
                advisor = self.advisors[int(entry[-2])]
                blocked = rules.advisor_guardrail(advisor, policy, now, self.rest_seconds)
                if blocked is not None:
                    skipped.append(Candidate(advisor.advisor_id, blocked[0], blocked[1]))
                    wanted -= 1
            for entry in taken:
                heappush(heap, entry)

    def _best_waiting_for(
        self, advisor: Advisor, now: float, *, pull: bool
    ) -> tuple[Waiting, Tier] | None:
        if pull:
            if advisor.presence not in PULLABLE:
                return None
        elif advisor.presence is not Presence.AVAILABLE:
            return None
        best: WaitingEntry | None = None
        best_tier = Tier.PRIMARY
        load, waiting, rest = advisor.load, self.waiting, self.rest_seconds
        for client_id, channels in self._slots[advisor.advisor_id].items():
            policy = self.policy_for(client_id)
            if pull:
                if rules.break_due(advisor, policy, now, rest) is not None:
                    continue
            elif policy.mode is not Mode.PUSH or rules.advisor_guardrail(
                advisor, policy, now, rest
            ):
                continue
            hard_ok = rules.hard_allowed(advisor, policy)
            for channel, capacity, slots in channels:
                if load[channel] >= policy.capacity(channel, capacity):
                    continue
                for _, line, _, tier in slots:
                    heaps = line.heaps
                    for kind in _KINDS[(tier, hard_ok)]:
                        heap = heaps[kind]
                        # Every entry, stale or not, sorts after the top: no need to clean
                        # a heap whose top cannot beat the best found so far.
                        if not heap or (best is not None and heap[0] >= best):
                            continue
                        entry = line.head(kind, waiting)
                        if entry is not None and (best is None or entry < best):
                            best, best_tier = entry, tier
        found = (
            best_avoiding_for(self, self._avoiding.values(), advisor, now, pull=pull)
            if self._avoiding
            else None
        )
        if found is not None and (best is None or found[0] < best):
            best, best_tier = found
        if best is None:
            return None
        return waiting[best[2]], best_tier

    def _dispatch(self, now: float) -> list[Decision]:
        """Route the most urgent routable item of the dirty lines, again and again.

        Items of one line and class are equally routable (same skills, hardness, overflow),
        so a class whose head fails is dropped until an advisor change marks its line dirty.
        """
        decisions: list[Decision] = []
        merge: list[tuple[WaitingEntry, SkillKey | None, int]] = []
        active: dict[tuple[SkillKey | None, int], WaitingEntry] = {}

        def activate(line_key: SkillKey, mask: int) -> None:
            line = self._lines.get(line_key)
            if line is None or self.policy_for(line_key[0]).mode is not Mode.PUSH:
                return
            for kind in range(4):
                if not mask & 1 << kind:
                    continue
                entry = line.head(kind, self.waiting)
                if entry is not None and active.get((line_key, kind)) != entry:
                    active[(line_key, kind)] = entry
                    heappush(merge, (entry, line_key, kind))

        def activate_dirty() -> None:
            dirty = sorted(self._dirty.items())
            self._dirty.clear()
            for line_key, mask in dirty:
                activate(line_key, mask)
            # Items with an avoid hint: each one is its own class (``kind`` = its id).
            for conversation_id, waiting in self._avoiding.items():
                if self.policy_for(waiting.item.client_id).mode is Mode.PUSH:
                    entry = (waiting.deadline, waiting.seq, conversation_id)
                    if active.get((None, conversation_id)) != entry:
                        active[(None, conversation_id)] = entry
                        heappush(merge, (entry, None, conversation_id))

        activate_dirty()
        while merge:
            entry, line_key, kind = heappop(merge)
            if active.get((line_key, kind)) != entry:
                continue
            if line_key is None:
                del active[(None, kind)]
                waiting = self._avoiding.get(kind)
                if waiting is None or waiting.seq != entry[1]:
                    continue
                decision = self._route_now(
                    waiting.item, self.policy_for(waiting.item.client_id), now
                )
                if decision is not None:
                    decisions.append(decision)
                    activate_dirty()
                continue
            waiting = self.waiting.get(entry[2])
            if waiting is None or self._lines[line_key].head(kind, self.waiting) != entry:
                del active[(line_key, kind)]
                activate(line_key, 1 << kind)
                continue
            item = waiting.item
            decision = self._route_now(item, self.policy_for(item.client_id), now)
            del active[(line_key, kind)]
            if decision is not None:
                decisions.append(decision)
                activate(line_key, 1 << kind)
                activate_dirty()
        self._dirty.clear()
        return decisions
