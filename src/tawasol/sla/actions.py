"""Changing a client's SLA policy and business hours."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.db.types import utcnow
from tawasol.errors import Invalid
from tawasol.models.client import Client
from tawasol.models.routing import RoutingSettings
from tawasol.models.sla import ConversationSla as SlaRow
from tawasol.sla.schemas import SlaSettingsIn


def do_update_sla_settings(
    session: Session, *, actor: Actor, client: Client, data: SlaSettingsIn
) -> RoutingSettings:
    """Store the documents; running clocks are re-checked by the next tick.

    Each clock keeps the target it started with; the calendar applies to all at once, so
    every row with a pending check is marked due now and the tick recomputes its instants.
    """
    _check_opens(data, client.timezone)
    row = session.scalars(
        select(RoutingSettings).where(RoutingSettings.client_id == client.id).with_for_update()
    ).first()
    if row is None:
        row = RoutingSettings(client_id=client.id, policy={})
        session.add(row)
    before = {"policy": row.sla_policy or {}, "calendar": row.calendar or {}}
    row.sla_policy = data.policy.document()
    row.calendar = data.calendar.document()
    session.execute(
        update(SlaRow)
        .where(SlaRow.client_id == client.id, SlaRow.next_check_at.is_not(None))
        .values(next_check_at=utcnow(), version=SlaRow.version + 1)
        .execution_options(synchronize_session=False)
    )
    append_audit(
        session, actor=actor, action="sla.settings_updated", object_type="client",
        object_id=client.id, client_id=client.id,
        summary={"before": before, "after": {"policy": row.sla_policy, "calendar": row.calendar}},
    )  # fmt: skip
    session.flush()
    return row


def _check_opens(data: SlaSettingsIn, client_timezone: str) -> None:
    """A calendar must open often enough for the longest target to fall due at all."""
    if not data.policy.business_hours:
        return  # the clocks run round the clock
    longest = max(
        (s for t in data.policy.targets.values() for s in t.model_dump().values() if s),
        default=0.0,
    )
    calendar = data.calendar.calendar(client_timezone)
    try:
        calendar.add_business_seconds(utcnow(), longest)
    except ValueError as exc:
        raise Invalid(
            "these business hours leave too little opening time", code="calendar_closed"
        ) from exc
