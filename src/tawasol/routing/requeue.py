"""Giving an offline advisor's open conversations back to the queue.

Whoever sets an advisor offline (the advisor, a supervisor, logout, the idle sweep) may not
see every client the advisor serves, so the presence action only enqueues `REQUEUE_JOB`;
the relay runs it after the commit under the system scope, which reaches every client.
Each conversation is unassigned through `do_assign`, whose release signal makes every
node's engine route it again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import lock_audit_head
from tawasol.auth.actor import Actor
from tawasol.conversations.actions import do_assign
from tawasol.conversations.schemas import AssignIn
from tawasol.models.conversation import Conversation
from tawasol.models.presence import AdvisorPresence
from tawasol.models.vocabulary import ConversationStatus
from tawasol.routing.presence import Presence
from tawasol.routing.store import load_busy
from tawasol.worker.jobs import enqueue_job, job

REQUEUE_JOB = "routing.requeue_held"


def enqueue_requeue(session: Session, *, advisor_id: int, reason: str) -> None:
    enqueue_job(session, type=REQUEUE_JOB, payload={"advisor_id": advisor_id, "reason": reason})


class RequeueBusy(Exception):
    """A request is changing one of the rows; the relay runs the job again a bit later."""


def do_requeue_held(session: Session, *, actor: Actor, advisor_id: int, reason: str) -> list[int]:
    """Unassign the advisor's open conversations; returns their ids.

    Pending and snoozed ones stay: they wait on the customer, not on the advisor.
    Lock order (a background writer): the audit chain's head first, then the rows without
    waiting; a busy one raises `RequeueBusy` rather than wait while holding the head.
    """
    query = (
        select(Conversation)
        .where(
            Conversation.assignee_id == advisor_id,
            Conversation.status == ConversationStatus.OPEN.value,
        )
        .order_by(Conversation.id)
    )
    if not session.scalars(query.with_only_columns(Conversation.id).limit(1)).first():
        return []
    lock_audit_head(session)
    expected = set(session.scalars(query.with_only_columns(Conversation.id)))
    held = session.scalars(query.with_for_update(skip_locked=True)).all()
    channels = {conversation.channel for conversation in held}
    if {c.id for c in held} != expected or any(
        load_busy(session, advisor_id=advisor_id, channel=channel) for channel in channels
    ):
        raise RequeueBusy(f"advisor {advisor_id}: a request holds one of the rows")
    for conversation in held:
        do_assign(
            session, actor=actor, conversation=conversation, assignee=None, team=None,
            data=AssignIn(assignee_id=None, note=f"requeued: {reason}"),
        )  # fmt: skip
    return [conversation.id for conversation in held]


@job(REQUEUE_JOB)
def _requeue(session: Session, payload: dict[str, Any]) -> None:
    advisor_id = int(payload["advisor_id"])
    state = session.scalar(
        select(AdvisorPresence.state).where(AdvisorPresence.user_id == advisor_id)
    )
    if state != Presence.OFFLINE.value:
        return  # back online before the job ran: their work stays with them
    do_requeue_held(
        session, actor=Actor.system("routing"), advisor_id=advisor_id,
        reason=str(payload.get("reason") or "offline"),
    )  # fmt: skip
