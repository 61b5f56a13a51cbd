"""What a warning or a breach sets off: the reporting fact, the live alert, the escalation.

Called with the events a clock transition produced, in the transaction that stores the
new clock state (the tick's, or the request's when an action crossed a threshold first),
so an event is recorded exactly when its ``warned``/``breached`` flag is written.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.models.conversation import Conversation
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import ReportingEventType, Role
from tawasol.realtime.events import agent_channel, client_channel, record_event
from tawasol.reporting.record import record_reporting_event
from tawasol.routing.hooks import avoid_on_release, on_conversation_opened
from tawasol.sla.clock import ConversationSla, SlaEvent, SlaEventType, on_priority
from tawasol.sla.settings import EscalationAction, SlaSettings

SLA_ACTOR = Actor.system("sla")
REPORTED_AS = {
    SlaEventType.WARNING: ReportingEventType.SLA_WARNING,
    SlaEventType.BREACHED: ReportingEventType.SLA_BREACHED,
}
PRIORITY_LADDER = ("low", "normal", "high", "urgent")


def supervisor_ids(session: Session, *, client_id: int) -> list[int]:
    return sorted(
        session.scalars(
            select(UserClient.user_id)
            .join(User, User.id == UserClient.user_id)
            .where(
                UserClient.client_id == client_id,
                User.role == Role.SUPERVISOR.value,
                User.is_active.is_(True),
            )
        )
    )


def _event_payload(conversation: Conversation, event: SlaEvent, priority: str) -> dict:
    return {
        "conversation_id": conversation.id,
        "target": event.target.value,
        "cycle": event.cycle,
        "at": event.at.isoformat(),
        "due_at": event.due_at.isoformat(),
        "priority": priority,
        "assignee_id": conversation.assignee_id,
    }


def raise_alerts(
    session: Session,
    *,
    conversation: Conversation,
    sla: ConversationSla,
    settings: SlaSettings,
    events: list[SlaEvent],
    at: datetime,
) -> ConversationSla:
    """Record each event, alert the assignee and supervisors, run the policy's escalations.

    Escalations act only on targets still pending: a breach noticed when the reply that
    ends it arrives is reported, but nobody is reassigned for it. One call raises the
    priority at most once, however many thresholds it finds crossed; each warning and
    breach of a cycle is reported once, so each raises at most once.
    """
    if not events:
        return sla
    supervisors = supervisor_ids(session, client_id=conversation.client_id)
    recipients = [agent_channel(user_id) for user_id in supervisors]
    if conversation.assignee_id is not None and conversation.assignee_id not in supervisors:
        recipients.append(agent_channel(conversation.assignee_id))
    raised = False
    for event in events:
        payload = _event_payload(conversation, event, sla.priority)
        record_reporting_event(
            session, type=REPORTED_AS[event.type], client_id=conversation.client_id,
            conversation_id=conversation.id, actor_user_id=None, data=payload,
        )  # fmt: skip
        record_event(
            session, type=event.type.value, client_id=conversation.client_id,
            recipients=recipients, payload=payload,
        )  # fmt: skip
        if _still_pending(sla, event):
            actions = settings.actions_for(sla.priority, event.type)
            if raised:  # a late look that finds warning and breach together raises once
                actions = tuple(a for a in actions if a is not EscalationAction.RAISE_PRIORITY)
            if actions:
                sla = _escalate(session, conversation, sla, event, actions, supervisors, at)
                raised = raised or EscalationAction.RAISE_PRIORITY in actions
    return sla


def _still_pending(sla: ConversationSla, event: SlaEvent) -> bool:
    return any(
        clock.target is event.target and clock.cycle == event.cycle and not clock.stopped
        for clock in sla.clocks
    )


def _escalate(
    session: Session,
    conversation: Conversation,
    sla: ConversationSla,
    event: SlaEvent,
    actions: tuple[EscalationAction, ...],
    supervisors: list[int],
    at: datetime,
) -> ConversationSla:
    summary: dict[str, object] = {
        "event": event.type.value,
        "target": event.target.value,
        "cycle": event.cycle,
        "actions": [action.value for action in actions],
    }
    recipients = [client_channel(conversation.client_id)]
    recipients += [agent_channel(user_id) for user_id in supervisors]
    if conversation.assignee_id is not None:
        recipients.append(agent_channel(conversation.assignee_id))
    for action in actions:
        if action is EscalationAction.RAISE_PRIORITY:
            before = sla.priority
            sla = raise_priority(sla, conversation, at=at)
            summary["priority"] = {"before": before, "after": sla.priority}
        elif action is EscalationAction.NOTIFY_SUPERVISOR:
            summary["notified"] = supervisors
        elif action is EscalationAction.REASSIGN:
            summary["released"] = release_to_queue(session, conversation)
    if _requeue_needed(conversation, summary):
        on_conversation_opened(session, conversation=conversation)
    record_reporting_event(
        session, type=ReportingEventType.SLA_ESCALATED, client_id=conversation.client_id,
        conversation_id=conversation.id, actor_user_id=None, data=summary,
    )  # fmt: skip
    append_audit(
        session, actor=SLA_ACTOR, action="sla.escalated", object_type="conversation",
        object_id=conversation.id, client_id=conversation.client_id, summary=summary,
    )  # fmt: skip
    record_event(
        session, type="sla.escalated", client_id=conversation.client_id,
        recipients=list(dict.fromkeys(recipients)),
        payload={"conversation_id": conversation.id, **summary},
    )  # fmt: skip
    return sla


def _requeue_needed(conversation: Conversation, summary: dict[str, object]) -> bool:
    """A waiting conversation whose priority rose: routing holds the old one in memory.

    The "opened" signal makes every engine re-read the waiting item, priority included,
    and re-queue it in place. A released conversation was signalled by the release.
    """
    change = summary.get("priority")
    rose = isinstance(change, dict) and change["before"] != change["after"]
    return rose and conversation.assignee_id is None and not summary.get("released")


def raise_priority(
    sla: ConversationSla, conversation: Conversation, *, at: datetime
) -> ConversationSla:
    """One step up the ladder (urgent stays urgent); the clocks take the new targets."""
    current = conversation.priority
    step = (
        PRIORITY_LADDER.index(current) + 1 if current in PRIORITY_LADDER else len(PRIORITY_LADDER)
    )
    if step >= len(PRIORITY_LADDER):
        return sla
    conversation.priority = PRIORITY_LADDER[step]
    # The check inside `on_priority` finds nothing new: the caller checked at the same instant.
    sla, _ = on_priority(sla, priority=conversation.priority, at=at)
    return sla


def release_to_queue(session: Session, conversation: Conversation) -> int | None:
    """Take the conversation from its advisor and offer it to routing again.

    Returns the advisor released, None when it was already waiting.
    """
    # Imported here: the conversation actions import `sla.hooks`, which imports this module.
    from tawasol.conversations.actions import do_assign
    from tawasol.conversations.schemas import AssignIn

    previous = conversation.assignee_id
    if previous is None:
        return None
    avoid_on_release(session, conversation=conversation)  # someone else, if possible
    do_assign(
        session, actor=SLA_ACTOR, conversation=conversation, assignee=None, team=None,
        data=AssignIn(assignee_id=None, note="sla escalation"),
    )  # fmt: skip
    on_conversation_opened(session, conversation=conversation)
    return previous
