"""A client's SLA settings as the clocks use them: policy, calendar and escalations.

They live in the client's `RoutingSettings` row (``sla_policy`` and ``calendar`` documents,
converted by `routing.settings`); escalations are an extra key of the policy document:
``{"escalations": {"urgent": {"warning": ["notify_supervisor"], "breached": ["reassign"]}}}``
(a ``"default"`` entry applies to priorities without their own). A client is tracked when
its policy document is not empty and not ``"enabled": false``.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache
from itertools import chain
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from tawasol.models.client import Client
from tawasol.models.routing import RoutingSettings
from tawasol.routing.settings import calendar_from, sla_policy_from
from tawasol.sla.calendar import BusinessCalendar
from tawasol.sla.clock import SlaEventType
from tawasol.sla.policy import SlaPolicy

log = logging.getLogger(__name__)
DEFAULT_ESCALATION = "default"


class EscalationAction(StrEnum):
    RAISE_PRIORITY = "raise_priority"
    NOTIFY_SUPERVISOR = "notify_supervisor"
    REASSIGN = "reassign"


Escalations = Mapping[str, Mapping[SlaEventType, tuple[EscalationAction, ...]]]


@dataclass(frozen=True)
class SlaSettings:
    policy: SlaPolicy
    calendar: BusinessCalendar  # the client's; the clocks follow `policy.calendar_for` it
    escalations: Escalations = field(default_factory=dict)

    @property
    def escalates(self) -> bool:
        """Whether any priority has an action for any event (escalations write the audit)."""
        return any(actions for per in self.escalations.values() for actions in per.values())

    @property
    def reassigns(self) -> bool:
        return any(
            EscalationAction.REASSIGN in actions
            for per in self.escalations.values()
            for actions in per.values()
        )

    def actions_for(self, priority: str, event: SlaEventType) -> tuple[EscalationAction, ...]:
        per_event = self.escalations.get(priority) or self.escalations.get(DEFAULT_ESCALATION)
        return tuple((per_event or {}).get(event, ()))


def is_tracked(policy_document: Mapping[str, Any] | None) -> bool:
    return bool(policy_document) and bool((policy_document or {}).get("enabled", True))


def escalations_from(document: Mapping[str, Any]) -> dict[str, dict[SlaEventType, tuple]]:
    """``{"high": {"breached": ["raise_priority"]}}``; ``warning``/``breached`` name events."""
    found: dict[str, dict[SlaEventType, tuple]] = {}
    for priority, per_event in (document.get("escalations") or {}).items():
        found[priority] = {
            SlaEventType(f"sla.{event}"): tuple(EscalationAction(a) for a in actions)
            for event, actions in (per_event or {}).items()
        }
    return found


@lru_cache(maxsize=512)
def _parsed(key: str) -> SlaSettings | None:
    policy_document, calendar_document, timezone = json.loads(key)
    try:
        settings = SlaSettings(
            policy=sla_policy_from(policy_document),
            calendar=calendar_from(calendar_document, timezone=timezone),
            escalations=escalations_from(policy_document),
        )
        settings.calendar.next_open(datetime.now(UTC))
    except (ValueError, TypeError, KeyError, AttributeError):
        # The API validates what it stores; a document written some other way must not
        # stop conversations from being opened or answered: it tracks nothing instead.
        log.exception("unusable SLA settings, not tracking: %s", key[:500])
        return None
    return settings


def settings_from(
    policy_document: Mapping[str, Any] | None,
    calendar_document: Mapping[str, Any] | None,
    timezone: str | None,
) -> SlaSettings | None:
    """Parsed once per distinct content (parsing a calendar costs more than the query)."""
    if not is_tracked(policy_document):
        return None
    key = json.dumps([policy_document, calendar_document or {}, timezone], sort_keys=True)
    return _parsed(key)


def settings_query(client_id: int) -> Any:
    """The three values `settings_from` needs, in one indexed lookup."""
    return (
        select(RoutingSettings.sla_policy, RoutingSettings.calendar, Client.timezone)
        .join(Client, Client.id == RoutingSettings.client_id)
        .where(RoutingSettings.client_id == client_id)
    )


def load_settings(session: Session, *, client_id: int) -> SlaSettings | None:
    row = session.execute(settings_query(client_id)).first()
    return None if row is None else settings_from(row[0], row[1], row[2])


# --- Per-client cache for the hot path (a conversation opening) -------------------------
# An entry lives `CACHE_TTL_SECONDS` at most. Any ORM change to a client's routing settings
# or to a client (its timezone) committed in this process empties the cache at once; a change
# committed by another process (another node) is seen within the TTL. A session that changed
# them and has not committed yet reads its own uncommitted values, never the cache. A
# generation counter keeps a load that raced with a change from storing the old answer.
CACHE_TTL_SECONDS = 5.0
_CHANGED = "sla_settings_changed"
_cache: dict[tuple[str, int], tuple[float, SlaSettings | None]] = {}
_generation = 0
_cache_lock = threading.Lock()


def forget_settings() -> None:
    global _generation
    with _cache_lock:
        _generation += 1
        _cache.clear()


def cached_settings(session: Session, *, client_id: int) -> SlaSettings | None:
    """`load_settings`, remembered per database and client for a few seconds."""
    if session.info.get(_CHANGED):
        return load_settings(session, client_id=client_id)
    key = (str(session.get_bind().engine.url), client_id)
    found = _cache.get(key)
    if found is not None and found[0] > time.monotonic():
        return found[1]
    generation, expires = _generation, time.monotonic() + CACHE_TTL_SECONDS
    settings = load_settings(session, client_id=client_id)
    with _cache_lock:
        if generation == _generation:
            _cache[key] = (expires, settings)
    return settings


def _note_changes(session: Session, _context: Any) -> None:
    changed = chain(session.new, session.dirty, session.deleted)
    if any(isinstance(o, RoutingSettings | Client) for o in changed):
        session.info[_CHANGED] = True


def _forget_after_end(session: Session, *_args: Any) -> None:
    if session.info.pop(_CHANGED, False):
        forget_settings()


event.listen(Session, "after_flush", _note_changes)
event.listen(Session, "after_commit", _forget_after_end)
event.listen(Session, "after_rollback", _forget_after_end)
