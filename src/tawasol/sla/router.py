"""JSON API for SLAs: a client's policy and business hours, a conversation's clocks."""

from __future__ import annotations

from fastapi import APIRouter

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.clients.access import access_client_by_id
from tawasol.conversations.access import access_conversation_by_id
from tawasol.db.types import DbId
from tawasol.sla.actions import do_update_sla_settings
from tawasol.sla.queries import conversation_sla_of, sla_settings_of
from tawasol.sla.schemas import ConversationSlaOut, SlaSettingsIn, SlaSettingsOut

router = APIRouter(tags=["sla"])


@router.get("/clients/{client_id}/sla", response_model=SlaSettingsOut)
def get_sla_settings(
    client_id: DbId, session: SessionDep, actor=require(P.ROUTING_READ)
) -> SlaSettingsOut:
    return sla_settings_of(session, client=access_client_by_id(session, client_id))


@router.put("/clients/{client_id}/sla", response_model=SlaSettingsOut)
def put_sla_settings(
    client_id: DbId, body: SlaSettingsIn, session: SessionDep, actor=require(P.CLIENTS_MANAGE)
) -> SlaSettingsOut:
    client = access_client_by_id(session, client_id)
    do_update_sla_settings(session, actor=actor, client=client, data=body)
    return sla_settings_of(session, client=client)


@router.get("/conversations/{conversation_id}/sla", response_model=ConversationSlaOut)
def get_conversation_sla(
    conversation_id: DbId, session: SessionDep, actor=require(P.CONVERSATIONS_READ)
) -> ConversationSlaOut:
    conversation = access_conversation_by_id(session, conversation_id)
    return conversation_sla_of(session, conversation=conversation)
