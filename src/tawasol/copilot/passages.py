"""Articles cut into passages (paragraphs) with their offsets, and the passages' vectors."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from sqlalchemy import delete
from sqlalchemy.orm import Session

from tawasol.models.knowledge import KnowledgeArticle, KnowledgePassage
from tawasol.nlp.embeddings import Embedder
from tawasol.nlp.normalize import normalize

MAX_PASSAGE_CHARS = 700
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def split_passages(body: str) -> list[Span]:
    """Paragraphs of ``body`` with their offsets; long paragraphs are cut between sentences."""
    spans: list[Span] = []
    cursor = 0
    for match in [*_PARAGRAPH_BREAK.finditer(body), None]:
        stop = match.start() if match else len(body)
        spans.extend(_cut(body, cursor, stop))
        cursor = match.end() if match else stop
    return spans


def _cut(body: str, start: int, stop: int) -> list[Span]:
    """The paragraph ``body[start:stop]`` trimmed, in pieces of at most MAX_PASSAGE_CHARS."""
    while start < stop and body[start].isspace():
        start += 1
    while stop > start and body[stop - 1].isspace():
        stop -= 1
    if start == stop:
        return []
    if stop - start <= MAX_PASSAGE_CHARS:
        return [Span(start, stop, body[start:stop])]
    pieces: list[Span] = []
    piece_start = start
    last_break = None
    for match in _SENTENCE_END.finditer(body, start, stop):
        if match.start() - piece_start > MAX_PASSAGE_CHARS and last_break is not None:
            pieces.append(Span(piece_start, last_break[0], body[piece_start : last_break[0]]))
            piece_start = last_break[1]
        last_break = (match.start(), match.end())
    pieces.append(Span(piece_start, stop, body[piece_start:stop]))
    return pieces


def passage_embedding_text(title: str, text: str) -> str:
    """What the dense model reads: the title gives a paragraph its topic; Arabizi is converted."""
    return normalize(f"{title}. {text}").embedding_text


def encode_vector(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def decode_vector(blob: bytes | None, dimension: int) -> np.ndarray | None:
    if blob is None or len(blob) != dimension * 4:
        return None
    return np.frombuffer(blob, dtype=np.float32)


def rebuild_passages(session: Session, *, article: KnowledgeArticle, embedder: Embedder) -> int:
    """Replace the article's passages with fresh ones, embedded now; returns how many."""
    session.execute(delete(KnowledgePassage).where(KnowledgePassage.article_id == article.id))
    spans = split_passages(article.body)
    if not spans:
        return 0
    vectors = embedder.embed(
        [passage_embedding_text(article.title, span.text) for span in spans], kind="passage"
    )
    for position, (span, vector) in enumerate(zip(spans, vectors, strict=True)):
        session.add(
            KnowledgePassage(
                client_id=article.client_id,
                article_id=article.id,
                position=position,
                start=span.start,
                end=span.end,
                text=span.text,
                embedding=encode_vector(vector),
                embedder_version=embedder.version,
            )  # fmt: skip
        )
    return len(spans)
