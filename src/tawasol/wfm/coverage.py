"""A cover in the making: advisors per shift template and per break position, and the team's
remaining capacity. Shared by the steps of the cover phase (:mod:`tawasol.wfm.cover`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from tawasol.wfm.schedule_problem import ScheduleProblem
from tawasol.wfm.shifts import QUARTER_MINUTES, ShiftTemplate

BREAK_KINDS = ("first", "second", "meal")


def break_starts(template: ShiftTemplate, kind: str) -> tuple[int, ...]:
    """Allowed starts of one kind of break (``first``, ``second``, ``meal``) of ``template``."""
    if kind == "first":
        return template.first_breaks
    if kind == "second":
        return template.second_breaks
    return template.meals


def break_length(template: ShiftTemplate, kind: str) -> int:
    """Length in quarters of one kind of break of ``template``."""
    return template.meal_length if kind == "meal" else template.short_length


def expected_presence(template: ShiftTemplate) -> np.ndarray:
    """Probability of being on the floor per quarter of the shift, breaks spread evenly."""
    presence = np.ones(template.length)
    for kind in BREAK_KINDS:
        starts = break_starts(template, kind)
        length = break_length(template, kind)
        for start in starts:
            offset = start - template.start
            presence[offset : offset + length] -= 1.0 / len(starts)
    return presence


@dataclass(slots=True)
class CoverSolution:
    """Advisors per template and, per (break kind, template), advisors per break position."""

    takers: dict[int, int] = field(default_factory=dict)
    breaks: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    status: str = "optimal"

    def positions(self, kind: str, template: ShiftTemplate) -> list[int]:
        """Break starts of ``kind`` for the advisors of ``template``, one per advisor."""
        counts = self.breaks.get((kind, template.index), [])
        starts = break_starts(template, kind)
        return [start for count, start in zip(counts, starts, strict=False) for _ in range(count)]

    def on_floor(self, templates: Sequence[ShiftTemplate], quarters: int) -> np.ndarray:
        """Heads on the floor per quarter."""
        heads = np.zeros(quarters, dtype=np.int64)
        for template in templates:
            count = self.takers.get(template.index, 0)
            if not count:
                continue
            heads[template.start : template.end] += count
            for kind in BREAK_KINDS:
                length = break_length(template, kind)
                for start in self.positions(kind, template):
                    heads[start : start + length] -= 1
        return heads

    def merge(self, extra: CoverSolution) -> None:
        """Add ``extra``'s shifts and breaks to this cover."""
        for index, count in extra.takers.items():
            self.takers[index] = self.takers.get(index, 0) + count
        for key, counts in extra.breaks.items():
            mine = self.breaks.setdefault(key, [0] * len(counts))
            for position, count in enumerate(counts):
                mine[position] += count


@dataclass(slots=True)
class TeamCapacity:
    """What the team can still give: heads per day, quarters of work, working days."""

    per_day: list[int]
    quarters: int
    shifts: int
    longest: int

    @classmethod
    def of(cls, problem: ScheduleProblem) -> TeamCapacity:
        """The whole team's capacity over the horizon."""
        team = problem.team
        week = [rules.max_minutes_per_week // QUARTER_MINUTES for rules in team]
        return cls(
            per_day=[
                sum(1 for rules in team if day not in rules.unavailable_days)
                for day in range(problem.days)
            ],
            quarters=sum(week),
            shifts=sum(rules.max_days for rules in team),
            longest=max(week, default=0),
        )

    def copy(self) -> TeamCapacity:
        """An independent copy."""
        return TeamCapacity(list(self.per_day), self.quarters, self.shifts, self.longest)

    def fits(self, template: ShiftTemplate, count: int = 1) -> bool:
        """Whether ``count`` more advisors can take ``template``."""
        return (
            self.per_day[template.day] >= count
            and self.quarters >= template.length * count
            and self.shifts >= count
            and template.length <= self.longest
        )

    def take(self, template: ShiftTemplate, count: int) -> None:
        """Consume the capacity of ``count`` advisors on ``template``."""
        self.per_day[template.day] -= count
        self.quarters -= template.length * count
        self.shifts -= count
