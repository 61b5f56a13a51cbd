"""The demo's knowledge base: seeded once per brand, in the brand's languages, searchable."""

from __future__ import annotations

from sqlalchemy import select

from tawasol.copilot.retrieval import search_knowledge
from tawasol.db.tenancy import Scope
from tawasol.demo.corpus import CLIENT_BRANDS
from tawasol.demo.seed_knowledge import ARTICLES, MACROS, seed_knowledge
from tawasol.models.client import Client
from tawasol.models.knowledge import KnowledgeArticle, Macro
from tests.factories import SYSTEM, make_client


def test_seeding_is_idempotent_and_searchable(runtime) -> None:  # type: ignore[no-untyped-def]
    brand = next(b for b in CLIENT_BRANDS if b.slug == "bazar-zwin")
    client_id = make_client(runtime)
    with runtime.db.unit(Scope.system()) as session:
        client = session.get(Client, client_id)
        assert client is not None
        made = seed_knowledge(session, actor=SYSTEM, brand=brand, client=client)
        assert made == sum(len(versions) for _, versions in ARTICLES[brand.slug])
        assert seed_knowledge(session, actor=SYSTEM, brand=brand, client=client) == 0
    with runtime.db.unit(Scope.system(), write=False) as session:
        articles = list(session.scalars(
            select(KnowledgeArticle).where(KnowledgeArticle.client_id == client_id)))  # fmt: skip
        macros = list(session.scalars(select(Macro).where(Macro.client_id == client_id)))
        assert len(articles) == made and len(macros) == len(MACROS[brand.slug])
        assert {a.language for a in articles} == {"ar", "ary", "fr"}
        hits = search_knowledge(session, client_id=client_id, query="bghit nlghi lcommande")
        top = next(a for a in articles if a.id == hits[0].doc.article_id)
        assert top.title == "كيفاش تلغي الكوموند" and top.translation_of_id is not None
    assert all(b.slug in ARTICLES and b.slug in MACROS for b in CLIENT_BRANDS)
