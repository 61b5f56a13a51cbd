"""Client routing settings as stored (JSON documents) and as the engine and SLA use them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, fields
from datetime import date
from typing import Any

from tawasol.routing.policy import ClientPolicy, Mode, PriorityRules, Selection
from tawasol.sla.calendar import DEFAULT_TIMEZONE, BusinessCalendar, SpecialPeriod, week_hours
from tawasol.sla.policy import SlaPolicy, SlaTarget

_POLICY_FIELDS = {f.name for f in fields(ClientPolicy)} - {"priority", "mode", "selection"}
_PRIORITY_FIELDS = {f.name for f in fields(PriorityRules)}


def client_policy_from(document: Mapping[str, Any]) -> ClientPolicy:
    """Unknown keys are ignored and missing ones take the defaults (documents outlive code)."""
    values: dict[str, Any] = {k: v for k, v in document.items() if k in _POLICY_FIELDS}
    if "mode" in document:
        values["mode"] = Mode(document["mode"])
    if "selection" in document:
        values["selection"] = Selection(document["selection"])
    priority = document.get("priority") or {}
    values["priority"] = PriorityRules(
        **{k: v for k, v in priority.items() if k in _PRIORITY_FIELDS}
    )
    return ClientPolicy(**values)


def client_policy_document(policy: ClientPolicy) -> dict[str, Any]:
    document = asdict(policy)
    document["mode"] = policy.mode.value
    document["selection"] = policy.selection.value
    document["priority"] = {
        k: dict(v) if isinstance(v, Mapping) else v for k, v in document["priority"].items()
    }
    return document


def sla_policy_from(document: Mapping[str, Any]) -> SlaPolicy:
    """``{"targets": {"normal": {"first_response": 14400, ...}}, "warn_at": 0.8, ...}``."""
    if not document:
        return SlaPolicy()
    default = SlaPolicy()
    targets = {
        priority: {SlaTarget(name): float(seconds) for name, seconds in per_target.items()}
        for priority, per_target in (document.get("targets") or {}).items()
    }
    return SlaPolicy(
        name=str(document.get("name", "default")),
        targets=targets or default.targets,
        warn_at=float(document.get("warn_at", default.warn_at)),
        business_hours=bool(document.get("business_hours", True)),
    )


def calendar_from(document: Mapping[str, Any], *, timezone: str | None = None) -> BusinessCalendar:
    """``{"weekly": {"mon-fri": "09:00-18:00"}, "holidays": ["2026-07-30"],
    "special_periods": [{"name": "Ramadan", "first_day": ..., "last_day": ...,
    "hours": {"mon-fri": "09:00-15:00"}}]}``; the zone defaults to the client's."""
    zone = document.get("timezone") or timezone or DEFAULT_TIMEZONE
    if "weekly" not in document:
        base = BusinessCalendar(timezone=zone)
        weekly = base.weekly
    else:
        weekly = week_hours(document["weekly"])
    periods = tuple(
        SpecialPeriod(
            name=str(period.get("name", "")),
            first_day=date.fromisoformat(period["first_day"]),
            last_day=date.fromisoformat(period["last_day"]),
            hours=week_hours(period.get("hours") or {}),
        )
        for period in document.get("special_periods") or ()
    )
    return BusinessCalendar(
        timezone=zone,
        weekly=weekly,
        holidays=frozenset(date.fromisoformat(d) for d in document.get("holidays") or ()),
        special_periods=periods,
    )
