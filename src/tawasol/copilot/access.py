"""Reaching articles, macros and suggestions named by user input (404 when foreign or missing)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tawasol.db.access import fetch_in_scope
from tawasol.models.knowledge import CopilotSuggestion, KnowledgeArticle, Macro


def access_article_by_id(session: Session, article_id: int) -> KnowledgeArticle:
    return fetch_in_scope(session, KnowledgeArticle, article_id, label="article")


def access_macro_by_id(session: Session, macro_id: int) -> Macro:
    return fetch_in_scope(session, Macro, macro_id, label="macro")


def access_suggestion_by_id(session: Session, suggestion_id: int) -> CopilotSuggestion:
    return fetch_in_scope(session, CopilotSuggestion, suggestion_id, label="suggestion")
