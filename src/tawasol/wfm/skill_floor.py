"""The floor a roster repair works on: who is on it per quarter and what each language lacks.

Shortfall is exact: a maximum matching per quarter (:func:`~tawasol.wfm.skill_roster.allocate`)
between the advisors present and each language's heads. Changes are tried in place and undone
when they do not help; the loss of taking a shift off is cached until a kept change touches
its span.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from tawasol.wfm.schedule_problem import AssignedShift
from tawasol.wfm.skill_greedy import Book
from tawasol.wfm.skill_roster import Horizon, Profile, SkilledAdvisor, allocate


class Floor:
    """Who is on the floor per quarter, and the shortfall per skill it leaves."""

    def __init__(
        self,
        shifts: Sequence[AssignedShift],
        advisors: Sequence[SkilledAdvisor],
        required: Mapping[str, Sequence[int]],
        horizon: Horizon,
    ) -> None:
        self.advisors, self.horizon = advisors, horizon
        self.skills = sorted(required)
        self.need = [{s: int(required[s][q]) for s in self.skills} for q in range(horizon.quarters)]
        self.present: list[Counter[Profile]] = [Counter() for _ in range(horizon.quarters)]
        self.short = np.zeros((len(self.skills), horizon.quarters), dtype=np.int64)
        for shift in shifts:
            self.place(shift, +1)
        self.refresh(range(horizon.quarters))
        # Loss of taking a shift off, by (advisor, day): valid until a change touches its span.
        self.losses: dict[tuple[int, int], tuple[int, int, int]] = {}

    def changed(self, span: Sequence[int]) -> None:
        """Forget the losses a kept change over ``span`` may have altered."""
        low, high = min(span), max(span)
        self.losses = {
            key: value for key, value in self.losses.items()
            if value[1] < low or value[0] > high
        }  # fmt: skip

    def place(self, shift: AssignedShift, sign: int) -> list[int]:
        profile = self.advisors[shift.advisor].skills
        quarters = self.horizon.on_floor(shift)
        for q in quarters:
            self.present[q][profile] += sign
        return quarters

    def refresh(self, quarters: Sequence[int] | range) -> None:
        for q in quarters:
            need = self.need[q]
            served = allocate(self.present[q], need) if any(need.values()) else need
            for i, skill in enumerate(self.skills):
                self.short[i, q] = need[skill] - served[skill]

    def total(self, quarters: Sequence[int] | range) -> int:
        return int(self.short[:, list(quarters)].sum()) if len(quarters) else 0


def lacking_quarters(floor: Floor, a: int) -> np.ndarray:
    """Prefix sums of the quarters where one of advisor ``a``'s languages is short."""
    mine = [i for i, s in enumerate(floor.skills) if s in floor.advisors[a].skills]
    return np.concatenate(([0], np.cumsum(floor.short[mine].sum(axis=0) > 0)))


def lack(lacking: np.ndarray, horizon: Horizon, shift: AssignedShift) -> int:
    """Quarters of ``shift`` where the advisor of ``lacking`` (:func:`lacking_quarters`) lacks."""
    return int(lacking[horizon.quarter(shift.end)] - lacking[horizon.quarter(shift.start)])


def exchange(
    floor: Floor, old: Sequence[AssignedShift], new: Sequence[AssignedShift], *, level: bool = False
) -> bool:
    """Put ``new`` on the floor instead of ``old`` if that lowers the shortfall (``level``: or
    keeps it as it is), else undo."""
    span = sorted({q for shift in [*old, *new] for q in floor.horizon.on_floor(shift)})
    before = floor.total(span)
    for shift in old:
        floor.place(shift, -1)
    for shift in new:
        floor.place(shift, +1)
    floor.refresh(span)
    after = floor.total(span)
    if after < before or (level and after == before):
        floor.changed(span)
        return True
    for shift in new:
        floor.place(shift, -1)
    for shift in old:
        floor.place(shift, +1)
    floor.refresh(span)
    return False


def shift_loss(floor: Floor, shift: AssignedShift) -> int:
    """Shortfall added by taking ``shift`` off the floor (the floor is left as it was)."""
    span = floor.horizon.on_floor(shift)
    before = floor.total(span)
    floor.place(shift, -1)
    floor.refresh(span)
    after = floor.total(span)
    floor.place(shift, +1)
    floor.refresh(span)
    return after - before


def commit(
    current: dict[tuple[int, int], AssignedShift],
    book: Book,
    horizon: Horizon,
    old: Sequence[AssignedShift],
    new: Sequence[AssignedShift],
) -> None:
    """Record a kept change: ``new`` shifts in the roster and the book instead of ``old``."""
    for shift in old:
        day = (shift.day - horizon.first_day).days
        del current[(shift.advisor, day)]
        book.release(shift.advisor, day)
    for shift in new:
        day = (shift.day - horizon.first_day).days
        current[(shift.advisor, day)] = shift
        book.take(shift.advisor, day, horizon.quarter(shift.start), horizon.quarter(shift.end))
