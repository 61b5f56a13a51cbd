"""SLA clocks for the demo brands: a policy and business hours each, and a live queue.

Called before the brand's history is played, so the conversation actions start, pause and
stop every clock from the seeded timestamps, as they would have in production. The history
ends hours before the seeding, so its open conversations are mostly late; the few
conversations opened minutes ago (`LIVE_QUEUE`) give the inbox and the wallboard clocks
still running: on track, at risk and breached, each computed by the clocks from its
opening instant and the brand's calendar (a brand closed at demo time shows them paused;
the airline's clocks count round the clock).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.conversations.actions import do_open_conversation
from tawasol.conversations.schemas import ConversationIn
from tawasol.db.types import clock_at, utcnow
from tawasol.demo.corpus import ClientBrand, conversation_scripts
from tawasol.demo.seed_conversations import _contact_for
from tawasol.models.client import Client
from tawasol.models.inbox import Inbox
from tawasol.models.vocabulary import Priority
from tawasol.sla.actions import do_update_sla_settings
from tawasol.sla.schemas import SlaSettingsIn

MINUTE = 60.0
HOUR = 60 * MINUTE
# First response, next response, resolution, in business seconds.
TARGETS: dict[str, dict[str, float]] = {
    "urgent": {"first_response": 15 * MINUTE, "next_response": 30 * MINUTE,
               "resolution": 4 * HOUR},
    "high": {"first_response": 30 * MINUTE, "next_response": HOUR, "resolution": 8 * HOUR},
    "normal": {"first_response": HOUR, "next_response": 2 * HOUR, "resolution": 24 * HOUR},
    "low": {"first_response": 4 * HOUR, "next_response": 8 * HOUR, "resolution": 48 * HOUR},
}  # fmt: skip
ESCALATIONS: dict[str, Any] = {
    "urgent": {"warning": ["notify_supervisor"], "breached": ["notify_supervisor"]},
    "low": {"breached": ["raise_priority", "notify_supervisor"]},
    "default": {"breached": ["notify_supervisor"]},
}
# Opening hours differ per kind of brand. The airline's targets count round the clock
# (``business_hours`` off): its calendar only says when its desk is staffed.
ROUND_THE_CLOCK = frozenset({"airline"})
WEEKLY: dict[str, dict[str, str]] = {
    "telecom": {"mon-sat": "08:00-22:00", "sun": "10:00-18:00"},
    "airline": {"mon-sun": "06:00-23:00"},
    "ecommerce": {"mon-fri": "09:00-19:00", "sat": "09:00-13:00"},
}
RAMADAN_HOURS: dict[str, dict[str, str]] = {
    "telecom": {"mon-sat": "10:00-16:00,21:00-23:30", "sun": "11:00-16:00"},
    "airline": {"mon-sun": "07:00-17:00,20:30-23:30"},
    "ecommerce": {"mon-fri": "10:00-16:00", "sat": "10:00-13:00"},
}
# Fixed-date public holidays of Morocco (month, day); the religious ones move each year.
MOROCCAN_HOLIDAYS = ((1, 1), (1, 11), (5, 1), (7, 30), (8, 14), (8, 20), (8, 21), (11, 6), (11, 18))
# Estimated (Umm al-Qura); Morocco confirms each start by moon sighting, a day either way.
RAMADAN: dict[int, tuple[date, date]] = {
    2026: (date(2026, 2, 18), date(2026, 3, 19)),
    2027: (date(2027, 2, 8), date(2027, 3, 9)),
    2028: (date(2028, 1, 28), date(2028, 2, 26)),
    2029: (date(2029, 1, 16), date(2029, 2, 14)),
    2030: (date(2030, 1, 6), date(2030, 2, 4)),
}
# (priority, minutes since it arrived): how the queue looks when the demo starts.
LIVE_QUEUE: tuple[tuple[Priority, int], ...] = (
    (Priority.URGENT, 40),  # first response breached
    (Priority.HIGH, 25),  # due in 5 minutes, past the 75% warning point: at risk
    (Priority.NORMAL, 45),  # due in 15 minutes: at risk
    (Priority.NORMAL, 5),  # on track
    (Priority.LOW, 6 * 60),  # breached: the tick raises it to normal
)
LIVE_SEED = 9090


def sla_settings(brand: ClientBrand, *, today: date) -> SlaSettingsIn:
    years = (today.year - 1, today.year, today.year + 1)
    holidays = sorted(date(year, month, day) for year in years for month, day in MOROCCAN_HOLIDAYS)
    ramadan = [
        {"name": f"Ramadan {year}", "first_day": first.isoformat(),
         "last_day": last.isoformat(), "hours": RAMADAN_HOURS[brand.kind]}
        for year, (first, last) in RAMADAN.items()
        if year in years[1:]  # this year's and next: the admin page shows three periods
    ]  # fmt: skip
    return SlaSettingsIn.model_validate(
        {
            "policy": {"name": f"SLA {brand.name}", "targets": TARGETS, "warn_at": 0.75,
                       "business_hours": brand.kind not in ROUND_THE_CLOCK,
                       "escalations": ESCALATIONS},
            "calendar": {"timezone": brand.timezone, "weekly": WEEKLY[brand.kind],
                         "holidays": [d.isoformat() for d in holidays],
                         "special_periods": ramadan},
        }
    )  # fmt: skip


def seed_sla(
    session: Session, *, actor: Actor, brand: ClientBrand, client: Client,
    inboxes: dict[str, Inbox],
) -> None:  # fmt: skip
    """Track the brand's SLAs, then open its live queue (before its history is played)."""
    now = utcnow()
    do_update_sla_settings(
        session, actor=actor, client=client, data=sla_settings(brand, today=now.date())
    )
    scripts = conversation_scripts(client_kind=brand.kind, count=len(LIVE_QUEUE), seed=LIVE_SEED)
    for index, ((priority, minutes), script) in enumerate(zip(LIVE_QUEUE, scripts, strict=True)):
        inbox = inboxes.get(script.channel) or next(iter(inboxes.values()))
        contact = _contact_for(session, actor=actor, client=client, script=script)
        data = ConversationIn(
            inbox_id=inbox.id, contact_id=contact.id, subject=script.subject,
            text=script.turns[0].text, language=script.language, priority=priority,
            provider_message_id=f"demo-{brand.slug}-live-{index}",
        )  # fmt: skip
        with clock_at(now - timedelta(minutes=minutes)):
            do_open_conversation(session, actor=actor, inbox=inbox, contact=contact, data=data)
