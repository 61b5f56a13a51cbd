"""JSON API: knowledge-base articles and search, macros."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Response

from tawasol.auth.dependencies import SessionDep, require
from tawasol.auth.permissions import Permission as P
from tawasol.clients.access import access_client_by_id
from tawasol.copilot.access import access_article_by_id, access_macro_by_id
from tawasol.copilot.actions import (
    do_create_article,
    do_create_macro,
    do_delete_article,
    do_delete_macro,
    do_update_article,
    do_update_macro,
)
from tawasol.copilot.queries import list_articles, list_macros
from tawasol.copilot.retrieval import search_hit_out, search_knowledge
from tawasol.copilot.schemas import (
    LANGUAGE_PATTERN,
    ArticleIn,
    ArticleOut,
    ArticlePatch,
    MacroIn,
    MacroOut,
    MacroPatch,
    SearchHitOut,
)
from tawasol.db.types import DbId
from tawasol.models.knowledge import KnowledgeArticle, Macro
from tawasol.pagination import Page, decode_cursor, encode_cursor

router = APIRouter(tags=["knowledge"])
ARTICLES = "/knowledge/articles"


@router.get(ARTICLES, response_model=Page[ArticleOut])
def get_articles(
    session: SessionDep,
    client_id: DbId | None = None,
    language: str | None = Query(default=None, pattern=LANGUAGE_PATTERN),
    cursor: str | None = Query(default=None, max_length=200),
    limit: int = Query(default=50, ge=1, le=200),
    actor=require(P.KNOWLEDGE_READ),
) -> Page[ArticleOut]:
    before_id = decode_cursor(cursor, (int,))[0] if cursor else None
    rows = list_articles(session, client_id=client_id, language=language, before_id=before_id,
                         limit=limit + 1)  # fmt: skip
    more = len(rows) > limit
    rows = rows[:limit]
    return Page[ArticleOut](
        items=[ArticleOut.model_validate(a) for a in rows],
        next_cursor=encode_cursor(rows[-1].id) if more and rows else None,
    )


@router.post(ARTICLES, response_model=ArticleOut, status_code=201)
def create_article(
    body: ArticleIn, session: SessionDep, actor=require(P.KNOWLEDGE_MANAGE)
) -> KnowledgeArticle:
    client = access_client_by_id(session, body.client_id)
    return do_create_article(session, actor=actor, client=client, data=body)


@router.get("/knowledge/search", response_model=list[SearchHitOut])
def search(
    session: SessionDep,
    client_id: DbId,
    q: str = Query(min_length=1, max_length=2000),
    limit: int = Query(default=5, ge=1, le=20),
    mode: Literal["hybrid", "lexical", "dense"] = "hybrid",
    actor=require(P.KNOWLEDGE_READ),
) -> list[SearchHitOut]:
    client = access_client_by_id(session, client_id)
    hits = search_knowledge(session, client_id=client.id, query=q, limit=limit, mode=mode)
    return [search_hit_out(hit) for hit in hits]


@router.get(ARTICLES + "/{article_id}", response_model=ArticleOut)
def get_article(
    article_id: DbId, session: SessionDep, actor=require(P.KNOWLEDGE_READ)
) -> KnowledgeArticle:
    return access_article_by_id(session, article_id)


@router.patch(ARTICLES + "/{article_id}", response_model=ArticleOut)
def update_article(
    article_id: DbId, body: ArticlePatch, session: SessionDep, actor=require(P.KNOWLEDGE_MANAGE)
) -> KnowledgeArticle:
    article = access_article_by_id(session, article_id)
    do_update_article(session, actor=actor, article=article, patch=body)
    return article


@router.delete(ARTICLES + "/{article_id}", status_code=204)
def delete_article(
    article_id: DbId, session: SessionDep, actor=require(P.KNOWLEDGE_MANAGE)
) -> Response:
    do_delete_article(session, actor=actor, article=access_article_by_id(session, article_id))
    return Response(status_code=204)


@router.get("/macros", response_model=Page[MacroOut])
def get_macros(
    session: SessionDep,
    client_id: DbId | None = None,
    active: bool = False,
    cursor: str | None = Query(default=None, max_length=200),
    limit: int = Query(default=50, ge=1, le=200),
    actor=require(P.KNOWLEDGE_READ),
) -> Page[MacroOut]:
    before_id = decode_cursor(cursor, (int,))[0] if cursor else None
    rows = list_macros(session, client_id=client_id, active_only=active, before_id=before_id,
                       limit=limit + 1)  # fmt: skip
    more = len(rows) > limit
    rows = rows[:limit]
    return Page[MacroOut](
        items=[MacroOut.model_validate(m) for m in rows],
        next_cursor=encode_cursor(rows[-1].id) if more and rows else None,
    )


@router.post("/macros", response_model=MacroOut, status_code=201)
def create_macro(body: MacroIn, session: SessionDep, actor=require(P.KNOWLEDGE_MANAGE)) -> Macro:
    client = access_client_by_id(session, body.client_id)
    return do_create_macro(session, actor=actor, client=client, data=body)


@router.get("/macros/{macro_id}", response_model=MacroOut)
def get_macro(macro_id: DbId, session: SessionDep, actor=require(P.KNOWLEDGE_READ)) -> Macro:
    return access_macro_by_id(session, macro_id)


@router.patch("/macros/{macro_id}", response_model=MacroOut)
def update_macro(
    macro_id: DbId, body: MacroPatch, session: SessionDep, actor=require(P.KNOWLEDGE_MANAGE)
) -> Macro:
    macro = access_macro_by_id(session, macro_id)
    do_update_macro(session, actor=actor, macro=macro, patch=body)
    return macro


@router.delete("/macros/{macro_id}", status_code=204)
def delete_macro(
    macro_id: DbId, session: SessionDep, actor=require(P.KNOWLEDGE_MANAGE)
) -> Response:
    do_delete_macro(session, actor=actor, macro=access_macro_by_id(session, macro_id))
    return Response(status_code=204)
