"""The inbox search: substrings of subjects and contact names through the trigram indexes
(FTS5 on SQLite, pg_trgm on PostgreSQL), kept in sync with the rows, and tenant-scoped."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select, text

from tawasol.conversations import search
from tawasol.conversations.queries import ConversationFilters, list_conversations
from tawasol.conversations.search import scanned, trigram_like
from tawasol.db.tenancy import Scope
from tawasol.models.contact import Contact
from tawasol.models.conversation import Conversation
from tests.factories import SYSTEM, Tenant, make_tenant


def _found(runtime, tenant: Tenant, typed: str) -> list[int]:  # type: ignore[no-untyped-def]
    with runtime.db.unit(Scope.clients({tenant.client_id}), write=False) as session:
        rows = list_conversations(
            session, filters=ConversationFilters(search=typed), after=None, limit=50
        )
        return [c.id for c in rows]


def _subject(runtime, conversation_id: int, subject: str | None) -> None:  # type: ignore[no-untyped-def]
    with runtime.db.unit(SYSTEM.scope) as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        conversation.subject = subject


@pytest.mark.parametrize("dense", [False, True])
def test_subject_and_contact_name_substrings(runtime, monkeypatch, dense: bool) -> None:  # type: ignore[no-untyped-def]
    if dense:  # SQLite: as if the text matched many rows, walked instead of looked up
        monkeypatch.setattr(search, "DENSE_MATCHES", 1)
    tenant = make_tenant(runtime, "SR")
    other = make_tenant(runtime, "SX")
    _subject(runtime, tenant.conversation_id, "Commande N° 104217 : livraison en retard")
    _subject(runtime, other.conversation_id, "Commande N° 104217 : livraison en retard")
    mine = [tenant.conversation_id]
    assert _found(runtime, tenant, "04217") == mine  # the middle of an order number
    assert _found(runtime, tenant, "LIVRAISON EN") == mine  # case and spaces
    assert _found(runtime, tenant, "n° 1042") == mine
    assert _found(runtime, tenant, tenant.marker.split("-", 1)[1]) == mine  # contact's name
    assert _found(runtime, tenant, "livraison à l'heure") == []
    assert _found(runtime, other, "04217") == [other.conversation_id]  # never the other's


def test_wildcards_and_quotes_are_literal(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "SW")
    _subject(runtime, tenant.conversation_id, "Remise 100% sur \"promo_ete\" jusqu'à l'été")
    mine = [tenant.conversation_id]
    assert _found(runtime, tenant, "00%") == mine
    assert _found(runtime, tenant, "0% s") == mine
    assert _found(runtime, tenant, "o_e") == mine
    assert _found(runtime, tenant, '"promo_') == mine
    assert _found(runtime, tenant, "l'ét") == mine
    assert _found(runtime, tenant, "'; --") == []
    assert _found(runtime, tenant, "e%s") == []
    assert _found(runtime, tenant, "Re_ise") == []
    assert _found(runtime, tenant, "%") == mine  # short text: scanned, still literal
    assert _found(runtime, tenant, "_") == mine
    assert _found(runtime, tenant, "x%") == []


def test_index_follows_updates_deletes_and_renames(runtime) -> None:  # type: ignore[no-untyped-def]
    tenant = make_tenant(runtime, "SU")
    _subject(runtime, tenant.conversation_id, "Facture Zanzibar")
    assert _found(runtime, tenant, "zanzib") == [tenant.conversation_id]
    _subject(runtime, tenant.conversation_id, "Facture Tombouctou")
    assert _found(runtime, tenant, "zanzib") == []
    assert _found(runtime, tenant, "bouct") == [tenant.conversation_id]
    _subject(runtime, tenant.conversation_id, None)
    assert _found(runtime, tenant, "bouct") == []
    with runtime.db.unit(SYSTEM.scope) as session:
        contact = session.get(Contact, tenant.contact_id)
        assert contact is not None
        contact.name = "Yasmine Quetzalcoatl"
    assert _found(runtime, tenant, "quetzal") == [tenant.conversation_id]
    with runtime.db.unit(SYSTEM.scope) as session:
        session.delete(session.get(Conversation, tenant.conversation_id))
    assert _found(runtime, tenant, "quetzal") == []


@pytest.mark.parametrize("typed", ["commande 10", "ab"])
def test_search_reads_the_trigram_index(runtime, typed: str) -> None:  # type: ignore[no-untyped-def]
    """Three characters or more: the plan goes through the trigram index, not every row."""
    engine = runtime.db.engine
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            plan = _sqlite_listing_plan(runtime, conn, typed)
            uses_index = "VIRTUAL TABLE" in " ".join(str(row[-1]) for row in plan)
        else:
            # The test tables are a few pages, which PostgreSQL reads whole or by client
            # whatever the indexes: ask whether the condition alone can be served by an index.
            conn.execute(text("SET enable_seqscan = off; SET enable_indexscan = off"))
            condition = select(Conversation.id).where(
                trigram_like(typed) if len(typed) >= 3 else scanned(typed)
            )
            sql = condition.compile(engine, compile_kwargs={"literal_binds": True})
            plan = conn.exec_driver_sql(f"EXPLAIN {sql}").all()
            uses_index = "ix_conversations_subject_trgm" in " ".join(row[0] for row in plan)
    assert uses_index == (len(typed) >= 3), "\n".join(str(row) for row in plan)


def _sqlite_listing_plan(runtime, conn, typed: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    tenant = make_tenant(runtime, "SP")
    listing: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if "ORDER BY" in statement:
            listing.append((statement, parameters))

    event.listen(runtime.db.engine, "before_cursor_execute", record)
    try:
        with runtime.db.unit(Scope.clients({tenant.client_id}), write=False) as session:
            filters = ConversationFilters(search=typed, client_id=tenant.client_id)
            list_conversations(session, filters=filters, after=None, limit=30)
    finally:
        event.remove(runtime.db.engine, "before_cursor_execute", record)
    assert len(listing) == 1
    statement, parameters = listing[0]
    return conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
