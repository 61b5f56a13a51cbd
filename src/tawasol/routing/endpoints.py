"""JSON API for routing: pull mode, override, explanations, transfers, inbox rules.

(`router.py` is the engine's base class, hence this name.) Take-next and override apply
the engine's decision in the request's unit of work, so the caller sees the assignment.
"""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import RuntimeDep, SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.conversations.access import access_conversation_by_id
from tawasol.conversations.queries import conversations_out
from tawasol.conversations.schemas import ConversationOut
from tawasol.db.types import DbId
from tawasol.errors import Conflict
from tawasol.inboxes.access import access_inbox_by_id
from tawasol.models.vocabulary import ConversationStatus
from tawasol.routing.actions import do_apply_decision
from tawasol.routing.decision import Decision
from tawasol.routing.feed import item_for
from tawasol.routing.inbox_rules import (
    InboxRoutingIn,
    InboxRoutingOut,
    do_set_inbox_routing,
    inbox_routing_out,
)
from tawasol.routing.queries import decisions_for, latest_decision
from tawasol.routing.router import RoutingRefused
from tawasol.routing.schemas import DecisionOut, OverrideIn, TakeNextOut, TransferIn
from tawasol.routing.service import RoutingService, service_for
from tawasol.routing.skills import (
    AdvisorSkillsIn,
    AdvisorSkillsOut,
    advisor_skills_out,
    do_set_advisor_skills,
)
from tawasol.routing.transfer import do_transfer
from tawasol.runtime import Runtime
from tawasol.users.access import access_team_by_id, access_user_by_id

router = APIRouter(tags=["routing"])


def _service(runtime: Runtime) -> RoutingService:
    service = service_for(runtime.db.engine)
    if service is None:
        raise Conflict("routing is not running in this process", code="routing_not_running")
    return service


def _refused(error: RoutingRefused) -> Conflict:
    return Conflict(str(error), code=error.code)


def _apply(session: Session, service: RoutingService, actor: Actor, decision: Decision) -> bool:
    if do_apply_decision(session, actor=actor, decision=decision):
        return True
    service.resync(decision)
    return False


@router.post("/routing/take-next", response_model=TakeNextOut)
def take_next(
    session: SessionDep, runtime: RuntimeDep, actor=require(P.CONVERSATIONS_ASSIGN)
) -> TakeNextOut:
    service = _service(runtime)
    try:
        decision = service.take_next(actor.user_id)
    except RoutingRefused as error:
        raise _refused(error) from error
    if decision is None or not _apply(session, service, actor, decision):
        return TakeNextOut(conversation_id=None)
    session.flush()
    found = latest_decision(session, conversation_id=decision.conversation_id)
    return TakeNextOut(conversation_id=decision.conversation_id, decision=found)


@router.post("/routing/override", response_model=DecisionOut)
def override(
    body: OverrideIn, session: SessionDep, runtime: RuntimeDep,
    actor=require(P.ROUTING_OVERRIDE),
) -> DecisionOut:  # fmt: skip
    conversation = access_conversation_by_id(session, body.conversation_id)
    advisor = access_user_by_id(session, body.advisor_id)
    if conversation.assignee_id is not None:
        raise Conflict("the conversation already has an advisor", code="already_assigned")
    if conversation.status != ConversationStatus.OPEN.value:
        raise Conflict("only an open conversation can be routed", code="not_open")
    service = _service(runtime)
    assert actor.user_id is not None
    item = item_for(session, conversation=conversation, policy_for=service.policy_for)
    try:
        decision = service.override(item, supervisor_id=actor.user_id, advisor_id=advisor.id)
    except RoutingRefused as error:
        raise _refused(error) from error
    if not _apply(session, service, actor, decision):
        raise Conflict("the advisor or the conversation was taken meanwhile", code="claim_failed")
    session.flush()
    found = latest_decision(session, conversation_id=conversation.id)
    assert found is not None
    return found


@router.get("/conversations/{conversation_id}/routing-decisions", response_model=list[DecisionOut])
def routing_decisions(
    conversation_id: DbId, session: SessionDep, actor=require(P.ROUTING_READ)
) -> list[DecisionOut]:
    conversation = access_conversation_by_id(session, conversation_id)
    return decisions_for(session, conversation_id=conversation.id)


@router.post("/conversations/{conversation_id}/transfer", response_model=ConversationOut)
def transfer(
    conversation_id: DbId, body: TransferIn, session: SessionDep,
    actor=require(P.CONVERSATIONS_ASSIGN),
) -> ConversationOut:  # fmt: skip
    conversation = access_conversation_by_id(session, conversation_id)
    advisor = access_user_by_id(session, body.advisor_id) if body.advisor_id else None
    team = access_team_by_id(session, body.team_id) if body.team_id else None
    do_transfer(
        session, actor=actor, conversation=conversation, advisor=advisor, team=team,
        note=body.note,
    )  # fmt: skip
    session.flush()
    return conversations_out(session, [conversation])[0]


@router.get("/inboxes/{inbox_id}/routing", response_model=InboxRoutingOut)
def get_inbox_routing(
    inbox_id: DbId, session: SessionDep, actor=require(P.ROUTING_READ)
) -> InboxRoutingOut:
    return inbox_routing_out(session, inbox=access_inbox_by_id(session, inbox_id))


@router.put("/inboxes/{inbox_id}/routing", response_model=InboxRoutingOut)
def put_inbox_routing(
    inbox_id: DbId, body: InboxRoutingIn, session: SessionDep,
    actor=require(P.INBOXES_MANAGE),
) -> InboxRoutingOut:  # fmt: skip
    inbox = access_inbox_by_id(session, inbox_id)
    do_set_inbox_routing(session, actor=actor, inbox=inbox, data=body)
    session.flush()
    return inbox_routing_out(session, inbox=inbox)


@router.get("/users/{user_id}/routing-skills", response_model=AdvisorSkillsOut)
def get_routing_skills(
    user_id: DbId, session: SessionDep, actor=require(P.ROUTING_READ)
) -> AdvisorSkillsOut:
    return advisor_skills_out(session, user=access_user_by_id(session, user_id))


@router.put("/users/{user_id}/routing-skills", response_model=AdvisorSkillsOut)
def put_routing_skills(
    user_id: DbId, body: AdvisorSkillsIn, session: SessionDep,
    actor=require(P.SKILLS_MANAGE),
) -> AdvisorSkillsOut:  # fmt: skip
    user = access_user_by_id(session, user_id)
    do_set_advisor_skills(session, actor=actor, user=user, data=body)
    session.flush()
    return advisor_skills_out(session, user=user)
