"""Between the pure clocks (`clock.ConversationSla`) and their stored row (`models.sla`).

`restore` rebuilds the clocks from a row and the client's settings; `store` writes them
back with the next instant worth checking, and copies the due instants onto the
conversation, where lists, filters and routing read them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tawasol.models.conversation import Conversation
from tawasol.models.sla import ConversationSla as SlaRow
from tawasol.sla.clock import ConversationSla, SlaClock
from tawasol.sla.policy import SlaTarget
from tawasol.sla.settings import SlaSettings


def _instant(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _text(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def clock_document(clock: SlaClock) -> dict[str, Any]:
    return {
        "target": clock.target.value,
        "seconds": clock.seconds,
        "cycle": clock.cycle,
        "consumed": clock.consumed,
        "running_since": _text(clock.running_since),
        "stopped_at": _text(clock.stopped_at),
        "warned": clock.warned,
        "breached": clock.breached,
    }


def clock_from(document: dict[str, Any]) -> SlaClock:
    return SlaClock(
        target=SlaTarget(document["target"]),
        seconds=float(document["seconds"]),
        cycle=int(document.get("cycle", 1)),
        consumed=float(document.get("consumed", 0.0)),
        running_since=_instant(document.get("running_since")),
        stopped_at=_instant(document.get("stopped_at")),
        warned=bool(document.get("warned")),
        breached=bool(document.get("breached")),
    )


def restore(row: SlaRow, settings: SlaSettings) -> ConversationSla:
    return ConversationSla(
        policy=settings.policy,
        calendar=settings.policy.calendar_for(settings.calendar),
        priority=row.priority,
        clocks=tuple(clock_from(document) for document in row.clocks),
        waiting_on_customer=row.waiting_on_customer,
        first_response_given=row.first_response_given,
    )


def next_check(sla: ConversationSla) -> datetime | None:
    """The earliest warning or breach still to report among the running clocks."""
    moments = []
    for clock in sla.clocks:
        if not clock.running or clock.breached:
            continue
        share = 1.0 if clock.warned else sla.policy.warn_at
        moment = clock.moment_of(sla.calendar, share)
        if moment is not None:
            moments.append(moment)
    return min(moments, default=None)


def store(row: SlaRow, sla: ConversationSla, conversation: Conversation) -> None:
    row.priority = sla.priority
    row.clocks = [clock_document(clock) for clock in sla.clocks]
    row.waiting_on_customer = sla.waiting_on_customer
    row.first_response_given = sla.first_response_given
    row.breached = any(clock.breached for clock in sla.clocks)
    row.next_check_at = next_check(sla)
    due = sla.due_times()
    conversation.first_response_due_at = due[SlaTarget.FIRST_RESPONSE]
    conversation.next_response_due_at = due[SlaTarget.NEXT_RESPONSE]
    conversation.resolution_due_at = due[SlaTarget.RESOLUTION]


def untrack(row: SlaRow, conversation: Conversation | None) -> None:
    """The client no longer tracks SLAs: nothing left to check, nothing due."""
    row.next_check_at = None
    if conversation is not None:
        conversation.first_response_due_at = None
        conversation.next_response_due_at = None
        conversation.resolution_due_at = None


def new_row(sla: ConversationSla, conversation: Conversation) -> SlaRow:
    row = SlaRow(
        client_id=conversation.client_id, conversation_id=conversation.id, priority=sla.priority
    )
    store(row, sla, conversation)
    return row
