"""Writing the knowledge base: articles (re-embedded on every change), macros, and the
client's optional copilot endpoint."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.audit.chain import append_audit
from tawasol.auth.actor import Actor
from tawasol.copilot.access import access_article_by_id
from tawasol.copilot.passages import rebuild_passages
from tawasol.copilot.schemas import (
    ArticleIn,
    ArticlePatch,
    CopilotSettingsIn,
    MacroIn,
    MacroPatch,
)
from tawasol.errors import Conflict, Invalid
from tawasol.models.client import Client
from tawasol.models.knowledge import CopilotSettings, KnowledgeArticle, Macro
from tawasol.nlp.embeddings import Embedder, default_embedder


def _audit(
    session: Session, actor: Actor, action: str, obj: Any, kind: str, summary: dict[str, Any]
) -> None:
    append_audit(
        session, actor=actor, action=action, object_type=kind, object_id=obj.id,
        client_id=obj.client_id, summary=summary,
    )  # fmt: skip


def _translation_root(session: Session, client_id: int, article_id: int) -> int:
    original = access_article_by_id(session, article_id)
    if original.client_id != client_id:
        raise Invalid("a translation must belong to the same client", code="foreign_article")
    return original.translation_of_id or original.id


def do_create_article(
    session: Session,
    *,
    actor: Actor,
    client: Client,
    data: ArticleIn,
    embedder: Embedder | None = None,
) -> KnowledgeArticle:
    root = None
    if data.translation_of_id is not None:
        root = _translation_root(session, client.id, data.translation_of_id)
    article = KnowledgeArticle(
        client_id=client.id, title=data.title, body=data.body, language=data.language,
        tags=sorted(set(data.tags)), is_published=data.is_published, translation_of_id=root,
    )  # fmt: skip
    session.add(article)
    session.flush()
    passages = rebuild_passages(session, article=article, embedder=embedder or default_embedder())
    summary = {"after": {"title": data.title, "language": data.language}, "passages": passages}
    _audit(session, actor, "knowledge.article_created", article, "knowledge_article", summary)
    return article


def do_update_article(
    session: Session,
    *,
    actor: Actor,
    article: KnowledgeArticle,
    patch: ArticlePatch,
    embedder: Embedder | None = None,
) -> None:
    changes = patch.model_dump(exclude_unset=True, exclude_none=True)
    if "tags" in changes:
        changes["tags"] = sorted(set(changes["tags"]))
    before = {key: getattr(article, key) for key in changes}
    for key, value in changes.items():
        setattr(article, key, value)
    summary: dict[str, Any] = {"before": _short(before), "after": _short(changes)}
    if {"title", "body"} & set(changes):
        summary["passages"] = rebuild_passages(
            session, article=article, embedder=embedder or default_embedder()
        )
    _audit(session, actor, "knowledge.article_updated", article, "knowledge_article", summary)


def do_delete_article(session: Session, *, actor: Actor, article: KnowledgeArticle) -> None:
    translations = session.scalars(
        select(KnowledgeArticle).where(KnowledgeArticle.translation_of_id == article.id)
    ).all()
    successor = translations[0] if translations else None
    for other in translations:  # the first translation becomes the group's original
        other.translation_of_id = None if other is successor else successor.id  # type: ignore[union-attr]
    summary = {"before": {"title": article.title, "language": article.language}}
    _audit(session, actor, "knowledge.article_deleted", article, "knowledge_article", summary)
    session.delete(article)


def _short(values: dict[str, Any]) -> dict[str, Any]:
    """Audit summaries keep long bodies out of the chain: their length is enough."""
    return {k: (f"<{len(v)} chars>" if k == "body" else v) for k, v in values.items()}


def _unique_macro_name(session: Session, client_id: int, name: str, macro_id: int | None) -> None:
    clash = session.scalars(
        select(Macro.id).where(Macro.client_id == client_id, Macro.name == name)
    ).first()
    if clash is not None and clash != macro_id:
        raise Conflict(f"a macro named {name!r} already exists", code="macro_name_taken")


def do_create_macro(session: Session, *, actor: Actor, client: Client, data: MacroIn) -> Macro:
    _unique_macro_name(session, client.id, data.name, None)
    macro = Macro(
        client_id=client.id, name=data.name, bodies=dict(data.bodies),
        add_tags=sorted(set(data.add_tags)),
        set_status=data.set_status.value if data.set_status else None, is_active=data.is_active,
    )  # fmt: skip
    session.add(macro)
    session.flush()
    summary = {"after": {"name": data.name, "languages": sorted(data.bodies)}}
    _audit(session, actor, "knowledge.macro_created", macro, "macro", summary)
    return macro


def do_update_macro(session: Session, *, actor: Actor, macro: Macro, patch: MacroPatch) -> None:
    changes = patch.model_dump(mode="json", exclude_unset=True)
    if changes.get("name"):
        _unique_macro_name(session, macro.client_id, changes["name"], macro.id)
    for required in ("name", "bodies", "add_tags", "is_active"):
        if required in changes and changes[required] is None:
            del changes[required]
    before = {key: getattr(macro, key) for key in changes}
    for key, value in changes.items():
        setattr(macro, key, value)
    _audit(session, actor, "knowledge.macro_updated", macro, "macro",
           {"before": before, "after": changes})  # fmt: skip


def do_delete_macro(session: Session, *, actor: Actor, macro: Macro) -> None:
    _audit(session, actor, "knowledge.macro_deleted", macro, "macro", {"before": macro.name})
    session.delete(macro)


def copilot_settings(session: Session, *, client_id: int) -> CopilotSettings | None:
    return session.scalars(
        select(CopilotSettings).where(CopilotSettings.client_id == client_id)
    ).one_or_none()


def do_set_copilot_settings(
    session: Session, *, actor: Actor, client: Client, data: CopilotSettingsIn
) -> CopilotSettings:
    """Set or clear the client's endpoint; an absent api_key keeps the stored one."""
    settings = copilot_settings(session, client_id=client.id)
    if settings is None:
        settings = CopilotSettings(client_id=client.id)
        session.add(settings)
    settings.endpoint_url = str(data.endpoint_url) if data.endpoint_url else None
    settings.model = data.model if data.endpoint_url else None
    if data.endpoint_url is None:
        settings.api_key = None
    elif data.api_key is not None:
        settings.api_key = data.api_key
    session.flush()
    summary = {"after": {"endpoint_url": settings.endpoint_url, "model": settings.model,
                         "api_key_set": settings.api_key is not None}}  # fmt: skip
    _audit(session, actor, "copilot.settings_changed", settings, "copilot_settings", summary)
    return settings
