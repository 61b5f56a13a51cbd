"""Several clients in reach: the list is read per client and merged, and pages through exactly
the same sequence as the single `client_id IN (…)` query it replaces."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tawasol.conversations import queries
from tawasol.conversations.queries import ConversationFilters, list_conversations
from tawasol.db.tenancy import Scope
from tawasol.db.types import utcnow
from tawasol.models.conversation import Conversation, ConversationTag
from tawasol.models.vocabulary import Role
from tests.api.test_query_counts import counted
from tests.factories import SYSTEM, Tenant, login, make_tenant, make_user

STATUSES = ("open", "pending", "resolved")


def _world(runtime) -> list[Tenant]:  # type: ignore[no-untyped-def]
    """Three clients whose conversations interleave in time, with ties across clients."""
    tenants = [make_tenant(runtime, f"MG{i}") for i in range(3)]
    start = utcnow() - timedelta(days=3)
    with runtime.db.unit(SYSTEM.scope) as session:
        for n in range(14):
            moment = start + timedelta(minutes=n // 2)  # every minute is shared by two rows
            tenant = tenants[(n * 7) % 3]
            conversation = Conversation(
                client_id=tenant.client_id, inbox_id=tenant.inbox_id,
                contact_id=tenant.contact_id, channel="email", subject=f"merge {n}",
                status=STATUSES[n % 3], last_message_at=moment,
            )  # fmt: skip
            session.add(conversation)
            session.flush()
            if n % 2:
                session.add(ConversationTag(
                    client_id=tenant.client_id, conversation_id=conversation.id, tag="merged",
                    last_message_at=moment))  # fmt: skip
    return tenants


def _walk(runtime, scope: Scope, filters: ConversationFilters, limit: int) -> list[int]:  # type: ignore[no-untyped-def]
    seen: list[int] = []
    after: tuple[datetime, int] | None = None
    with runtime.db.unit(scope, write=False) as session:
        while True:
            page = list_conversations(session, filters=filters, after=after, limit=limit)
            seen += [c.id for c in page]
            if len(page) < limit:
                return seen
            after = (page[-1].last_message_at, page[-1].id)


@pytest.mark.parametrize(
    "filters",
    [
        ConversationFilters(),
        ConversationFilters(status=["open", "pending"]),
        ConversationFilters(tag="merged"),
        ConversationFilters(search="merge 1"),
    ],
)
def test_merged_pages_match_the_single_query(runtime, monkeypatch, filters) -> None:  # type: ignore[no-untyped-def]
    tenants = _world(runtime)
    scope = Scope.clients({t.client_id for t in tenants})
    with runtime.db.unit(scope, write=False) as session:
        assert queries.clients_to_merge(session, filters) == sorted(scope.client_ids or ())
    merged = _walk(runtime, scope, filters, limit=4)
    monkeypatch.setattr(queries, "MAX_MERGED_CLIENTS", 1)
    single = _walk(runtime, scope, filters, limit=4)
    assert merged == single
    assert len(merged) >= 4  # the walk crossed pages
    assert len({c for c in merged}) == len(merged)


def test_one_client_a_contact_or_too_many_clients_keep_one_query(runtime, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tenants = _world(runtime)
    scope = Scope.clients({t.client_id for t in tenants})
    with runtime.db.unit(scope, write=False) as session:
        merge = queries.clients_to_merge
        assert merge(session, ConversationFilters(client_id=tenants[0].client_id)) is None
        assert merge(session, ConversationFilters(contact_id=tenants[0].contact_id)) is None
        monkeypatch.setattr(queries, "MAX_MERGED_CLIENTS", 2)
        assert merge(session, ConversationFilters()) is None
    with runtime.db.unit(Scope.clients({tenants[0].client_id}), write=False) as session:
        assert queries.clients_to_merge(session, ConversationFilters()) is None


def test_operator_scope_merges_every_client(runtime, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _world(runtime)
    monkeypatch.setattr(queries, "MAX_MERGED_CLIENTS", 10_000)
    with runtime.db.unit(Scope.system(), write=False) as session:
        assert len(queries.clients_to_merge(session, ConversationFilters()) or []) >= 3
    merged = _walk(runtime, Scope.system(), ConversationFilters(tag="merged"), limit=5)
    monkeypatch.setattr(queries, "MAX_MERGED_CLIENTS", 1)
    assert merged == _walk(runtime, Scope.system(), ConversationFilters(tag="merged"), limit=5)


def test_api_pages_with_cursors_across_three_clients(app, runtime, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tenants = _world(runtime)
    _, email = make_user(runtime, Role.SUPERVISOR, [t.client_id for t in tenants])
    client = login(app, email)

    def pages() -> tuple[list[int], int]:
        ids: list[int] = []
        params: dict[str, object] = {"limit": 3, "status": ["open", "pending", "resolved"]}
        for calls in range(1, 20):
            body = client.get("/api/v1/conversations", params=params).json()
            ids += [item["id"] for item in body["items"]]
            if not body["next_cursor"]:
                return ids, calls
            params["cursor"] = body["next_cursor"]
        raise AssertionError("the cursor never ended")

    with counted(runtime.db.engine) as statements:
        merged, calls = pages()
    lists = [s for s in statements if "FROM conversations" in s and "ORDER BY" in s]
    assert len(lists) == 3 * calls  # one keyset query per client and page
    monkeypatch.setattr(queries, "MAX_MERGED_CLIENTS", 1)
    with counted(runtime.db.engine) as statements:
        assert pages() == (merged, calls)
    assert len([s for s in statements if "FROM conversations" in s and "ORDER BY" in s]) == calls
    assert len(merged) == 3 + 14  # each tenant's own conversation and the fourteen above
