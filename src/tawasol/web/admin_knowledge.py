"""`/admin/knowledge`: knowledge-base articles and macros per client, the copilot's acceptance
rates, each client's trained models and their retraining, and (operator admins) the client's
optional endpoint; `/knowledge/{id}` is the reading page the copilot's citations link to.
Forms call the same actions as the JSON API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.auth.dependencies import get_runtime
from tawasol.auth.permissions import Permission
from tawasol.clients.access import access_client_by_id
from tawasol.copilot import actions
from tawasol.copilot.access import access_article_by_id, access_macro_by_id
from tawasol.copilot.queries import acceptance_stats, list_articles, list_macros
from tawasol.copilot.schemas import (
    ArticleIn,
    ArticlePatch,
    CopilotSettingsIn,
    MacroIn,
    MacroPatch,
)
from tawasol.db.types import DbId
from tawasol.errors import ApiError, NotFound
from tawasol.models.client import Client
from tawasol.models.knowledge import KnowledgePassage
from tawasol.nlp.enrichment.model_status import intent_labels, model_status
from tawasol.nlp.enrichment.queries import review_stats
from tawasol.nlp.enrichment.retrain_requests import do_request_retraining
from tawasol.nlp.enrichment.schemas import RetrainIn
from tawasol.web.console import ConsoleUser, login_redirect, not_found, page_actor, render_console
from tawasol.web.staff import (
    ADMINISTRATION,
    back,
    form_actor,
    int_or_none,
    open_page,
    render_staff,
)

router = APIRouter(include_in_schema=False)
LANGUAGES = ("fr", "ar", "ary", "en", "es")
STATUSES = ("", "open", "pending", "resolved")
LIST_LIMIT = 200
Form = dict[str, str]


def _words(raw: str | None) -> list[str]:
    return [w.strip() for w in (raw or "").split(",") if w.strip()]


def _list(session: Session, me: ConsoleUser) -> dict[str, Any]:
    clients = list(session.scalars(select(Client).order_by(Client.name, Client.id)))
    names = {c.id: c.name for c in clients}
    settings = {c.id: actions.copilot_settings(session, client_id=c.id) for c in clients}
    return {
        "clients": clients, "client_names": names, "languages": LANGUAGES, "statuses": STATUSES,
        "articles": list_articles(session, client_id=None, limit=LIST_LIMIT),
        "macros": list_macros(session, client_id=None, limit=LIST_LIMIT),
        "stats": acceptance_stats(session, client_id=None),
        "review_stats": review_stats(session, client_id=None),
        "model_status": model_status(session, client_id=None),
        "intents": intent_labels(session),
        "can_manage": me.may(Permission.KNOWLEDGE_MANAGE),
        "can_configure": me.may(Permission.CLIENTS_MANAGE), "endpoints": settings,
    }  # fmt: skip


@router.get("/admin/knowledge", response_class=HTMLResponse)
def knowledge_page(request: Request) -> Response:
    actor = open_page(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    return render_staff(request, actor, "admin_knowledge.html", "knowledge", _list, typed={})


Change = Callable[[Session, Actor, Form], str]


async def _post(request: Request, change: Change, page: Callable[..., Response]) -> Response:
    """Run a form's change in the actor's scope; back to the page, or the page with the error."""
    actor, form = await form_actor(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    try:
        with get_runtime(request).db.unit(actor.scope) as session:
            target = change(session, actor, form)
    except NotFound:
        return Response(status_code=404)
    except (ApiError, ValidationError) as exc:
        return page(request, actor, flash=exc, typed=form)
    return back(target, done=1)


def _list_page(request: Request, actor: Actor, *, flash: Exception, typed: Form) -> Response:
    status = flash.status_code if isinstance(flash, ApiError) else 422
    return render_staff(request, actor, "admin_knowledge.html", "knowledge", _list,
                        flash=flash, status=status, typed=typed)  # fmt: skip


def _create_article(session: Session, actor: Actor, form: Form) -> str:
    actor.require(Permission.KNOWLEDGE_MANAGE)
    data = ArticleIn.model_validate(
        {"client_id": form.get("client_id"), "title": form.get("title", ""),
         "body": form.get("body", ""), "language": form.get("language"),
         "tags": _words(form.get("tags")), "is_published": form.get("is_published") == "on",
         "translation_of_id": form.get("translation_of_id") or None}
    )  # fmt: skip
    client = access_client_by_id(session, data.client_id)
    article = actions.do_create_article(session, actor=actor, client=client, data=data)
    return f"/admin/knowledge/articles/{article.id}"


def _create_macro(session: Session, actor: Actor, form: Form) -> str:
    actor.require(Permission.KNOWLEDGE_MANAGE)
    data = MacroIn.model_validate(
        {"client_id": form.get("client_id"), "name": form.get("name", ""),
         "bodies": {form.get("language", ""): form.get("body", "")},
         "add_tags": _words(form.get("add_tags")), "set_status": form.get("set_status") or None}
    )  # fmt: skip
    client = access_client_by_id(session, data.client_id)
    macro = actions.do_create_macro(session, actor=actor, client=client, data=data)
    return f"/admin/knowledge/macros/{macro.id}"


def _set_endpoint(session: Session, actor: Actor, form: Form) -> str:
    actor.require(Permission.CLIENTS_MANAGE)
    client = access_client_by_id(session, int_or_none(form.get("client_id")) or 0)
    data = CopilotSettingsIn.model_validate(
        {"endpoint_url": form.get("endpoint_url") or None, "model": form.get("model") or None,
         "api_key": form.get("api_key") or None}
    )  # fmt: skip
    actions.do_set_copilot_settings(session, actor=actor, client=client, data=data)
    return "/admin/knowledge"


def _request_retraining(session: Session, actor: Actor, form: Form) -> str:
    actor.require(Permission.KNOWLEDGE_MANAGE)
    data = RetrainIn.model_validate({"client_id": form.get("client_id"), "task": form.get("task")})
    client = access_client_by_id(session, data.client_id)
    do_request_retraining(session, actor=actor, client=client, task=data.task)
    return "/admin/knowledge"


@router.post("/admin/knowledge/articles")
async def create_article(request: Request) -> Response:
    return await _post(request, _create_article, _list_page)


@router.post("/admin/knowledge/macros")
async def create_macro(request: Request) -> Response:
    return await _post(request, _create_macro, _list_page)


@router.post("/admin/knowledge/endpoint")
async def set_endpoint(request: Request) -> Response:
    return await _post(request, _set_endpoint, _list_page)


@router.post("/admin/knowledge/models/retrain")
async def request_retraining(request: Request) -> Response:
    return await _post(request, _request_retraining, _list_page)


# ---- One article, one macro ----
def _article(article_id: int) -> Callable[[Session, ConsoleUser], dict[str, Any]]:
    def build(session: Session, me: ConsoleUser) -> dict[str, Any]:
        return {"article": access_article_by_id(session, article_id), "languages": LANGUAGES,
                "can_manage": me.may(Permission.KNOWLEDGE_MANAGE)}  # fmt: skip

    return build


def _macro(macro_id: int) -> Callable[[Session, ConsoleUser], dict[str, Any]]:
    def build(session: Session, me: ConsoleUser) -> dict[str, Any]:
        macro = access_macro_by_id(session, macro_id)
        can_manage = me.may(Permission.KNOWLEDGE_MANAGE)
        return {"macro": macro, "languages": LANGUAGES, "statuses": STATUSES,
                "can_manage": can_manage}  # fmt: skip

    return build


def _one_page(
    template: str, build: Callable[[int], Any], object_id: int
) -> Callable[..., Response]:
    def page(request: Request, actor: Actor, *, flash: Exception | None = None,
             typed: Form | None = None) -> Response:  # fmt: skip
        status = (flash.status_code if isinstance(flash, ApiError) else 422) if flash else 200
        try:
            return render_staff(request, actor, template, "knowledge", build(object_id),
                                flash=flash, status=status)  # fmt: skip
        except NotFound:
            return Response(status_code=404)

    return page


@router.get("/admin/knowledge/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: DbId, request: Request) -> Response:
    actor = open_page(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    return _one_page("admin_article.html", _article, article_id)(request, actor)


@router.get("/admin/knowledge/macros/{macro_id}", response_class=HTMLResponse)
def macro_page(macro_id: DbId, request: Request) -> Response:
    actor = open_page(request, ADMINISTRATION)
    if isinstance(actor, Response):
        return actor
    return _one_page("admin_macro.html", _macro, macro_id)(request, actor)


@router.post("/admin/knowledge/articles/{article_id}")
async def update_article(article_id: DbId, request: Request) -> Response:
    def change(session: Session, actor: Actor, form: Form) -> str:
        actor.require(Permission.KNOWLEDGE_MANAGE)
        article = access_article_by_id(session, article_id)
        if form.get("delete") == "1":
            actions.do_delete_article(session, actor=actor, article=article)
            return "/admin/knowledge"
        patch = ArticlePatch.model_validate(
            {"title": form.get("title", ""), "body": form.get("body", ""),
             "language": form.get("language"), "tags": _words(form.get("tags")),
             "is_published": form.get("is_published") == "on"}
        )  # fmt: skip
        actions.do_update_article(session, actor=actor, article=article, patch=patch)
        return f"/admin/knowledge/articles/{article_id}"

    return await _post(request, change, _one_page("admin_article.html", _article, article_id))


@router.post("/admin/knowledge/macros/{macro_id}")
async def update_macro(macro_id: DbId, request: Request) -> Response:
    def change(session: Session, actor: Actor, form: Form) -> str:
        actor.require(Permission.KNOWLEDGE_MANAGE)
        macro = access_macro_by_id(session, macro_id)
        if form.get("delete") == "1":
            actions.do_delete_macro(session, actor=actor, macro=macro)
            return "/admin/knowledge"
        bodies = {lang: form[f"body_{lang}"] for lang in LANGUAGES if form.get(f"body_{lang}")}
        patch = MacroPatch.model_validate(
            {"name": form.get("name", ""), "bodies": bodies,
             "add_tags": _words(form.get("add_tags")),
             "set_status": form.get("set_status") or None,
             "is_active": form.get("is_active") == "on"}
        )  # fmt: skip
        actions.do_update_macro(session, actor=actor, macro=macro, patch=patch)
        return f"/admin/knowledge/macros/{macro_id}"

    return await _post(request, change, _one_page("admin_macro.html", _macro, macro_id))


# ---- Reading an article (the copilot's citations link here) ----
@router.get("/knowledge/{article_id}", response_class=HTMLResponse)
def read_article(article_id: DbId, request: Request) -> Response:
    actor = page_actor(request)
    if actor is None:
        return login_redirect()
    with get_runtime(request).db.unit(actor.scope, write=False) as session:
        me = ConsoleUser.load(session, request, actor)
        if not me.may(Permission.KNOWLEDGE_READ):
            return not_found(request, me)
        try:
            article = access_article_by_id(session, article_id)
        except NotFound:
            return not_found(request, me)
        passages = list(session.scalars(
            select(KnowledgePassage).where(KnowledgePassage.article_id == article.id)
            .order_by(KnowledgePassage.position)
        ))  # fmt: skip
    context = {"article": article, "passages": passages}
    return render_console(request, "knowledge_article.html", me, context)
