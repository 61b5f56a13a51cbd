"""Writing routing outcomes: assignments with their explanation, releases, presence.

Each action works in the caller's transaction like every `do_*` action: it changes state,
appends the audit entry, records reporting and realtime events, and never commits. The
in-memory engine is told about the outcome only after the commit (by the job wiring), so a
rolled-back transaction never leaves the engine ahead of the database.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit, lock_audit_head
from tawasol.auth.actor import Actor
from tawasol.conversations.actions import do_assign
from tawasol.conversations.schemas import AssignIn
from tawasol.db.types import utcnow
from tawasol.models.conversation import Conversation
from tawasol.models.presence import AdvisorPresence, PresenceEvent
from tawasol.models.routing import RoutingDecision
from tawasol.models.user import User, UserClient
from tawasol.realtime.events import agent_channel, client_channel, record_event
from tawasol.routing.break_notice import BreakNotice, record_break_notice
from tawasol.routing.decision import Decision
from tawasol.routing.groups import group_explanation
from tawasol.routing.hooks import CLAIMED_KEY, on_presence_changed
from tawasol.routing.presence import RESTING, BreakKind, Presence
from tawasol.routing.requeue import enqueue_requeue
from tawasol.routing.store import claim, instant, unclaim


def do_apply_decision(
    session: Session,
    *,
    actor: Actor,
    decision: Decision,
    notices: Sequence[BreakNotice] | None = None,
) -> bool:
    """Make an engine decision real; False when another process claimed first.

    ``notices`` are the break reminders the engine attached (`break_notice.notices_for`);
    without them a flagged decision still reminds its advisor, without the figures.

    On False nothing was written: the caller rolls back and resynchronises the engine
    (`release` the advisor and `route` the conversation again, or reload it).

    Lock order: the audit chain's head first, as requests take it before the conversation
    they change; `claim` then only skip-locks rows, so this never waits while holding one.
    """
    lock_audit_head(session)
    if not claim(
        session,
        conversation_id=decision.conversation_id,
        advisor_id=decision.advisor_id,
        channel=decision.channel,
    ):
        return False
    conversation = session.get(Conversation, decision.conversation_id)
    advisor = session.get(User, decision.advisor_id)
    if conversation is None or advisor is None:
        return False
    note = f"routing: {decision.rule.value}"
    session.info[CLAIMED_KEY] = conversation.id
    try:
        do_assign(
            session, actor=actor, conversation=conversation, assignee=advisor, team=None,
            data=AssignIn(assignee_id=advisor.id, note=note),
        )  # fmt: skip
    finally:
        session.info.pop(CLAIMED_KEY, None)
    session.add(
        RoutingDecision(
            client_id=conversation.client_id,
            conversation_id=conversation.id,
            advisor_id=advisor.id,
            rule=decision.rule.value,
            tier=decision.tier.name.lower(),
            override_by=decision.override_by,
            waited_seconds=decision.waited_seconds,
            explanation={
                **decision.explanation(),
                **group_explanation(session, decision.client_id),
            },
            decided_at=instant(decision.decided_at),
        )
    )
    if notices is None:
        notices = _bare_reminder(decision)
    for notice in notices:
        record_break_notice(session, notice=notice, conversation_id=conversation.id)
    if decision.overridden:
        append_audit(
            session, actor=actor, action="routing.override", object_type="conversation",
            object_id=conversation.id, client_id=conversation.client_id,
            summary={"advisor_id": advisor.id,
                     "bypassed": [reason.value for reason in decision.bypassed]},
        )  # fmt: skip
    return True


def _bare_reminder(decision: Decision) -> list[BreakNotice]:
    if not decision.break_reminder:
        return []
    return [
        BreakNotice(
            advisor_id=decision.advisor_id, client_id=decision.client_id, handling_seconds=None,
            reminder_after_seconds=None, enforced_after_seconds=None, enforced=False,
        )
    ]  # fmt: skip


def do_release_assignment(session: Session, *, conversation: Conversation, advisor_id: int) -> None:
    """The advisor no longer holds the conversation (resolved, transferred, unassigned)."""
    unclaim(session, advisor_id=advisor_id, channel=conversation.channel)


def do_set_presence(
    session: Session,
    *,
    actor: Actor,
    advisor: User,
    presence: Presence,
    break_kind: BreakKind | None = None,
    reason: str | None = None,
) -> PresenceEvent | None:
    """Change an advisor's presence: state row, append-only event, audit, realtime, engine.

    Going offline gives the advisor's open conversations back to the queue (`requeue.py`);
    ``reason`` says why when the system did it (``idle_timeout``, ``logout``).
    None when nothing changed. The audit entry is written once per client the advisor serves
    (and the actor reaches), so each client's supervisors see who changed it; a change made
    by someone else than the advisor is flagged ``forced``.
    """
    if presence is not Presence.ON_BREAK:
        break_kind = None
    now = utcnow()
    current = session.execute(
        select(AdvisorPresence).where(AdvisorPresence.user_id == advisor.id).with_for_update()
    ).scalar_one_or_none()
    previous = current.state if current else None
    if current is not None and current.state == presence and current.break_kind == break_kind:
        return None
    if current is None:
        current = AdvisorPresence(user_id=advisor.id)
        session.add(current)
    current.state, current.break_kind, current.since = presence.value, break_kind, now
    if presence in RESTING:
        current.handling_since = None
    event = PresenceEvent(
        user_id=advisor.id, state=presence.value, break_kind=break_kind,
        previous_state=previous, actor_user_id=actor.user_id, at=now, reason=reason,
    )  # fmt: skip
    session.add(event)
    clients = _advisor_clients(session, advisor_id=advisor.id)
    forced = actor.user_id != advisor.id
    summary = {
        "before": {"state": previous},
        "after": {"state": presence.value, "break_kind": break_kind},
        "forced": forced,
        "reason": reason,
    }
    for client_id in [c for c in clients if actor.scope.allows(c)] or [None]:
        append_audit(
            session, actor=actor, action="presence.changed", object_type="user",
            object_id=advisor.id, client_id=client_id, summary=summary,
        )  # fmt: skip
    record_event(
        session, type="presence.changed", client_id=None,
        recipients=[agent_channel(advisor.id), *(client_channel(c) for c in clients)],
        payload={"user_id": advisor.id, "state": presence.value, "break_kind": break_kind,
                 "previous_state": previous, "forced": forced, "reason": reason},
    )  # fmt: skip
    on_presence_changed(session, advisor_id=advisor.id, state=presence.value, break_kind=break_kind)
    if presence is Presence.OFFLINE:
        why = reason or ("forced_offline" if forced else "went_offline")
        enqueue_requeue(session, advisor_id=advisor.id, reason=why)
    return event


def _advisor_clients(session: Session, *, advisor_id: int) -> list[int]:
    return sorted(
        session.scalars(select(UserClient.client_id).where(UserClient.user_id == advisor_id))
    )
