"""What an advisor types in the inbox search: a substring of the conversation's subject or of
its contact's name, case-insensitive, `%` and `_` taken literally.

From three characters on, the trigram indexes of migration 0015 find the matches (a
`pg_trgm` GIN index on PostgreSQL, an FTS5 `trigram` table on SQLite) instead of testing
every conversation of the client. Shorter text has no trigram: it falls back to `LIKE` on
the rows, which stops as soon as a page is found (one or two letters match almost every row).
The matching ids are read through `Conversation` and `Contact`, so the tenant scope still
applies to every part of the query.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    any_,
    column,
    func,
    literal,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session

from tawasol.models.contact import Contact
from tawasol.models.conversation import Conversation

MIN_INDEXED = 3  # a trigram index knows nothing of shorter text
# From this many matches on, a date-ordered walk finds a page of them within a few rows.
DENSE_MATCHES = 1000

_FTS = {"conversations_search": "subject", "contacts_search": "name"}
_TRIGRAM_INDEXES = ("ix_conversations_subject_trgm", "ix_contacts_name_trgm")
# FTS5 keeps each table's index in shadow tables named after it (`<table>_data`, …).
_FTS_SHADOWS = tuple(f"{name}_" for name in _FTS)


def is_search_object(name: str | None) -> bool:
    """Schema objects of migration 0015 that the models do not declare (see its docstring)."""
    if name is None:
        return False
    return name in _FTS or name in _TRIGRAM_INDEXES or name.startswith(_FTS_SHADOWS)


def escape_like(text: str) -> str:
    """Typed `%` and `_` are literal characters, not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_condition(session: Session, text: str) -> ColumnElement[bool]:
    """Conversations whose subject or contact name contains `text`.

    Few matches: read them from the trigram index and sort them. Many matches: walk the
    date-ordered index and test each row's subject (the page fills after a few rows) while
    the contacts still come from their index. PostgreSQL's trigram statistics make that
    choice in its planner (given an OR it can answer either way); SQLite knows nothing of an
    FTS result's size, so one count decides."""
    if len(text) < MIN_INDEXED:
        return scanned(text)
    if session.get_bind().dialect.name != "sqlite":
        return trigram_like(text)
    subjects, names = _fts_match(text)
    if _at_least(session, (subjects, names), DENSE_MATCHES):
        pattern = "%" + escape_like(text) + "%"
        walked = Conversation.subject.ilike(pattern, escape="\\")
        return or_(walked, Conversation.contact_id.in_(names))
    return or_(Conversation.id.in_(subjects), Conversation.contact_id.in_(names))


def trigram_like(text: str) -> ColumnElement[bool]:
    """`lower(column) LIKE`, the expressions of the `pg_trgm` indexes."""
    # Written into the statement, not bound: a prepared statement's generic plan would not
    # know the text, so it could not tell a rare one (use the index) from a common one (walk).
    pattern = func.lower(literal("%" + escape_like(text) + "%", String(), literal_execute=True))
    named = select(Contact.id).where(func.lower(Contact.name).like(pattern, escape="\\"))
    # `= ANY(ARRAY(…))` is computed once and, unlike `IN (subquery)`, can join a BitmapOr.
    return or_(
        func.lower(Conversation.subject).like(pattern, escape="\\"),
        Conversation.contact_id == any_(func.array(named.scalar_subquery())),
    )


def _at_least(session: Session, found: tuple[Select[Any], Select[Any]], enough: int) -> bool:
    """Whether the FTS queries match `enough` rows, counting no further. Every client's rows
    count: only the plan depends on it, never what the page shows."""
    counts = [
        select(func.count()).select_from(q.limit(enough).subquery()).scalar_subquery()
        for q in found
    ]
    total = session.execute(select(counts[0] + counts[1])).scalar_one()
    return int(total) >= enough


def _fts_match(text: str) -> tuple[Select[Any], Select[Any]]:
    """The FTS5 phrase query: with the trigram tokenizer, a quoted phrase is a substring."""
    phrase = '"' + text.replace('"', '""') + '"'
    found: list[Select[Any]] = []
    for name, searched in _FTS.items():
        fts = table(name, column("rowid"), column(searched))
        found.append(select(fts.c.rowid).where(fts.c[searched].op("MATCH")(phrase)))
    return found[0], found[1]


def scanned(text: str) -> ColumnElement[bool]:
    pattern = "%" + escape_like(text) + "%"
    named = select(Contact.id).where(Contact.name.ilike(pattern, escape="\\"))
    return or_(Conversation.subject.ilike(pattern, escape="\\"), Conversation.contact_id.in_(named))
