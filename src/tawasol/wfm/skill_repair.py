"""Per-language repair of a roster: shifts redrawn where a language is still short.

The shifts of the skill-blind phase are placed for the total of all languages; giving them to
the right advisors (:mod:`tawasol.wfm.skill_roster`) cannot help a thin language whose few
speakers hold shifts at the wrong hours. This local search moves and adds shifts of the
advisors who speak a short language:

* a move replaces an advisor's shift of a day by another candidate shift of that day; an
  addition gives a candidate shift to an advisor on a day off (labour rules checked: one shift
  a day, weekly minutes, working days, rest between days);
* candidates are the cover phase's shift templates (:func:`~tawasol.wfm.shifts.shift_templates`,
  same lengths, break windows and iftar meal), breaks put where the advisor's languages need
  them least;
* candidates are ranked by a cheap estimate (quarters where one of the advisor's languages is
  short, less what the shift given up would leave short), then checked exactly (maximum
  matching per quarter, :mod:`tawasol.wfm.skill_floor`): a change is kept only when the week's
  total shortfall, all languages together, goes down;
* when no move or addition helps, advisors exchange a day's shifts or whole weeks
  (:mod:`tawasol.wfm.skill_swaps`), and last a shift is shortened where that leaves nothing
  short (the minutes freed let a later round lengthen or add a shift where it helps).

Each kept change lowers (shortfall, minutes) lexicographically, so the search ends: when no
change helps or when the time budget is spent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from tawasol.wfm.calendar import MOROCCO, HolidayCalendar
from tawasol.wfm.cpsat import TimeBudget
from tawasol.wfm.schedule_problem import AssignedShift, ScheduledBreak
from tawasol.wfm.shifts import QUARTER_MINUTES, ShiftRules, ShiftTemplate, shift_templates
from tawasol.wfm.skill_floor import Floor, commit, exchange, shift_loss
from tawasol.wfm.skill_greedy import Book
from tawasol.wfm.skill_roster import Horizon, SkilledAdvisor
from tawasol.wfm.skill_swaps import swap_days, swap_weeks

CHECKED_PER_ROUND = 30  # exact checks per round, best estimates first
MAX_TRIMS_CHECKED = 40


class _Candidates:
    """The day's candidate shifts of the cover phase, as arrays for quick estimates."""

    def __init__(self, templates: Sequence[ShiftTemplate]) -> None:
        self.templates = list(templates)
        self.day = np.array([t.day for t in templates], dtype=np.int64)
        self.start = np.array([t.start for t in templates], dtype=np.int64)
        self.end = np.array([t.end for t in templates], dtype=np.int64)


def repair_skill_roster(
    shifts: Sequence[AssignedShift],
    advisors: Sequence[SkilledAdvisor],
    required: Mapping[str, Sequence[int]],
    horizon: Horizon,
    *,
    rules: ShiftRules,
    interval_minutes: int,
    timezone: str,
    budget: TimeBudget,
    calendar: HolidayCalendar = MOROCCO,
) -> list[AssignedShift]:
    """``shifts`` (``advisor`` indexes ``advisors``) with shifts moved or added so that each
    skill's per-quarter requirement (``required``) is better served; never worse in total."""
    floor = Floor(shifts, advisors, required, horizon)
    demand = [sum(floor.need[q].values()) for q in range(horizon.quarters)]
    candidates = _Candidates(
        shift_templates(rules, demand=demand, interval_minutes=interval_minutes,
                        first_day=horizon.first_day, calendar=calendar)
    )  # fmt: skip
    current = {(s.advisor, (s.day - horizon.first_day).days): s for s in shifts}
    book = Book(advisors, horizon)
    for (a, day), shift in current.items():
        book.take(a, day, horizon.quarter(shift.start), horizon.quarter(shift.end))
    zone = ZoneInfo(timezone)
    while floor.short.any() and not _time_up(budget):
        if not _improve(floor, candidates, current, book, zone):
            break
    return sorted(current.values(), key=lambda s: (s.advisor, s.start))


def _time_up(budget: TimeBudget) -> bool:
    return budget.left() <= 0.05


Change = tuple[int, ShiftTemplate, int | None]  # advisor, new shift, day of the shift given up


def _improve(
    floor: Floor,
    candidates: _Candidates,
    current: dict[tuple[int, int], AssignedShift],
    book: Book,
    zone: ZoneInfo,
) -> bool:
    """One round: the best-estimated feasible changes checked exactly; True if one was kept.
    Without one, a shift is shortened where that leaves nothing short (the minutes freed let
    a later round lengthen or add a shift where it helps)."""
    changes = _ranked(floor, candidates, current, book)
    if _apply_first(floor, changes, current, book, zone, trim=False):
        return True
    if swap_days(floor, current, book) or swap_weeks(floor, current, book):
        return True
    return _apply_first(floor, _trims(floor, candidates, current), current, book, zone, trim=True)


def _apply_first(
    floor: Floor,
    changes: Sequence[Change],
    current: dict[tuple[int, int], AssignedShift],
    book: Book,
    zone: ZoneInfo,
    *,
    trim: bool,
) -> bool:
    """Keep the first change that lowers the shortfall (``trim``: that keeps it level)."""
    for a, template, given_up in changes:
        old = [] if given_up is None else [current[(a, given_up)]]
        new = [_assigned(a, template, floor, zone)]
        if exchange(floor, old, new, level=trim):
            commit(current, book, floor.horizon, old, new)
            return True
    return False


def _ranked(
    floor: Floor,
    candidates: _Candidates,
    current: dict[tuple[int, int], AssignedShift],
    book: Book,
) -> list[Change]:
    """Feasible changes with the best estimated gain, best first: quarters of the candidate
    where one of the advisor's languages is short, less what taking the advisor off the shift
    given up (the same day's, or another day's when the week is full) would leave short."""
    short_skills = {floor.skills[i] for i in np.flatnonzero(floor.short.sum(axis=1))}
    scored: list[tuple[int, Change]] = []

    def loss(a: int, day: int) -> int:
        if (a, day) not in floor.losses:
            quarters = floor.horizon.on_floor(current[(a, day)])
            value = shift_loss(floor, current[(a, day)])
            floor.losses[(a, day)] = (min(quarters, default=0), max(quarters, default=0), value)
        return floor.losses[(a, day)][2]

    for a, advisor in enumerate(floor.advisors):
        if not advisor.skills & short_skills:
            continue
        mine = [i for i, s in enumerate(floor.skills) if s in advisor.skills]
        lacking = np.concatenate(([0], np.cumsum(floor.short[mine].sum(axis=0) > 0)))
        gain = lacking[candidates.end] - lacking[candidates.start]
        held = sorted(day for b, day in current if b == a)
        for index in np.argsort(-gain, kind="stable")[: 4 * CHECKED_PER_ROUND]:
            template = candidates.templates[int(index)]
            for given_up in _options(book, a, template, held, loss):
                estimate = int(gain[index]) - (0 if given_up is None else loss(a, given_up))
                if estimate > 0:
                    scored.append((estimate, (a, template, given_up)))
                break
    scored.sort(key=lambda item: -item[0])
    return [change for _, change in scored[:CHECKED_PER_ROUND]]


def _trims(
    floor: Floor, candidates: _Candidates, current: dict[tuple[int, int], AssignedShift]
) -> list[Change]:
    """Shorter shifts inside the current ones of the advisors who speak a short language."""
    short_skills = {floor.skills[i] for i in np.flatnonzero(floor.short.sum(axis=1))}
    changes: list[tuple[int, Change]] = []
    for (a, day), shift in current.items():
        if not floor.advisors[a].skills & short_skills:
            continue
        start, end = floor.horizon.quarter(shift.start), floor.horizon.quarter(shift.end)
        inside = np.flatnonzero(
            (candidates.day == day) & (candidates.start >= start) & (candidates.end <= end)
            & (candidates.end - candidates.start < end - start)
        )  # fmt: skip
        for index in inside:
            template = candidates.templates[int(index)]
            changes.append((template.length, (a, template, day)))
    changes.sort(key=lambda item: -item[0])  # the smallest cuts first: most likely harmless
    return [change for _, change in changes[:MAX_TRIMS_CHECKED]]


def _options(
    book: Book, a: int, template: ShiftTemplate, held: list[int], loss: Callable[[int, int], int]
) -> list[int | None]:
    """The shift ``a`` would give up to take ``template`` (None: none), if any is allowed."""
    day = template.day
    if day in held:
        return [day] if _allowed_without(book, a, template, day) else []
    if book.allows(a, day, template.start, template.end):
        return [None]
    for other in sorted(held, key=lambda d: loss(a, d)):
        if _allowed_without(book, a, template, other):
            return [other]
    return []


def _allowed_without(book: Book, a: int, template: ShiftTemplate, given_up: int) -> bool:
    """Whether ``a`` may take ``template`` once their shift of ``given_up`` is released."""
    start, end = book.worked[a][given_up]
    book.release(a, given_up)
    try:
        return book.allows(a, template.day, template.start, template.end)
    finally:
        book.take(a, given_up, start, end)


def _assigned(a: int, template: ShiftTemplate, floor: Floor, zone: ZoneInfo) -> AssignedShift:
    """The template as advisor ``a``'s shift, each break where their languages lack least."""
    mine = [i for i, s in enumerate(floor.skills) if s in floor.advisors[a].skills]
    lacking = floor.short[mine].sum(axis=0) if mine else np.zeros(floor.horizon.quarters)
    kinds = (("short", template.first_breaks, template.short_length),
             ("short", template.second_breaks, template.short_length),
             ("meal", template.meals, template.meal_length))  # fmt: skip
    breaks = []
    for kind, starts, length in kinds:
        if not starts or not length:
            continue
        middle = starts[len(starts) // 2]
        best = min(starts, key=lambda p: (int(lacking[p : p + length].sum()), abs(p - middle)))
        breaks.append(ScheduledBreak(kind, _moment(floor, best, zone),
                                     _moment(floor, best + length, zone)))  # fmt: skip
    return AssignedShift(
        advisor=a, day=floor.horizon.first_day + timedelta(days=template.day),
        start=_moment(floor, template.start, zone), end=_moment(floor, template.end, zone),
        breaks=tuple(sorted(breaks, key=lambda b: b.start)),
    )  # fmt: skip


def _moment(floor: Floor, quarter: int, zone: ZoneInfo) -> datetime:
    origin = datetime.combine(floor.horizon.first_day, datetime.min.time())
    return (origin + timedelta(minutes=quarter * QUARTER_MINUTES)).replace(tzinfo=zone)
