"""Transfers: a conversation handed to another advisor, to a team, or back to the queue.

- **To an advisor**: they must be able to take it (certified for the client, the inbox's
  required skills, the language, the channel, free capacity). A supervisor (routing
  override right) may hand it over anyway; what was set aside is audited. The advisor's
  load grows with the same guarded UPDATE as routing's claims, so a race cannot overload.
- **To a team**: the conversation waits in the team's routing group (`groups.py`) and the
  engines push it to one of the team's members.
- **Back to the queue**: unassigned, team cleared, routed again like a new arrival.

The note is kept as an internal note. Every transfer is audited, announced to both advisors
and the client's supervisors, and recorded as a routing decision ("transfer by X").
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.auth.permissions import Permission
from tawasol.conversations.actions import do_post_message
from tawasol.db.types import utcnow
from tawasol.errors import Conflict, Invalid
from tawasol.models.conversation import Conversation
from tawasol.models.message import Message
from tawasol.models.routing import AdvisorLoad, RoutingDecision
from tawasol.models.team import Team
from tawasol.models.user import User, UserClient
from tawasol.models.vocabulary import ConversationStatus, MessageKind, ReportingEventType, Role
from tawasol.realtime.events import agent_channel, client_channel, record_event
from tawasol.reporting.record import record_reporting_event
from tawasol.routing.feed import rules_group
from tawasol.routing.groups import load_groups
from tawasol.routing.hooks import (
    CLAIMED_KEY,
    on_conversation_assigned,
    on_conversation_released,
    on_sent_to_team,
)
from tawasol.routing.policy import ClientPolicy
from tawasol.routing.store import HELD_STATES, advisor_profiles

TRANSFER_RULE = "transfer"
# Reasons no override can set aside: the person does not work for (or is not certified for)
# the client, as for any assignment (`conversations.actions._check_assignee`).
_NEVER = frozenset({"not_granted", "invalid_assignee", "not_certified"})


@dataclass(frozen=True, slots=True)
class Transfer:
    conversation: Conversation
    decision: RoutingDecision
    note: Message | None
    bypassed: tuple[str, ...]


def do_transfer(
    session: Session,
    *,
    actor: Actor,
    conversation: Conversation,
    advisor: User | None = None,
    team: Team | None = None,
    note: str | None = None,
) -> Transfer:
    """Hand the conversation to ``advisor``, to ``team``, or back to the queue (neither)."""
    if advisor is not None and team is not None:
        raise Invalid("transfer to an advisor or to a team, not both", code="one_target")
    if conversation.status not in HELD_STATES:
        raise Conflict("only a conversation in progress can be transferred", code="not_open")
    if actor.role == Role.ADVISOR and conversation.assignee_id != actor.user_id:
        # Not a 403: the right is there, this conversation is simply not theirs to pass on.
        raise Conflict("advisors may only transfer the conversations they hold", code="not_held")
    previous = conversation.assignee_id
    if advisor is not None:
        bypassed = _to_advisor(session, actor=actor, conversation=conversation, advisor=advisor)
    else:
        _to_queue(session, conversation=conversation, team=team)
        bypassed = ()
    message = None
    if note and note.strip():
        message = do_post_message(
            session, actor=actor, conversation=conversation, kind=MessageKind.NOTE,
            text=note.strip(), html=None,
        )  # fmt: skip
        session.flush()  # the note's id goes into the audit and the decision
    decision = _record(session, actor, conversation, previous, team, bypassed, message)
    return Transfer(conversation, decision, message, bypassed)


def unmet_requirements(session: Session, *, conversation: Conversation, user: User) -> list[str]:
    """Why this user may not take the conversation now; [] when they may."""
    grant = session.scalars(
        select(UserClient).where(
            UserClient.user_id == user.id, UserClient.client_id == conversation.client_id
        )
    ).first()
    if grant is None or not user.is_active:
        return ["not_granted"]
    if user.role in (Role.CLIENT_VIEWER, Role.WORKFORCE_PLANNER):
        return ["invalid_assignee"]
    if user.role != Role.ADVISOR:
        return []  # supervisors and admins have no routing skills to check
    if not grant.certified:
        return ["not_certified"]
    # A team is a human choice; the inbox's rules (or the client's) still apply.
    group = rules_group(session, conversation)
    found = advisor_profiles(session, advisor_ids=[user.id])
    if not found:
        return ["channel"]  # no language or channel skill at all
    profile, missing = found[0], []
    if group not in profile.certified_clients:
        missing.append("required_skills")
    if conversation.language and conversation.language not in profile.languages:
        missing.append("language")
    if conversation.channel not in profile.channel_capacity:
        missing.append("channel")
    return missing


def _grow_load(session: Session, *, conversation: Conversation, advisor_id: int) -> bool:
    """One more conversation on the advisor's channel, only below capacity (guarded)."""
    group = rules_group(session, conversation)
    policy = load_groups(session).policies.get(group, ClientPolicy())
    cap = policy.channel_capacity.get(conversation.channel)
    below = AdvisorLoad.active < AdvisorLoad.capacity
    if cap is not None:
        below = below & (AdvisorLoad.active < cap)
    grown = session.execute(
        update(AdvisorLoad)
        .where(
            AdvisorLoad.user_id == advisor_id, AdvisorLoad.channel == conversation.channel, below
        )
        .values(active=AdvisorLoad.active + 1)
        .execution_options(synchronize_session=False)
    )
    return grown.rowcount == 1  # type: ignore[attr-defined]


def _to_advisor(
    session: Session, *, actor: Actor, conversation: Conversation, advisor: User
) -> tuple[str, ...]:
    """Assign to ``advisor``; returns the requirements a supervisor set aside."""
    if advisor.id == conversation.assignee_id:
        raise Conflict("this advisor already holds the conversation", code="same_advisor")
    missing = unmet_requirements(session, conversation=conversation, user=advisor)
    if _NEVER & set(missing):
        raise Invalid("this person may not handle the conversation's client", code=missing[0])
    counted = advisor.role == Role.ADVISOR and not missing
    if counted and not _grow_load(session, conversation=conversation, advisor_id=advisor.id):
        missing.append("capacity")
        counted = False
    if missing and not actor.can(Permission.ROUTING_OVERRIDE):
        raise Conflict(
            f"the advisor cannot take this conversation: {', '.join(missing)}",
            code="not_eligible",
        )
    previous = conversation.assignee_id
    if previous is not None:
        on_conversation_released(session, conversation=conversation, advisor_id=previous)
    conversation.assignee_id = advisor.id
    if counted:
        session.info[CLAIMED_KEY] = conversation.id  # the guarded UPDATE counted it
    try:
        on_conversation_assigned(session, conversation=conversation, advisor_id=advisor.id)
    finally:
        session.info.pop(CLAIMED_KEY, None)
    return tuple(missing)


def _to_queue(session: Session, *, conversation: Conversation, team: Team | None) -> None:
    if team is not None and team.client_id != conversation.client_id:
        raise Invalid("the team serves another client", code="client_mismatch")
    if conversation.status != ConversationStatus.OPEN.value:
        raise Conflict("only an open conversation can wait in a queue", code="not_open")
    new_team = team.id if team is not None else None
    if conversation.assignee_id is None and conversation.team_id == new_team:
        raise Conflict("the conversation already waits there", code="already_queued")
    previous = conversation.assignee_id
    conversation.team_id = new_team
    conversation.assignee_id = None
    if team is not None:  # before the release: engines learn the team, then route to it
        on_sent_to_team(session, team_id=team.id, client_id=conversation.client_id)
    on_conversation_released(session, conversation=conversation, advisor_id=previous)


def _record(
    session: Session,
    actor: Actor,
    conversation: Conversation,
    previous: int | None,
    team: Team | None,
    bypassed: tuple[str, ...],
    note: Message | None,
) -> RoutingDecision:
    new = conversation.assignee_id
    target = (
        {"advisor_id": new}
        if new is not None
        else {"team_id": team.id}
        if team is not None
        else {"queue": True}
    )
    summary = {"from": previous, "to": target, "bypassed": list(bypassed),
               "note_id": note.id if note else None}  # fmt: skip
    explanation = {
        "rule": TRANSFER_RULE, "transfer_by": actor.user_id, "by": actor.label,
        "summary": f"transfer by {actor.label}", **summary,
    }  # fmt: skip
    decision = RoutingDecision(
        client_id=conversation.client_id, conversation_id=conversation.id, advisor_id=new,
        rule=TRANSFER_RULE, tier="manual", override_by=actor.user_id if bypassed else None,
        waited_seconds=0.0, explanation=explanation, decided_at=utcnow(),
    )  # fmt: skip
    session.add(decision)
    record_reporting_event(
        session, type=ReportingEventType.TRANSFERRED, client_id=conversation.client_id,
        conversation_id=conversation.id, actor_user_id=actor.user_id,
        data={"from": previous, "to": new, "team_id": conversation.team_id},
    )  # fmt: skip
    append_audit(
        session, actor=actor, action="conversation.transferred", object_type="conversation",
        object_id=conversation.id, client_id=conversation.client_id, summary=summary,
    )  # fmt: skip
    advisors = [agent_channel(a) for a in dict.fromkeys((previous, new)) if a is not None]
    record_event(
        session, type="conversation.transferred", client_id=conversation.client_id,
        recipients=[client_channel(conversation.client_id), *advisors],
        payload={"conversation_id": conversation.id, "from": previous, "to": new,
                 "team_id": conversation.team_id, "by": actor.user_id},
    )  # fmt: skip
    return decision
