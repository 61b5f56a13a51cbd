"""Reading SLA settings and a conversation's clocks as the API shows them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.db.types import utcnow
from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.routing import RoutingSettings
from tawasol.models.sla import ConversationSla as SlaRow
from tawasol.routing.settings import calendar_from
from tawasol.sla.clock import ConversationSla
from tawasol.sla.schemas import ClockOut, ConversationSlaOut, SlaSettingsOut
from tawasol.sla.settings import is_tracked, load_settings
from tawasol.sla.state import restore


def sla_settings_of(session: Session, *, client: Client) -> SlaSettingsOut:
    row = session.scalars(
        select(RoutingSettings).where(RoutingSettings.client_id == client.id)
    ).first()
    policy = (row.sla_policy if row else None) or {}
    calendar = (row.calendar if row else None) or {}
    return SlaSettingsOut(
        client_id=client.id,
        tracked=is_tracked(policy),
        timezone=calendar_from(calendar, timezone=client.timezone).timezone,
        policy=policy,
        calendar=calendar,
    )


def conversation_sla_of(session: Session, *, conversation: Conversation) -> ConversationSlaOut:
    row = session.scalars(select(SlaRow).where(SlaRow.conversation_id == conversation.id)).first()
    settings = load_settings(session, client_id=conversation.client_id)
    if row is None or settings is None:
        return ConversationSlaOut(conversation_id=conversation.id, tracked=False)
    sla = restore(row, settings)
    return ConversationSlaOut(
        conversation_id=conversation.id,
        tracked=True,
        priority=row.priority,
        waiting_on_customer=row.waiting_on_customer,
        breached=row.breached,
        next_check_at=row.next_check_at,
        clocks=_clocks(sla),
    )


def _clocks(sla: ConversationSla) -> list[ClockOut]:
    now = utcnow()
    shown = []
    for clock in sla.clocks:
        state = "stopped" if clock.stopped else "running" if clock.running else "paused"
        shown.append(
            ClockOut(
                target=clock.target.value,
                cycle=clock.cycle,
                target_seconds=clock.seconds,
                elapsed_seconds=round(clock.elapsed(sla.calendar, now), 3),
                state=state,
                warned=clock.warned,
                breached=clock.breached,
                due_at=clock.moment_of(sla.calendar, 1.0),
                met=clock.met,
            )
        )
    return shown
