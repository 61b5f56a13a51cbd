"""JSON API: the AI reading of a conversation, for the conversation view."""

from __future__ import annotations

from fastapi import APIRouter

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.conversations.access import access_conversation_by_id
from tawasol.db.types import DbId
from tawasol.nlp.enrichment.queries import conversation_insights
from tawasol.nlp.enrichment.schemas import InsightsOut

router = APIRouter(prefix="/conversations", tags=["conversations"])


@router.get("/{conversation_id}/insights", response_model=InsightsOut)
def get_insights(
    conversation_id: DbId, session: SessionDep, actor=require(P.MESSAGES_READ)
) -> InsightsOut:
    conversation = access_conversation_by_id(session, conversation_id)
    return conversation_insights(session, conversation=conversation)
