"""JSON API: the AI reading of a conversation, for the conversation view; advisors' reviews
of it and their acceptance rates; each client's trained models and their retraining."""

from __future__ import annotations

from fastapi import APIRouter

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.clients.access import access_client_by_id
from tawasol.conversations.access import access_conversation_by_id
from tawasol.db.types import DbId
from tawasol.models.enrichment import ModelTraining, ReadingReview
from tawasol.nlp.enrichment.model_status import model_status
from tawasol.nlp.enrichment.queries import conversation_insights, review_stats
from tawasol.nlp.enrichment.retrain_requests import do_request_retraining
from tawasol.nlp.enrichment.reviews import do_review_reading
from tawasol.nlp.enrichment.schemas import (
    InsightsOut,
    ModelStatusRow,
    RetrainIn,
    RetrainingOut,
    ReviewIn,
    ReviewOut,
    ReviewStatsRow,
)

router = APIRouter(tags=["conversations"])


@router.get("/conversations/{conversation_id}/insights", response_model=InsightsOut)
def get_insights(
    conversation_id: DbId, session: SessionDep, actor=require(P.MESSAGES_READ)
) -> InsightsOut:
    conversation = access_conversation_by_id(session, conversation_id)
    return conversation_insights(session, conversation=conversation)


@router.post(
    "/conversations/{conversation_id}/insights/reviews", response_model=ReviewOut, status_code=201
)
def review_reading(
    conversation_id: DbId, body: ReviewIn, session: SessionDep, actor=require(P.COPILOT_USE)
) -> ReadingReview:
    conversation = access_conversation_by_id(session, conversation_id)
    return do_review_reading(session, actor=actor, conversation=conversation, data=body)


@router.get("/insights/review-stats", response_model=list[ReviewStatsRow])
def get_review_stats(
    session: SessionDep, client_id: DbId | None = None, actor=require(P.REPORTING_READ)
) -> list[ReviewStatsRow]:
    return review_stats(session, client_id=client_id)


@router.get("/insights/models", response_model=list[ModelStatusRow])
def get_model_status(
    session: SessionDep, client_id: DbId | None = None, actor=require(P.REPORTING_READ)
) -> list[ModelStatusRow]:
    return model_status(session, client_id=client_id)


@router.post("/insights/models/retrain", response_model=RetrainingOut, status_code=202)
def request_retraining(
    body: RetrainIn, session: SessionDep, actor=require(P.KNOWLEDGE_MANAGE)
) -> ModelTraining:
    """Retrain the client's model at the retrainer's next pass (this node's starts at once)."""
    client = access_client_by_id(session, body.client_id)
    return do_request_retraining(session, actor=actor, client=client, task=body.task)
