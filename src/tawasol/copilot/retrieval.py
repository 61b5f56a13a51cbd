"""Searching a client's knowledge base: the hybrid index, cached per client, with citations.

The index is rebuilt when the client's passages or articles change (a cheap signature query
tells). Passages embedded by another model version are embedded again in memory for the
index; `do_update_article` and the seed store fresh vectors on every change."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawasol.copilot.passages import decode_vector, passage_embedding_text
from tawasol.copilot.ranking import Doc, Hit, HybridIndex, Mode
from tawasol.copilot.schemas import SearchHitOut
from tawasol.models.knowledge import KnowledgeArticle, KnowledgePassage
from tawasol.nlp.embeddings import Embedder, default_embedder

_CACHE_SIZE = 32
_lock = threading.Lock()
_indexes: OrderedDict[tuple[str, int, str], tuple[tuple[Any, ...], HybridIndex]] = OrderedDict()


def _signature(session: Session, client_id: int) -> tuple[Any, ...]:
    passages = session.execute(
        select(func.count(KnowledgePassage.id), func.max(KnowledgePassage.id)).where(
            KnowledgePassage.client_id == client_id
        )
    ).one()
    articles = session.execute(
        select(func.count(KnowledgeArticle.id), func.max(KnowledgeArticle.updated_at)).where(
            KnowledgeArticle.client_id == client_id
        )
    ).one()
    return (*passages, *articles)


def _build(session: Session, client_id: int, embedder: Embedder) -> HybridIndex:
    rows = session.execute(
        select(
            KnowledgePassage,
            KnowledgeArticle.title,
            KnowledgeArticle.language,
            KnowledgeArticle.tags,
        )  # fmt: skip
        .join(KnowledgeArticle, KnowledgeArticle.id == KnowledgePassage.article_id)
        .where(KnowledgePassage.client_id == client_id, KnowledgeArticle.is_published.is_(True))
        .order_by(KnowledgePassage.id)
    ).all()
    docs: list[Doc] = []
    vectors = np.zeros((len(rows), embedder.dimension), dtype=np.float32)
    stale: list[int] = []
    for row, (passage, title, language, tags) in enumerate(rows):
        docs.append(
            Doc(passage.id, passage.article_id, passage.position, title, language,
                passage.start, passage.end, passage.text, tuple(tags or ()))
        )  # fmt: skip
        vector = None
        if passage.embedder_version == embedder.version:
            vector = decode_vector(passage.embedding, embedder.dimension)
        if vector is None:
            stale.append(row)
        else:
            vectors[row] = vector
    if stale:
        texts = [passage_embedding_text(docs[i].title, docs[i].text) for i in stale]
        vectors[stale] = embedder.embed(texts, kind="passage")
    return HybridIndex(docs, vectors, embedder)


def client_index(
    session: Session, *, client_id: int, embedder: Embedder | None = None
) -> HybridIndex:
    """The client's index, from the cache when nothing changed since it was built."""
    embedder = embedder or default_embedder()
    key = (str(session.get_bind().url), client_id, embedder.version)
    signature = _signature(session, client_id)
    with _lock:
        cached = _indexes.get(key)
        if cached is not None and cached[0] == signature:
            _indexes.move_to_end(key)
            return cached[1]
    index = _build(session, client_id, embedder)
    with _lock:
        _indexes[key] = (signature, index)
        _indexes.move_to_end(key)
        while len(_indexes) > _CACHE_SIZE:
            _indexes.popitem(last=False)
    return index


def search_knowledge(
    session: Session,
    *,
    client_id: int,
    query: str,
    limit: int = 5,
    mode: Mode = "hybrid",
    embedder: Embedder | None = None,
) -> list[Hit]:
    index = client_index(session, client_id=client_id, embedder=embedder)
    return index.search(query, limit=limit, mode=mode)


def citation(hit: Hit) -> dict[str, Any]:
    """The JSON citation stored with a suggestion and returned by the search API."""
    doc = hit.doc
    return {
        "article_id": doc.article_id,
        "passage_id": doc.passage_id,
        "title": doc.title,
        "language": doc.language,
        "start": doc.start,
        "end": doc.end,
        "anchor": f"article-{doc.article_id}-p{doc.position}",
        "score": round(hit.score, 6),
    }


def search_hit_out(hit: Hit) -> SearchHitOut:
    return SearchHitOut(
        **citation(hit), text=hit.doc.text, lexical_rank=hit.lexical_rank,
        dense_rank=hit.dense_rank,
    )  # fmt: skip
