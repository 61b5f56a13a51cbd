"""The engine's indexes: advisor pools and waiting lines, heaps with lazy deletion.

Entries are never searched for and removed: an advisor entry carries the advisor's state
version, a waiting entry the item's sequence number, and an entry whose tag no longer
matches is dropped when it reaches the top. A pool is compacted when stale entries
outnumber live ones several times over, which keeps memory bounded.
"""

from __future__ import annotations

from heapq import heapify, heappop
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tawasol.routing.advisor import Advisor
    from tawasol.routing.router import Waiting

# Advisor entry: (*rank key, advisor_id, version); the rank key already ends with the id.
AdvisorEntry = tuple[float, ...]
# Waiting entry: (deadline, seq, conversation_id).
WaitingEntry = tuple[float, int, int]

# Waiting classes within a line: index = 2 * overflowed + hard.
FRESH, FRESH_HARD, OVERFLOWED, OVERFLOWED_HARD = 0, 1, 2, 3


class AdvisorPool:
    """Advisors of one (client, channel, language, tier) with free capacity, best first.

    ``hard`` holds the subset still allowed a hard conversation (below the streak limit), so
    a hard item never walks past advisors who may not take it.
    """

    __slots__ = ("any", "client_id", "hard", "members", "parked")

    def __init__(self, client_id: int) -> None:
        self.client_id = client_id
        self.any: list[AdvisorEntry] = []
        self.hard: list[AdvisorEntry] = []
        self.members = 0
        # Advisors parked by a guardrail for this client, best first, for explanations.
        self.parked: list[AdvisorEntry] = []

    @property
    def limit(self) -> int:
        return 4 * self.members + 64

    def compact(self, advisors: dict[int, Advisor], parked: dict[tuple[int, int], int]) -> None:
        for heap, in_parked in ((self.any, False), (self.hard, False), (self.parked, True)):
            live = [e for e in heap if self.live(e, advisors, parked, parked=in_parked)]
            heapify(live)
            heap[:] = live

    def live(
        self,
        entry: AdvisorEntry,
        advisors: dict[int, Advisor],
        parked_versions: dict[tuple[int, int], int],
        *,
        parked: bool = False,
    ) -> bool:
        """Whether an entry still describes the advisor (and their parking, if ``parked``)."""
        advisor_id, version = int(entry[-2]), entry[-1]
        advisor = advisors.get(advisor_id)
        if advisor is None or advisor.version != version:
            return False
        return (parked_versions.get((advisor_id, self.client_id)) == version) == parked


class WaitingLine:
    """Waiting items of one (client, channel, language), by class, earliest deadline first."""

    __slots__ = ("heaps", "live")

    def __init__(self) -> None:
        self.heaps: tuple[list[WaitingEntry], ...] = ([], [], [], [])
        self.live = 0  # items waiting in this line; the heaps also hold stale entries

    def compact_if_bloated(self, waiting: dict[int, Waiting]) -> None:
        """Drop stale entries once they outnumber live ones (withdrawn mid-line items)."""
        if sum(len(heap) for heap in self.heaps) <= 4 * self.live + 64:
            return
        for kind, heap in enumerate(self.heaps):
            overflowed = kind >= OVERFLOWED
            live = [e for e in heap if self._current(e, waiting, overflowed)]
            heapify(live)
            heap[:] = live

    @staticmethod
    def _current(entry: WaitingEntry, waiting: dict[int, Waiting], overflowed: bool) -> bool:
        item = waiting.get(entry[2])
        return item is not None and item.seq == entry[1] and item.overflowed == overflowed

    def head(self, kind: int, waiting: dict[int, Waiting]) -> WaitingEntry | None:
        heap = self.heaps[kind]
        overflowed = kind >= OVERFLOWED
        while heap:
            entry = heap[0]
            if self._current(entry, waiting, overflowed):
                return entry
            heappop(heap)
        return None

    def __len__(self) -> int:
        return sum(len(heap) for heap in self.heaps)
