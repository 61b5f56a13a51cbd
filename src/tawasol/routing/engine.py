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
keeps each decision to a handful of heap operations. `indexing.py` (`IndexedRouter`) keeps
these indexes up to date; this module answers the search questions from them.
"""

from __future__ import annotations

import math
from heapq import heappop, heappush

from tawasol.routing import rules
from tawasol.routing.advisor import Advisor, Tier
from tawasol.routing.avoiding import best_avoiding_for
from tawasol.routing.decision import Candidate, Decision
from tawasol.routing.indexing import KINDS, IndexedRouter
from tawasol.routing.policy import ClientPolicy, Mode
from tawasol.routing.pools import AdvisorEntry, AdvisorPool, WaitingEntry
from tawasol.routing.presence import PULLABLE, Presence
from tawasol.routing.router import SkillKey, Waiting
from tawasol.routing.work import WorkItem

# Advisors held back by a guardrail listed at most in one decision's explanation.
_PARKED_LISTED = 5


class RoutingEngine(IndexedRouter):
    """The production router; not thread-safe: one thread of one process owns it."""

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
                    for kind in KINDS[(tier, hard_ok)]:
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
