"""Service levels: business-hours calendars, SLA policies and per-conversation clocks.

Everything here is pure (no database): `calendar.BusinessCalendar` answers "how many open
seconds between two instants" and "when will N open seconds have passed"; `policy.SlaPolicy`
holds targets per priority; `clock` runs one conversation's clocks and reports
`sla.warning` / `sla.breached` events.
"""

from tawasol.sla.calendar import BusinessCalendar, OpeningSpan, SpecialPeriod, week_hours
from tawasol.sla.clock import (
    ConversationSla,
    SlaClock,
    SlaEvent,
    SlaEventType,
    check,
    on_agent_reply,
    on_customer_message,
    on_status,
    start_sla,
)
from tawasol.sla.policy import SlaPolicy, SlaTarget

__all__ = [
    "BusinessCalendar",
    "ConversationSla",
    "OpeningSpan",
    "SlaClock",
    "SlaEvent",
    "SlaEventType",
    "SlaPolicy",
    "SlaTarget",
    "SpecialPeriod",
    "check",
    "on_agent_reply",
    "on_customer_message",
    "on_status",
    "start_sla",
    "week_hours",
]
