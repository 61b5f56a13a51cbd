"""JSON API: suggestions in a conversation, the advisor's feedback, acceptance rates, macros
applied to a conversation, and a client's optional endpoint."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.clients.access import access_client_by_id
from tawasol.conversations.access import access_conversation_by_id
from tawasol.copilot.access import access_macro_by_id, access_suggestion_by_id
from tawasol.copilot.actions import copilot_settings, do_set_copilot_settings
from tawasol.copilot.queries import acceptance_stats, list_suggestions
from tawasol.copilot.schemas import (
    CopilotSettingsIn,
    CopilotSettingsOut,
    FeedbackIn,
    FeedbackOut,
    MacroApplied,
    MacroApplyIn,
    StatsRow,
    SuggestionOut,
    SuggestionRequest,
)
from tawasol.copilot.suggestion_actions import (
    do_apply_macro,
    do_record_feedback,
    do_request_suggestions,
)
from tawasol.db.types import DbId
from tawasol.models.knowledge import SuggestionFeedback
from tawasol.models.user import User

router = APIRouter(tags=["copilot"])
CONVERSATION = "/conversations/{conversation_id}"


def _locale(session: Session, actor: Actor) -> str:
    user = session.get(User, actor.user_id) if actor.user_id else None
    return user.locale if user and user.locale else "fr"


@router.get(CONVERSATION + "/suggestions", response_model=list[SuggestionOut])
def get_suggestions(
    conversation_id: DbId, session: SessionDep, actor=require(P.COPILOT_USE)
) -> list[SuggestionOut]:
    actor.require(P.CONVERSATIONS_READ)
    conversation = access_conversation_by_id(session, conversation_id)
    return list_suggestions(session, conversation=conversation)


@router.post(CONVERSATION + "/suggestions", response_model=list[SuggestionOut], status_code=201)
def request_suggestions(
    conversation_id: DbId,
    session: SessionDep,
    body: SuggestionRequest | None = None,
    actor=require(P.COPILOT_USE),
) -> list[SuggestionOut]:
    actor.require(P.CONVERSATIONS_READ)
    conversation = access_conversation_by_id(session, conversation_id)
    kinds = (body or SuggestionRequest()).kinds
    stored = do_request_suggestions(
        session, actor=actor, conversation=conversation, kinds=kinds,
        locale=_locale(session, actor),
    )  # fmt: skip
    return [SuggestionOut.model_validate(s) for s in stored]


@router.post("/suggestions/{suggestion_id}/feedback", response_model=FeedbackOut, status_code=201)
def record_feedback(
    suggestion_id: DbId, body: FeedbackIn, session: SessionDep, actor=require(P.COPILOT_USE)
) -> SuggestionFeedback:
    suggestion = access_suggestion_by_id(session, suggestion_id)
    conversation = access_conversation_by_id(session, suggestion.conversation_id)
    return do_record_feedback(
        session, actor=actor, suggestion=suggestion, conversation=conversation, data=body
    )


@router.post(CONVERSATION + "/macros/{macro_id}/apply", response_model=MacroApplied)
def apply_macro(
    conversation_id: DbId,
    macro_id: DbId,
    session: SessionDep,
    body: MacroApplyIn | None = None,
    actor=require(P.KNOWLEDGE_READ),
) -> MacroApplied:
    actor.require(P.MESSAGES_REPLY)
    conversation = access_conversation_by_id(session, conversation_id)
    macro = access_macro_by_id(session, macro_id)
    language = body.language if body else None
    return do_apply_macro(
        session, actor=actor, conversation=conversation, macro=macro, language=language
    )


@router.get("/copilot/stats", response_model=list[StatsRow])
def stats(
    session: SessionDep, client_id: DbId | None = None, actor=require(P.REPORTING_READ)
) -> list[StatsRow]:
    return acceptance_stats(session, client_id=client_id)


@router.get("/copilot/settings/{client_id}", response_model=CopilotSettingsOut)
def get_settings(
    client_id: DbId, session: SessionDep, actor=require(P.CLIENTS_MANAGE)
) -> CopilotSettingsOut:
    client = access_client_by_id(session, client_id)
    settings = copilot_settings(session, client_id=client.id)
    return CopilotSettingsOut(
        client_id=client.id,
        endpoint_url=settings.endpoint_url if settings else None,
        model=settings.model if settings else None,
        has_api_key=bool(settings and settings.api_key),
    )


@router.put("/copilot/settings/{client_id}", response_model=CopilotSettingsOut)
def put_settings(
    client_id: DbId, body: CopilotSettingsIn, session: SessionDep, actor=require(P.CLIENTS_MANAGE)
) -> CopilotSettingsOut:
    client = access_client_by_id(session, client_id)
    settings = do_set_copilot_settings(session, actor=actor, client=client, data=body)
    return CopilotSettingsOut(
        client_id=client.id, endpoint_url=settings.endpoint_url, model=settings.model,
        has_api_key=settings.api_key is not None,
    )  # fmt: skip
