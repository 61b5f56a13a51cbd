"""CP-SAT plumbing shared by the scheduling phases: a shared time budget and solver setup."""

from __future__ import annotations

import os
import time

from ortools.sat.python import cp_model

MIN_PHASE_SECONDS = 0.05
SOLVED = (cp_model.OPTIMAL, cp_model.FEASIBLE)


class TimeBudget:
    """A wall-clock budget split across phases; time a phase leaves unused goes to the next."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.perf_counter() + seconds

    def left(self) -> float:
        """Seconds until the deadline (never below a small floor)."""
        return max(self.deadline - time.perf_counter(), MIN_PHASE_SECONDS)

    def share(self, weight: float, remaining_weight: float) -> float:
        """Seconds for a phase of ``weight`` when phases of ``remaining_weight`` are left."""
        return max(self.left() * weight / remaining_weight, MIN_PHASE_SECONDS)


def new_solver(seconds: float, *, workers: int | None = None, seed: int = 0) -> cp_model.CpSolver:
    """A CP-SAT solver limited to ``seconds`` (workers default to the CPU count, at most 8)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers or min(8, os.cpu_count() or 1)
    solver.parameters.random_seed = seed
    return solver
