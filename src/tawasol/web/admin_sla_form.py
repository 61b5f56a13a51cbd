"""The SLA page's form, both ways: stored documents to field values, fields to `SlaSettingsIn`.

Targets are typed in minutes, the warning threshold in percent; weekly hours as one line per
day (``09:00-12:30,14:00-18:00``, empty when closed); holidays one date per line; a special
period's hours as ``mon-fri=09:00-15:00; sat=09:00-12:00``.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from tawasol.models.vocabulary import Priority
from tawasol.sla.calendar import DAYS, week_hours
from tawasol.sla.policy import SlaTarget
from tawasol.sla.schemas import SlaSettingsIn
from tawasol.sla.settings import EscalationAction

PRIORITIES = tuple(p.value for p in Priority)
ESCALATION_KEYS = (*PRIORITIES, "default")
TARGETS = tuple(t.value for t in SlaTarget)
EVENTS = ("warning", "breached")
ACTIONS = tuple(a.value for a in EscalationAction)
PERIOD_ROWS = 3
Form = dict[str, str]


def _number(raw: str) -> float | None:
    raw = raw.strip().replace(",", ".")
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        return -1.0  # refused by the schema with the field's path


def _minutes(seconds: Any) -> str:
    return "" if seconds in (None, "") else f"{float(seconds) / 60:g}"


def _end(moment: time) -> str:
    return "24:00" if moment == time(0) else f"{moment:%H:%M}"


def _day_lines(document: dict[str, Any]) -> dict[str, str]:
    """Weekly hours per single day, whatever ranges the document used."""
    try:
        hours = week_hours(document)
    except (ValueError, TypeError, IndexError):
        return {}
    lines = {}
    for index, day in enumerate(DAYS):
        spans = hours.get(index, ())
        lines[day] = ",".join(f"{s.start:%H:%M}-{_end(s.end)}" for s in spans)
    return lines


def _hours_text(document: dict[str, Any]) -> str:
    parts = []
    for days, spans in document.items():
        text = spans if isinstance(spans, str) else ",".join(spans)
        parts.append(f"{days}={text}")
    return "; ".join(parts)


def form_values(policy: dict[str, Any], calendar: dict[str, Any]) -> Form:
    """The fields as the page fills them from the stored documents."""
    values: Form = {
        "enabled": "on" if policy.get("enabled", True) and policy else "",
        "warn_at": f"{float(policy.get('warn_at', 0.8)) * 100:g}",
        "business_hours": "on" if policy.get("business_hours", True) else "",
        "timezone": str(calendar.get("timezone") or ""),
        "holidays": "\n".join(calendar.get("holidays") or ()),
    }
    for priority, per_target in (policy.get("targets") or {}).items():
        for target, seconds in (per_target or {}).items():
            values[f"target-{priority}-{target}"] = _minutes(seconds)
    for key, per_event in (policy.get("escalations") or {}).items():
        for event, actions in (per_event or {}).items():
            for action in actions or ():
                values[f"esc-{key}-{event}-{action}"] = "on"
    weekly = calendar.get("weekly") or {"mon-fri": "09:00-18:00", "sat": "09:00-13:00"}
    for day, line in _day_lines(weekly).items():
        values[f"hours-{day}"] = line
    for index, period in enumerate((calendar.get("special_periods") or ())[:PERIOD_ROWS]):
        values[f"period-{index}-name"] = str(period.get("name", ""))
        values[f"period-{index}-first_day"] = str(period.get("first_day", ""))
        values[f"period-{index}-last_day"] = str(period.get("last_day", ""))
        values[f"period-{index}-hours"] = _hours_text(period.get("hours") or {})
    return values


def _period_hours(text: str) -> dict[str, str]:
    hours = {}
    for part in text.split(";"):
        days, _, spans = part.partition("=")
        if days.strip():
            hours[days.strip().lower()] = spans.strip()
    return hours


def settings_from_form(form: Form) -> SlaSettingsIn:
    """Raises pydantic's ValidationError with the field paths of what is wrong."""
    targets: dict[str, dict[str, float]] = {}
    for priority in PRIORITIES:
        chosen = {
            target: minutes * 60
            for target in TARGETS
            if (minutes := _number(form.get(f"target-{priority}-{target}", ""))) is not None
        }
        if chosen:
            targets[priority] = chosen
    escalations = {
        key: {event: [a for a in ACTIONS if form.get(f"esc-{key}-{event}-{a}")] for event in EVENTS}
        for key in ESCALATION_KEYS
    }
    warn = _number(form.get("warn_at", ""))
    periods = [
        {
            "name": form.get(f"period-{i}-name", "").strip(),
            "first_day": form.get(f"period-{i}-first_day", "").strip(),
            "last_day": form.get(f"period-{i}-last_day", "").strip(),
            "hours": _period_hours(form.get(f"period-{i}-hours", "")),
        }
        for i in range(PERIOD_ROWS)
        if form.get(f"period-{i}-name", "").strip()
    ]
    weekly = {day: line for day in DAYS if (line := form.get(f"hours-{day}", "").strip())}
    return SlaSettingsIn.model_validate(
        {
            "policy": {
                "enabled": bool(form.get("enabled")),
                "targets": targets,
                "warn_at": 0.8 if warn is None else warn / 100,
                "business_hours": bool(form.get("business_hours")),
                "escalations": {k: v for k, v in escalations.items() if any(v.values())},
            },
            "calendar": {
                "timezone": form.get("timezone", "").strip() or None,
                "weekly": weekly,
                "holidays": [d.strip() for d in form.get("holidays", "").splitlines() if d.strip()],
                "special_periods": periods,
            },
        }
    )
