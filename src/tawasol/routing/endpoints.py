"""JSON API for routing: pull mode, supervisor override, the stored explanations.

(`router.py` is the engine's base class, hence this name.) Both writes apply the engine's
decision in the request's unit of work, so the caller sees the assignment in the answer.
"""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import RuntimeDep, SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.conversations.access import access_conversation_by_id
from tawasol.db.types import DbId
from tawasol.errors import Conflict
from tawasol.models.vocabulary import ConversationStatus
from tawasol.routing.actions import do_apply_decision
from tawasol.routing.decision import Decision
from tawasol.routing.feed import item_for
from tawasol.routing.queries import decisions_for, latest_decision
from tawasol.routing.router import RoutingRefused
from tawasol.routing.schemas import DecisionOut, OverrideIn, TakeNextOut
from tawasol.routing.service import RoutingService, service_for
from tawasol.runtime import Runtime
from tawasol.users.access import access_user_by_id

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
    item = item_for(
        session, conversation=conversation,
        policy=service.policy_for(conversation.client_id),
    )  # fmt: skip
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
