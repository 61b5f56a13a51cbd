"""Routing: who handles which conversation, when, and why.

The engine (`RoutingEngine`) is pure and in memory: it is fed advisors, presence changes and
work items, and answers with `Decision`s that carry their explanation. `ScanRouter` applies
the same rules by brute force (reference for tests, baseline for the benchmark). Database
wiring lives in `store.py` and `actions.py`; `service.py` runs one engine per process, fed
after commit by the jobs of `hooks.py`; `endpoints.py` is the HTTP API (pull, override,
explanations).
"""

from tawasol.routing.advisor import Advisor, AdvisorProfile, Tier
from tawasol.routing.decision import Candidate, Decision, Rule, SkipReason
from tawasol.routing.engine import RoutingEngine
from tawasol.routing.policy import ClientPolicy, Mode, PriorityRules, Selection
from tawasol.routing.presence import BreakKind, Presence
from tawasol.routing.reference import ScanRouter
from tawasol.routing.router import Router, RoutingRefused
from tawasol.routing.work import WorkItem

__all__ = [
    "Advisor",
    "AdvisorProfile",
    "BreakKind",
    "Candidate",
    "ClientPolicy",
    "Decision",
    "Mode",
    "Presence",
    "PriorityRules",
    "Router",
    "RoutingEngine",
    "RoutingRefused",
    "Rule",
    "ScanRouter",
    "Selection",
    "SkipReason",
    "Tier",
    "WorkItem",
]
