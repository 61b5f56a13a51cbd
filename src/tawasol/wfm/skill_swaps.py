"""Exchanges between advisors in a roster repair (:mod:`tawasol.wfm.skill_repair`).

A speaker of a short language often cannot move alone: the rest between days ties a day's
hours to the next ones, and their present hours may be what another language needs. Exchanging
a day's shifts, or whole weeks, with an advisor of other languages keeps every labour rule
(weeks: between advisors with the same rules) and lets each one serve where only they can.
Each exchange is kept only if it lowers the week's total shortfall.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from tawasol.wfm.schedule_problem import AssignedShift
from tawasol.wfm.skill_floor import Floor, commit, exchange, lack, lacking_quarters
from tawasol.wfm.skill_greedy import Book

SWAPS_CHECKED = 60


def swap_days(floor: Floor, current: dict[tuple[int, int], AssignedShift], book: Book) -> bool:
    """Exchange two advisors' shifts of a day (other languages) when that lowers the shortfall:
    the speaker of a short language takes the hours it lacks, the other one their hours."""
    short_skills = {floor.skills[i] for i in np.flatnonzero(floor.short.sum(axis=1))}
    horizon = floor.horizon
    by_day: dict[int, list[tuple[int, AssignedShift]]] = {}
    for (b, day), theirs in current.items():
        by_day.setdefault(day, []).append((b, theirs))
    options: list[tuple[int, int, int, int]] = []
    for (a, day), mine in current.items():
        if not floor.advisors[a].skills & short_skills:
            continue
        lacking = lacking_quarters(floor, a)
        own = lack(lacking, horizon, mine)
        for b, theirs in by_day[day]:
            gain = lack(lacking, horizon, theirs) - own
            if floor.advisors[b].skills != floor.advisors[a].skills and gain > 0:
                options.append((gain, a, b, day))
    options.sort(key=lambda item: -item[0])
    for _, a, b, day in options[:SWAPS_CHECKED]:
        if _try_swap(floor, current, book, a, b, day):
            return True
    return False


def swap_weeks(floor: Floor, current: dict[tuple[int, int], AssignedShift], book: Book) -> bool:
    """Exchange the whole weeks of two advisors with the same labour rules (always allowed):
    rest between days ties a day's hours to the next, so single days often cannot move."""
    short_skills = {floor.skills[i] for i in np.flatnonzero(floor.short.sum(axis=1))}
    horizon = floor.horizon
    weeks: dict[int, list[AssignedShift]] = {a: [] for a in range(len(floor.advisors))}
    for (a, _), shift in current.items():
        weeks[a].append(shift)
    options: list[tuple[int, int, int]] = []
    for a, advisor in enumerate(floor.advisors):
        if not advisor.skills & short_skills:
            continue
        lacking = lacking_quarters(floor, a)
        lacks = {b: sum(lack(lacking, horizon, x) for x in week) for b, week in weeks.items()}
        for b, other in enumerate(floor.advisors):
            same_rules = other.rules == advisor.rules
            if other.skills != advisor.skills and same_rules and lacks[b] > lacks[a]:
                options.append((lacks[b] - lacks[a], a, b))
    options.sort(key=lambda item: -item[0])
    for _, a, b in options[:SWAPS_CHECKED]:
        old = weeks[a] + weeks[b]
        new = [replace(x, advisor=b) for x in weeks[a]] + [replace(x, advisor=a) for x in weeks[b]]
        if exchange(floor, old, new):
            commit(current, book, horizon, old, new)
            return True
    return False


def _try_swap(
    floor: Floor,
    current: dict[tuple[int, int], AssignedShift],
    book: Book,
    a: int,
    b: int,
    day: int,
) -> bool:
    old = [current[(a, day)], current[(b, day)]]
    spans = {a: book.worked[a][day], b: book.worked[b][day]}
    book.release(a, day)
    book.release(b, day)
    allowed = book.allows(a, day, *spans[b]) and book.allows(b, day, *spans[a])
    book.take(a, day, *spans[a])
    book.take(b, day, *spans[b])
    new = [replace(old[1], advisor=a), replace(old[0], advisor=b)]
    if allowed and exchange(floor, old, new):
        commit(current, book, floor.horizon, old, new)
        return True
    return False
